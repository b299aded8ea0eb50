//! Tidy tests: architectural rules checked by reading the source.

use std::path::Path;

/// The analysis core stays pure: no protocol types, no runtime, no file system.
#[test]
fn the_core_never_imports_the_protocol_or_the_runtime() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if path.is_dir() {
                // The server and the file system's side (`host`) are outside the core.
                if rel != "lsp" && rel != "host" {
                    stack.push(path);
                }
                continue;
            }
            if ["main.rs", "cli.rs", "lib.rs"].contains(&rel.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for needle in [
                "tower_lsp",
                "ls_types",
                "lsp_types",
                "tokio",
                "std::fs",
                "SystemTime",
                "crate::host",
            ] {
                if text.contains(needle) {
                    offenders.push(format!("{rel} uses {needle}"));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// Only `lsp::position` builds LSP positions.
#[test]
fn only_the_position_module_builds_positions() {
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lsp")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.file_name().unwrap() == "position.rs" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code: String = text.split("#[cfg(test)]").next().unwrap().into();
            // A struct literal, not a function that returns a position.
            let literal = code
                .match_indices("Position {")
                .any(|(i, _)| !code[..i].ends_with("-> "));
            assert!(
                !code.contains("Position::new") && !literal,
                "{} builds a Position",
                path.display()
            );
        }
    }
}

/// Every module says what it is for.
#[test]
fn every_module_opens_with_a_doc_line() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    text.starts_with("//!"),
                    "{} lacks a //! line",
                    path.display()
                );
            }
        }
    }
}

/// Every check is documented for users and settable from VS Code: `table-total` was missing
/// from the extension's settings.
#[test]
fn every_check_is_listed_in_the_readme_and_the_vscode_settings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let package = std::fs::read_to_string(root.join("editors/vscode/package.json")).unwrap();
    for code in dossier::model::Check::ALL.map(|c| c.as_str()) {
        assert!(
            readme.contains(&format!("| `{code}` |")),
            "README lacks {code}"
        );
        assert!(
            package.contains(&format!("\"{code}\": {{")),
            "package.json lacks {code}"
        );
    }
}
