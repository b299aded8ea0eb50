//! An open report: its rope, version, and the analysis of the latest version analysed.
//!
//! Edits apply to the rope at once; the analysis is made later, off the message loop (`Job`),
//! when a request needs it or the edits pause, so that typing never waits for it.

use std::sync::Arc;

use ropey::Rope;
use tokio::sync::watch;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

use super::position::{self, Encoding};
use crate::analysis::Cache;
use crate::config::Config;
use crate::model::Analysis;
use crate::outline::Format;
use crate::text::Span;

pub struct Document {
    /// The buffer: edits apply to it at once, in the order they arrive.
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    /// The text and analysis of the latest version analysed.
    pub snapshot: Snapshot,
    /// The version `snapshot` is of, once one has been analysed.
    analyzed: Option<i32>,
    /// Bumped when the configuration changes, so that a job started before is not taken as
    /// current.
    generation: u64,
    /// Per-paragraph results, so that an edit re-recognises only what it touched; `None` while
    /// a job holds them.
    cache: Option<Cache>,
    /// Counts finished jobs, for whoever waits on one.
    done: watch::Sender<u64>,
    /// Which opening of the report this is: a job started before the report was closed and
    /// opened again belongs to the old text and is dropped.
    id: u64,
}

/// A report's text as analysed, its analysis, and the line index that every position about them
/// goes through.
///
/// The text is the one contiguous copy of a report the server keeps, because the analysis reads
/// a `&str`: the rope's contents at the version analysed, copied when a job begins. Positions in
/// a request are read against it too, since a request is answered only once the analysis is of
/// the current version; only edits are read against the rope, which may be newer.
pub struct Snapshot {
    pub text: String,
    pub analysis: Arc<Analysis>,
    /// Made on the first conversion: a keystroke whose analysis has no diagnostic to publish
    /// converts no offset, and a long report's index costs a pass over its text.
    lines: std::sync::OnceLock<position::Lines>,
    /// Made on the first hover, for every hover of this version.
    index: std::sync::OnceLock<crate::ide::Index>,
}

impl Default for Snapshot {
    fn default() -> Snapshot {
        Snapshot::new(String::new(), Analysis::default())
    }
}

impl Snapshot {
    /// A snapshot of `text` and its analysis; the line index is made when first needed.
    pub fn new(text: String, analysis: Analysis) -> Snapshot {
        Snapshot {
            lines: std::sync::OnceLock::new(),
            index: std::sync::OnceLock::new(),
            text,
            analysis: Arc::new(analysis),
        }
    }

    /// What hover cards look up in this text and analysis.
    pub fn index(&self) -> &crate::ide::Index {
        self.index
            .get_or_init(|| crate::ide::Index::new(&self.text, &self.analysis))
    }

    fn lines(&self) -> &position::Lines {
        self.lines.get_or_init(|| position::Lines::new(&self.text))
    }

    /// The line starts of the text, for answers in whole lines (folds).
    pub fn line_index(&self) -> &crate::text::LineIndex {
        self.lines().index()
    }

    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        self.lines().position(&self.text, offset, enc)
    }

    pub fn range(&self, span: Span, enc: Encoding) -> Range {
        self.lines().range(&self.text, span, enc)
    }

    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        self.lines().offset(&self.text, pos, enc)
    }

    pub fn span(&self, range: Range, enc: Encoding) -> Span {
        self.lines().span(&self.text, range, enc)
    }
}

/// Numbers each `Document` made.
static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One analysis to make off the message loop: a copy of the text at one version, with the
/// document's cache.
pub struct Job {
    document: u64,
    version: i32,
    generation: u64,
    text: String,
    cache: Cache,
    format: Format,
    config: Config,
}

/// A job's result, to hand back to its document.
pub struct Finished {
    document: u64,
    version: i32,
    generation: u64,
    cache: Cache,
    snapshot: Snapshot,
}

