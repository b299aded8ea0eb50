//! The workspace index: every report under the workspace folders, analysed in the background and
//! kept current through `workspace/didChangeWatchedFiles`, and the catalogue of every report's
//! comparable facts that `cross-report` reads.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, Mutex};

use tower_lsp_server::Client;

use tower_lsp_server::ls_types::{NumberOrString, Position, Range, Uri};

use super::document::Snapshot;
use super::position::Encoding;
use super::state::{Backend, State, lock};
use crate::config::Config;
use crate::facts::cross::Summary;
use crate::model::{Analysis, Finding};
use crate::outline::Format;
use crate::text::Span;

/// Reads and analyses one report; binary, non-UTF-8 and oversized files are skipped with a
/// log line. The read is bounded by `max-file-size` even if the file grew since it was found.
pub fn read_report(path: &Path, config: &Config) -> Option<(String, Analysis)> {
    let text = match crate::host::read_text(path, config.max_file_size as u64) {
        Ok(text) => text,
        Err(crate::host::ReadError::NotUtf8 { .. }) => {
            eprintln!("dossier: index: skipping {} (not UTF-8)", path.display());
            return None;
        }
        Err(_) => return None,
    };
    if text.contains('\0') {
        eprintln!("dossier: index: skipping binary file {}", path.display());
        return None;
    }
    let analysis = crate::host::analyze(&text, config, Format::from_path(&path.to_string_lossy()));
    Some((text, analysis))
}

/// A report on disk read for the index: what is kept of it while it is not open.
pub fn index_file(path: &Path, config: &Config, enc: Encoding) -> Option<Indexed> {
    let (text, analysis) = read_report(path, config)?;
    Some(Indexed::new(&text, analysis, config, enc))
}

/// What the server keeps of a report on disk that is not open: its actors and sections (an
/// analysis with nothing else), its comparable facts, and the positions of their spans in the
/// negotiated encoding. Neither its text nor the rest of its analysis is kept: a workspace of
/// 10,000 reports would hold a gigabyte of them, for features that read only this. What reads
/// more (a timeline) reads the file again.
pub struct Indexed {
    pub analysis: Arc<Analysis>,
    pub summary: Arc<Summary>,
    /// Each offset a span of `analysis` or a fact of `summary` starts or ends at, sorted, with
    /// its position (offsets past 4 GiB, which no report read reaches, are saturated).
    places: Box<[(u32, Position)]>,
}

impl Indexed {
    pub fn new(text: &str, analysis: Analysis, config: &Config, enc: Encoding) -> Indexed {
        let mut summary = Summary::new(text, &analysis, config);
        // Kept for as long as the report is not open: without the room vectors grow by.
        summary.facts.shrink_to_fit();
        let mentions = analysis.actors.iter().flat_map(|a| &a.mentions);
        let headings = analysis.sections.iter().map(|s| &s.heading);
        let facts = summary.facts.iter().map(|f| &f.span);
        let mut offsets: Vec<usize> = mentions
            .chain(headings)
            .chain(facts)
            .flat_map(|sp| [sp.start, sp.end])
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let lines = super::position::Lines::new(text);
        let places = offsets
            .into_iter()
            .map(|o| (saturated(o), lines.position(text, o, enc)))
            .collect();
        let Analysis {
            title,
            mut sections,
            mut actors,
            ..
        } = analysis;
        sections.shrink_to_fit();
        actors.shrink_to_fit();
        for a in &mut actors {
            a.mentions.shrink_to_fit();
            a.aliases.shrink_to_fit();
            a.titles.shrink_to_fit();
        }
        Indexed {
            analysis: Arc::new(Analysis {
                title,
                sections,
                actors,
                ..Analysis::default()
            }),
            summary: Arc::new(summary),
            places,
        }
    }

