//! The editor features end to end over stdio on the shared sample report: hover, definition,
//! references, rename, workspace symbols, semantic tokens, inlay hints, completion.

mod support;

use serde_json::{Value, json};
use support::{Client, pos};

fn sample(test: &str) -> Option<String> {
    let p = support::skip::shared(test, "samples/china-korea-2014.txt")?;
    Some(std::fs::read_to_string(p).expect("the shared sample is UTF-8"))
}

/// The position in the middle of the `n`th occurrence (0-based) of `needle`.
fn at(text: &str, needle: &str, n: usize, enc: &str) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(n)
        .map(|(o, _)| o)
        .expect("needle in the sample");
    pos(text, offset + needle.len() / 2, enc)
}

fn hover_text(c: &mut Client, uri: &str, position: Value) -> String {
    let h = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position }),
    );
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

/// Whole-word occurrences of `word`.
fn count_word(text: &str, word: &str) -> usize {
    text.match_indices(word)
        .filter(|(o, _)| {
            let before = text[..*o].chars().next_back();
            let after = text[o + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}

#[test]
fn editor_features_on_the_shared_sample() {
    let Some(text) = sample("editor_features_on_the_shared_sample") else {
        return;
    };
    let enc = "utf-16";
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!(null));
    let uri = "file:///tmp/dossier-tests/china-korea-2014.txt";
    c.open(uri, "plaintext", &text);
    let diags = c.diagnostics(uri, 1);
    assert!(
        diags
            .iter()
            .all(|d| d["severity"] != 2 && d["severity"] != 1),
        "the sample raises no warning: {diags:#?}"
    );

    let h = hover_text(&mut c, uri, at(&text, "Oct. 31", 0, enc));
    assert!(h.contains("2014-10-31") && h.contains("Friday"), "{h}");

    let h = hover_text(&mut c, uri, at(&text, "$359 million", 0, enc));
    assert!(h.contains("USD 359,000,000"), "{h}");

    let h = hover_text(&mut c, uri, at(&text, "2.2 billion RMB", 0, enc));
    assert!(h.contains("CNY") && h.contains("359,000,000"), "{h}");

    // `DPRK` in `China-DPRK trade` goes to North Korea's first mention under any alias.
    let d = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at(&text, "China-DPRK trade", 0, enc).as_object().map(|_| {
            let o = text.find("China-DPRK trade").unwrap() + "China-".len() + 1;
            pos(&text, o, enc)
        }).unwrap() }),
    );
    let first = ["North Korea", "Pyongyang", "DPRK", "North Korean"]
        .iter()
        .filter_map(|n| text.find(n))
        .min()
        .unwrap();
    assert_eq!(d["range"]["start"], pos(&text, first, enc), "{d}");

    // References on `Xi` find every Xi.
    let r = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": at(&text, "President Xi", 0, enc).as_object().map(|_| {
            let o = text.find("President Xi").unwrap() + "President ".len();
            pos(&text, o, enc)
        }).unwrap(), "context": { "includeDeclaration": true } }),
    );
    assert_eq!(r.as_array().unwrap().len(), count_word(&text, "Xi"), "{r}");

    // Renaming `Kim Jong Un` edits exactly its five mentions, not `Kim Jong Il`.
    let p = at(&text, "Kim Jong Un", 0, enc);
    let prep = c.request(
        "textDocument/prepareRename",
        json!({ "textDocument": { "uri": uri }, "position": p }),
    );
    assert_eq!(prep["placeholder"], "Kim Jong Un");
    let edit = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri }, "position": p, "newName": "Kim Jong-un" }),
    );
    let edits = edit["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 5);
    assert_eq!(count_word(&text, "Kim Jong Un"), 5);

    let syms = c.request("workspace/symbol", json!({ "query": "Kim" }));
    assert!(
        syms.as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Kim Jong Un"),
        "{syms}"
    );

    // Semantic tokens: one token per recognised span, each five integers.
    let t = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    let data = t["data"].as_array().unwrap();
    assert!(data.len() > 500 && data.len() % 5 == 0);
    let delta = c.request(
        "textDocument/semanticTokens/full/delta",
        json!({ "textDocument": { "uri": uri }, "previousResultId": t["resultId"] }),
    );
    assert_eq!(
        delta["edits"],
        json!([]),
        "nothing changed, so the delta is empty"
    );

    // Inlay hints: the ISO date after `Oct. 31`.
    let lines = text.lines().count() as u32 + 1;
    let hints = c.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": lines, "character": 0 } } }),
    );
    assert!(
        hints
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["label"] == " 2014-10-31"),
        "{hints}"
    );

    // Completion while typing a capitalised word ranks this report's actors first.
    let after_first_para = text.find("Beijing has been little").unwrap() + "Bei".len();
    let comp = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": pos(&text, after_first_para, enc) }),
    );
    let items = comp["items"].as_array().unwrap();
    assert_eq!(
        items[0]["label"],
        "Beijing",
        "{:?}",
        &items[..items.len().min(3)]
    );

    assert_eq!(c.shutdown(), Some(0));
}
