//! The language server: the only code that knows tower-lsp-server, the protocol types and tokio.
//! Each handler converts positions in, calls the pure core, and converts results out.

pub mod document;
pub mod framing;
pub mod position;
mod raw;
mod transport;
mod workspace;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::config::{self, Config};
use crate::ide::tokens::TokenKind;
use crate::model::{Finding, Section};
use crate::outline::Format;
use document::Document;
use position::Encoding;

/// Set by `shutdown`: the process exits 0 after `exit` only if it was asked to shut down first.
static SHUTDOWN: AtomicBool = AtomicBool::new(false);

/// Runs the server on stdin/stdout until `exit` (or the end of input). Returns true when the
/// client asked for `shutdown` first, as the specification requires for a clean exit.
pub fn run_stdio() -> bool {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("dossier: cannot start the runtime: {e}");
            return false;
        }
    };
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The input filter may still be blocked reading standard input; do not wait for it.
    runtime.shutdown_background();
    SHUTDOWN.load(Ordering::SeqCst)
}

/// Serves one client on a pair of byte streams until `exit` or the end of `input`.
pub async fn serve<R, W>(input: R, output: W)
where
    R: tokio::io::AsyncRead + Unpin + Send + 'static,
    W: tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = LspService::new(Backend::new);
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (replies_tx, replies_rx) = tokio::sync::mpsc::channel(transport::QUEUED_REPLIES);
    let filter = tokio::spawn(transport::filter_input(input, to_server, replies_tx));
    raw::enable();
    let output = tokio::spawn(transport::merge_output(from_server, replies_rx, output));
    // One message at a time: edits must apply in the order they were sent.
    Server::new(server_in, server_out, socket)
        .concurrency_level(1)
        .serve(service)
        .await;
    let _ = output.await;
    filter.abort();
}

#[derive(Default)]
struct State {
    docs: HashMap<Uri, Document>,
    /// Reports on disk under the workspace folders that are not open.
    index: HashMap<Uri, workspace::Indexed>,
    roots: Vec<PathBuf>,
    encoding: Encoding,
    /// Settings from the editor (`initializationOptions`, `workspace/configuration`).
    settings: Config,
    /// Configuration per `dossier.toml` path, applied over the editor settings.
    config_cache: HashMap<PathBuf, Config>,
    plain_hover: bool,
    hierarchical_symbols: bool,
    config_request: bool,
    watch_registration: bool,
    progress: bool,
    /// The last semantic tokens sent per document, for deltas.
    tokens: HashMap<Uri, Tokens>,
    next_result: u64,
}

/// Semantic tokens sent for a document, under their result id.
type Tokens = (String, Vec<SemanticToken>);

/// A report the server knows, open or indexed.
struct Report<'a> {
    uri: &'a Uri,
    rope: &'a ropey::Rope,
    analysis: &'a crate::model::Analysis,
}

impl State {
    /// Every report the server knows: the open ones, then indexed ones that are not open.
    fn reports(&self) -> impl Iterator<Item = Report<'_>> {
        let open = self.docs.iter().map(|(uri, d)| Report {
            uri,
            rope: &d.rope,
            analysis: &d.analysis,
        });
        let indexed = self
            .index
            .iter()
            .filter(|(uri, _)| !self.docs.contains_key(*uri))
            .map(|(uri, d)| Report {
                uri,
                rope: &d.rope,
                analysis: &d.analysis,
            });
        open.chain(indexed)
    }
}

pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
}

impl Backend {
    fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held leaves the state as it was; carry on with it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the state, turning a panic into an internal error and a log line.
    fn guarded<T>(&self, what: &str, f: impl FnOnce(&mut State) -> Result<T>) -> Result<T> {
        let mut state = self.lock();
        match catch_unwind(AssertUnwindSafe(|| f(&mut state))) {
            Ok(r) => r,
            Err(panic) => {
                let msg = panic_message(&panic);
                eprintln!("dossier: internal error in {what}: {msg}");
                Err(Error {
                    code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                    message: format!("internal error in {what}: {msg}").into(),
                    data: None,
                })
            }
        }
    }

    async fn publish(&self, uri: Uri) {
        publish_settled(&self.state, &self.client, uri).await;
    }

    /// Brings a report's analysis up to date (see `settle`); the other open reports keep
    /// theirs, which may be of an earlier version.
    async fn settle(&self, uri: &Uri) {
        settle(&self.state, uri).await;
    }

    /// Brings the analysis of every open report up to date, for answers that read them all
    /// (workspace symbols, renames across the open reports).
    async fn settle_all(&self) {
        let stale: Vec<Uri> = {
            let s = self.lock();
            s.docs
                .iter()
                .filter(|(_, d)| !d.is_current())
                .map(|(u, _)| u.clone())
                .collect()
        };
        for uri in stale {
            settle(&self.state, &uri).await;
        }
    }

    /// Publishes a report's diagnostics once its edits have paused for `delay`; a later edit
    /// makes this publication give way to the one it schedules.
    fn publish_later(&self, uri: Uri, version: i32, delay: std::time::Duration) {
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let superseded = {
                let s = state.lock().unwrap_or_else(|p| p.into_inner());
                s.docs.get(&uri).is_none_or(|d| d.version != version)
            };
            if !superseded {
                publish_settled(&state, &client, uri).await;
            }
        });
    }
}

