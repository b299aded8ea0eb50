//! The workspace index: every report under the workspace folders, analysed in the background and
//! kept current through `workspace/didChangeWatchedFiles`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ropey::Rope;

use crate::config::Config;
use crate::model::Analysis;
use crate::outline::Format;

/// A report on disk that is not open in the editor.
pub struct Indexed {
    pub rope: Rope,
    pub analysis: Arc<Analysis>,
}

/// Report files under `root` that match `globs`, honouring `.gitignore` and never following
/// symbolic links (so nothing outside the workspace is read).
pub fn discover(root: &Path, globs: &[String], max_size: usize) -> Vec<PathBuf> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for g in globs {
        if let Err(e) = overrides.add(g) {
            eprintln!("dossier: bad workspace glob {g}: {e}");
        }
    }
    let mut walk = ignore::WalkBuilder::new(root);
    walk.follow_links(false)
        .max_filesize(Some(max_size as u64))
        .hidden(true);
    if let Ok(o) = overrides.build() {
        walk.overrides(o);
    }
    let mut out = Vec::new();
    for entry in walk.build().flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) {
            out.push(entry.into_path());
        }
    }
    out.sort();
    out
}

/// Reads and analyses one report; binary, non-UTF-8 and oversized files are skipped with a
/// log line. The read is bounded by `max-file-size` even if the file grew since it was found.
pub fn index_file(path: &Path, config: &Config) -> Option<Indexed> {
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
    Some(Indexed {
        rope: Rope::from_str(&text),
        analysis: Arc::new(analysis),
    })
}
