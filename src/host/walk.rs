//! Which files under a folder are reports: one rule for the command line's folders and the
//! server's workspace folders.
//!
//! A report is a file whose path matches one of the `globs` setting's patterns, outside hidden
//! folders, `target` and `node_modules`, and not ignored by a `.gitignore` or `.ignore` file;
//! symbolic links are never followed, so nothing outside the folder is read.

use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};

/// Folders of build output and packages, which hold other people's Markdown, not reports.
const SKIPPED_FOLDERS: &[&str] = &["target", "node_modules"];

/// The globs as a matcher rooted at `root`; a bad glob is left out with a log line.
fn matcher(root: &Path, globs: &[String]) -> Option<Override> {
    let mut overrides = OverrideBuilder::new(root);
    for g in globs {
        if let Err(e) = overrides.add(g) {
            eprintln!("dossier: bad report glob {g}: {e}");
        }
    }
    overrides.build().ok()
}

/// The reports under `root`, in the order of a walk with each folder's entries sorted by name.
/// With `max_size`, larger files are passed over; without it they are listed, for whoever reads
/// them to say why they are skipped. So are FIFOs, sockets and devices with a report's name.
pub fn reports_under(root: &Path, globs: &[String], max_size: Option<u64>) -> Vec<PathBuf> {
    let mut walk = ignore::WalkBuilder::new(root);
    walk.follow_links(false)
        .hidden(true)
        .max_filesize(max_size)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_FOLDERS.iter().any(|s| e.file_name() == *s))
        });
    if let Some(o) = matcher(root, globs) {
        walk.overrides(o);
    }
    walk.build()
        .flatten()
        .filter(|e| e.depth() > 0 && e.file_type().is_some_and(|t| !t.is_dir()))
        .map(ignore::DirEntry::into_path)
        .collect()
}

/// The reports of every workspace folder, those over `max_size` passed over.
pub fn workspace_reports(roots: &[PathBuf], globs: &[String], max_size: usize) -> Vec<PathBuf> {
    roots
        .iter()
        .flat_map(|r| reports_under(r, globs, Some(max_size as u64)))
        .collect()
}

/// Whether a file a client says changed is a report of the workspace folder `root`, by the
/// globs and folders `reports_under` follows (ignore files are read only by walks).
pub fn is_report_in(root: &Path, path: &Path, globs: &[String]) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let skipped = rel.parent().is_some_and(|dir| {
        dir.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || SKIPPED_FOLDERS.contains(&name.as_ref())
        })
    });
    !skipped && matcher(root, globs).is_some_and(|m| m.matched(path, false).is_whitelist())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs() -> Vec<String> {
        crate::config::Config::default().globs
    }

    #[test]
    fn reports_are_found_by_glob_outside_hidden_and_build_folders() {
        let root = std::env::temp_dir().join(format!("dossier-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for f in [
            "a.md",
            "b/c.txt",
            "b/d.rs",
            "notes.text",
            ".hidden/e.md",
            "node_modules/f.md",
            "target/g.md",
            "ignored/h.md",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        std::fs::write(root.join(".ignore"), "ignored/\n").unwrap();
        let found: Vec<String> = reports_under(&root, &globs(), None)
            .iter()
            .map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        // `.text` files are not among the default globs.
        assert_eq!(found, ["a.md", "b/c.txt"]);
        assert!(is_report_in(&root, &root.join("b/new.md"), &globs()));
        assert!(!is_report_in(&root, &root.join("b/new.rs"), &globs()));
        assert!(!is_report_in(
            &root,
            &root.join("node_modules/x.md"),
            &globs()
        ));
        assert!(!is_report_in(&root, &root.join(".git/x.md"), &globs()));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