/// Brings a report's analysis up to date with its text: starts a job off the message loop, or
/// waits for the one running, until the analysis is of the current version.
///
/// The job runs in a task of its own, not in the caller's future: a caller's future can be
/// dropped (a request cancelled before it ran, a server shutting down), and a job dropped with
/// it would never hand its cache back, leaving every later request waiting.
async fn settle(state: &Arc<Mutex<State>>, uri: &Uri) {
    loop {
        let wait = {
            let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
            if s.docs.get(uri).is_none_or(Document::is_current) {
                return;
            }
            let config = s.config_for(uri);
            let Some(d) = s.docs.get_mut(uri) else {
                return;
            };
            let wait = d.waiter();
            if let Some(job) = d.begin(&config) {
                tokio::spawn(run_job(state.clone(), uri.clone(), Box::new(job)));
            }
            wait
        };
        // A closed document drops its sender, which ends the wait too.
        let mut wait = wait;
        let _ = wait.changed().await;
    }
}

/// Runs one analysis job on the blocking pool and hands its result to its document.
async fn run_job(state: Arc<Mutex<State>>, uri: Uri, job: Box<document::Job>) {
    let (version, document) = (job.version(), job.document());
    let finished = tokio::task::spawn_blocking(move || job.run()).await;
    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
    // Closed, or closed and opened again: the job's text is not the report's.
    let Some(d) = s.docs.get_mut(&uri).filter(|d| d.id() == document) else {
        return;
    };
    match finished {
        Ok(done) => d.finish(done),
        Err(e) => {
            let msg = match e.try_into_panic() {
                Ok(panic) => panic_message(&panic),
                Err(e) => e.to_string(),
            };
            eprintln!("dossier: internal error analysing {}: {msg}", uri.as_str());
            d.fail(version);
        }
    }
}

/// Publishes a report's diagnostics once its analysis is current, under the version analysed.
async fn publish_settled(state: &Arc<Mutex<State>>, client: &Client, uri: Uri) {
    settle(state, &uri).await;
    let diagnostics = {
        let s = state.lock().unwrap_or_else(|p| p.into_inner());
        let doc = s.docs.get(&uri).filter(|d| d.is_current());
        catch_unwind(AssertUnwindSafe(|| {
            doc.map(|d| (diagnostics(&uri, d, s.encoding), d.version))
        }))
        .unwrap_or_else(|panic| {
            eprintln!(
                "dossier: internal error in publishDiagnostics: {}",
                panic_message(&panic)
            );
            None
        })
    };
    if let Some((diagnostics, version)) = diagnostics {
        publish(client, uri, diagnostics, version).await;
    }
}

/// A whole document's semantic tokens (five numbers for every actor, date and figure of a long
/// report) written as JSON text here (`raw`): a placeholder whose result id names them.
fn raw_tokens(tokens: SemanticTokens) -> SemanticTokens {
    match raw::stash_value(&tokens) {
        Some(marker) => SemanticTokens {
            result_id: Some(marker),
            data: Vec::new(),
        },
        None => tokens,
    }
}

/// Publishes a document's diagnostics, written as JSON text here rather than as a value tree by
/// tower-lsp-server (`raw`): a report can have a thousand of them, sent after every edit.
async fn publish(client: &Client, uri: Uri, diagnostics: Vec<Diagnostic>, version: i32) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: Some(version),
    };
    match raw::stash_value(&params) {
        Some(marker) => {
            let placeholder = Diagnostic {
                message: marker,
                ..Diagnostic::default()
            };
            client
                .publish_diagnostics(params.uri, vec![placeholder], Some(version))
                .await;
        }
        None => {
            client
                .publish_diagnostics(params.uri, params.diagnostics, Some(version))
                .await;
        }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

impl State {
    /// The configuration for a document: editor settings, then the nearest `dossier.toml`.
    fn config_for(&mut self, uri: &Uri) -> Config {
        let dir = uri
            .to_file_path()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()));
        let Some(file) = dir.and_then(|d| crate::host::find_config(&d)) else {
            return self.settings.clone();
        };
        if let Some(c) = self.config_cache.get(&file) {
            return c.clone();
        }
        let (c, errors) = crate::host::load_config(&file, &self.settings);
        for e in errors {
            eprintln!("dossier: {e}");
        }
        self.config_cache.insert(file, c.clone());
        c
    }

    /// Takes new editor settings, marks the open reports for analysis with them, and returns
    /// those reports for their diagnostics to be published again.
    fn apply_settings(&mut self, value: &serde_json::Value) -> Vec<Uri> {
        let (c, errors) = config::apply_json(value, &Config::default());
        for e in errors {
            eprintln!("dossier: settings: {}", e.message);
        }
        self.settings = c;
        self.reanalyze_all()
    }

    /// Forgets the cached `dossier.toml` files, marks every open report for analysis with its
    /// configuration read afresh, and returns them for their diagnostics to be published again.
    fn reanalyze_all(&mut self) -> Vec<Uri> {
        self.config_cache.clear();
        for d in self.docs.values_mut() {
            d.invalidate();
        }
        self.docs.keys().cloned().collect()
    }

    /// The document's semantic tokens under a new result id, and the previous ones, kept for the
    /// next delta request.
    fn fresh_tokens(&mut self, uri: &Uri) -> Result<(String, Vec<SemanticToken>, Option<Tokens>)> {
        let doc = self.doc(uri)?;
        let data = semantic_tokens(
            doc,
            crate::text::Span::new(0, doc.text.len()),
            self.encoding,
        );
        self.next_result += 1;
        let id = self.next_result.to_string();
        let previous = self.tokens.insert(uri.clone(), (id.clone(), data.clone()));
        Ok((id, data, previous))
    }

    fn doc(&self, uri: &Uri) -> Result<&Document> {
        self.docs
            .get(uri)
            .ok_or_else(|| Error::invalid_params(format!("unknown document {}", uri.as_str())))
    }
}

