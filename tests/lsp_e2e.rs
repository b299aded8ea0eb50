//! End to end over stdio against the real binary: negotiation, open, incremental edits, outline,
//! versioned diagnostics, and one model of diagnostics per client (pulled or pushed).

mod support;

use serde_json::{Value, json};
use support::{Client, pos, uri};

const REPORT: &str = "# Briefing: Sep — Dec 2014\n\n## Seoul 서울 and Beijing 😀\n\nOn Monday, Oct. 31 the ministers met in Seoul.\n\n## Trade\n\nTrade reached $229 billion in 2013.\n";

#[test]
fn utf8_is_negotiated_and_edits_update_outline_and_diagnostics() {
    let mut c = Client::start();
    let init = c.initialize(&["utf-8", "utf-16"], json!(null));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );

    let u = uri("briefing.md");
    c.open(&u, "markdown", REPORT);
    let diags = c.diagnostics(&u, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "weekday");
    let monday = REPORT.find("Monday").unwrap();
    assert_eq!(diags[0]["range"]["start"], pos(REPORT, monday, "utf-8"));
    // A client that cannot pull is not offered pulls.
    assert!(init["capabilities"].get("diagnosticProvider").is_none());

    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    assert_eq!(symbols[0]["name"], "Briefing: Sep — Dec 2014");
    let sections = |symbols: &serde_json::Value| -> Vec<String> {
        symbols[0]["children"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == 15)
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(sections(&symbols), ["Seoul 서울 and Beijing 😀", "Trade"]);
    // Each section's actors, dates and figures are its children too.
    let trade = symbols[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Trade")
        .unwrap();
    let names: Vec<&str> = trade["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["$229 billion", "2013"]);

    // Two edits in one notification, applied in order: fix the weekday, then rename a heading
    // whose line has multi-byte characters before the edit point (UTF-8 columns).
    let mut text = REPORT.to_string();
    let fix_at = text.find("Monday").unwrap();
    let range1 =
        json!({ "start": pos(&text, fix_at, "utf-8"), "end": pos(&text, fix_at + 6, "utf-8") });
    text.replace_range(fix_at..fix_at + 6, "Friday");
    let trade = text.find("## Trade").unwrap() + 3;
    let range2 =
        json!({ "start": pos(&text, trade, "utf-8"), "end": pos(&text, trade + 5, "utf-8") });
    text.replace_range(trade..trade + 5, "Money 💰");
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": u, "version": 2 },
            "contentChanges": [ { "range": range1, "text": "Friday" }, { "range": range2, "text": "Money 💰" } ],
        }),
    );
    assert_eq!(c.diagnostics(&u, 2), Vec::<serde_json::Value>::new());
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    assert_eq!(
        sections(&symbols),
        ["Seoul 서울 and Beijing 😀", "Money 💰"]
    );

    // A full-text change and a stale one: the stale one is ignored, not fatal.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": u, "version": 3 }, "contentChanges": [ { "text": "# Only\n\nOn Sunday, Oct. 31 we met.\n" } ] }));
    assert_eq!(c.diagnostics(&u, 3).len(), 1);
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": u, "version": 2 }, "contentChanges": [ { "text": "stale" } ] }));
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///nowhere.md", "version": 9 }, "contentChanges": [ { "text": "x" } ] }));
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    assert_eq!(symbols[0]["name"], "Only");

    // Closing clears the diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": u } }),
    );
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == u
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(m["params"].get("version").is_none_or(|v| v.is_null()));

    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn utf16_is_the_default_and_exit_without_shutdown_is_an_error() {
    let mut c = Client::start();
    let init = c.initialize(&[], json!(null));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let u = uri("u16.md");
    c.open(&u, "markdown", REPORT);
    let diags = c.diagnostics(&u, 1);
    let monday = REPORT.find("Monday").unwrap();
    assert_eq!(diags[0]["range"]["start"], pos(REPORT, monday, "utf-16"));
    c.notify("exit", json!(null));
    assert_eq!(c.wait_exit(), Some(1));
}

#[test]
fn utf32_when_it_is_all_the_client_offers() {
    let mut c = Client::start();
    let init = c.initialize(&["utf-32"], json!(null));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-32");
    assert_eq!(c.shutdown(), Some(0));
}

