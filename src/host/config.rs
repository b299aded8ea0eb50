//! `dossier.toml`: finding the nearest one, reading it over the editor's or the command line's
//! settings, and remembering both for the server, which asks for every keystroke.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::files::{ReadError, read_text};
use crate::config::{self, Config, ConfigError};

/// The largest `dossier.toml` read: settings fit in a few kilobytes, so anything near this size
/// is a mistake or a device, and reading it whole would only cost memory.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// The nearest `dossier.toml` in `dir` or any parent. Anything by that name but a folder counts,
/// so that a FIFO or a device there is refused with a message when it is read, not passed over.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    // A relative folder's parents end at the current folder, and the file may sit above it.
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut d = Some(dir.as_path());
    while let Some(p) = d {
        let candidate = p.join("dossier.toml");
        if fs::metadata(&candidate).is_ok_and(|m| !m.is_dir()) {
            return Some(candidate);
        }
        d = p.parent();
    }
    None
}

/// Reads and applies a configuration file; problems in it come back with the file's path. A
/// file that cannot be read leaves `base` as it is and says why.
pub fn load_config(path: &Path, base: &Config) -> (Config, Vec<String>) {
    read_config(path, base).unwrap_or_else(|e| (base.clone(), vec![e]))
}

/// Reads and applies a configuration file, or says with its path why it cannot be read (missing,
/// not a regular file, over `MAX_CONFIG_SIZE`, not UTF-8).
pub fn read_config(path: &Path, base: &Config) -> Result<(Config, Vec<String>), String> {
    let text = read_config_text(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (c, errors) = config::parse(&text, base);
    Ok((
        c,
        errors
            .iter()
            .map(|e| format_config_error(path, e))
            .collect(),
    ))
}

/// The text of a configuration file, or why it cannot be read.
fn read_config_text(path: &Path) -> Result<String, String> {
    read_text(path, MAX_CONFIG_SIZE).map_err(|e| match e {
        ReadError::TooLarge { .. } => format!("{e} for a configuration file"),
        e => e.to_string(),
    })
}

/// A problem with its file's path, and its line and column when known: `path:line:col: …`.
pub fn format_config_error(path: &Path, e: &ConfigError) -> String {
    match (e.line, e.column) {
        (0, _) => format!("{}: {}", path.display(), e.message),
        (line, 0) => format!("{}:{line}: {}", path.display(), e.message),
        (line, column) => format!("{}:{line}:{column}: {}", path.display(), e.message),
    }
}

/// A `dossier.toml` just read: its path, its text (empty when it could not be read) and its
/// problems, a file that cannot be read being one problem without a line.
#[derive(Debug)]
pub struct ReadConfig {
    pub path: PathBuf,
    pub text: String,
    pub problems: Vec<ConfigError>,
}

/// The `dossier.toml` files found and read, so that a keystroke costs no look-up on disk. The
/// server forgets them when the client says a `dossier.toml` changed on disk (watched files) or
/// the settings change; a client that cannot watch files sees a new `dossier.toml` then.
#[derive(Debug, Default)]
pub struct ConfigFiles {
    /// The nearest `dossier.toml` of each folder asked about.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Each file's settings over the base they were read on, shared with every request that
    /// asks for them.
    read: HashMap<PathBuf, Arc<Config>>,
}

impl ConfigFiles {
    /// The nearest `dossier.toml` of `dir`, looked for once.
    pub fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        self.nearest
            .entry(dir.to_path_buf())
            .or_insert_with(|| find_config(dir))
            .clone()
    }

    /// The configuration for reports in `dir`: `base`, then the nearest `dossier.toml` over it.
    /// The file comes back too the first time it is read, with its problems.
    pub fn config_for(
        &mut self,
        dir: &Path,
        base: &Arc<Config>,
    ) -> (Arc<Config>, Option<ReadConfig>) {
        let Some(file) = self.nearest(dir) else {
            return (base.clone(), None);
        };
        self.read(&file, base)
    }

    /// The settings of `file` over `base`, and the file with its problems when it was read
    /// now, not remembered from before.
    pub fn read(&mut self, file: &Path, base: &Arc<Config>) -> (Arc<Config>, Option<ReadConfig>) {
        if let Some(c) = self.read.get(file) {
            return (c.clone(), None);
        }
        let (c, text, problems) = match read_config_text(file) {
            Ok(text) => {
                let (c, problems) = config::parse(&text, base);
                (c, text, problems)
            }
            Err(message) => {
                let problem = ConfigError {
                    line: 0,
                    column: 0,
                    message,
                };
                ((**base).clone(), String::new(), vec![problem])
            }
        };
        let c = Arc::new(c);
        self.read.insert(file.to_path_buf(), c.clone());
        let read = ReadConfig {
            path: file.to_path_buf(),
            text,
            problems,
        };
        (c, Some(read))
    }

    /// Forgets every look-up and reading, for them to be made again.
    pub fn forget(&mut self) {
        self.nearest.clear();
        self.read.clear();
    }
}