/// A file's extension decides its format; the client's language id only when the extension
/// does not (an editor without a Markdown mode opens `.md` files as plain text).
fn format_of(uri: &Uri, language_id: Option<&str>) -> Format {
    match (Format::from_path(uri.as_str()), language_id) {
        (Format::Auto, Some("markdown")) => Format::Markdown,
        (Format::Auto, Some("plaintext" | "text")) => Format::Plain,
        (format, _) => format,
    }
}

fn severity(s: crate::model::Severity) -> DiagnosticSeverity {
    match s {
        crate::model::Severity::Error => DiagnosticSeverity::ERROR,
        crate::model::Severity::Warning => DiagnosticSeverity::WARNING,
        crate::model::Severity::Information => DiagnosticSeverity::INFORMATION,
        crate::model::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

fn diagnostic(uri: &Uri, doc: &Document, f: &Finding, enc: Encoding) -> Diagnostic {
    let related = f
        .related
        .iter()
        .map(|(span, message)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), doc.range(*span, enc)),
            message: message.clone(),
        })
        .collect::<Vec<_>>();
    Diagnostic {
        range: doc.range(f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some("dossier".into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

fn diagnostics(uri: &Uri, doc: &Document, enc: Encoding) -> Vec<Diagnostic> {
    doc.analysis
        .notices
        .iter()
        .chain(&doc.analysis.findings)
        .map(|f| diagnostic(uri, doc, f, enc))
        .collect()
}

/// Sections as a tree: each section holds the sections of a deeper level that follow it.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn section_tree(doc: &Document, sections: &[Section], enc: Encoding) -> Vec<DocumentSymbol> {
    fn build(
        doc: &Document,
        sections: &[Section],
        entities: &mut [Vec<DocumentSymbol>],
        k: &mut usize,
        level: u32,
        enc: Encoding,
    ) -> Vec<DocumentSymbol> {
        let mut out = Vec::new();
        while *k < sections.len() && sections[*k].level >= level {
            let index = *k;
            let s = &sections[index];
            *k += 1;
            let mut children = build(doc, sections, entities, k, s.level + 1, enc);
            children.append(&mut entities[index]);
            out.push(DocumentSymbol {
                name: if s.title.is_empty() {
                    "(untitled)".into()
                } else {
                    s.title.clone()
                },
                detail: None,
                kind: SymbolKind::STRING,
                tags: None,
                deprecated: None,
                range: doc.range(s.span, enc),
                selection_range: doc.range(s.heading, enc),
                children: (!children.is_empty()).then_some(children),
            });
        }
        out
    }
    // A section's actors, dates and figures are listed under it for reports of ordinary size;
    // past 256 KB the outline keeps to sections so it stays instant to build and to show.
    let mut entities = if doc.text.len() <= 256 * 1024 {
        section_entities(doc, enc)
    } else {
        vec![Vec::new(); sections.len()]
    };
    let mut k = 0;
    let mut out = Vec::new();
    while k < sections.len() {
        let level = sections[k].level;
        out.extend(build(doc, sections, &mut entities, &mut k, level, enc));
    }
    out
}

/// Token types in the legend: standard types, so themes colour them without configuration.
const TOKEN_TYPES: [SemanticTokenType; 7] = [
    SemanticTokenType::VARIABLE,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::CLASS,
    SemanticTokenType::TYPE,
    SemanticTokenType::INTERFACE,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::NUMBER,
];

/// Modifiers that say precisely what a token is, for themes that want to tell them apart.
const TOKEN_MODIFIERS: [&str; 7] = [
    "person",
    "country",
    "organization",
    "place",
    "group",
    "date",
    "figure",
];

fn token_index(kind: TokenKind) -> u32 {
    TokenKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u32
}

fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// Relative-encoded semantic tokens for `within`; tokens that cross a line break are left out.
fn semantic_tokens(doc: &Document, within: crate::text::Span, enc: Encoding) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    let (lines, text) = (doc.lines(), &*doc.text);
    for (span, kind) in crate::ide::tokens::tokens(&doc.analysis, within) {
        let a = lines.position(text, span.start, enc);
        let b = lines.position(text, span.end, enc);
        if a.line != b.line || b.character <= a.character {
            continue;
        }
        let delta_line = a.line - line;
        let delta_start = if delta_line == 0 {
            a.character - col
        } else {
            a.character
        };
        let k = token_index(kind);
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: b.character - a.character,
            token_type: k,
            token_modifiers_bitset: 1 << k,
        });
        line = a.line;
        col = a.character;
    }
    out
}

