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

#[test]
fn a_report_changed_on_disk_or_edited_raises_and_clears_cross_report_in_the_open_one() {
    let dir = std::env::temp_dir().join(format!("dossier-cross-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), AGREEING).unwrap();
    std::fs::write(dir.join("b.md"), AGREEING).unwrap();
    let root = format!("file://{}", dir.display());
    let (a, b) = (format!("{root}/a.md"), format!("{root}/b.md"));

    let mut c = Client::start();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{ "uri": root, "name": "ws" }],
            "capabilities": {},
        }),
    );
    c.notify("initialized", json!({}));
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
    assert_eq!(related["location"]["range"]["start"]["line"], 0);
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
