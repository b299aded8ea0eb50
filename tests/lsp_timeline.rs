//! `workspace/executeCommand` `dossier.timeline` over stdio against the real binary: one report,
//! every open report merged, the actor filter, a report read from disk, and a bad command.

mod support;

use serde_json::{Value, json};
use support::{Client, uri};

const FIRST: &str = "China protested on Jan. 9, 2015. Talks were held from March to June 2015.\n";
const SECOND: &str = "Japan replied on Jan. 12, 2015.\n\nChina spoke again on Feb. 2, 2015.\n";

fn timeline(c: &mut Client, arg: Value) -> Vec<Value> {
    let r = c.request(
        "workspace/executeCommand",
        json!({ "command": "dossier.timeline", "arguments": [arg] }),
    );
    r["events"].as_array().expect("events").clone()
}

fn dates(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["date"].as_str().unwrap()).collect()
}

#[test]
fn the_timeline_command_answers_the_json_of_the_cli() {
    let mut c = Client::start();
    let init = c.initialize(&["utf-8"], json!(null));
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!(["dossier.timeline"])
    );
    let (a, b) = (uri("timeline-a.txt"), uri("timeline-b.txt"));
    c.open(&a, "plaintext", FIRST);
    c.open(&b, "plaintext", SECOND);

    let one = timeline(&mut c, json!({ "uri": a }));
    assert_eq!(dates(&one), ["2015-01-09", "2015-03"]);
    assert_eq!(one[1]["until"], "2015-06");
    assert_eq!(one[0]["path"], "/tmp/dossier-tests/timeline-a.txt");
    assert_eq!(one[0]["line"], 1);
    assert_eq!(one[0]["actors"][0]["name"], "China");
    assert_eq!(one[0]["text"], "China protested on Jan. 9, 2015.");

    let all = timeline(&mut c, json!({}));
    assert_eq!(
        dates(&all),
        ["2015-01-09", "2015-01-12", "2015-02-02", "2015-03"]
    );
    assert_eq!(all[2]["line"], 3);
    // No argument at all is the workspace too.
    let none = c.request(
        "workspace/executeCommand",
        json!({ "command": "dossier.timeline" }),
    );
    assert_eq!(none["events"].as_array().unwrap().len(), 4);

    let page = c.request(
        "workspace/executeCommand",
        json!({ "command": "dossier.timeline", "arguments": [{ "uri": b, "format": "html" }] }),
    );
    let page = page.as_str().expect("the page as a string");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert_eq!(page.matches("class=\"event ").count(), 2, "{page}");
    assert!(page.contains("<title>Timeline of /tmp/dossier-tests/timeline-b.txt</title>"));

    let china = timeline(&mut c, json!({ "actor": "china" }));
    assert_eq!(dates(&china), ["2015-01-09", "2015-02-02"]);
    // The actor at a position of one report, across every report.
    let at = timeline(
        &mut c,
        json!({ "actorAt": { "uri": b, "position": { "line": 2, "character": 2 } } }),
    );
    assert_eq!(dates(&at), ["2015-01-09", "2015-02-02"]);
    let not_an_actor = c.request_full(
        "workspace/executeCommand",
        json!({ "command": "dossier.timeline", "arguments": [{ "actorAt": { "uri": b, "position": { "line": 0, "character": 20 } } }] }),
    );
    assert_eq!(not_an_actor["error"]["code"], -32602, "{not_an_actor}");
    let nobody = timeline(&mut c, json!({ "uri": a, "actor": "Peru" }));
    assert!(nobody.is_empty());

    // A report that is neither open nor indexed is read from disk.
    let dir = std::env::temp_dir().join(format!("dossier-lsp-timeline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("closed.txt");
    std::fs::write(&file, "India spoke on Oct. 3, 2014.\n").unwrap();
    let on_disk = timeline(
        &mut c,
        json!({ "uri": format!("file://{}", file.display()) }),
    );
    assert_eq!(dates(&on_disk), ["2014-10-03"]);
    assert_eq!(on_disk[0]["path"], file.display().to_string());
    let _ = std::fs::remove_dir_all(&dir);

    let bad = c.request_full(
        "workspace/executeCommand",
        json!({ "command": "dossier.nothing", "arguments": [] }),
    );
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let missing = c.request_full(
        "workspace/executeCommand",
        json!({ "command": "dossier.timeline", "arguments": [{ "uri": uri("absent.txt") }] }),
    );
    assert_eq!(missing["error"]["code"], -32602, "{missing}");
    assert_eq!(c.shutdown(), Some(0));
}
