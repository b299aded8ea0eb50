//! An open report: its rope, version and the analysis of that version.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::position::{self, Encoding};
use crate::config::Config;
use crate::model::Analysis;
use crate::outline::Format;

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub format: Format,
    /// The text the analysis was made from (the rope's contents at `version`).
    pub text: String,
    pub analysis: Arc<Analysis>,
    /// Per-paragraph results, so that an edit re-recognises only what it touched.
    cache: crate::analysis::Cache,
    /// The line starts of `text`, made when a request first converts many offsets of it.
    lines: std::sync::OnceLock<position::Lines>,
}

impl Document {
    pub fn new(text: &str, version: i32, format: Format, config: &Config) -> Document {
        let rope = Rope::from_str(text);
        let text = text.to_string();
        let mut cache = crate::analysis::Cache::default();
        let analysis = Arc::new(crate::host::analyze_with(&text, config, format, &mut cache));
        Document {
            cache,
            rope,
            version,
            format,
            text,
            analysis,
            lines: Default::default(),
        }
    }

    /// The line index of `text`, for converting the analysis's offsets to positions.
    pub fn lines(&self) -> &position::Lines {
        self.lines.get_or_init(|| position::Lines::new(&self.text))
    }

    /// The range of a span of the analysis, in the client's encoding.
    pub fn range(
        &self,
        span: crate::text::Span,
        enc: Encoding,
    ) -> tower_lsp_server::ls_types::Range {
        self.lines().range(&self.text, span, enc)
    }

    /// Applies change events in order: ranged ones as edits, range-less ones as replacements.
    pub fn apply(&mut self, changes: &[TextDocumentContentChangeEvent], enc: Encoding) {
        for change in changes {
            apply_one(&mut self.rope, change, enc);
        }
    }

    pub fn reanalyze(&mut self, config: &Config) {
        // Refill the text in place, and let the old analysis go before the new one is made (its
        // largest vectors are refilled): with a 1 MB report open, each is several megabytes the
        // server would otherwise hold twice.
        self.text.clear();
        for chunk in self.rope.chunks() {
            self.text.push_str(chunk);
        }
        self.lines = Default::default();
        if let Ok(old) = Arc::try_unwrap(std::mem::take(&mut self.analysis)) {
            self.cache.recycle(old);
        }
        self.analysis = Arc::new(crate::host::analyze_with(
            &self.text,
            config,
            self.format,
            &mut self.cache,
        ));
    }
}

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
    use tower_lsp_server::ls_types::{Position, Range};

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
