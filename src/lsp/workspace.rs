//! The workspace index: every report under the workspace folders, analysed in the background and
//! kept current through `workspace/didChangeWatchedFiles`, and the catalogue of every report's
//! comparable facts that `cross-report` reads.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types::{NumberOrString, Uri};

use super::document::Snapshot;
use super::state::{Backend, State, lock};
use crate::config::Config;
use crate::facts::cross::Summary;
use crate::model::Finding;
use crate::outline::Format;

/// Reads and analyses one report; binary, non-UTF-8 and oversized files are skipped with a
/// log line. The read is bounded by `max-file-size` even if the file grew since it was found.
pub fn index_file(path: &Path, config: &Config) -> Option<Snapshot> {
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
    Some(Snapshot::new(text, analysis))
}

/// How many reports are read between two progress reports and two takings of the lock.
const CHUNK: usize = 16;

/// Indexes the workspace folders in the background, reporting `$/progress`.
pub fn start_indexing(b: &Backend) {
    let state = b.state.clone();
    let client = b.client.clone();
    tokio::spawn(async move {
        let (roots, config, progress) = {
            let s = lock(&state);
            (s.roots.clone(), s.settings.clone(), s.caps.progress)
        };
        if roots.is_empty() {
            return;
        }
        let token = NumberOrString::String("dossier/index".into());
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
            let config = config.clone();
            tokio::task::spawn_blocking(move || {
                crate::host::workspace_reports(&roots, &config.globs, config.max_file_size)
            })
            .await
            .unwrap_or_default()
        };
        let total = files.len().max(1);
        for (n, chunk) in files.chunks(CHUNK).enumerate() {
            let chunk = chunk.to_vec();
            let config = config.clone();
            let indexed = tokio::task::spawn_blocking(move || {
                chunk
                    .iter()
                    .filter_map(|p| Some((p.clone(), index_file(p, &config)?)))
                    .collect::<Vec<_>>()
            })
            .await
            .unwrap_or_default();
            {
                let mut s = lock(&state);
                for (path, snapshot) in indexed {
                    if let Some(uri) = Uri::from_file_path(&path) {
                        s.index.insert(uri.clone(), snapshot);
                        s.refile(&uri);
                    }
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
            p.finish_with_message(format!("{} reports indexed", files.len()))
                .await;
        }
        // The open reports' facts now meet the workspace's.
        let open: Vec<Uri> = lock(&state).docs.keys().cloned().collect();
        super::jobs::diagnostics_changed(&state, &client, open).await;
    });
}

impl State {
    /// Files the facts of a report that is not open from its indexed snapshot, or forgets them
    /// when it is not indexed; an open report's are filed from its analysis (`cross_findings`).
    /// Whether what is filed changed.
    pub fn refile(&mut self, uri: &Uri) -> bool {
        if self.docs.contains_key(uri) {
            return false;
        }
        let config = self.config_for(uri);
        match self.index.get(uri) {
            Some(snap) => {
                let summary = Summary::new(&snap.text, &snap.analysis, &config);
                self.file(uri, &summary)
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
    fn file(&mut self, uri: &Uri, summary: &Summary) -> bool {
        if self
            .catalogue
            .get(uri.as_str())
            .is_some_and(|s| s.same_for_others(summary))
        {
            return false;
        }
        self.catalogue
            .insert(uri.as_str(), Arc::new(summary.clone()));
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
        let summary = Summary::new(&snap.text, &snap.analysis, &config);
        let changed = self.file(uri, &summary);
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