impl Job {
    pub fn run(mut self) -> Finished {
        let analysis =
            crate::host::analyze_with(&self.text, &self.config, self.format, &mut self.cache);
        Finished {
            document: self.document,
            version: self.version,
            generation: self.generation,
            cache: self.cache,
            snapshot: Snapshot::new(self.text, analysis),
        }
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    /// The opening of the report this job analyses.
    pub fn document(&self) -> u64 {
        self.document
    }
}

impl Document {
    /// A document whose analysis is yet to be made (`begin`).
    pub fn open(text: &str, version: i32, format: Format) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
            format,
            snapshot: Snapshot::default(),
            analyzed: None,
            generation: 0,
            cache: Some(Cache::default()),
            done: watch::Sender::new(0),
            id: OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// A document analysed at once.
    pub fn new(text: &str, version: i32, format: Format, config: &Config) -> Document {
        let mut doc = Document::open(text, version, format);
        doc.reanalyze(config);
        doc
    }

    /// Which opening of the report this is (see `Job::document`).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether the analysis is of the current text and configuration.
    pub fn is_current(&self) -> bool {
        self.analyzed == Some(self.version)
    }

    /// The configuration changed: the analysis must be made again.
    pub fn invalidate(&mut self) {
        self.analyzed = None;
        self.generation += 1;
    }

    /// A receiver that sees the next job of this document finish.
    pub fn waiter(&self) -> watch::Receiver<u64> {
        self.done.subscribe()
    }

    /// The job that analyses the current text, or `None` while another job runs. The old
    /// analysis gives its buffers to the cache first, so that a long report is not held twice.
    pub fn begin(&mut self, config: &Config) -> Option<Job> {
        let mut cache = self.cache.take()?;
        let old = std::mem::take(&mut self.snapshot);
        if let Ok(analysis) = Arc::try_unwrap(old.analysis) {
            cache.recycle(analysis);
        }
        let mut text = old.text;
        text.clear();
        text.reserve(self.rope.len_bytes());
        for chunk in self.rope.chunks() {
            text.push_str(chunk);
        }
        Some(Job {
            document: self.id,
            version: self.version,
            generation: self.generation,
            text,
            cache,
            format: self.format,
            config: config.clone(),
        })
    }

    /// Takes a job's result: its analysis becomes the document's unless the configuration
    /// changed while it ran.
    pub fn finish(&mut self, done: Finished) {
        if done.document != self.id {
            return;
        }
        self.cache = Some(done.cache);
        self.snapshot = done.snapshot;
        if done.generation == self.generation {
            self.analyzed = Some(done.version);
        }
        self.done.send_modify(|n| *n += 1);
    }

    /// A job that panicked: the document keeps an empty analysis of that version rather than
    /// trying again on every request.
    pub fn fail(&mut self, version: i32) {
        self.cache = Some(Cache::default());
        self.snapshot = Snapshot::default();
        self.analyzed = Some(version);
        self.done.send_modify(|n| *n += 1);
    }

    /// Analyses the current text here and now.
    pub fn reanalyze(&mut self, config: &Config) {
        if let Some(job) = self.begin(config) {
            self.finish(job.run());
        }
    }

    /// Applies change events in order: ranged ones as edits, range-less ones as replacements.
    pub fn apply(&mut self, changes: &[TextDocumentContentChangeEvent], enc: Encoding) {
        for change in changes {
            apply_one(&mut self.rope, change, enc);
        }
    }
}

/// Applies one change event to the rope, reading its range against the rope's own text.
pub fn apply_one(rope: &mut Rope, change: &TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let span = position::span(rope, range, enc);
            let a = rope.byte_to_char(span.start);
            let b = rope.byte_to_char(span.end);
            rope.remove(a..b);
            rope.insert(a, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_match_a_full_replacement() {
        let mut rope = Rope::from_str("Seoul 서울\r\nBeijing 😀 x\nend");
        for (change, expect) in [
            (edit(0, 6, 0, 8, "한국"), "Seoul 한국\r\nBeijing 😀 x\nend"),
            (edit(1, 8, 1, 10, "🎉"), "Seoul 한국\r\nBeijing 🎉 x\nend"),
            (edit(0, 8, 1, 0, " "), "Seoul 한국 Beijing 🎉 x\nend"),
            (edit(1, 3, 1, 3, "\rCR"), "Seoul 한국 Beijing 🎉 x\nend\rCR"),
            (edit(9, 0, 9, 9, "!"), "Seoul 한국 Beijing 🎉 x\nend\rCR!"),
        ] {
            apply_one(&mut rope, &change, Encoding::Utf16);
            assert_eq!(rope.to_string(), expect);
        }
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        apply_one(&mut rope, &full, Encoding::Utf16);
        assert_eq!(rope.to_string(), "new");
    }
}
