//! Skips that show: a test that cannot run here (no `../shared`, an editor not installed) says
//! so on `cargo test`'s output, and fails under CI (`CI` set), where `.ci/run` installs
//! everything the tests need.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Says that `test` did not run and why, past the test harness's capture of `eprintln!` (which
/// would hide the line of a test that passes); under CI, fails instead.
#[track_caller]
pub fn skip(test: &str, why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{test} cannot run under CI: {why}"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {why}");
}

/// `../shared/<rel>` beside the repository, or a skip of `test` when it is absent.
#[track_caller]
pub fn shared(test: &str, rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    skip(test, &format!("../shared/{rel} is absent"));
    None
}

/// Whether `tool --version` runs; a skip of `test` when it does not.
#[track_caller]
pub fn tool(test: &str, tool: &str) -> bool {
    let runs = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !runs {
        skip(
            test,
            &format!("{tool} is not installed (.ci/run installs it)"),
        );
    }
    runs
}

/// Whether `python3` can import `module`; a skip of `test` when it cannot.
#[track_caller]
pub fn python_module(test: &str, module: &str) -> bool {
    let imports = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !imports {
        skip(
            test,
            &format!("python3 cannot import {module} (.ci/run installs it)"),
        );
    }
    imports
}
