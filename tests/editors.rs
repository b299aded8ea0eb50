//! The editor integrations in real clients: headless Neovim, Emacs with eglot, pytest-lsp as
//! recorded Neovim, VS Code and Emacs clients, and the VS Code extension's typecheck, bundle,
//! unit tests and package. `.ci/run` installs the tools; without them a local run skips with a
//! message, but under CI a missing tool fails.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Skips locally when `tool` is missing; fails under CI, where `.ci/run` installs it.
fn require(tool: &str) -> bool {
    if have(tool) {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{tool} is missing under CI; .ci/run should install it"
    );
    eprintln!("skipped: {tool} is not installed (.ci/run installs it)");
    false
}

#[track_caller]
fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
}

#[test]
fn neovim_headless() {
    if !require("nvim") {
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
    if !require("emacs") {
        return;
    }
    run(Command::new("emacs")
        .current_dir(root())
        .env("DOSSIER_BIN", env!("CARGO_BIN_EXE_dossier"))
        .args(["--batch", "-l", "editors/tests/emacs_test.el"]));
}

#[test]
fn pytest_lsp_recorded_clients() {
    let has_pytest_lsp = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pytest_lsp {
        assert!(
            std::env::var_os("CI").is_none(),
            "pytest-lsp is missing under CI; .ci/run should install it"
        );
        eprintln!("skipped: pytest-lsp is not installed (.ci/run installs it)");
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

#[test]
fn vscode_extension_typechecks_bundles_and_packages() {
    let dir = root().join("editors/vscode");
    if !dir.join("node_modules").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "editors/vscode/node_modules is missing under CI; .ci/run runs npm ci"
        );
        eprintln!("skipped: run `npm ci` in editors/vscode first (.ci/run does)");
        return;
    }
    for script in ["typecheck", "bundle", "test", "package"] {
        run(Command::new("npm")
            .current_dir(&dir)
            .args(["run", "--silent", script]));
    }
    assert!(dir.join("dossier.vsix").is_file());
}
