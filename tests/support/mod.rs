//! A small LSP client that drives the real `dossier lsp` binary over stdio.

#![allow(dead_code)]

pub mod skip;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    /// Messages with the moment their last byte was read, before they were parsed.
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Messages read while waiting for something else.
    backlog: Vec<(Instant, Value)>,
    /// When the last message `wait_for` returned had been read.
    arrived: Instant,
}

const TIMEOUT: Duration = Duration::from_secs(20);

impl Client {
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dossier lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let Some(len) = len else { return };
                let mut buf = vec![0; len];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                let arrived = Instant::now();
                let Ok(v) = serde_json::from_slice::<Value>(&buf) else {
                    return;
                };
                if tx.send((arrived, v)).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: Vec::new(),
            arrived: Instant::now(),
        }
    }

    /// When the last message returned by `wait_for` (or a request) had been read in full:
    /// latency measured to here leaves out the time this client takes to parse it.
    pub fn arrived(&self) -> Instant {
        self.arrived
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    /// Writes bytes as they are, framed or not.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// The server's peak resident memory so far, in bytes (Linux only; 0 elsewhere).
    pub fn peak_memory(&self) -> u64 {
        peak_memory(self.child.id())
    }

    pub fn send(&mut self, msg: Value) {
        self.send_raw(msg.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (the whole message, with `result` or `error`).
    pub fn request_full(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_full(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Waits for a message that satisfies `pred`, keeping the others for later.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(k) = self.backlog.iter().position(|(_, m)| pred(m)) {
            let (at, m) = self.backlog.remove(k);
            self.arrived = at;
            return m;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((at, m)) => {
                    // Answer server-to-client requests so the server never waits on us.
                    if m.get("method").is_some() && m.get("id").is_some() {
                        let id = m["id"].clone();
                        let result = if m["method"] == "workspace/configuration" {
                            json!([null])
                        } else {
                            Value::Null
                        };
                        self.send(json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                    }
                    if pred(&m) {
                        self.arrived = at;
                        return m;
                    }
                    self.backlog.push((at, m));
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out; saw {:#?}", self.backlog),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed its output; saw {:#?}", self.backlog)
                }
            }
        }
    }

    /// Every message read so far and not yet returned, including the ones still in flight for
    /// a short while.
    pub fn drain(&mut self) -> Vec<Value> {
        while let Ok((at, m)) = self.rx.recv_timeout(Duration::from_millis(300)) {
            self.backlog.push((at, m));
        }
        self.backlog.drain(..).map(|(_, m)| m).collect()
    }

    /// The next diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn initialize(&mut self, encodings: &[&str], options: Value) -> Value {
        self.initialize_as(
            json!({
                "general": { "positionEncodings": encodings },
                "textDocument": {
                    "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
                    "hover": { "contentFormat": ["markdown", "plaintext"] },
                    "publishDiagnostics": { "versionSupport": true, "relatedInformation": true }
                }
            }),
            options,
        )
    }

    /// `initialize` with the client capabilities given (an editor's, say), then `initialized`.
    pub fn initialize_as(&mut self, capabilities: Value, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
    }

    /// `shutdown`, then `exit`; returns the process's exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> Option<i32> {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A process's peak resident memory so far, in bytes (Linux only; 0 elsewhere).
pub fn peak_memory(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// A `file://` URI for a path that need not exist.
pub fn uri(name: &str) -> String {
    format!("file:///tmp/dossier-tests/{name}")
}

/// Line/character of a byte offset in `text`, counting characters in the given encoding.
pub fn pos(text: &str, offset: usize, encoding: &str) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let col_text = &text[line_start..offset];
    let character = match encoding {
        "utf-8" => col_text.len(),
        "utf-32" => col_text.chars().count(),
        _ => col_text.encode_utf16().count(),
    };
    json!({ "line": line, "character": character })
}
