//! End-to-end latency through the real binary over stdio: start-up to `initialize`, opening a
//! 1 MB report, 50 keystrokes in its middle (keystroke to fresh diagnostics), and hovers (on one
//! actor's mentions, and at a hundred places spread over the text, dates and figures included).
//! Prints p50/p99 and the server's peak memory. Each time runs from the moment the client has
//! written its message to the moment the answer's last byte is read, before the client parses
//! it: what the server and the pipe take. Last, a workspace of 10,000 generated reports: indexing,
//! its memory, keystrokes with `cross-report` and `dossier check` (that part alone: `cargo bench
//! --bench latency -- workspace`). Run with `cargo bench --bench latency`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{Client, pos};

#[path = "common/mod.rs"]
mod common;

use common::{generated, write_workspace};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn show(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<34} p50 {:>8.2} ms   p99 {:>8.2} ms   ({} samples)",
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.len()
    );
}

/// A field of a process's `/proc` status in kB: `VmHWM` (peak resident memory) or `VmRSS`.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    status_kb(pid, "VmHWM")
}

/// The current resident memory of a process, in kB.
fn rss_kb(pid: u32) -> Option<u64> {
    status_kb(pid, "VmRSS")
}

/// 50 keystrokes typed in the middle of an open report, each timed until the diagnostics of its
/// version arrive. Returns the edited text, the timings and how many diagnostics each carried.
fn keystrokes(c: &mut Client, uri: &str, text: String) -> (String, Vec<Duration>, usize) {
    let mut text = text;
    let mut at = text.len() / 2;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let mut keys = Vec::new();
    let mut published = 0;
    for k in 0..50 {
        let p = pos(&text, at, "utf-16");
        text.insert(at, 'x');
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": k + 2 },
                "contentChanges": [{ "range": { "start": p, "end": p }, "text": "x" }],
            }),
        );
        published = c.diagnostics(uri, k + 2).len();
        keys.push(c.arrived() - t);
        at += 1;
    }
    (text, keys, published)
}

/// Opens a report and prints how long its first diagnostics took to arrive.
fn open(c: &mut Client, uri: &str, text: &str, name: &str) {
    let t = Instant::now();
    c.open(uri, "plaintext", text);
    c.diagnostics(uri, 1);
    println!(
        "{:<34} {:>8.2} ms   ({} bytes)",
        name,
        (c.arrived() - t).as_secs_f64() * 1e3,
        text.len()
    );
}

/// Opens `(uri, language, text)` in a fresh server initialised with `options`, types 50
/// keystrokes and prints their timings under `name`.
fn fresh_keystrokes(options: serde_json::Value, doc: (&str, &str, &str), name: &str) {
    let (uri, language, text) = doc;
    let mut c = Client::start();
    c.initialize(&["utf-16"], immediate(options));
    c.open(uri, language, text);
    c.diagnostics(uri, 1);
    let (_, keys, published) = keystrokes(&mut c, uri, text.to_string());
    show(&format!("{name} ({published})"), keys);
    c.shutdown();
}

/// `options` with `diagnostics-delay` 0: a keystroke is then timed to the analysis and
/// publication it causes, not to the pause the server waits for more edits.
fn immediate(options: serde_json::Value) -> serde_json::Value {
    let mut options = if options.is_object() {
        options
    } else {
        json!({})
    };
    options["diagnostics-delay"] = json!(0);
    options
}

/// 50 edits sent at once, then a request: timed from the first edit to the answer, which
/// needs the analysis of all fifty.
fn burst(c: &mut Client, uri: &str, text: &str) -> Duration {
    let mut at = text.len() / 2;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let p = pos(text, at, "utf-16");
    let t = Instant::now();
    for k in 0..50 {
        c.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": k + 2 },
                "contentChanges": [{ "range": { "start": p, "end": p }, "text": "x" }],
            }),
        );
    }
    c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    c.arrived() - t
}

/// Hovers on every `step`th mention of `word` (50 at most, spread over the text), timed.
fn hovers(c: &mut Client, uri: &str, text: &str, word: &str, step: usize) -> Vec<Duration> {
    let offsets: Vec<usize> = text
        .match_indices(word)
        .map(|(o, _)| o)
        .step_by(step)
        .take(50)
        .collect();
    let inside: Vec<usize> = offsets.into_iter().map(|o| o + 1).collect();
    time_hovers(c, uri, text, &inside)
}

