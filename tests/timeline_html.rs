//! The HTML timeline in a real browser: `dossier timeline --format html` of the README's
//! example report, opened in headless Chromium by Playwright (`timeline_html/check.py`), which
//! checks that it requests nothing from the network, that lanes and events are in the DOM in
//! date order, that a click shows an event, and that its screenshot is not blank.

#[path = "support/skip.rs"]
mod skip;

use std::path::Path;
use std::process::Command;

#[test]
fn the_html_timeline_renders_in_headless_chromium() {
    const TEST: &str = "the_html_timeline_renders_in_headless_chromium";
    if !Path::new("/usr/bin/chromium").is_file() {
        skip::skip(
            TEST,
            "/usr/bin/chromium is not installed (editors/tests/vscode/setup.sh installs it)",
        );
        return;
    }
    if !skip::python_module(TEST, "playwright") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/timeline-html");
    std::fs::create_dir_all(&out).expect("target/timeline-html");
    let page = out.join("mekong-2019.html");
    let html = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(root)
        .args(["timeline", "examples/mekong-2019.txt", "--format", "html"])
        .output()
        .expect("dossier runs");
    assert!(html.status.success(), "{html:?}");
    std::fs::write(&page, &html.stdout).expect("the page is written");
    let shot = out.join("mekong-2019.png");
    let run = Command::new("python3")
        .arg(root.join("tests/timeline_html/check.py"))
        .arg(&page)
        .arg(&shot)
        .output()
        .expect("python3 runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{said}");
    assert!(run.status.success(), "the browser checks failed:\n{said}");
    assert!(said.contains("all checks passed"), "{said}");
}
