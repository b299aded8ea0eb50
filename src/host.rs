//! The file system side shared by the CLI and the server: reading reports, finding
//! `dossier.toml`, walking folders. The analysis core never calls into this module.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::config::{self, Config, ConfigError};

/// The largest `dossier.toml` read: settings fit in a few kilobytes, so anything near this size
/// is a mistake or a device, and reading it whole would only cost memory.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing exists at the path.
    Missing,
    /// A folder, FIFO, socket or device: reading one may block or never end.
    NotRegular,
    /// More bytes than the limit; `size` is known when the file system says it, not for a stream.
    TooLarge { size: Option<u64>, limit: u64 },
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    NotUtf8 { offset: usize },
    /// Any other failure of the operating system, such as a permission.
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::Missing
        } else {
            ReadError::Io(e)
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => write!(f, "no such file or directory"),
            ReadError::NotRegular => write!(f, "not a regular file"),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(f, "{size} bytes, over the {limit} byte limit"),
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "over the {limit} byte limit")
            }
            ReadError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset})")
            }
            ReadError::Io(e) => write!(f, "cannot read: {}", lower(&e.to_string())),
        }
    }
}

/// The text of a regular file of at most `limit` bytes. The file type and size are looked at
/// before the file is opened, because opening a FIFO blocks until someone writes to it, and a
/// device such as `/dev/zero` has no end; the read itself stops after `limit + 1` bytes in case
/// the file grows in between.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    read_bounded(fs::File::open(path)?, limit)
}

/// Standard input as text of at most `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<String, ReadError> {
    read_bounded(io::stdin().lock(), limit)
}

/// Reads no more than one byte past `limit`, which is enough to tell that the input is too large.
fn read_bounded(input: impl Read, limit: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Extensions of files Dossier treats as reports.
pub const REPORT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text"];

pub fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

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
    let text = read_text(path, MAX_CONFIG_SIZE).map_err(|e| match e {
        ReadError::TooLarge { .. } => {
            format!("{}: {e} for a configuration file", path.display())
        }
        e => format!("{}: {e}", path.display()),
    })?;
    let (c, errors) = config::parse(&text, base);
    Ok((
        c,
        errors
            .iter()
            .map(|e| format_config_error(path, e))
            .collect(),
    ))
}

pub fn format_config_error(path: &Path, e: &ConfigError) -> String {
    if e.line > 0 {
        format!("{}:{}: {}", path.display(), e.line, e.message)
    } else {
        format!("{}: {}", path.display(), e.message)
    }
}

/// Every file under `dir` named like a report, sorted, skipping hidden folders, `target` and
/// `node_modules`, and never following symbolic links. FIFOs, sockets and devices with a report's
/// name are listed too, so that whoever reads them can say why they are skipped.
pub fn walk_reports(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(ft) = entry.file_type() else { continue };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if ft.is_symlink() || name.starts_with('.') {
            continue;
        }
        if ft.is_dir() {
            if name != "target" && name != "node_modules" {
                walk_reports(&path, out);
            }
        } else if is_report(&path) {
            out.push(path);
        }
    }
}

/// Today's date from the system clock (UTC), the fallback reference for undated text.
pub fn today() -> crate::calendar::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::calendar::Date::from_days((secs / 86_400) as i64)
}

/// Analyses a report; undated text in a report that gives no date or period of its own is
/// resolved against today.
pub fn analyze(
    text: &str,
    config: &Config,
    format: crate::outline::Format,
) -> crate::model::Analysis {
    analyze_with(text, config, format, &mut crate::analysis::Cache::once())
}

/// `analyze`, reusing (and refreshing) the per-paragraph results in `cache`. Today is one input
/// of one analysis: a report without a date of its own is analysed once per change, as any other.
pub fn analyze_with(
    text: &str,
    config: &Config,
    format: crate::outline::Format,
    cache: &mut crate::analysis::Cache,
) -> crate::model::Analysis {
    if config.today.is_some() {
        return crate::analysis::analyze_with(text, config, format, cache);
    }
    let mut with_today = config.clone();
    with_today.today = Some(today());
    crate::analysis::analyze_with(text, &with_today, format, cache)
}