/// The `window/showMessage` notifications among `messages`.
fn shown(messages: &[serde_json::Value]) -> Vec<String> {
    messages
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .map(|m| {
            m["params"]["message"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

#[test]
fn bad_settings_are_shown_once_each() {
    let mut c = Client::start();
    // An empty Lua table arrives as an array; a currency that is no ISO code.
    c.initialize(&[], json!({ "currency": "dollars", "checks": [] }));
    let first = shown(&c.drain());
    assert_eq!(first.len(), 1, "one message for the settings: {first:?}");
    assert!(
        first[0].contains("`currency` must be an ISO 4217 code"),
        "{first:?}"
    );
    assert!(first[0].contains("`checks` must be a table"), "{first:?}");

    // The same settings again (every settings change sends them all): nothing new to show.
    let same = json!({ "settings": { "dossier": { "currency": "dollars", "checks": [] } } });
    c.notify("workspace/didChangeConfiguration", same);
    assert_eq!(shown(&c.drain()), Vec::<String>::new());

    // A new mistake is shown; the one still there is not shown again.
    let worse =
        json!({ "settings": { "dossier": { "currency": "dollars", "checks": [], "colour": 1 } } });
    c.notify("workspace/didChangeConfiguration", worse);
    let next = shown(&c.drain());
    assert_eq!(next.len(), 1, "{next:?}");
    assert!(next[0].contains("unknown key `colour`"), "{next:?}");
    assert!(!next[0].contains("currency"), "{next:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn dossier_toml_errors_are_shown_once_and_as_diagnostics_on_the_file() {
    let dir = std::env::temp_dir().join(format!("dossier-e2e-toml-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("dossier.toml");
    // A syntax error on line 2: the value is missing its closing quote.
    std::fs::write(&toml, "currency = \"USD\"\nperiod = \"Sep-Dec 2014\n").unwrap();
    let file_uri = |p: &std::path::Path| format!("file://{}", p.display());
    let (report, config) = (file_uri(&dir.join("r.md")), file_uri(&toml));

    let mut c = Client::start();
    c.initialize(&[], json!(null));
    c.open(&report, "markdown", REPORT);
    c.diagnostics(&report, 1);
    // Edits read the configuration again and again; the problem is shown once.
    for version in 2..5 {
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": report, "version": version }, "contentChanges": [ { "text": REPORT } ] }),
        );
        c.diagnostics(&report, version);
    }
    let messages = shown(&c.drain());
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].contains(&format!("{}:2:", toml.display())),
        "the file, line and column: {messages:?}"
    );

    // Opened in the editor, the file gets the problem as a diagnostic at its line.
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": config, "languageId": "toml", "version": 1, "text": "" } }),
    );
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == config
    });
    let d = &m["params"]["diagnostics"];
    assert_eq!(d.as_array().map(Vec::len), Some(1), "{m}");
    assert_eq!(d[0]["range"]["start"]["line"], 1, "{m}");
    assert!(
        d[0]["range"]["start"]["character"].as_u64() > Some(0),
        "{m}"
    );
    // The editor asks about the file as about any document: empty answers, no errors.
    let doc = json!({ "uri": config });
    let at = json!({ "textDocument": doc, "position": { "line": 0, "character": 2 } });
    assert_eq!(c.request("textDocument/hover", at), json!(null));
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": doc }),
    );
    assert_eq!(symbols, json!([]));
    let tokens = c.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": doc }),
    );
    assert_eq!(tokens["data"], json!([]), "{tokens}");

    // Fixed on disk: the diagnostic goes, and nothing more is shown.
    std::fs::write(&toml, "currency = \"USD\"\nperiod = \"Sep-Dec 2014\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [ { "uri": config, "type": 2 } ] }),
    );
    c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == config
            && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(shown(&c.drain()), Vec::<String>::new());
    assert_eq!(c.shutdown(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_flat_outline_names_each_entry_and_its_container() {
    let mut c = Client::start();
    // As Neovim 0.7's list or any client without hierarchicalDocumentSymbolSupport asks.
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": null,
            "capabilities": {},
            "initializationOptions": { "reference-date": "2014-12-31" },
        }),
    );
    c.notify("initialized", json!({}));
    let u = uri("flat.md");
    let text = "On Friday, Oct. 31 the envoys met in Seoul.\n\n# Talks\n\nWang Yi spoke.\n";
    c.open(&u, "markdown", text);
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": u } }),
    );
    let entries: Vec<(String, String)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert!(s.get("location").is_some(), "SymbolInformation: {s}");
            (
                s["name"].as_str().unwrap().to_string(),
                s["containerName"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        ("Opening (before the first heading)", ""),
        ("Friday, Oct. 31 (2014-10-31)", "Opening"),
        ("Seoul (place)", "Opening"),
        ("Talks", ""),
        ("Wang Yi (person)", "Talks"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    assert_eq!(entries, expected);
    assert_eq!(c.shutdown(), Some(0));
}

/// What VS Code (vscode-languageclient 9) declares at `initialize` about diagnostics and
/// settings: it pulls, and can be asked to pull again.
fn vscode() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "workspace": {
            "configuration": true,
            "didChangeConfiguration": { "dynamicRegistration": true },
            "didChangeWatchedFiles": { "dynamicRegistration": true, "relativePatternSupport": true },
            "diagnostics": { "refreshSupport": true }
        },
        "textDocument": {
            "diagnostic": { "dynamicRegistration": true, "relatedDocumentSupport": false },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": false, "codeDescriptionSupport": true, "dataSupport": true }
        }
    })
}

