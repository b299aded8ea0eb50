//! The workspace over stdio: reports indexed in the background answer references, hovers and
//! symbols; an actor declared in dossier.toml is defined there; UTF-16 columns after emoji and
//! Hangul land on the right characters.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{Client, pos};

#[test]
fn indexed_reports_configured_actors_and_utf16_columns() {
    let dir = std::env::temp_dir().join(format!("dossier-ws-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(
        dir.join("dossier.toml"),
        "currency = \"USD\"\n\n[[actors]]\nname = \"Marshal Kim\"\nkind = \"person\"\n",
    )
    .unwrap();
    let open_text =
        "# Open report, Oct 2014\n\n😀 한국 Seoul met Marshal Kim on Oct. 31. Seoul agreed.\n";
    std::fs::write(dir.join("open.md"), open_text).unwrap();
    // The index keeps no text: positions in a closed report are made when it is read.
    let closed_text = "# Closed report\n\n😀 Seoul and Pyongyang talked. Seoul waited.\n";
    std::fs::write(dir.join("notes/closed.md"), closed_text).unwrap();
    std::fs::write(dir.join("notes/binary.txt"), b"Seoul\x00\x01\x02").unwrap();
    std::fs::write(dir.join("notes/latin1.txt"), b"Caf\xe9 in Seoul\n").unwrap();
    // A link out of the workspace must not be followed.
    let outside = std::env::temp_dir().join(format!("dossier-outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "Seoul and Hanoi.\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, dir.join("notes/outside")).unwrap();
    let root = format!("file://{}", dir.display());
    let open_uri = format!("{root}/open.md");

    let mut c = Client::start();
    c.request("initialize", json!({
        "processId": null,
        "rootUri": root,
        "workspaceFolders": [{ "uri": root, "name": "ws" }],
        "capabilities": { "window": { "workDoneProgress": true }, "general": { "positionEncodings": ["utf-16"] } },
    }));
    c.notify("initialized", json!({}));
    c.open(&open_uri, "markdown", open_text);
    c.diagnostics(&open_uri, 1);

    // The closed report is indexed in the background; wait until workspace/symbol sees it.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let syms = c.request("workspace/symbol", json!({ "query": "Pyongyang" }));
        if syms.as_array().is_some_and(|s| {
            s.iter().any(|x| {
                x["location"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("closed.md"))
            })
        }) {
            break;
        }
        assert!(Instant::now() < deadline, "the workspace was not indexed");
        std::thread::sleep(Duration::from_millis(50));
    }

    // Binary and non-UTF-8 files are skipped, and the link out of the workspace is not followed.
    let all = c.request("workspace/symbol", json!({ "query": "" }));
    let files: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["location"]["uri"].as_str())
        .collect();
    assert!(
        files
            .iter()
            .all(|u| u.ends_with("open.md") || u.ends_with("closed.md")),
        "{files:?}"
    );

    // UTF-16: the emoji is two code units, each Hangul syllable one.
    let seoul = open_text.find("Seoul").unwrap();
    let p = pos(open_text, seoul, "utf-16");
    assert_eq!(p["character"], 6, "😀 (2) + space + 한국 (2) + space");
    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": open_uri }, "position": p }),
    );
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.contains("**South Korea**"), "{card}");
    assert!(card.contains("Also in: closed.md (2)"), "{card}");
    assert_eq!(hover["range"]["start"], p);

    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": open_uri }, "position": p, "context": { "includeDeclaration": true } }),
    );
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["location"]["uri"]
                .as_str()
                .unwrap_or(r["uri"].as_str().unwrap())
        })
        .collect();
    assert_eq!(uris.iter().filter(|u| u.ends_with("open.md")).count(), 2);
    assert_eq!(uris.iter().filter(|u| u.ends_with("closed.md")).count(), 2);
    let closed_ranges: Vec<&serde_json::Value> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["uri"].as_str().is_some_and(|u| u.ends_with("closed.md")))
        .map(|r| &r["range"])
        .collect();
    let expected: Vec<serde_json::Value> = closed_text
        .match_indices("Seoul")
        .map(|(o, w)| {
            json!({ "start": pos(closed_text, o, "utf-16"), "end": pos(closed_text, o + w.len(), "utf-16") })
        })
        .collect();
    assert_eq!(closed_ranges, expected.iter().collect::<Vec<_>>());
    let pyongyang = c.request("workspace/symbol", json!({ "query": "Pyongyang" }));
    let at = closed_text.find("Pyongyang").unwrap();
    assert_eq!(
        pyongyang[0]["location"]["range"]["start"],
        pos(closed_text, at, "utf-16"),
        "{pyongyang}"
    );

    // An actor declared in dossier.toml is defined at its entry.
    let kim = open_text.find("Marshal Kim").unwrap();
    let def = c.request("textDocument/definition", json!({ "textDocument": { "uri": open_uri }, "position": pos(open_text, kim + 2, "utf-16") }));
    assert!(
        def["uri"].as_str().unwrap().ends_with("dossier.toml"),
        "{def}"
    );
    assert_eq!(
        def["range"]["start"]["line"], 2,
        "the [[actors]] line, zero-based"
    );

    assert_eq!(c.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

/// The nearest `dossier.toml` is looked for once, not on every keystroke: a file written later
/// applies when the client says it changed, and then to every open report.
#[test]
fn a_dossier_toml_written_later_applies_once_the_client_says_so() {
    let dir = std::env::temp_dir().join(format!("dossier-ws-late-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = "# Notes\n\nThey met zorblat in Seoul.\n";
    let uri = format!("file://{}/r.md", dir.display());
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!({}));
    c.open(&uri, "markdown", text);
    c.diagnostics(&uri, 1);
    let at = pos(text, text.find("zorblat").unwrap() + 2, "utf-16");
    let hover = |c: &mut Client| {
        c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": at }),
        )
    };
    assert!(hover(&mut c).is_null(), "no actor before any configuration");

    let toml = dir.join("dossier.toml");
    std::fs::write(
        &toml,
        "[[actors]]\nname = \"Zorblat Council\"\nkind = \"organization\"\naliases = [\"zorblat\"]\n",
    )
    .unwrap();
    // An edit re-analyses the report, with the configuration looked up before.
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    assert!(hover(&mut c).is_null(), "the lookup is remembered");

    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": format!("file://{}", toml.display()), "type": 1 }] }),
    );
    let card = hover(&mut c);
    assert!(
        card["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("Zorblat Council")),
        "{card}"
    );
    assert_eq!(c.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}
