//! The file system side shared by the CLI and the server: reading reports, finding
//! `dossier.toml`, walking folders. The analysis core never calls into this module.

use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{self, Config, ConfigError};

/// Extensions of files Dossier treats as reports.
pub const REPORT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text"];

pub fn is_report(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The nearest `dossier.toml` in `dir` or any parent.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(p) = d {
        let candidate = p.join("dossier.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        d = p.parent();
    }
    None
}

/// Reads and applies a configuration file; problems come back with the file's path.
pub fn load_config(path: &Path, base: &Config) -> (Config, Vec<String>) {
    match fs::read_to_string(path) {
        Ok(text) => {
            let (c, errors) = config::parse(&text, base);
            (
                c,
                errors
                    .iter()
                    .map(|e| format_config_error(path, e))
                    .collect(),
            )
        }
        Err(e) => (
            base.clone(),
            vec![format!("{}: cannot read: {e}", path.display())],
        ),
    }
}

pub fn format_config_error(path: &Path, e: &ConfigError) -> String {
    if e.line > 0 {
        format!("{}:{}: {}", path.display(), e.line, e.message)
    } else {
        format!("{}: {}", path.display(), e.message)
    }
}

/// Every report under `dir`, sorted, skipping hidden folders, `target` and `node_modules`,
/// and never following symbolic links.
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
        } else if ft.is_file() && is_report(&path) {
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