/// Neovim 0.11's: it pulls, but cannot be asked to pull again.
fn neovim() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-8", "utf-16", "utf-32"] },
        "workspace": {
            "configuration": true,
            "didChangeConfiguration": { "dynamicRegistration": false },
            "didChangeWatchedFiles": { "dynamicRegistration": false, "relativePatternSupport": true }
        },
        "textDocument": {
            "diagnostic": { "dynamicRegistration": false },
            "publishDiagnostics": { "relatedInformation": true, "dataSupport": true }
        }
    })
}

/// Emacs 29's eglot: diagnostics are pushed to it.
fn emacs() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-32", "utf-8", "utf-16"] },
        "workspace": { "configuration": true, "didChangeWatchedFiles": { "dynamicRegistration": true } },
        "textDocument": {
            "publishDiagnostics": { "relatedInformation": false, "codeDescriptionSupport": false }
        }
    })
}

fn pull(c: &mut Client, u: &str) -> Value {
    c.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": u } }),
    )
}

fn codes(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// VS Code shows pushed and pulled diagnostics in two collections, so a client that pulls and
/// is also sent them sees every finding twice.
#[test]
fn clients_that_pull_are_offered_pulls_and_sent_no_diagnostics() {
    for (name, caps, refresh) in [("vscode", vscode(), true), ("neovim", neovim(), false)] {
        let mut c = Client::start();
        let init = c.initialize_as(caps, json!(null));
        assert_eq!(
            init["capabilities"]["diagnosticProvider"]["identifier"], "dossier",
            "{name}: {init}"
        );
        let u = uri(&format!("pulled-{name}.md"));
        c.open(&u, "markdown", REPORT);
        let pulled = pull(&mut c, &u);
        assert_eq!(pulled["kind"], "full");
        assert_eq!(pulled["resultId"], "1");
        assert_eq!(codes(&pulled["items"]), ["weekday"], "{name}");

        let monday = REPORT.find("Monday").unwrap();
        let range = json!({ "start": pos(REPORT, monday, "utf-16"), "end": pos(REPORT, monday + 6, "utf-16") });
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 2 }, "contentChanges": [ { "range": range, "text": "Friday" } ] }),
        );
        let pulled = pull(&mut c, &u);
        assert_eq!(pulled["resultId"], "2");
        assert_eq!(codes(&pulled["items"]), Vec::<&str>::new(), "{name}");

        // New settings change the findings: a client that can be asked to pull again is.
        c.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "dossier": { "checks": { "weekday": "hint" } } } }),
        );
        if refresh {
            c.wait_for(|m| m["method"] == "workspace/diagnostic/refresh" && m.get("id").is_some());
        }
        c.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": u } }),
        );
        // A request answered after the close: what the close sent has been sent by then.
        c.request("workspace/symbol", json!({ "query": "seoul" }));
        let seen = c.drain();
        let pushed: Vec<&Value> = seen
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics")
            .collect();
        assert!(
            pushed.is_empty(),
            "{name} was sent diagnostics: {pushed:#?}"
        );
        if !refresh {
            assert!(
                !seen
                    .iter()
                    .any(|m| m["method"] == "workspace/diagnostic/refresh"),
                "{name} cannot take a refresh: {seen:#?}"
            );
        }
        assert_eq!(c.shutdown(), Some(0));
    }
}

#[test]
fn clients_that_cannot_pull_are_sent_diagnostics_and_offered_no_pulls() {
    let mut c = Client::start();
    let init = c.initialize_as(emacs(), json!(null));
    assert!(
        init["capabilities"].get("diagnosticProvider").is_none(),
        "{init}"
    );
    let u = uri("pushed-emacs.md");
    c.open(&u, "markdown", REPORT);
    assert_eq!(codes(&json!(c.diagnostics(&u, 1))), ["weekday"]);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "dossier": { "checks": { "weekday": false } } } }),
    );
    assert_eq!(c.diagnostics(&u, 1), Vec::<Value>::new());
    assert!(
        !c.drain()
            .iter()
            .any(|m| m["method"] == "workspace/diagnostic/refresh")
    );
    assert_eq!(c.shutdown(), Some(0));
}