/// Hovers at a hundred positions spread evenly over the text: a third where they fall, a third
/// moved on to the next digit (dates and figures), a third to the next capital (actors), timed.
fn spread_hovers(c: &mut Client, uri: &str, text: &str) -> Vec<Duration> {
    let offsets: Vec<usize> = (0..100)
        .map(|k| {
            let mut o = k * text.len() / 100;
            while !text.is_char_boundary(o) {
                o += 1;
            }
            let next = |f: fn(&u8) -> bool| text.as_bytes()[o..].iter().position(f);
            let moved = match k % 3 {
                1 => next(u8::is_ascii_digit),
                2 => next(u8::is_ascii_uppercase),
                _ => Some(0),
            };
            o + moved.unwrap_or(0)
        })
        .collect();
    time_hovers(c, uri, text, &offsets)
}

/// A hover at each of `offsets`, each timed.
fn time_hovers(c: &mut Client, uri: &str, text: &str, offsets: &[usize]) -> Vec<Duration> {
    offsets
        .iter()
        .map(|&o| {
            let t = Instant::now();
            c.request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": uri }, "position": pos(text, o, "utf-16") }),
            );
            c.arrived() - t
        })
        .collect()
}

/// 20 document-symbol requests, timed.
fn symbols(c: &mut Client, uri: &str) -> Vec<Duration> {
    (0..20)
        .map(|_| {
            let t = Instant::now();
            c.request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
            );
            c.arrived() - t
        })
        .collect()
}

/// A workspace of 10,000 generated reports (about 100 MB) on disk: the server indexes it (timed
/// from `initialized` to the end of its progress, with the memory it then holds over that of a
/// server with no workspace), then one of its reports is opened and typed in with
/// `cross-report` comparing every keystroke's facts with the other 9,999; `dossier check` reads
/// the same folder.
fn workspace_scale() {
    let dir = std::env::temp_dir().join("dossier-bench-ws10k");
    let paths = write_workspace(&dir, 10_000);
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bare = {
        let mut c = Client::start();
        c.initialize(&["utf-16"], json!(null));
        let kb = rss_kb(c.pid()).unwrap_or(0);
        c.shutdown();
        kb
    };
    let root = format!("file://{}", dir.display());
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{ "uri": root, "name": "ws" }],
            "capabilities": {
                "window": { "workDoneProgress": true },
                "general": { "positionEncodings": ["utf-16"] },
                "textDocument": { "publishDiagnostics": { "versionSupport": true, "relatedInformation": true } }
            },
            "initializationOptions": { "diagnostics-delay": 0 },
        }),
    );
    let t = Instant::now();
    c.notify("initialized", json!({}));
    loop {
        let m = c.wait_for(|m| m["method"] == "$/progress");
        if m["params"]["value"]["kind"] == "end" {
            break;
        }
    }
    let took = c.arrived() - t;
    let held = rss_kb(c.pid()).unwrap_or(0).saturating_sub(bare);
    println!(
        "{:<34} {:>8.2} s    ({} reports, {:.0} MB)",
        "index a workspace to progress end",
        took.as_secs_f64(),
        paths.len(),
        bytes as f64 / 1e6
    );
    println!(
        "{:<34} {:>8.1} MB   (peak {:.1} MB)",
        "memory the index holds",
        held as f64 / 1024.0,
        peak_rss_kb(c.pid()).unwrap_or(0) as f64 / 1024.0
    );
    // The report that states every fact with another value than the rest (`workspace_report`).
    let path = &paths[5007];
    let text = std::fs::read_to_string(path).expect("bench report");
    let uri = format!("file://{}", path.display());
    c.open(&uri, "markdown", &text);
    let cross = c
        .diagnostics(&uri, 1)
        .iter()
        .filter(|d| d["code"] == "cross-report")
        .count();
    let (text, keys, published) = keystrokes(&mut c, &uri, text);
    show(
        &format!("keystroke, 10k workspace ({published}, {cross} cross)"),
        keys,
    );
    show(
        "hover, 10k workspace, 100 places",
        spread_hovers(&mut c, &uri, &text),
    );
    c.shutdown();

    let t = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .arg(&dir)
        .output()
        .expect("dossier check runs");
    println!(
        "{:<34} {:>8.2} s    ({} bytes of findings)",
        "dossier check of the workspace",
        t.elapsed().as_secs_f64(),
        out.stdout.len()
    );
}