/// The smallest edit that turns `old` into `new`, in the flattened form deltas use.
fn token_delta(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    if prefix == old.len() && prefix == new.len() {
        return Vec::new();
    }
    vec![SemanticTokensEdit {
        start: (prefix * 5) as u32,
        delete_count: ((old.len() - prefix - suffix) * 5) as u32,
        data: Some(new[prefix..new.len() - suffix].to_vec()),
    }]
}

fn symbol_kind(kind: crate::model::ActorKind) -> SymbolKind {
    match kind {
        crate::model::ActorKind::Person => SymbolKind::OBJECT,
        crate::model::ActorKind::Country | crate::model::ActorKind::Place => SymbolKind::NAMESPACE,
        _ => SymbolKind::CLASS,
    }
}

/// The actors (first mention), dates and figures of each section, not counting those of its
/// subsections, as outline children: one pass over the entities, each placed in its innermost
/// section by binary search.
#[allow(deprecated)]
fn section_entities(doc: &Document, enc: Encoding) -> Vec<Vec<DocumentSymbol>> {
    let sections = &doc.analysis.sections;
    let a = &doc.analysis;
    let mut out: Vec<Vec<(usize, DocumentSymbol)>> = vec![Vec::new(); sections.len()];
    let innermost = |offset: usize| -> Option<usize> {
        let k = sections.partition_point(|s| s.span.start <= offset);
        (0..k).rev().find(|&j| sections[j].span.end > offset)
    };
    let leaf =
        |name: String, detail: String, kind: SymbolKind, span: crate::text::Span| DocumentSymbol {
            name,
            detail: Some(detail),
            kind,
            tags: None,
            deprecated: None,
            range: position::range(&doc.rope, span, enc),
            selection_range: position::range(&doc.rope, span, enc),
            children: None,
        };
    let mut seen = std::collections::HashSet::new();
    for (n, actor) in a.actors.iter().enumerate() {
        for m in &actor.mentions {
            if let Some(k) = innermost(m.start) {
                if seen.insert((n, k)) {
                    out[k].push((
                        m.start,
                        leaf(
                            actor.name.to_string(),
                            actor.kind.as_str().into(),
                            symbol_kind(actor.kind),
                            *m,
                        ),
                    ));
                }
            }
        }
    }
    for d in &a.dates {
        if let Some(k) = innermost(d.span.start) {
            out[k].push((
                d.span.start,
                leaf(
                    doc.text[d.span.start..d.span.end].to_string(),
                    d.value.iso(),
                    SymbolKind::EVENT,
                    d.span,
                ),
            ));
        }
    }
    for f in &a.figures {
        if let Some(k) = innermost(f.span.start) {
            let detail = format!(
                "{} {}",
                crate::ide::figure_number(&doc.text, f),
                f.unit.clone().unwrap_or_default()
            );
            out[k].push((
                f.span.start,
                leaf(
                    doc.text[f.span.start..f.span.end].to_string(),
                    detail,
                    SymbolKind::NUMBER,
                    f.span,
                ),
            ));
        }
    }
    out.into_iter()
        .map(|mut v| {
            v.sort_by_key(|(o, _)| *o);
            v.into_iter().map(|(_, s)| s).collect()
        })
        .collect()
}

