//! The workspace index: every report under the workspace folders, analysed in the background and
//! kept current through `workspace/didChangeWatchedFiles`.

use std::path::Path;

use tower_lsp_server::ls_types::{NumberOrString, Uri};

use super::document::Snapshot;
use super::state::{Backend, lock};
use crate::config::Config;
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
                        s.index.insert(uri, snapshot);
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
    });
}