fn main() {
    if std::env::args().any(|a| a == "workspace") {
        workspace_scale();
        return;
    }
    let mut starts = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let mut c = Client::start();
        c.initialize(&["utf-16"], json!(null));
        starts.push(t.elapsed());
        c.shutdown();
    }
    show("start to initialize answered", starts);

    let text = generated(1 << 20);
    let uri = "file:///tmp/dossier-bench/big.txt";
    let mut c = Client::start();
    c.initialize(
        &["utf-16"],
        immediate(json!({ "reference-date": "2019-03-31" })),
    );
    open(&mut c, uri, &text, "open 1 MB to diagnostics");

    let (text, keys, published) = keystrokes(&mut c, uri, text);
    show(
        &format!("keystroke to fresh diagnostics ({published} diagnostics)"),
        keys,
    );

    show("hover", hovers(&mut c, uri, &text, "Laos", 7));
    show(
        "hover, 100 places spread",
        spread_hovers(&mut c, uri, &text),
    );
    show("document symbols", symbols(&mut c, uri));
    if let Some(kb) = peak_rss_kb(c.pid()) {
        println!(
            "{:<34} {:>8.1} MB",
            "server peak memory",
            kb as f64 / 1024.0
        );
    }
    // The same report without its period line: the dates outside the period no longer raise
    // hints, which shows how much of a keystroke is publishing diagnostics.
    let quiet = generated(1 << 20).replacen(
        "January to March 2019\n\n",
        "This review repeats two example reports and states no period of its own.\n\n",
        1,
    );
    let quiet_uri = "file:///tmp/dossier-bench/quiet.txt";
    c.open(quiet_uri, "plaintext", &quiet);
    c.diagnostics(quiet_uri, 1);
    let (_, keys, published) = keystrokes(&mut c, quiet_uri, quiet.clone());
    show(
        &format!("keystroke, same without period ({published})"),
        keys,
    );
    c.shutdown();

    // The same report in a server with no reference date configured: the report states no
    // date, so it is read against today, which is one input of one analysis per keystroke.
    fresh_keystrokes(
        json!(null),
        (quiet_uri, "plaintext", &quiet),
        "keystroke, no period nor date",
    );

    // A real report (the largest of the corpus, Markdown, dated by its metadata), with and
    // without a configured reference date, when `../shared` is there.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/crs/R48915v1-preemption-and-the-federal-food-drug-and-cosmeti.md"
    );
    if let Ok(real) = std::fs::read_to_string(path) {
        let doc = (
            "file:///tmp/dossier-bench/real.md",
            "markdown",
            real.as_str(),
        );
        fresh_keystrokes(
            json!({ "reference-date": "2026-04-23" }),
            doc,
            "keystroke, 180 KB corpus report, reference date set",
        );
        fresh_keystrokes(
            json!(null),
            doc,
            "keystroke, 180 KB corpus report, no reference date",
        );
    }

    // Fifty edits typed faster than they can be analysed, then a request, at the default
    // `diagnostics-delay`: one analysis, not fifty.
    for (mb, name) in [(1, "1 MB"), (4, "4 MB")] {
        let text = generated(mb << 20).replacen(
            "January to March 2019\n\n",
            "This review repeats two example reports and states no period of its own.\n\n",
            1,
        );
        let uri = "file:///tmp/dossier-bench/burst.txt";
        let mut c = Client::start();
        c.initialize(&["utf-16"], json!(null));
        c.open(uri, "plaintext", &text);
        c.diagnostics(uri, 1);
        let took = burst(&mut c, uri, &text);
        println!(
            "{:<34} {:>8.2} ms",
            format!("50 edits then a request, {name}"),
            took.as_secs_f64() * 1e3
        );
        c.shutdown();
    }

    // A report of one 5 MB line: positions far from the start of their line.
    let sentence = "Seoul 서울 met Beijing on Oct. 31, 2014 and pledged $5 million. ";
    let line = sentence.repeat((5 << 20) / sentence.len());
    let uri = "file:///tmp/dossier-bench/one-line.txt";
    let mut c = Client::start();
    c.initialize(&["utf-16"], json!(null));
    open(&mut c, uri, &line, "open one 5 MB line to diagnostics");
    let t = Instant::now();
    c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    show("semantic tokens, one 5 MB line", vec![c.arrived() - t]);
    show(
        "hover, one 5 MB line",
        hovers(&mut c, uri, &line, "Beijing", 997),
    );
    c.shutdown();

    // The report the speed targets name: the shared sample repeated 50 times (when `../shared`
    // is there; the project ships only its own text). Measured in a fresh server.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/china-korea-2014.txt"
    );
    if let Ok(sample) = std::fs::read_to_string(path) {
        let text = sample.repeat(50);
        let uri = "file:///tmp/dossier-bench/sample-x50.txt";
        let mut c = Client::start();
        c.initialize(&["utf-16"], immediate(json!(null)));
        open(&mut c, uri, &text, "open the sample x50 to diagnostics");
        show(
            "hover, sample x50, 100 places spread",
            spread_hovers(&mut c, uri, &text),
        );
        show(
            "hover, sample x50, a recurring date",
            hovers(&mut c, uri, &text, "October", 10),
        );
        let (_, keys, published) = keystrokes(&mut c, uri, text);
        show(&format!("keystroke, sample x50 ({published})"), keys);
        show("document symbols, sample x50", symbols(&mut c, uri));
        c.shutdown();
    }
    workspace_scale();
}
