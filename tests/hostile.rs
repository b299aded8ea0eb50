//! A hostile client against the real binary: messages, frames and bytes that must neither end,
//! deafen, stall nor grow the server.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{Client, uri};

/// The server still answers: a request that needs nothing open.
fn answers(c: &mut Client) {
    let r = c.request("workspace/symbol", json!({ "query": "" }));
    assert!(r.is_array() || r.is_null(), "{r}");
}

fn started() -> Client {
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!(null));
    c
}

#[test]
fn json_that_is_not_json_rpc_is_answered_invalid_request_and_the_server_goes_on() {
    let mut c = started();
    for (body, id) in [
        ("{}", Value::Null),
        ("[]", Value::Null),
        (
            r#"[{"jsonrpc":"2.0","id":50,"method":"shutdown"}]"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":false,"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":18446744073709551616,"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"1.0","id":51,"method":"shutdown"}"#,
            json!(51),
        ),
        (r#"{"id":52,"method":"shutdown"}"#, json!(52)),
        (r#"{"jsonrpc":"2.0","id":53,"method":5}"#, json!(53)),
        ("42", Value::Null),
    ] {
        c.send_raw(body.as_bytes());
        let r = c.wait_for(|m| m["error"]["code"] == -32600 && m["id"] == id);
        assert!(r.get("result").is_none(), "{body}: {r}");
        answers(&mut c);
    }
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn after_any_bad_frame_the_server_finds_the_next_and_answers_every_later_request() {
    let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    let n = body.len();
    let bad: Vec<(&str, Vec<u8>)> = vec![
        (
            "no Content-Length",
            format!("Content-Type: a\r\n\r\n{body}").into(),
        ),
        (
            "a word for a length",
            format!("Content-Length: ten\r\n\r\n{body}").into(),
        ),
        (
            "a negative length",
            format!("Content-Length: -3\r\n\r\n{body}").into(),
        ),
        (
            "a huge length",
            format!("Content-Length: 9999999999999\r\n\r\n{body}").into(),
        ),
        (
            "one byte short",
            format!("Content-Length: {}\r\n\r\n{body}", n - 1).into(),
        ),
        (
            "one byte long",
            format!("Content-Length: {}\r\n\r\n{body}", n + 1).into(),
        ),
        (
            "two lengths",
            format!(
                "Content-Length: {n}\r\nContent-Length: {}\r\n\r\n{body}",
                n + 9
            )
            .into(),
        ),
        (
            "no blank line",
            format!("Content-Length: {n}\r\n{body}").into(),
        ),
        (
            "a byte that is not UTF-8",
            b"Content-Len\xffgth: 4\r\n\r\nnull".to_vec(),
        ),
        (
            "bytes that are not UTF-8 under a key the server skips",
            [
                b"Content-Length: 54\r\n\r\n".as_slice(),
                b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"skipped\":\"\xff\"}",
            ]
            .concat(),
        ),
        (
            "a long line opening like a header",
            [b"Content-Length:".as_slice(), &[b' '; 20_000], b"\n"].concat(),
        ),
    ];
    let mut c = started();
    for (what, bytes) in bad {
        c.send_bytes(&bytes);
        // Every request after a bad frame is answered, and the bad frame once. (A length one
        // byte long is known to be wrong only when the next frame's first byte comes.)
        for _ in 0..3 {
            answers(&mut c);
        }
        c.wait_for(|m| m["error"]["code"] == -32700);
        eprintln!("recovered from {what}");
    }
    for _ in 0..30 {
        answers(&mut c);
    }
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn requests_in_the_dollar_namespace_are_answered_method_not_found() {
    let mut c = started();
    let r = c.request_full("$/dossier/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // The notifications of that namespace are still taken quietly.
    c.notify("$/cancelRequest", json!({ "id": 999 }));
    c.notify("$/setTrace", json!({ "value": "off" }));
    answers(&mut c);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn lone_surrogates_are_read_as_replacement_characters_and_positions_stay_in_step() {
    let mut c = started();
    let u = uri("surrogates.md");
    // Written by hand: serde_json cannot write a lone surrogate.
    let open = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{u}","languageId":"markdown","version":1,"text":"A\ud800B met on Oct. 31, 2019.\n"}}}}}}"#
    );
    c.send_raw(open.as_bytes());
    c.diagnostics(&u, 1);
    // In UTF-16 the lone surrogate is one unit, as U+FFFD is: "Oct." starts at 11.
    let hover = |c: &mut Client, character: u32| {
        c.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": u }, "position": { "line": 0, "character": character } }),
        )
    };
    let card = hover(&mut c, 12);
    assert!(card.to_string().contains("2019"), "{card}");
    // An edit after the surrogate, by UTF-16 position, lands where the client put it.
    let change = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{u}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":0,"character":2}},"end":{{"line":0,"character":3}}}},"text":"\udfffC"}}]}}}}"#
    );
    c.send_raw(change.as_bytes());
    let symbols = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": u } }),
    );
    // The date is now one unit further right: tokens are (line delta, start, length, ...).
    let data: Vec<u64> = symbols["data"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    let starts: Vec<u64> = data
        .chunks(5)
        .scan(0, |col, t| {
            *col = if t[0] == 0 { *col + t[1] } else { t[1] };
            Some(*col)
        })
        .collect();
    assert!(starts.contains(&12), "date token at 12 in {data:?}");
    let card = hover(&mut c, 13);
    assert!(card.to_string().contains("2019"), "{card}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn an_endless_header_line_is_refused_without_growing_the_server() {
    let mut c = started();
    let line = vec![b'x'; 1 << 20];
    for _ in 0..64 {
        c.send_bytes(&line);
    }
    c.send_bytes(b"\r\n");
    c.wait_for(|m| m["error"]["code"] == -32700);
    answers(&mut c);
    let peak = c.peak_memory();
    assert!(
        peak < 48 << 20,
        "a 64 MB header line took the server to {peak} bytes"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_flood_of_bad_frames_from_a_client_that_does_not_read_is_held_back() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dossier lsp starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let pid = child.id();
    // A million frames, each answered with a parse error nobody reads.
    let writer = std::thread::spawn(move || {
        let frames = b"Content-Length: 1\r\n\r\nx".repeat(10_000);
        for _ in 0..100 {
            if stdin.write_all(&frames).is_err() {
                return;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(6);
    while !writer.is_finished() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let peak = support::peak_memory(pid);
    let _ = child.kill();
    let _ = child.wait();
    let _ = writer.join();
    assert!(
        peak < 48 << 20,
        "unread replies took the server to {peak} bytes"
    );
}

/// A one-line report of two megabytes with text beyond ASCII: every position on it is far
/// from the start of its line.
fn one_long_line() -> String {
    let sentence =
        "Seoul 서울 met Beijing on Oct. 31, 2014 and pledged $5 million, 12% of 40 projects. ";
    sentence.repeat(2_000_000 / sentence.len())
}

#[test]
fn requests_on_a_single_line_of_megabytes_are_answered() {
    let mut c = started();
    let u = uri("one-line.txt");
    let text = one_long_line();
    c.open(&u, "plaintext", &text);
    c.diagnostics(&u, 1);
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": u } }),
    );
    let data = tokens["data"].as_array().map_or(0, Vec::len);
    assert!(data > 100_000, "{data} numbers of tokens");
    // A date 400 KB into the line (within `max-mentions`), counted in UTF-16 units as the
    // client counts.
    let last = text[..400_000].rfind("Oct. 31").unwrap_or(0) + 1;
    let at = support::pos(&text, last, "utf-16");
    let card = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": u }, "position": at }),
    );
    assert!(card.to_string().contains("2014"), "{card}");
    let highlights = c.request(
        "textDocument/documentHighlight",
        json!({ "textDocument": { "uri": u }, "position": support::pos(&text, 1, "utf-16") }),
    );
    assert!(
        highlights.as_array().is_some_and(|h| !h.is_empty()),
        "{highlights}"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_burst_of_edits_is_analysed_and_published_once_not_once_per_edit() {
    let mut c = started();
    let u = uri("burst.md");
    let text = "# Burst\n\nSeoul met Beijing on Oct. 31, 2014.\n".repeat(2000);
    c.open(&u, "markdown", &text);
    c.diagnostics(&u, 1);
    for version in 2..=51 {
        c.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": u, "version": version },
                "contentChanges": [{ "range": { "start": { "line": 0, "character": 7 }, "end": { "line": 0, "character": 7 } }, "text": "x" }],
            }),
        );
    }
    // A request right after the burst sees all fifty edits.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    assert!(
        symbols
            .to_string()
            .contains(&format!("Burst{}", "x".repeat(50))),
        "{}",
        &symbols.to_string()[..200.min(symbols.to_string().len())]
    );
    // The last version is published, and far fewer than fifty on the way.
    c.diagnostics(&u, 51);
    let published = c
        .drain()
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u)
        .count();
    assert!(
        published < 10,
        "{published} publications for one burst of edits"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn rename_refuses_names_with_line_breaks_nul_or_bidirectional_controls() {
    let mut c = started();
    let u = uri("rename.md");
    c.open(
        &u,
        "markdown",
        "Kim Jong Un met Moon Jae-in. Kim Jong Un left.\n",
    );
    c.diagnostics(&u, 1);
    let rename = |c: &mut Client, name: &str| {
        c.request_full(
            "textDocument/rename",
            json!({ "textDocument": { "uri": u }, "position": { "line": 0, "character": 1 }, "newName": name }),
        )
    };
    for bad in ["Kim\nJong Un", "Kim\u{0}", "Kim \u{202E}nU", "\u{2067}Kim"] {
        let r = rename(&mut c, bad);
        assert_eq!(r["error"]["code"], -32602, "{bad:?}: {r}");
    }
    let r = rename(&mut c, "Kim Jong-un");
    assert!(
        r["result"]["changes"][&u]
            .as_array()
            .is_some_and(|e| e.len() == 2),
        "{r}"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn answers_listing_mentions_are_capped_around_the_cursor() {
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!({ "max-results": 50 }));
    let u = uri("equal-figures.txt");
    let text = "We paid $5 million. ".repeat(20_000);
    c.open(&u, "plaintext", &text);
    c.diagnostics(&u, 1);
    let middle = text.len() / 2 / 20 * 20 + 9;
    let at = support::pos(&text, middle, "utf-16");
    let highlights = c.request(
        "textDocument/documentHighlight",
        json!({ "textDocument": { "uri": u }, "position": at }),
    );
    let lines = highlights.as_array().cloned().unwrap_or_default();
    assert_eq!(lines.len(), 50, "{} highlights", lines.len());
    // The ones kept are those around the cursor.
    let around = lines.iter().any(|h| {
        h["range"]["start"]["character"].as_u64() == at["character"].as_u64().map(|c| c - 1)
    });
    assert!(around, "the cursor's own figure is among the highlights");
    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": u }, "position": at, "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().map_or(0, Vec::len), 50);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_report_of_a_million_equal_figures_keeps_memory_bounded() {
    for (name, text) in [
        ("million-figures.txt", "5 ".repeat(1_000_000)),
        (
            "million-sentences.txt",
            "We paid $5 million. ".repeat(1_000_000),
        ),
    ] {
        let mut c = started();
        let u = uri(name);
        c.open(&u, "plaintext", &text);
        let d = c.diagnostics(&u, 1);
        assert!(
            d.iter().any(|d| d["code"] == "too-many-mentions"),
            "{name}: the diagnostics say where the analysis stopped"
        );
        let figure = text.find(['$', '5']).unwrap_or(0);
        let at = support::pos(&text, figure, "utf-16");
        let refs = c.request(
            "textDocument/references",
            json!({ "textDocument": { "uri": u }, "position": at, "context": { "includeDeclaration": true } }),
        );
        assert!(
            refs.as_array()
                .is_some_and(|r| !r.is_empty() && r.len() <= 1000),
            "{name}: {} references",
            refs.as_array().map_or(0, Vec::len)
        );
        let peak = c.peak_memory();
        let bound = 3 * text.len() as u64 + (50 << 20);
        eprintln!("{name}: {} bytes, peak {peak}", text.len());
        assert!(peak < bound, "{name}: peak {peak} over {bound}");
        assert_eq!(c.shutdown(), Some(0));
    }
}

#[test]
fn a_report_closed_and_opened_again_never_takes_the_old_texts_analysis() {
    let mut c = started();
    let u = uri("reopened.txt");
    // A long text whose analysis is still running when the report is closed and opened again
    // with another text at the same version.
    c.open(&u, "plaintext", &one_long_line());
    std::thread::sleep(Duration::from_millis(300));
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": u } }),
    );
    c.open(&u, "plaintext", "Seoul met Tokyo on Oct. 31, 2014.\n");
    c.diagnostics(&u, 1);
    // Long enough for the first analysis to finish in a debug build.
    std::thread::sleep(Duration::from_secs(4));
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": u } }),
    );
    let n = tokens["data"].as_array().map_or(0, Vec::len);
    assert!(
        n > 0 && n <= 5 * 4,
        "{n} numbers: the tokens of the old text"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_request_cancelled_while_its_report_is_analysed_leaves_the_next_one_answered() {
    let mut c = started();
    let u = uri("cancelled.txt");
    let text = one_long_line();
    c.open(&u, "plaintext", &text);
    c.diagnostics(&u, 1);
    // A new text that shares no paragraph with the old, then a request that must wait for
    // its analysis, cancelled at once.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": u, "version": 2 },
            "contentChanges": [{ "text": text.replace("Seoul", "Tokyo") }],
        }),
    );
    c.send(json!({ "jsonrpc": "2.0", "id": 9001, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": u } } }));
    c.notify("$/cancelRequest", json!({ "id": 9001 }));
    let r = c.wait_for(|m| m["id"] == 9001);
    assert!(r.get("error").is_some() || r.get("result").is_some(), "{r}");
    // The analysis the cancelled request started still lands: later requests are answered.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    assert!(symbols.is_array(), "{symbols}");
    assert_eq!(c.shutdown(), Some(0));
}