impl Backend {
    /// Indexes the workspace folders in the background, reporting `$/progress`.
    fn start_indexing(&self) {
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            let (roots, config, progress) = {
                let s = state.lock().unwrap_or_else(|p| p.into_inner());
                (s.roots.clone(), s.settings.clone(), s.progress)
            };
            if roots.is_empty() {
                return;
            }
            let token = NumberOrString::String("dossier/index".into());
            let ongoing = if progress
                && client
                    .create_work_done_progress(token.clone())
                    .await
                    .is_ok()
            {
                Some(
                    client
                        .progress(token, "Indexing reports")
                        .with_percentage(0)
                        .begin()
                        .await,
                )
            } else {
                None
            };
            let files = {
                let (roots, config) = (roots.clone(), config.clone());
                tokio::task::spawn_blocking(move || {
                    roots
                        .iter()
                        .flat_map(|r| workspace::discover(r, &config.globs, config.max_file_size))
                        .collect::<Vec<_>>()
                })
                .await
                .unwrap_or_default()
            };
            let total = files.len().max(1);
            for (n, chunk) in files.chunks(16).enumerate() {
                let chunk = chunk.to_vec();
                let config = config.clone();
                let indexed = tokio::task::spawn_blocking(move || {
                    chunk
                        .iter()
                        .filter_map(|p| Some((p.clone(), workspace::index_file(p, &config)?)))
                        .collect::<Vec<_>>()
                })
                .await
                .unwrap_or_default();
                {
                    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
                    for (path, doc) in indexed {
                        if let Some(uri) = Uri::from_file_path(&path) {
                            s.index.insert(uri, doc);
                        }
                    }
                }
                if let Some(p) = &ongoing {
                    let done = ((n + 1) * 16).min(total);
                    p.report_with_message(
                        format!("{done}/{total} reports"),
                        (done * 100 / total) as u32,
                    )
                    .await;
                }
            }
            if let Some(p) = ongoing {
                p.finish_with_message(format!("{} reports indexed", files.len()))
                    .await;
            }
        });
    }

    /// Asks the client for the `dossier` settings and re-analyses the open reports with them.
    fn fetch_configuration(&self) {
        let state = self.state.clone();
        let client = self.client.clone();
        tokio::spawn(async move {
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("dossier".into()),
            };
            let Ok(values) = client.configuration(vec![item]).await else {
                return;
            };
            let Some(value) = values.into_iter().next().filter(|v| !v.is_null()) else {
                return;
            };
            let uris = {
                let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
                s.apply_settings(&value)
            };
            for uri in uris {
                publish_settled(&state, &client, uri).await;
            }
        });
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        let td = caps.text_document.as_ref();
        let plain_hover = td
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| !f.is_empty() && !f.contains(&MarkupKind::Markdown));
        let hierarchical = td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false);
        let ws = caps.workspace.as_ref();
        let config_request = ws.and_then(|w| w.configuration).unwrap_or(false);
        let watch_registration = ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let progress = caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
                roots.push(p.into_owned());
            }
        }
        let mut errors = Vec::new();
        self.guarded("initialize", |s| {
            s.encoding = encoding;
            s.plain_hover = plain_hover;
            s.hierarchical_symbols = hierarchical;
            s.config_request = config_request;
            s.watch_registration = watch_registration;
            s.progress = progress;
            s.roots = roots;
            if let Some(opts) = &params.initialization_options {
                let opts = opts.get("dossier").unwrap_or(opts);
                let (c, e) = config::apply_json(opts, &s.settings);
                s.settings = c;
                errors = e;
            }
            Ok(())
        })?;
        for e in errors {
            eprintln!("dossier: settings: {}", e.message);
        }
        Ok(InitializeResult {
            offset_encoding: None,
            server_info: Some(ServerInfo {
                name: "dossier".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                completion_provider: Some(CompletionOptions::default()),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                inlay_hint_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            work_done_progress_options: WorkDoneProgressOptions::default(),
                            legend: legend(),
                            range: Some(true),
                            full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                        },
                    ),
                ),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some("dossier".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                ..ServerCapabilities::default()
            },
        })
    }

    async fn initialized(&self, _params: InitializedParams) {
        let (watch, config_request) = {
            let s = self.lock();
            (s.watch_registration, s.config_request)
        };
        if watch {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: ["**/*.md", "**/*.markdown", "**/*.txt", "**/dossier.toml"]
                    .iter()
                    .map(|g| FileSystemWatcher {
                        glob_pattern: GlobPattern::String((*g).into()),
                        kind: None,
                    })
                    .collect(),
            };
            let registration = Registration {
                id: "dossier-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.register_capability(vec![registration]).await {
                    eprintln!("dossier: could not watch files: {e}");
                }
            });
        }
        if config_request {
            self.fetch_configuration();
        }
        self.start_indexing();
    }

    async fn shutdown(&self) -> Result<()> {
        SHUTDOWN.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        let version = params.text_document.version;
        let r = self.guarded("didOpen", |s| {
            let format = format_of(&uri, Some(params.text_document.language_id.as_str()));
            let doc = Document::open(&params.text_document.text, version, format);
            s.docs.insert(uri.clone(), doc);
            Ok(())
        });
        if r.is_ok() {
            // Analysed off the message loop, so that the first edits need not wait for it.
            self.publish_later(uri, version, std::time::Duration::ZERO);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        // Every edit is applied before the first `.await`, in the order the client sent them;
        // the analysis waits until a request needs it or the edits pause.
        let r = self.guarded("didChange", |s| {
            let enc = s.encoding;
            let delay = s.config_for(&uri).diagnostics_delay_ms;
            let Some(doc) = s.docs.get_mut(&uri) else {
                eprintln!(
                    "dossier: change for a document that is not open: {}",
                    uri.as_str()
                );
                return Ok(None);
            };
            if params.text_document.version < doc.version {
                eprintln!(
                    "dossier: stale change (version {} after {}) for {}",
                    params.text_document.version,
                    doc.version,
                    uri.as_str()
                );
                return Ok(None);
            }
            doc.apply(&params.content_changes, enc);
            doc.version = params.text_document.version;
            Ok(Some(delay))
        });
        if let Ok(Some(delay)) = r {
            let version = params.text_document.version;
            self.publish_later(uri, version, std::time::Duration::from_millis(delay));
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let _ = self.guarded("didClose", |s| {
            s.docs.remove(&uri);
            s.tokens.remove(&uri);
            Ok(())
        });
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let config_request = self.lock().config_request;
        if config_request && params.settings.is_null() {
            self.fetch_configuration();
            return;
        }
        let uris = self.guarded("didChangeConfiguration", |s| {
            let settings = params
                .settings
                .get("dossier")
                .cloned()
                .unwrap_or(params.settings.clone());
            Ok(s.apply_settings(&settings))
        });
        for uri in uris.unwrap_or_default() {
            self.publish(uri).await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let reanalyze = self.guarded("didChangeWatchedFiles", |s| {
            let mut config_changed = false;
            for change in &params.changes {
                let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                    continue;
                };
                if path.file_name().is_some_and(|n| n == "dossier.toml") {
                    config_changed = true;
                    continue;
                }
                if change.typ == FileChangeType::DELETED {
                    s.index.remove(&change.uri);
                } else if crate::host::is_report(&path)
                    && s.roots.iter().any(|r| path.starts_with(r))
                {
                    let config = s.config_for(&change.uri);
                    match workspace::index_file(&path, &config) {
                        Some(doc) => {
                            s.index.insert(change.uri.clone(), doc);
                        }
                        None => {
                            s.index.remove(&change.uri);
                        }
                    }
                }
            }
            if config_changed {
                return Ok(s.reanalyze_all());
            }
            Ok(Vec::new())
        });
        for uri in reanalyze.unwrap_or_default() {
            self.publish(uri).await;
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/diagnostic", |s| {
            let uri = &params.text_document.uri;
            let doc = s.doc(uri)?;
            let full = |result_id: String, items: Vec<Diagnostic>| {
                DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                    RelatedFullDocumentDiagnosticReport {
                        related_documents: None,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(result_id),
                            items,
                        },
                    },
                ))
            };
            let report = full(doc.version.to_string(), diagnostics(uri, doc, s.encoding));
            // A thousand diagnostics: written as JSON text here (`raw`), the placeholder's result
            // id naming it.
            Ok(match raw::stash_value(&report) {
                Some(marker) => full(marker, Vec::new()),
                None => report,
            })
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/documentSymbol", |s| {
            let uri = &params.text_document.uri;
            let doc = s.doc(uri)?;
            let enc = s.encoding;
            if s.hierarchical_symbols {
                let tree = section_tree(doc, &doc.analysis.sections, enc);
                // Hundreds of sections: written as JSON text here (`raw`), not as a value tree.
                if let Some(marker) = raw::stash_value(&tree) {
                    #[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
                    let placeholder = DocumentSymbol {
                        name: marker,
                        detail: None,
                        kind: SymbolKind::STRING,
                        tags: None,
                        deprecated: None,
                        range: Range::default(),
                        selection_range: Range::default(),
                        children: None,
                    };
                    return Ok(Some(DocumentSymbolResponse::Nested(vec![placeholder])));
                }
                return Ok(Some(DocumentSymbolResponse::Nested(tree)));
            }
            #[allow(deprecated)]
            let flat = doc
                .analysis
                .sections
                .iter()
                .map(|sec| SymbolInformation {
                    name: sec.title.clone(),
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    location: Location::new(uri.clone(), doc.range(sec.span, enc)),
                    container_name: None,
                })
                .collect();
            Ok(Some(DocumentSymbolResponse::Flat(flat)))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/foldingRange", |s| {
            let doc = s.doc(&params.text_document.uri)?;
            let ranges = doc
                .analysis
                .sections
                .iter()
                .filter_map(|sec| {
                    let start = doc.rope.byte_to_line(sec.span.start) as u32;
                    let end_offset = sec.span.end.saturating_sub(1).max(sec.span.start);
                    let mut end =
                        doc.rope.byte_to_line(end_offset.min(doc.rope.len_bytes())) as u32;
                    // Keep the blank line before the next heading visible.
                    while end > start
                        && doc.rope.line(end as usize).chars().all(char::is_whitespace)
                    {
                        end -= 1;
                    }
                    (end > start).then(|| FoldingRange {
                        start_line: start,
                        end_line: end,
                        kind: Some(FoldingRangeKind::Region),
                        collapsed_text: Some(sec.title.clone()),
                        ..FoldingRange::default()
                    })
                })
                .collect();
            Ok(Some(ranges))
        })
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.settle(&params.text_document_position_params.text_document.uri)
            .await;
        self.guarded("textDocument/hover", |s| {
            let tdp = &params.text_document_position_params;
            let config = s.config_for(&tdp.text_document.uri);
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            let others = other_reports(s, &tdp.text_document.uri, offset);
            let context = crate::ide::HoverContext {
                others: &others,
                currency: &config.currency,
                rates: &config.checks.rates,
                list_limit: config.hover_list,
            };
            let Some((span, md)) = crate::ide::hover(&doc.text, &doc.analysis, offset, &context)
            else {
                return Ok(None);
            };
            let contents = if s.plain_hover {
                HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::PlainText,
                    value: md.replace("**", ""),
                })
            } else {
                HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: md,
                })
            };
            Ok(Some(Hover {
                contents,
                range: Some(position::range(&doc.rope, span, s.encoding)),
            }))
        })
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.settle(&params.text_document_position_params.text_document.uri)
            .await;
        self.guarded("textDocument/definition", |s| {
            let tdp = &params.text_document_position_params;
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            // An actor declared in dossier.toml is defined there.
            if let Some(crate::ide::Target::Actor(a, _)) =
                crate::ide::target_at(&doc.analysis, offset)
            {
                if let Some(line) = doc.analysis.actors[a].config_line.filter(|&l| l > 0) {
                    let toml = tdp
                        .text_document
                        .uri
                        .to_file_path()
                        .and_then(|p| p.parent().and_then(crate::host::find_config))
                        .and_then(Uri::from_file_path);
                    if let Some(toml) = toml {
                        let at = position::line_start(line);
                        return Ok(Some(GotoDefinitionResponse::Scalar(Location::new(
                            toml,
                            Range::new(at, at),
                        ))));
                    }
                }
            }
            Ok(crate::ide::definition(&doc.analysis, offset).map(|span| {
                GotoDefinitionResponse::Scalar(Location::new(
                    tdp.text_document.uri.clone(),
                    position::range(&doc.rope, span, s.encoding),
                ))
            }))
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.settle(&params.text_document_position.text_document.uri)
            .await;
        self.guarded("textDocument/references", |s| {
            let tdp = &params.text_document_position;
            let uri = &tdp.text_document.uri;
            let limit = s.config_for(uri).max_results;
            let doc = s.doc(uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            let Some(mut spans) = crate::ide::references(&doc.analysis, offset, limit) else {
                return Ok(None);
            };
            if !params.context.include_declaration {
                if let Some(first) = crate::ide::definition(&doc.analysis, offset) {
                    spans.retain(|sp| *sp != first);
                }
            }
            let mut locations: Vec<Location> = spans
                .iter()
                .map(|sp| Location::new(uri.clone(), position::range(&doc.rope, *sp, s.encoding)))
                .collect();
            // The same actor in the other reports of the workspace, by canonical name.
            if let Some(crate::ide::Target::Actor(a, _)) =
                crate::ide::target_at(&doc.analysis, offset)
            {
                let name = doc.analysis.actors[a].name.clone();
                for r in s.reports().filter(|r| r.uri != uri) {
                    for actor in r.analysis.actors.iter().filter(|x| x.name == name) {
                        let room = limit.saturating_sub(locations.len());
                        locations.extend(actor.mentions.iter().take(room).map(|sp| {
                            Location::new(r.uri.clone(), position::range(r.rope, *sp, s.encoding))
                        }));
                    }
                }
            }
            Ok(Some(locations))
        })
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.settle(&params.text_document_position_params.text_document.uri)
            .await;
        self.guarded("textDocument/documentHighlight", |s| {
            let tdp = &params.text_document_position_params;
            let limit = s.config_for(&tdp.text_document.uri).max_results;
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            Ok(
                crate::ide::references(&doc.analysis, offset, limit).map(|spans| {
                    spans
                        .iter()
                        .map(|sp| DocumentHighlight {
                            range: position::range(&doc.rope, *sp, s.encoding),
                            kind: Some(DocumentHighlightKind::TEXT),
                        })
                        .collect()
                }),
            )
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.settle_all().await;
        self.guarded("workspace/symbol", |s| {
            let query = params.query.to_lowercase();
            let mut out = Vec::new();
            for r in s.reports() {
                for actor in &r.analysis.actors {
                    let hit = fuzzy(&query, &actor.name)
                        || actor.aliases.iter().any(|a| fuzzy(&query, a));
                    let Some(first) = actor.mentions.first().filter(|_| hit) else {
                        continue;
                    };
                    #[allow(deprecated)]
                    out.push(SymbolInformation {
                        name: actor.name.to_string(),
                        kind: symbol_kind(actor.kind),
                        tags: None,
                        deprecated: None,
                        location: Location::new(
                            r.uri.clone(),
                            position::range(r.rope, *first, s.encoding),
                        ),
                        container_name: Some(actor.kind.as_str().into()),
                    });
                }
                for sec in r
                    .analysis
                    .sections
                    .iter()
                    .filter(|sec| fuzzy(&query, &sec.title))
                {
                    #[allow(deprecated)]
                    out.push(SymbolInformation {
                        name: sec.title.clone(),
                        kind: SymbolKind::STRING,
                        tags: None,
                        deprecated: None,
                        location: Location::new(
                            r.uri.clone(),
                            position::range(r.rope, sec.heading, s.encoding),
                        ),
                        container_name: Some("section".into()),
                    });
                }
            }
            Ok(Some(WorkspaceSymbolResponse::Flat(out)))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/codeAction", |s| {
            let uri = &params.text_document.uri;
            let doc = s.doc(uri)?;
            let want = position::span(&doc.rope, params.range, s.encoding);
            let mut actions = Vec::new();
            for f in &doc.analysis.findings {
                let Some(fix) = &f.fix else { continue };
                if !(f.span.overlaps(want) || f.span.touches(want.start)) {
                    continue;
                }
                let edit = TextEdit::new(
                    position::range(&doc.rope, fix.span, s.encoding),
                    fix.replacement.clone(),
                );
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic(uri, doc, f, s.encoding)]),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(
                        uri.clone(),
                        vec![edit],
                    )]))),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                }));
            }
            Ok(Some(actions))
        })
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/semanticTokens/full", |s| {
            let (id, data, _) = s.fresh_tokens(&params.text_document.uri)?;
            Ok(Some(SemanticTokensResult::Tokens(raw_tokens(
                SemanticTokens {
                    result_id: Some(id),
                    data,
                },
            ))))
        })
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/semanticTokens/full/delta", |s| {
            let (id, data, previous) = s.fresh_tokens(&params.text_document.uri)?;
            Ok(Some(
                match previous.filter(|(old_id, _)| *old_id == params.previous_result_id) {
                    Some((_, old)) => {
                        SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                            result_id: Some(id),
                            edits: token_delta(&old, &data),
                        })
                    }
                    None => SemanticTokensFullDeltaResult::Tokens(raw_tokens(SemanticTokens {
                        result_id: Some(id),
                        data,
                    })),
                },
            ))
        })
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/semanticTokens/range", |s| {
            let doc = s.doc(&params.text_document.uri)?;
            let within = position::span(&doc.rope, params.range, s.encoding);
            let data = semantic_tokens(doc, within, s.encoding);
            Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
                result_id: None,
                data,
            })))
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/inlayHint", |s| {
            let uri = &params.text_document.uri;
            let config = s.config_for(uri);
            let doc = s.doc(uri)?;
            let within = position::span(&doc.rope, params.range, s.encoding);
            let hints = crate::ide::edit::inlay_hints(&doc.text, &doc.analysis, within, &config)
                .into_iter()
                .map(|h| InlayHint {
                    position: position::position(&doc.rope, h.offset, s.encoding),
                    label: InlayHintLabel::String(h.label),
                    kind: Some(InlayHintKind::TYPE),
                    text_edits: None,
                    tooltip: Some(InlayHintTooltip::String(h.tooltip)),
                    padding_left: Some(false),
                    padding_right: Some(false),
                    data: None,
                })
                .collect();
            Ok(Some(hints))
        })
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/prepareRename", |s| {
            let doc = s.doc(&params.text_document.uri)?;
            let offset = position::offset(&doc.rope, params.position, s.encoding);
            Ok(
                crate::ide::edit::prepare_rename(&doc.analysis, offset).map(|span| {
                    PrepareRenameResponse::RangeWithPlaceholder {
                        range: position::range(&doc.rope, span, s.encoding),
                        placeholder: doc.text[span.start..span.end].to_string(),
                    }
                }),
            )
        })
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.settle_all().await;
        self.guarded("textDocument/rename", |s| {
            let tdp = &params.text_document_position;
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            let Some((wording, _)) =
                crate::ide::edit::rename_spans(&doc.text, &doc.analysis, offset)
            else {
                return Err(Error::invalid_params("there is no actor to rename here"));
            };
            if let Some(why) = crate::ide::edit::refuse_name(&params.new_name) {
                return Err(Error::invalid_params(why));
            }
            // Every open report: renames edit buffers the client holds, never files behind it.
            let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for (uri, d) in &s.docs {
                let edits: Vec<TextEdit> =
                    crate::ide::edit::spans_with_wording(&d.text, &d.analysis, &wording)
                        .into_iter()
                        .map(|sp| {
                            TextEdit::new(
                                position::range(&d.rope, sp, s.encoding),
                                params.new_name.clone(),
                            )
                        })
                        .collect();
                if !edits.is_empty() {
                    changes.insert(uri.clone(), edits);
                }
            }
            Ok(Some(WorkspaceEdit::new(changes)))
        })
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.settle(&params.text_document_position.text_document.uri)
            .await;
        self.guarded("textDocument/completion", |s| {
            let tdp = &params.text_document_position;
            let uri = &tdp.text_document.uri;
            let doc = s.doc(uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            let Some((start, word)) = crate::ide::edit::word_before(&doc.text, offset) else {
                return Ok(None);
            };
            let others: Vec<&crate::model::Analysis> = s
                .reports()
                .filter(|r| r.uri != uri)
                .map(|r| r.analysis)
                .collect();
            let range =
                position::range(&doc.rope, crate::text::Span::new(start, offset), s.encoding);
            let items = crate::ide::edit::completions(word, &doc.analysis, &others)
                .into_iter()
                .map(|c| CompletionItem {
                    label: c.label.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(c.detail),
                    sort_text: Some(format!("{}{}", c.rank, c.label)),
                    filter_text: Some(c.label.clone()),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, c.label))),
                    ..CompletionItem::default()
                })
                .collect();
            Ok(Some(CompletionResponse::List(CompletionList {
                is_incomplete: false,
                items,
            })))
        })
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.settle(&params.text_document.uri).await;
        self.guarded("textDocument/codeLens", |s| {
            let uri = &params.text_document.uri;
            if !s.config_for(uri).code_lens {
                return Ok(Some(Vec::new()));
            }
            let doc = s.doc(uri)?;
            let lenses = crate::ide::edit::section_counts(&doc.analysis)
                .into_iter()
                .map(|(span, title)| CodeLens {
                    range: position::range(&doc.rope, span, s.encoding),
                    command: Some(Command::new(title, String::new(), None)),
                    data: None,
                })
                .collect();
            Ok(Some(lenses))
        })
    }
}

