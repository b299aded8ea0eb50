//! The answers the LSP specification prescribes for requests a server must survive: before
//! `initialize`, after `shutdown`, unknown methods, bad params, unknown documents, positions past
//! the end, and malformed frames.

mod support;

use serde_json::json;
use support::{Client, uri};

#[test]
fn requests_before_initialize_and_after_shutdown() {
    let mut c = Client::start();
    let r = c.request_full("textDocument/hover", json!({ "textDocument": { "uri": uri("a.md") }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r["error"]["code"], -32002, "ServerNotInitialized: {r}");
    c.initialize(&[], json!(null));
    c.request("shutdown", json!(null));
    let r = c.request_full("textDocument/hover", json!({ "textDocument": { "uri": uri("a.md") }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(
        r["error"]["code"], -32600,
        "InvalidRequest after shutdown: {r}"
    );
    c.notify("exit", json!(null));
    assert_eq!(c.wait_exit(), Some(0));
}

#[test]
fn bad_requests_get_errors_and_the_server_keeps_serving() {
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!(null));
    let r = c.request_full("dossier/noSuchMethod", json!({}));
    assert_eq!(r["error"]["code"], -32601, "MethodNotFound: {r}");
    let r = c.request_full("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(r["error"]["code"], -32602, "InvalidParams: {r}");
    let r = c.request_full("textDocument/hover", json!({ "textDocument": { "uri": uri("never-opened.md") }, "position": { "line": 0, "character": 0 } }));
    assert_eq!(r["error"]["code"], -32602, "unknown document: {r}");

    // Positions past a line and past the document clamp instead of failing.
    let u = uri("short.md");
    c.open(&u, "markdown", "On Oct. 31\n");
    c.diagnostics(&u, 1);
    for (line, character) in [(0, 999), (99, 0), (99, 99)] {
        let r = c.request_full("textDocument/hover", json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character } }));
        assert!(r.get("error").is_none(), "{r}");
    }
    let r = c.request_full(
        "textDocument/references",
        json!({ "textDocument": { "uri": u }, "position": { "line": 0, "character": 5 }, "context": { "includeDeclaration": false } }),
    );
    assert!(r.get("error").is_none(), "{r}");

    // A malformed frame (invalid JSON) is answered with a parse error; the server carries on.
    c.send_raw(b"{ this is not json");
    let r = c.wait_for(|m| m["error"]["code"] == -32700);
    assert!(r["id"].is_null());
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    assert!(symbols.is_array());
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_report_over_the_size_limit_gets_one_clear_diagnostic() {
    let mut c = Client::start();
    c.initialize(&[], json!({ "max-file-size": 1000 }));
    let u = uri("huge.md");
    c.open(
        &u,
        "markdown",
        &"Seoul met Beijing on Oct. 31. ".repeat(100),
    );
    let d = c.diagnostics(&u, 1);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["code"], "file-too-large");
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("1000 byte limit")
    );
    assert_eq!(c.shutdown(), Some(0));
}
