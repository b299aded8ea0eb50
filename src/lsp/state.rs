//! The server's state (open reports, the workspace index, what the client can do, settings) and
//! the `Backend` that handlers reach it through, shielded from panics.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{Range, SemanticToken, Uri};

use super::document::{Document, Snapshot};
use super::position::Encoding;
use super::workspace::Known;
use crate::config::{self, Config};

/// What the client said it can do, read once from `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientCaps {
    pub encoding: Encoding,
    /// Hovers in plain text: the client cannot show Markdown.
    pub plain_hover: bool,
    pub hierarchical_symbols: bool,
    /// `workspace/configuration` requests.
    pub config_request: bool,
    /// Dynamic registration of `workspace/didChangeWatchedFiles`.
    pub watch_registration: bool,
    pub progress: bool,
    /// `textDocument/diagnostic`: the client pulls diagnostics, and is sent none unasked. A
    /// client that both pulls and takes pushed diagnostics keeps them apart and shows each twice.
    pub pull_diagnostics: bool,
    /// `workspace/diagnostic/refresh`: a pulling client can be told to pull again.
    pub diagnostic_refresh: bool,
}

#[derive(Default)]
pub struct State {
    pub docs: HashMap<Uri, Document>,
    /// Reports on disk under the workspace folders, as indexed (an open one's entry is what is
    /// on disk, which it goes back to when closed).
    pub index: HashMap<Uri, super::workspace::Indexed>,
    /// The indexed reports' actors by name (`index` is changed through `set_indexed`, which
    /// keeps the two together).
    pub mentioned: super::workspace::Mentioned,
    /// Counts indexing passes, so that a pass started later stops an earlier one.
    pub index_pass: u64,
    pub roots: Vec<PathBuf>,
    pub caps: ClientCaps,
    /// Settings from the editor (`initializationOptions`, `workspace/configuration`).
    pub settings: Arc<Config>,
    /// `dossier.toml` files found and read, applied over the editor settings.
    pub config_files: crate::host::ConfigFiles,
    /// Problems of the settings and of the `dossier.toml` files, to be shown to the user.
    pub problems: super::problems::Problems,
    /// The `dossier.toml` files open in the editor, which get their problems as diagnostics.
    pub open_configs: HashMap<PathBuf, Uri>,
    /// What requests about an open `dossier.toml` are answered from: no report, so no hover,
    /// tokens or symbols, rather than an error the editor would log for every request.
    pub config_doc: std::sync::OnceLock<Document>,
    /// The last semantic tokens sent per document, for deltas.
    pub tokens: HashMap<Uri, Tokens>,
    pub next_result: u64,
    /// The comparable facts of every report, by URI: an open report's latest analysis, else
    /// its file's as indexed (`cross-report`, `lsp::workspace`).
    pub catalogue: crate::facts::cross::Catalogue,
}

/// Semantic tokens sent for a document, under their result id.
pub type Tokens = (String, Vec<SemanticToken>);

impl State {
    /// Every report the server knows: the open ones, then indexed ones that are not open.
    pub fn reports(&self) -> impl Iterator<Item = (&Uri, Known<'_>)> {
        let open = self
            .docs
            .iter()
            .map(|(uri, d)| (uri, Known::Open(&d.snapshot)));
        let indexed = self
            .index
            .iter()
            .filter(|(uri, _)| !self.docs.contains_key(*uri))
            .map(|(uri, i)| (uri, Known::Indexed(i)));
        open.chain(indexed)
    }

