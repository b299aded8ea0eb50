//! Facts across reports over stdio: a report changed on disk, or another open report edited,
//! to contradict the open one raises `cross-report` in it, with related information at the
//! other file; changed back, the finding goes. The hover on the figure lists the other report.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{Client, pos};

const AGREEING: &str = "Kenya's exports were $7 billion in 2021.\n";
const CONTRADICTING: &str = "Kenya's exports were $9 billion in 2021.\n";

/// The cross-report diagnostics of the next publication for `uri` that satisfies `want`.
fn cross_report(c: &mut Client, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && want(&cross(&m["params"]["diagnostics"]))
    });
    cross(&m["params"]["diagnostics"])
}

fn cross(diagnostics: &Value) -> Vec<Value> {
    diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "cross-report")
        .cloned()
        .collect()
}

/// A server initialised on the workspace folder `root` with the client `capabilities`.
fn start_in(root: &str, capabilities: Value) -> Client {
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{ "uri": root, "name": "ws" }],
            "capabilities": capabilities,
        }),
    );
    c.notify("initialized", json!({}));
    c
}

#[test]
fn a_report_changed_on_disk_or_edited_raises_and_clears_cross_report_in_the_open_one() {
    let dir = std::env::temp_dir().join(format!("dossier-cross-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), AGREEING).unwrap();
    std::fs::write(dir.join("b.md"), AGREEING).unwrap();
    let root = format!("file://{}", dir.display());
    let (a, b) = (format!("{root}/a.md"), format!("{root}/b.md"));

    let mut c = start_in(&root, json!({}));
    c.open(&a, "markdown", AGREEING);

    // Once b.md is indexed, the hover on a.md's figure lists it, agreeing.
    let at = pos(AGREEING, AGREEING.find("$7").unwrap(), "utf-16");
    let hover = |c: &mut Client| {
        c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": a }, "position": at }),
        )["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while !hover(&mut c).contains("Also in b.md:1: $7 billion") {
        assert!(
            Instant::now() < deadline,
            "b.md was not indexed: {}",
            hover(&mut c)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let last = c
        .drain()
        .into_iter()
        .rfind(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == a);
    if let Some(m) = last {
        assert!(cross(&m["params"]["diagnostics"]).is_empty(), "{m:#}");
    }

    // b.md rewritten on disk to contradict a.md.
    std::fs::write(dir.join("b.md"), CONTRADICTING).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": b, "type": 2 }] }),
    );
    let found = cross_report(&mut c, &a, |d| !d.is_empty());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], 4, "a hint");
    assert_eq!(
        found[0]["message"],
        "exports of Kenya in 2021: contradicted by b.md, which states $9 billion; this report \
         states $7 billion"
    );
    let related = &found[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], b.as_str());
    let figure = pos(CONTRADICTING, CONTRADICTING.find("$9").unwrap(), "utf-16");
    assert_eq!(
        related["location"]["range"]["start"], figure,
        "at the figure there"
    );
    assert_eq!(related["message"], "states $9 billion");
    assert!(
        hover(&mut c).contains("Also in b.md:1: $9 billion (contradicts)"),
        "{}",
        hover(&mut c)
    );

    // Changed back: the finding goes (publications already read are put aside, so that only
    // one after the change can answer).
    c.drain();
    std::fs::write(dir.join("b.md"), AGREEING).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": b, "type": 2 }] }),
    );
    cross_report(&mut c, &a, |d| d.is_empty());

    // Another open report, edited to contradict: a.md's diagnostics follow, at its version.
    let n = format!("{root}/note.md");
    c.open(&n, "markdown", AGREEING);
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": n, "version": 2 },
                "contentChanges": [{ "text": CONTRADICTING }] }),
    );
    let found = cross_report(&mut c, &a, |d| !d.is_empty());
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        n.as_str()
    );
    c.drain();
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": n, "version": 3 },
                "contentChanges": [{ "text": AGREEING }] }),
    );
    cross_report(&mut c, &a, |d| d.is_empty());

    assert_eq!(c.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A `dossier.toml` written beside two closed-and-open reports teaches a measure both name:
/// the report on disk is read again with it, its fact meets the open report's, and a client
/// that pulls diagnostics is told to pull again and then sees the finding, its related
/// information at the other report's figure in UTF-16 units (after a curly apostrophe).
#[test]
fn a_changed_dossier_toml_refiles_reports_on_disk_and_a_pulling_client_pulls_again() {
    const HERE: &str = "Kenya\u{2019}s remittances were $3 billion in 2021.\n";
    const THERE: &str = "Kenya\u{2019}s remittances were $5 billion in 2021.\n";
    let dir = std::env::temp_dir().join(format!("dossier-cross-toml-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), HERE).unwrap();
    std::fs::write(dir.join("b.md"), THERE).unwrap();
    let root = format!("file://{}", dir.display());
    let (a, b) = (format!("{root}/a.md"), format!("{root}/b.md"));

    let mut c = start_in(
        &root,
        json!({
            "general": { "positionEncodings": ["utf-16"] },
            "window": { "workDoneProgress": true },
            "textDocument": { "diagnostic": { "dynamicRegistration": false } },
            "workspace": { "diagnostics": { "refreshSupport": true } },
        }),
    );
    c.open(&a, "markdown", HERE);
    let ended = |m: &Value| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end";
    c.wait_for(ended);
    let pull = |c: &mut Client| {
        let r = c.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": a } }),
        );
        cross(&r["items"])
    };
    // No measure is named `remittances` yet: no fact, nothing to compare.
    assert!(pull(&mut c).is_empty());
    // What the first pass sent is put aside: only a refresh after the change may answer.
    c.drain();

    std::fs::write(
        dir.join("dossier.toml"),
        "[measures]\nremittances = [\"remittances\"]\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("{root}/dossier.toml"), "type": 1 }] }),
    );
    // b.md is indexed again under the new configuration, and the client told to pull.
    c.wait_for(ended);
    c.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    let found = pull(&mut c);
    assert_eq!(found.len(), 1, "{found:#?}");
    let related = &found[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], b.as_str());
    let figure = THERE.find("$5").unwrap();
    let end = figure + "$5 billion".len();
    assert_eq!(
        related["location"]["range"],
        json!({ "start": pos(THERE, figure, "utf-16"), "end": pos(THERE, end, "utf-16") })
    );
    // The figure stands two UTF-16 units before its byte offset.
    assert_eq!(
        related["location"]["range"]["start"]["character"],
        figure - 2
    );

    // The measure taken away again: the finding goes.
    std::fs::remove_file(dir.join("dossier.toml")).unwrap();
    c.drain();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("{root}/dossier.toml"), "type": 3 }] }),
    );
    c.wait_for(ended);
    c.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    assert!(pull(&mut c).is_empty());

    assert_eq!(c.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// New settings index the workspace again: a report the new `globs` leave out is forgotten,
/// and its contradiction with the open report goes.
#[test]
fn settings_that_leave_a_report_out_forget_its_facts() {
    let dir = std::env::temp_dir().join(format!("dossier-cross-globs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), AGREEING).unwrap();
    std::fs::write(dir.join("b.txt"), CONTRADICTING).unwrap();
    let root = format!("file://{}", dir.display());
    let a = format!("{root}/a.md");

    let mut c = start_in(
        &root,
        json!({
            "window": { "workDoneProgress": true },
            "textDocument": { "publishDiagnostics": { "relatedInformation": true } },
        }),
    );
    c.open(&a, "markdown", AGREEING);
    let found = cross_report(&mut c, &a, |d| !d.is_empty());
    assert!(
        found[0]["relatedInformation"][0]["location"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("b.txt")),
        "{found:#?}"
    );
    c.drain();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "dossier": { "globs": ["**/*.md"] } } }),
    );
    cross_report(&mut c, &a, |d| d.is_empty());
    assert_eq!(c.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}