/// Other reports in the workspace that mention the actor at `offset`, with their mention counts.
fn other_reports(s: &State, uri: &Uri, offset: usize) -> Vec<(String, usize)> {
    let Some(doc) = s.docs.get(uri) else {
        return Vec::new();
    };
    let Some(crate::ide::Target::Actor(a, _)) = crate::ide::target_at(&doc.analysis, offset) else {
        return Vec::new();
    };
    let name = &doc.analysis.actors[a].name;
    let mut out: Vec<(String, usize)> = s
        .reports()
        .filter(|r| r.uri != uri)
        .filter_map(|r| {
            let n: usize = r
                .analysis
                .actors
                .iter()
                .filter(|x| &x.name == name)
                .map(|x| x.mentions.len())
                .sum();
            let file = r
                .uri
                .as_str()
                .rsplit('/')
                .next()
                .unwrap_or(r.uri.as_str())
                .to_string();
            (n > 0).then_some((file, n))
        })
        .collect();
    out.sort();
    out
}

/// Subsequence match, case-insensitive: `kju` finds `Kim Jong Un`.
fn fuzzy(query: &str, name: &str) -> bool {
    if query.is_empty() {
        return true;
    }
    let name = name.to_lowercase();
    let mut chars = name.chars();
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .all(|q| chars.any(|c| c == q))
}