    /// Every report but `uri`.
    pub fn other_reports<'a>(&'a self, uri: &'a Uri) -> impl Iterator<Item = (&'a Uri, Known<'a>)> {
        self.reports().filter(move |(u, _)| *u != uri)
    }

    /// A report the server knows, open or indexed.
    pub fn known(&self, uri: &Uri) -> Option<Known<'_>> {
        match self.docs.get(uri) {
            Some(d) => Some(Known::Open(&d.snapshot)),
            None => self.index.get(uri).map(Known::Indexed),
        }
    }

    /// Where a finding's place in another report is, when the server knows that report.
    pub fn place(&self, other: &Uri, e: &crate::model::Elsewhere) -> Option<Range> {
        Some(self.known(other)?.range(e.span, self.encoding()))
    }

    pub fn encoding(&self) -> Encoding {
        self.caps.encoding
    }

    /// The configuration for a document: editor settings, then the nearest `dossier.toml`.
    pub fn config_for(&mut self, uri: &Uri) -> Arc<Config> {
        let dir = uri
            .to_file_path()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()));
        let Some(dir) = dir else {
            return self.settings.clone();
        };
        let (config, read) = self.config_files.config_for(&dir, &self.settings);
        if let Some(read) = read {
            self.problems.file(read);
        }
        config
    }

    /// Reads the `dossier.toml` at `path` unless it is read already, so that its problems
    /// are known even when no report under it is open.
    pub fn read_config_file(&mut self, path: &std::path::Path) {
        let (_, read) = self.config_files.read(path, &self.settings);
        if let Some(read) = read {
            self.problems.file(read);
        }
    }

    /// The `dossier.toml` that applies to a document, if any.
    pub fn config_file_for(&mut self, uri: &Uri) -> Option<PathBuf> {
        let path = uri.to_file_path()?;
        self.config_files.nearest(path.parent()?)
    }

    /// Takes new editor settings, marks the open reports for analysis with them, and returns
    /// those reports for their diagnostics to be published again.
    pub fn apply_settings(&mut self, value: &serde_json::Value) -> Vec<Uri> {
        let (c, errors) = config::apply_json(value, &Config::default());
        self.problems.settings(errors);
        self.settings = Arc::new(c);
        self.reanalyze_all()
    }

    /// Forgets the `dossier.toml` files found and read, marks every open report for analysis
    /// with its configuration read afresh, and returns them for their diagnostics to be
    /// published again.
    pub fn reanalyze_all(&mut self) -> Vec<Uri> {
        self.config_files.forget();
        let open: Vec<PathBuf> = self.open_configs.keys().cloned().collect();
        for path in open {
            self.read_config_file(&path);
        }
        for d in self.docs.values_mut() {
            d.invalidate();
        }
        self.docs.keys().cloned().collect()
    }

    pub fn doc(&self, uri: &Uri) -> Result<&Document> {
        if let Some(doc) = self.docs.get(uri) {
            return Ok(doc);
        }
        if self.open_configs.values().any(|u| u == uri) {
            let format = crate::outline::Format::Plain;
            return Ok(self
                .config_doc
                .get_or_init(|| Document::open("", 0, format)));
        }
        Err(Error::invalid_params(format!(
            "unknown document {}",
            uri.as_str()
        )))
    }
}

/// What a request about one report is answered from: the state, the report's snapshot (its
/// analysis of the current version), its configuration and the client's encoding.
pub struct Asked<'a> {
    pub state: &'a State,
    pub uri: &'a Uri,
    pub snap: &'a Snapshot,
    pub config: Arc<Config>,
    pub enc: Encoding,
}

impl Asked<'_> {
    /// The other reports of the workspace, open or indexed.
    pub fn others(&self) -> impl Iterator<Item = (&Uri, Known<'_>)> {
        self.state.other_reports(self.uri)
    }
}

/// What every handler holds: the client, to send to, and the state, behind one lock.
pub struct Backend {
    pub client: Client,
    pub state: Arc<Mutex<State>>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Runs `f` on the state, turning a panic into an internal error and a log line.
    pub fn guarded<T>(&self, what: &str, f: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        let mut state = self.lock();
        match catch_unwind(AssertUnwindSafe(|| f(&mut state))) {
            Ok(r) => r,
            Err(panic) => {
                let msg = panic_message(&panic);
                eprintln!("dossier: internal error in {what}: {msg}");
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: format!("internal error in {what}: {msg}").into(),
                    data: None,
                })
            }
        }
    }
}

/// The state, even after a panic while the lock was held: the state is left as it was.
pub fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