    /// The position of an offset some kept span starts or ends at (any other offset is placed
    /// at the nearest such offset before it).
    fn position(&self, offset: usize) -> Position {
        let offset = saturated(offset);
        let k = self.places.partition_point(|(o, _)| *o <= offset);
        k.checked_sub(1)
            .map_or(super::position::line_start(0), |k| self.places[k].1)
    }

    /// The range of a kept span, in the encoding the report was indexed in.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }
}

fn saturated(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Which indexed reports mention each actor, by canonical name, and how often: what a hover's
/// "Also in" reads, rather than the actors of every report of a workspace of thousands (which
/// took 15 ms a hover at 10,000, most of it cache misses).
#[derive(Default)]
pub struct Mentioned {
    slots: HashMap<Uri, u32>,
    uris: Vec<Option<Uri>>,
    free: Vec<u32>,
    by_name: HashMap<Box<str>, HashMap<u32, u32>>,
}

impl Mentioned {
    /// Files the mentions of an indexed report's actors (after `forget` of what was filed).
    fn file(&mut self, uri: &Uri, analysis: &Analysis) {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.uris.push(None);
                (self.uris.len() - 1) as u32
            }
        };
        self.uris[slot as usize] = Some(uri.clone());
        self.slots.insert(uri.clone(), slot);
        for a in &analysis.actors {
            let n = u32::try_from(a.mentions.len()).unwrap_or(u32::MAX);
            *self
                .by_name
                .entry(a.name.as_ref().into())
                .or_default()
                .entry(slot)
                .or_default() += n;
        }
    }

    /// Forgets what `file` filed of a report's actors.
    fn forget(&mut self, uri: &Uri, analysis: &Analysis) {
        let Some(slot) = self.slots.remove(uri) else {
            return;
        };
        for a in &analysis.actors {
            if let Some(reports) = self.by_name.get_mut(a.name.as_ref()) {
                reports.remove(&slot);
                if reports.is_empty() {
                    self.by_name.remove(a.name.as_ref());
                }
            }
        }
        self.uris[slot as usize] = None;
        self.free.push(slot);
    }

    /// The indexed reports that mention the actor of this canonical name, with their counts.
    pub fn of<'a>(&'a self, name: &str) -> impl Iterator<Item = (&'a Uri, usize)> + 'a {
        self.by_name.get(name).into_iter().flat_map(move |reports| {
            reports.iter().filter_map(move |(&slot, &n)| {
                Some((self.uris[slot as usize].as_ref()?, n as usize))
            })
        })
    }
}

/// A report as the workspace features read it: open, with its text, or indexed.
#[derive(Clone, Copy)]
pub enum Known<'a> {
    Open(&'a Snapshot),
    Indexed(&'a Indexed),
}

impl<'a> Known<'a> {
    /// Its analysis: a whole one when it is open, its actors and sections when it is indexed.
    pub fn analysis(self) -> &'a Analysis {
        match self {
            Known::Open(snap) => &snap.analysis,
            Known::Indexed(i) => &i.analysis,
        }
    }

    /// The range of one of its actors' mentions, sections' headings or facts' figures.
    pub fn range(self, span: Span, enc: Encoding) -> Range {
        match self {
            Known::Open(snap) => snap.range(span, enc),
            Known::Indexed(i) => i.range(span),
        }
    }
}

/// How many reports are read between two progress reports and two takings of the lock.
const CHUNK: usize = 64;

/// Indexes the workspace folders in the background, reporting `$/progress`: at start, and again
/// whenever a `dossier.toml` changes (which may change which files are reports, and how each
/// reads). A pass started later makes an earlier one stop; the last pass forgets the reports it
/// no longer finds.
pub fn start_indexing(b: &Backend) {
    index_in_background(b.state.clone(), b.client.clone());
}

