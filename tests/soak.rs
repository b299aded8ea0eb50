//! Soak: thousands of random edits and requests across several documents against the real
//! binary; afterwards the server is alive, answers as a fresh server does on the final texts,
//! and its memory has not grown without bound.

mod support;

use serde_json::{Value, json};
use support::{Client, uri};

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "x",
    "한국 ",
    "😀",
    "\n",
    "\r\n",
    "Oct. 31 ",
    "$5 million ",
    "Seoul ",
    "President Xi ",
    "Monday, Oct. 31, 2014 ",
    "3.22 trillion won ($3.11 billion) ",
    "\n\n## Part\n\n",
    "40 percent ",
    "",
];

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn answers(c: &mut Client, u: &str, text: &str) -> Vec<Value> {
    let mut out = vec![c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    )];
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": u } }),
    );
    out.push(pulled["items"].clone());
    let lines: Vec<&str> = text.split('\n').collect();
    for (line, l) in lines.iter().enumerate().step_by(3) {
        let character = l.encode_utf16().count() / 2;
        out.push(c.request("textDocument/hover", json!({ "textDocument": { "uri": u }, "position": { "line": line, "character": character } })));
    }
    out
}

#[test]
fn thousands_of_random_edits_and_requests() {
    let mut rng = Rng(0x5eed_d055_1e55);
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!({ "reference-date": "2014-12-31" }));
    let docs: Vec<String> = (0..3).map(|k| uri(&format!("soak-{k}.md"))).collect();
    let mut texts: Vec<String> =
        vec!["# Soak\n\nSep — Dec 2014\n\nSeoul and Beijing.\n".into(); 3];
    for (u, t) in docs.iter().zip(&texts) {
        c.open(u, "markdown", t);
    }
    let pid = c.pid();
    let mut versions = [1; 3];
    let mut early_rss = None;
    for step in 0..3000 {
        let d = rng.below(3);
        let text = &mut texts[d];
        // A random range by character positions, converted to UTF-16 line/column.
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let pick = |rng: &mut Rng| {
            chars
                .get(rng.below(chars.len() + 1))
                .map_or(text.len(), |(o, _)| *o)
        };
        let (mut a, mut b) = (pick(&mut rng), pick(&mut rng));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        if b - a > 40 {
            b = a;
        }
        // Never split a CRLF pair: the protocol has no position between its two bytes.
        let inside_crlf = |o: usize| {
            o > 0
                && text.as_bytes().get(o - 1) == Some(&b'\r')
                && text.as_bytes().get(o) == Some(&b'\n')
        };
        if inside_crlf(a) || inside_crlf(b) {
            continue;
        }
        let insert = PIECES[rng.below(PIECES.len())];
        let range = json!({ "start": support::pos(text, a, "utf-16"), "end": support::pos(text, b, "utf-16") });
        text.replace_range(a..b, insert);
        versions[d] += 1;
        c.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": docs[d], "version": versions[d] },
                "contentChanges": [{ "range": range, "text": insert }],
            }),
        );
        if step % 10 == 0 {
            let line = rng.below(text.split('\n').count());
            let r = c.request_full(
                ["textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/documentHighlight"][rng.below(4)],
                json!({ "textDocument": { "uri": docs[d] }, "position": { "line": line, "character": rng.below(30) }, "context": { "includeDeclaration": true } }),
            );
            assert!(r.get("error").is_none(), "step {step}: {r}");
        }
        if step % 100 == 0 {
            c.request("workspace/symbol", json!({ "query": "se" }));
            c.request(
                "textDocument/semanticTokens/full",
                json!({ "textDocument": { "uri": docs[d] } }),
            );
        }
        if step == 500 {
            early_rss = rss_kb(pid);
        }
    }
    // The texts the server holds are the client's: its answers match a fresh server's.
    let mut fresh = Client::start();
    fresh.initialize(&["utf-16"], json!({ "reference-date": "2014-12-31" }));
    for (k, u) in docs.iter().enumerate() {
        let fresh_uri = format!("{u}.fresh");
        fresh.open(&fresh_uri, "markdown", &texts[k]);
        let mine = answers(&mut c, u, &texts[k]);
        let theirs = answers(&mut fresh, &fresh_uri, &texts[k]);
        let strip = |v: Vec<Value>| serde_json::to_string(&v).unwrap().replace(".fresh", "");
        assert_eq!(strip(mine), strip(theirs), "document {k} drifted");
    }
    if let (Some(early), Some(late)) = (early_rss, rss_kb(pid)) {
        assert!(
            late < early * 3 + 20_000,
            "memory grew from {early} KB to {late} KB"
        );
    }
    assert_eq!(c.shutdown(), Some(0));
    assert_eq!(fresh.shutdown(), Some(0));
}
