//! The editor integrations in real clients: headless Neovim, Emacs with eglot, pytest-lsp as
//! recorded Neovim, VS Code and Emacs clients, the VS Code extension's typecheck, bundle, unit
//! tests and package, and that package in a real VS Code (code-server, driven by Playwright).
//! `.ci/run` installs the tools; without them a local run says what it skipped, and under CI a
//! missing tool fails (`support/skip.rs`).

#[path = "support/skip.rs"]
mod skip;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a command, failing the test with its output when it fails; returns that output.
#[track_caller]
fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

#[test]
fn neovim_headless() {
    if !skip::tool("neovim_headless", "nvim") {
        return;
    }
    run(Command::new("nvim")
        .current_dir(root())
        .env("DOSSIER_BIN", env!("CARGO_BIN_EXE_dossier"))
        .args([
            "--headless",
            "--clean",
            "-c",
            "set rtp+=editors/nvim",
            "-c",
            "luafile editors/tests/nvim_test.lua",
            "editors/tests/fixture.md",
        ]));
}

#[test]
fn emacs_eglot_batch() {
    if !skip::tool("emacs_eglot_batch", "emacs") {
        return;
    }
    run(Command::new("emacs")
        .current_dir(root())
        .env("DOSSIER_BIN", env!("CARGO_BIN_EXE_dossier"))
        .args(["--batch", "-l", "editors/tests/emacs_test.el"]));
}

#[test]
fn pytest_lsp_recorded_clients() {
    if !skip::python_module("pytest_lsp_recorded_clients", "pytest_lsp") {
        return;
    }
    run(Command::new("python3")
        .current_dir(root())
        .env("DOSSIER_BIN", env!("CARGO_BIN_EXE_dossier"))
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "editors/tests",
        ]));
}

/// The extension checked and packaged once, for the two tests that need it: `None` (said as a
/// skip of `test`) without its npm dependencies.
fn packaged_extension(test: &str) -> Option<&'static Path> {
    static VSIX: OnceLock<Option<PathBuf>> = OnceLock::new();
    let dir = root().join("editors/vscode");
    if !dir.join("node_modules").is_dir() {
        skip::skip(
            test,
            "editors/vscode/node_modules is missing (run `npm ci` there; .ci/run does)",
        );
        return None;
    }
    let vsix = VSIX.get_or_init(|| {
        for script in ["typecheck", "bundle", "test", "package"] {
            run(Command::new("npm")
                .current_dir(&dir)
                .args(["run", "--silent", script]));
        }
        Some(dir.join("dossier.vsix"))
    });
    let vsix = vsix.as_deref().expect("packaged");
    assert!(vsix.is_file(), "{} was not written", vsix.display());
    Some(vsix)
}

#[test]
fn vscode_extension_typechecks_bundles_and_packages() {
    packaged_extension("vscode_extension_typechecks_bundles_and_packages");
}

/// Where `editors/tests/vscode/setup.sh` caches code-server and its Node.
fn ci_cache() -> PathBuf {
    match std::env::var_os("DOSSIER_CI_CACHE") {
        Some(dir) => PathBuf::from(dir),
        None => {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/dossier-ci")
        }
    }
}

/// The extension in VS Code itself: code-server in Chromium, driven by Playwright
/// (`editors/tests/vscode/e2e.py`); its output ends with `N passed, N failed`.
#[test]
fn vscode_in_code_server() {
    const TEST: &str = "vscode_in_code_server";
    // setup.sh names the code-server and the Node it installed, a line each.
    let installed = std::fs::read_to_string(ci_cache().join("vscode-e2e")).unwrap_or_default();
    let mut lines = installed.lines();
    let (Some(code_server), Some(node_dir)) = (lines.next(), lines.next()) else {
        skip::skip(
            TEST,
            "code-server is not installed (editors/tests/vscode/setup.sh installs it)",
        );
        return;
    };
    if !Path::new(code_server).is_file() {
        skip::skip(
            TEST,
            &format!("{code_server} is missing (run setup.sh again)"),
        );
        return;
    }
    if !Path::new("/usr/bin/chromium").is_file() {
        skip::skip(
            TEST,
            "/usr/bin/chromium is not installed (setup.sh installs it)",
        );
        return;
    }
    if !skip::python_module(TEST, "playwright") {
        return;
    }
    let Some(vsix) = packaged_extension(TEST) else {
        return;
    };
    let out = root().join("target/vscode-e2e");
    let said = run(Command::new("python3").current_dir(root()).args([
        "editors/tests/vscode/e2e.py".as_ref(),
        "--code-server".as_ref(),
        code_server.as_ref(),
        "--node-dir".as_ref(),
        node_dir.as_ref(),
        "--dossier".as_ref(),
        env!("CARGO_BIN_EXE_dossier").as_ref(),
        "--vsix".as_ref(),
        vsix.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]));
    // The closing count, past the harness's capture, for CI's log.
    let count = said
        .lines()
        .rfind(|l| l.ends_with(" failed"))
        .unwrap_or("no count");
    let _ = writeln!(std::io::stderr(), "{TEST}: {count}");
}