/// `start_indexing` for a task that holds the state and the client rather than a `Backend`.
pub fn index_in_background(state: Arc<Mutex<State>>, client: Client) {
    tokio::spawn(async move {
        let (roots, settings, progress, enc, pass, before) = {
            let mut s = lock(&state);
            s.index_pass += 1;
            // What this pass may forget: a report indexed while it runs (a file created after
            // the walk, told of by the client) is not its to forget.
            let before: Vec<Uri> = s.index.keys().cloned().collect();
            (
                s.roots.clone(),
                s.settings.clone(),
                s.caps.progress,
                s.encoding(),
                s.index_pass,
                before,
            )
        };
        if roots.is_empty() {
            return;
        }
        let token = NumberOrString::String(format!("dossier/index/{pass}"));
        let ongoing = if progress
            && client
                .create_work_done_progress(token.clone())
                .await
                .is_ok()
        {
            Some(
                client
                    .progress(token, "Indexing reports")
                    .with_percentage(0)
                    .begin()
                    .await,
            )
        } else {
            None
        };
        let files = {
            let settings = settings.clone();
            tokio::task::spawn_blocking(move || {
                crate::host::workspace_reports(&roots, &settings.globs, settings.max_file_size)
            })
            .await
            .unwrap_or_default()
        };
        let total = files.len().max(1);
        let mut found = std::collections::HashSet::with_capacity(files.len());
        let mut stopped = false;
        for (n, chunk) in files.chunks(CHUNK).enumerate() {
            // Each report is read with its own configuration: the editor's settings under the
            // nearest `dossier.toml`.
            let work: Vec<(std::path::PathBuf, Uri, Arc<Config>)> = {
                let mut s = lock(&state);
                if s.index_pass != pass {
                    stopped = true;
                    break;
                }
                chunk
                    .iter()
                    .filter_map(|p| {
                        let uri = Uri::from_file_path(p)?;
                        let config = s.config_for(&uri);
                        Some((p.clone(), uri, config))
                    })
                    .collect()
            };
            let indexed = tokio::task::spawn_blocking(move || {
                use rayon::prelude::*;
                work.into_par_iter()
                    .filter_map(|(p, uri, config)| Some((uri, index_file(&p, &config, enc)?)))
                    .collect::<Vec<_>>()
            })
            .await
            .unwrap_or_default();
            {
                let mut s = lock(&state);
                if s.index_pass != pass {
                    stopped = true;
                    break;
                }
                for (uri, indexed) in indexed {
                    found.insert(uri.clone());
                    s.set_indexed(&uri, Some(indexed));
                    s.refile(&uri);
                }
            }
            if let Some(p) = &ongoing {
                let done = ((n + 1) * CHUNK).min(total);
                p.report_with_message(
                    format!("{done}/{total} reports"),
                    (done * 100 / total) as u32,
                )
                .await;
            }
        }
        if let Some(p) = ongoing {
            let message = if stopped {
                "indexing again".to_string()
            } else {
                format!("{} reports indexed", found.len())
            };
            p.finish_with_message(message).await;
        }
        if stopped {
            return;
        }
        let open: Vec<Uri> = {
            let mut s = lock(&state);
            // Reports no longer found (deleted unseen, or no report under new globs).
            let gone = before.into_iter().filter(|u| !found.contains(u));
            for uri in gone {
                s.set_indexed(&uri, None);
                s.refile(&uri);
            }
            s.docs.keys().cloned().collect()
        };
        // The open reports' facts now meet the workspace's.
        super::jobs::diagnostics_changed(&state, &client, open).await;
    });
}

impl State {
    /// Puts a report's index entry in place of the one before (`None`: takes it out), and
    /// what is filed of its actors with it; its facts are filed by `refile`.
    pub fn set_indexed(&mut self, uri: &Uri, indexed: Option<Indexed>) {
        if let Some(old) = self.index.remove(uri) {
            self.mentioned.forget(uri, &old.analysis);
        }
        if let Some(new) = indexed {
            self.mentioned.file(uri, &new.analysis);
            self.index.insert(uri.clone(), new);
        }
    }

