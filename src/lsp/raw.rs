//! Large results that Dossier writes as JSON text itself, for tower-lsp-server to carry as a
//! placeholder that the output filter replaces.
//!
//! tower-lsp-server turns every result and notification into a `serde_json::Value` tree before
//! writing it: for the outline of a long report (hundreds of sections) or a thousand
//! diagnostics that costs more than everything else the request does. A handler instead writes
//! the JSON text at once (`serde_json::to_string`, no tree), leaves it here under a marker, and
//! hands tower-lsp-server a one-element result whose only text is the marker;
//! `transport::merge_output` finds the marker in the small frame that comes out and writes the
//! text in its place. Messages keep their order: the text replaces its placeholder where the
//! placeholder stands in the output.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Texts waiting for their placeholder: (number, JSON text). A handful at most; the oldest are
/// dropped past `KEPT`, so a placeholder that never comes out cannot hold memory.
static WAITING: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(1);
const KEPT: usize = 16;

/// What every marker starts with, and what the output filter looks for in small frames.
const PREFIX: &str = "dossier-raw-result-";

/// Whether the output filter that replaces placeholders is running (`run_stdio` starts it);
/// without it, handlers hand their results to tower-lsp-server as they are.
static ON: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Declares that `transport::merge_output` replaces placeholders in what the server writes.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// Writes `value` as JSON text and keeps it, returning the marker that names it; `None` when no
/// output filter will replace the placeholder (or the value cannot be written), and the caller
/// should hand over the value itself.
pub fn stash_value<T: serde::Serialize>(value: &T) -> Option<String> {
    if !ON.load(Ordering::Relaxed) {
        return None;
    }
    serde_json::to_string(value).ok().map(stash)
}

/// Keeps `json` (a JSON value) and returns the marker that names it.
fn stash(json: String) -> String {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut waiting = WAITING.lock().unwrap_or_else(|p| p.into_inner());
    if waiting.len() >= KEPT {
        waiting.remove(0);
    }
    waiting.push((n, json));
    format!("{PREFIX}{:x}-{n}", nonce())
}

/// A number fixed for the process, so that no text in a report can name a waiting result.
fn nonce() -> u64 {
    static NONCE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *NONCE.get_or_init(|| {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        t ^ (u64::from(std::process::id()) << 32)
    })
}

/// The frame body to write instead of `body`, when `body` is a placeholder: a response whose
/// result is one outline symbol named by a marker, or semantic tokens or a diagnostic report
/// whose result id is one, or a `publishDiagnostics` whose only diagnostic's message is a
/// marker. Anything else is left as it is.
pub fn replace(body: &[u8]) -> Option<Vec<u8>> {
    // Only frames that hold the prefix are parsed: placeholders, and on a rare day a report
    // that quotes it.
    memchr::memmem::find(body, PREFIX.as_bytes())?;
    let message: serde_json::Value = serde_json::from_slice(body).ok()?;
    let (marker, kind) = if let Some(result) = message.get("result") {
        // An outline's one symbol, or the result id of semantic tokens or a diagnostic report.
        let named = result.get(0).and_then(|s| s.get("name"));
        (
            named.or_else(|| result.get("resultId"))?.as_str()?,
            Kind::Result,
        )
    } else if message.get("method")?.as_str()? == "textDocument/publishDiagnostics" {
        let params = message.get("params")?;
        let diagnostic = params.get("diagnostics")?.get(0)?;
        (diagnostic.get("message")?.as_str()?, Kind::Diagnostics)
    } else {
        return None;
    };
    let n: u64 = marker
        .strip_prefix(PREFIX)?
        .strip_prefix(&format!("{:x}-", nonce()))?
        .parse()
        .ok()?;
    let json = {
        let mut waiting = WAITING.lock().unwrap_or_else(|p| p.into_inner());
        match waiting.iter().position(|(k, _)| *k == n) {
            Some(at) => waiting.remove(at).1,
            // Never the marker itself: the placeholder without it (an empty outline, empty
            // tokens or report) says less, but nothing false.
            None => {
                eprintln!("dossier: a stashed result was dropped before it was written");
                match kind {
                    Kind::Result => {
                        let mut result = message.get("result")?.clone();
                        match result.as_object_mut() {
                            Some(object) => {
                                object.remove("resultId");
                                result.to_string()
                            }
                            None => "[]".to_string(),
                        }
                    }
                    Kind::Diagnostics => {
                        let mut params = message.get("params")?.clone();
                        params["diagnostics"] = serde_json::json!([]);
                        params.to_string()
                    }
                }
            }
        }
    };
    let out = match kind {
        Kind::Result => format!(
            r#"{{"jsonrpc":"2.0","result":{json},"id":{}}}"#,
            message.get("id")?
        ),
        Kind::Diagnostics => format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{json}}}"#
        ),
    };
    Some(out.into_bytes())
}

enum Kind {
    Result,
    Diagnostics,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_result_becomes_the_stashed_text() {
        let marker = stash(r#"[{"name":"Section","kind":15}]"#.to_string());
        let body =
            format!(r#"{{"jsonrpc":"2.0","result":[{{"name":"{marker}","kind":15}}],"id":7}}"#);
        let out = replace(body.as_bytes()).expect("replaced");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v["id"], 7);
        assert_eq!(v["result"][0]["name"], "Section");
        // The text is used once; a placeholder whose text is gone never reaches the client.
        let again = replace(body.as_bytes()).expect("replaced");
        let v: serde_json::Value = serde_json::from_slice(&again).unwrap_or_default();
        assert_eq!(v["result"], serde_json::json!([]));
    }

    #[test]
    fn a_placeholder_notification_becomes_the_stashed_parameters() {
        let marker = stash(r#"{"uri":"file:///r.md","diagnostics":[],"version":3}"#.to_string());
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{{"uri":"file:///r.md","diagnostics":[{{"message":"{marker}"}}],"version":3}}}}"#
        );
        let out = replace(body.as_bytes()).expect("replaced");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v["method"], "textDocument/publishDiagnostics");
        assert_eq!(v["params"]["version"], 3);
        assert_eq!(v["params"]["diagnostics"], serde_json::json!([]));
    }

    #[test]
    fn placeholder_semantic_tokens_become_the_stashed_tokens() {
        let marker = stash(r#"{"resultId":"4","data":[0,1,2,3,0]}"#.to_string());
        let body =
            format!(r#"{{"jsonrpc":"2.0","result":{{"resultId":"{marker}","data":[]}},"id":9}}"#);
        let out = replace(body.as_bytes()).expect("replaced");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(v["result"]["resultId"], "4");
        assert_eq!(v["result"]["data"], serde_json::json!([0, 1, 2, 3, 0]));
    }

    #[test]
    fn a_placeholder_whose_text_is_gone_becomes_an_empty_result() {
        let marker = stash("{}".to_string());
        let body = format!(
            r#"{{"jsonrpc":"2.0","result":{{"kind":"full","resultId":"{marker}","items":[]}},"id":3}}"#
        );
        assert!(replace(body.as_bytes()).is_some());
        let out = replace(body.as_bytes()).expect("replaced");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        assert_eq!(
            v["result"],
            serde_json::json!({"kind": "full", "items": []})
        );
    }

    #[test]
    fn other_frames_and_unknown_markers_pass_unchanged() {
        assert!(replace(br#"{"jsonrpc":"2.0","result":null,"id":1}"#).is_none());
        let forged = format!(
            r#"{{"jsonrpc":"2.0","result":[{{"name":"{PREFIX}0-99999","kind":15}}],"id":2}}"#
        );
        assert!(replace(forged.as_bytes()).is_none());
    }
}