    /// Files the facts of a report that is not open from its indexed snapshot, or forgets them
    /// when it is not indexed; an open report's are filed from its analysis (`cross_findings`).
    /// Whether what is filed changed.
    pub fn refile(&mut self, uri: &Uri) -> bool {
        if self.docs.contains_key(uri) {
            return false;
        }
        match self.index.get(uri) {
            Some(indexed) => {
                let summary = indexed.summary.clone();
                self.file(uri, summary)
            }
            None => {
                let had = self.catalogue.get(uri.as_str()).is_some();
                self.catalogue.remove(uri.as_str());
                had
            }
        }
    }

    /// Files a report's facts unless the other reports would read them as those filed before
    /// (a keystroke that moves a figure along its line); whether they were filed.
    fn file(&mut self, uri: &Uri, summary: Arc<Summary>) -> bool {
        if self
            .catalogue
            .get(uri.as_str())
            .is_some_and(|s| s.same_for_others(&summary))
        {
            return false;
        }
        self.catalogue.insert(uri.as_str(), summary);
        true
    }

    /// The `cross-report` findings of an open report's analysis, its facts filed first, and
    /// whether they changed (then the other open reports' findings may have).
    pub fn cross_findings(&mut self, uri: &Uri) -> (Vec<Finding>, bool) {
        let config = self.config_for(uri);
        let Some(doc) = self.docs.get(uri) else {
            return (Vec::new(), false);
        };
        let snap = &doc.snapshot;
        let summary = Arc::new(Summary::new(&snap.text, &snap.analysis, &config));
        let changed = self.file(uri, summary.clone());
        // This report's own findings are placed by its current spans.
        let found = self
            .catalogue
            .findings(uri.as_str(), &summary, &config.checks, &label);
        (found, changed)
    }

    /// The open reports other than `uri`.
    pub fn other_open(&self, uri: &Uri) -> Vec<Uri> {
        self.docs.keys().filter(|u| *u != uri).cloned().collect()
    }
}

/// A report as a message names it: its file name (`relatedInformation` has the whole URI).
pub(crate) fn label(uri: &str) -> String {
    uri.rsplit('/').next().unwrap_or(uri).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(text: &str) -> Analysis {
        crate::analyze(text, &Config::default(), Format::Plain)
    }

    /// What is filed of a report's actors follows its index entry: replaced, it counts anew;
    /// taken out, it is gone, and its slot serves the next report.
    #[test]
    fn the_names_filed_follow_the_index() {
        let mut s = State::default();
        let (a, b): (Uri, Uri) = (
            "file:///ws/a.md".parse().unwrap(),
            "file:///ws/b.md".parse().unwrap(),
        );
        let index = |text: &str| {
            Some(Indexed::new(
                text,
                analysis(text),
                &Config::default(),
                Encoding::Utf16,
            ))
        };
        let of = |s: &State, name: &str| {
            let mut v: Vec<(String, usize)> = s
                .mentioned
                .of(name)
                .map(|(u, n)| (u.as_str().to_string(), n))
                .collect();
            v.sort();
            v
        };
        s.set_indexed(&a, index("Kenya met Uganda. Kenya agreed.\n"));
        s.set_indexed(&b, index("Kenya waited.\n"));
        assert_eq!(
            of(&s, "Kenya"),
            [("file:///ws/a.md".into(), 2), ("file:///ws/b.md".into(), 1)]
        );
        s.set_indexed(&a, index("Uganda alone.\n"));
        assert_eq!(of(&s, "Kenya"), [("file:///ws/b.md".into(), 1)]);
        assert_eq!(of(&s, "Uganda"), [("file:///ws/a.md".into(), 1)]);
        s.set_indexed(&b, None);
        assert!(of(&s, "Kenya").is_empty());
        assert!(!s.mentioned.by_name.contains_key("Kenya"));
    }
}
