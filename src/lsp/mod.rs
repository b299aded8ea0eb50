//! The language server: the only code that knows tower-lsp-server, the protocol types and tokio.
//! Each handler converts positions in, calls the pure core, and converts results out.

mod document;
pub mod position;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use crate::config::{self, Config};
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
    runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        // One message at a time: edits must apply in the order they were sent, and every
        // handler is fast enough that nothing waits noticeably.
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .concurrency_level(1)
            .serve(service)
            .await;
    });
    SHUTDOWN.load(Ordering::SeqCst)
}

#[derive(Default)]
struct State {
    docs: HashMap<Uri, Document>,
    encoding: Encoding,
    /// Settings from the editor (`initializationOptions`, `didChangeConfiguration`).
    settings: Config,
    /// Configuration per `dossier.toml` path, applied over the editor settings.
    config_cache: HashMap<PathBuf, Config>,
    plain_hover: bool,
    hierarchical_symbols: bool,
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
        let diagnostics = self.guarded("publishDiagnostics", |s| {
            Ok(s.docs
                .get(&uri)
                .map(|d| (diagnostics(&uri, d, s.encoding), d.version)))
        });
        if let Ok(Some((diags, version))) = diagnostics {
            self.client
                .publish_diagnostics(uri, diags, Some(version))
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

    fn doc(&self, uri: &Uri) -> Result<&Document> {
        self.docs
            .get(uri)
            .ok_or_else(|| Error::invalid_params(format!("unknown document {}", uri.as_str())))
    }
}

fn format_of(uri: &Uri, language_id: Option<&str>) -> Format {
    match language_id {
        Some("markdown") => Format::Markdown,
        Some("plaintext" | "text") => Format::Plain,
        _ => Format::from_path(uri.as_str()),
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
            location: Location::new(uri.clone(), position::range(&doc.rope, *span, enc)),
            message: message.clone(),
        })
        .collect::<Vec<_>>();
    Diagnostic {
        range: position::range(&doc.rope, f.span, enc),
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
        k: &mut usize,
        level: u32,
        enc: Encoding,
    ) -> Vec<DocumentSymbol> {
        let mut out = Vec::new();
        while *k < sections.len() && sections[*k].level >= level {
            let s = &sections[*k];
            *k += 1;
            let children = build(doc, sections, k, s.level + 1, enc);
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
                range: position::range(&doc.rope, s.span, enc),
                selection_range: position::range(&doc.rope, s.heading, enc),
                children: (!children.is_empty()).then_some(children),
            });
        }
        out
    }
    let mut k = 0;
    let mut out = Vec::new();
    while k < sections.len() {
        let level = sections[k].level;
        out.extend(build(doc, sections, &mut k, level, enc));
    }
    out
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        let td = params.capabilities.text_document.as_ref();
        let plain_hover = td
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| !f.is_empty() && !f.contains(&MarkupKind::Markdown));
        let hierarchical = td
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false);
        let mut errors = Vec::new();
        self.guarded("initialize", |s| {
            s.encoding = encoding;
            s.plain_hover = plain_hover;
            s.hierarchical_symbols = hierarchical;
            if let Some(opts) = &params.initialization_options {
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

    async fn shutdown(&self) -> Result<()> {
        SHUTDOWN.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        let r = self.guarded("didOpen", |s| {
            let config = s.config_for(&uri);
            let format = format_of(&uri, Some(params.text_document.language_id.as_str()));
            let doc = Document::new(
                &params.text_document.text,
                params.text_document.version,
                format,
                &config,
            );
            s.docs.insert(uri.clone(), doc);
            Ok(())
        });
        if r.is_ok() {
            self.publish(uri).await;
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.clone();
        // Every edit is applied before the first `.await`, in the order the client sent them.
        let r = self.guarded("didChange", |s| {
            let enc = s.encoding;
            let config = s.config_for(&uri);
            let Some(doc) = s.docs.get_mut(&uri) else {
                eprintln!(
                    "dossier: change for a document that is not open: {}",
                    uri.as_str()
                );
                return Ok(false);
            };
            if params.text_document.version < doc.version {
                eprintln!(
                    "dossier: stale change (version {} after {}) for {}",
                    params.text_document.version,
                    doc.version,
                    uri.as_str()
                );
                return Ok(false);
            }
            doc.apply(&params.content_changes, enc);
            doc.version = params.text_document.version;
            doc.reanalyze(&config);
            Ok(true)
        });
        if let Ok(true) = r {
            self.publish(uri).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let _ = self.guarded("didClose", |s| {
            s.docs.remove(&uri);
            Ok(())
        });
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let uris = self.guarded("didChangeConfiguration", |s| {
            let settings = params
                .settings
                .get("dossier")
                .cloned()
                .unwrap_or(params.settings.clone());
            let (c, errors) = config::apply_json(&settings, &Config::default());
            for e in errors {
                eprintln!("dossier: settings: {}", e.message);
            }
            s.settings = c;
            s.config_cache.clear();
            let uris: Vec<Uri> = s.docs.keys().cloned().collect();
            for uri in &uris {
                let config = s.config_for(uri);
                if let Some(d) = s.docs.get_mut(uri) {
                    d.reanalyze(&config);
                }
            }
            Ok(uris)
        });
        for uri in uris.unwrap_or_default() {
            self.publish(uri).await;
        }
    }

    async fn did_change_watched_files(&self, _params: DidChangeWatchedFilesParams) {
        // A `dossier.toml` may have changed: read configuration afresh next time.
        let _ = self.guarded("didChangeWatchedFiles", |s| {
            s.config_cache.clear();
            Ok(())
        });
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.guarded("textDocument/diagnostic", |s| {
            let uri = &params.text_document.uri;
            let doc = s.doc(uri)?;
            Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(doc.version.to_string()),
                        items: diagnostics(uri, doc, s.encoding),
                    },
                }),
            ))
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.guarded("textDocument/documentSymbol", |s| {
            let uri = &params.text_document.uri;
            let doc = s.doc(uri)?;
            let enc = s.encoding;
            if s.hierarchical_symbols {
                return Ok(Some(DocumentSymbolResponse::Nested(section_tree(
                    doc,
                    &doc.analysis.sections,
                    enc,
                ))));
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
                    location: Location::new(uri.clone(), position::range(&doc.rope, sec.span, enc)),
                    container_name: None,
                })
                .collect();
            Ok(Some(DocumentSymbolResponse::Flat(flat)))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
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
        self.guarded("textDocument/hover", |s| {
            let tdp = &params.text_document_position_params;
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            let others = other_reports(s, &tdp.text_document.uri, offset);
            let Some((span, md)) = crate::ide::hover(&doc.text, &doc.analysis, offset, &others)
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
        self.guarded("textDocument/definition", |s| {
            let tdp = &params.text_document_position_params;
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            Ok(crate::ide::definition(&doc.analysis, offset).map(|span| {
                GotoDefinitionResponse::Scalar(Location::new(
                    tdp.text_document.uri.clone(),
                    position::range(&doc.rope, span, s.encoding),
                ))
            }))
        })
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.guarded("textDocument/references", |s| {
            let tdp = &params.text_document_position;
            let uri = &tdp.text_document.uri;
            let doc = s.doc(uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            let Some(mut spans) = crate::ide::references(&doc.analysis, offset) else {
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
            // The same actor in other open reports, by canonical name.
            if let Some(crate::ide::Target::Actor(a, _)) =
                crate::ide::target_at(&doc.analysis, offset)
            {
                let name = doc.analysis.actors[a].name.clone();
                for (other_uri, other) in &s.docs {
                    if other_uri == uri {
                        continue;
                    }
                    for actor in other.analysis.actors.iter().filter(|x| x.name == name) {
                        locations.extend(actor.mentions.iter().map(|sp| {
                            Location::new(
                                other_uri.clone(),
                                position::range(&other.rope, *sp, s.encoding),
                            )
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
        self.guarded("textDocument/documentHighlight", |s| {
            let tdp = &params.text_document_position_params;
            let doc = s.doc(&tdp.text_document.uri)?;
            let offset = position::offset(&doc.rope, tdp.position, s.encoding);
            Ok(crate::ide::references(&doc.analysis, offset).map(|spans| {
                spans
                    .iter()
                    .map(|sp| DocumentHighlight {
                        range: position::range(&doc.rope, *sp, s.encoding),
                        kind: Some(DocumentHighlightKind::TEXT),
                    })
                    .collect()
            }))
        })
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.guarded("workspace/symbol", |s| {
            let query = params.query.to_lowercase();
            let mut out = Vec::new();
            for (uri, doc) in &s.docs {
                for actor in &doc.analysis.actors {
                    let hit = fuzzy(&query, &actor.name)
                        || actor.aliases.iter().any(|a| fuzzy(&query, a));
                    if !hit {
                        continue;
                    }
                    let Some(first) = actor.mentions.first() else {
                        continue;
                    };
                    #[allow(deprecated)]
                    out.push(SymbolInformation {
                        name: actor.name.clone(),
                        kind: match actor.kind {
                            crate::model::ActorKind::Person => SymbolKind::OBJECT,
                            crate::model::ActorKind::Country | crate::model::ActorKind::Place => {
                                SymbolKind::NAMESPACE
                            }
                            _ => SymbolKind::CLASS,
                        },
                        tags: None,
                        deprecated: None,
                        location: Location::new(
                            uri.clone(),
                            position::range(&doc.rope, *first, s.encoding),
                        ),
                        container_name: Some(actor.kind.as_str().into()),
                    });
                }
                for sec in &doc.analysis.sections {
                    if fuzzy(&query, &sec.title) {
                        #[allow(deprecated)]
                        out.push(SymbolInformation {
                            name: sec.title.clone(),
                            kind: SymbolKind::STRING,
                            tags: None,
                            deprecated: None,
                            location: Location::new(
                                uri.clone(),
                                position::range(&doc.rope, sec.heading, s.encoding),
                            ),
                            container_name: Some("section".into()),
                        });
                    }
                }
            }
            Ok(Some(WorkspaceSymbolResponse::Flat(out)))
        })
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
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
}

/// Other open reports that mention the actor at `offset`, with their mention counts.
fn other_reports(s: &State, uri: &Uri, offset: usize) -> Vec<(String, usize)> {
    let Some(doc) = s.docs.get(uri) else {
        return Vec::new();
    };
    let Some(crate::ide::Target::Actor(a, _)) = crate::ide::target_at(&doc.analysis, offset) else {
        return Vec::new();
    };
    let name = &doc.analysis.actors[a].name;
    let mut out: Vec<(String, usize)> = s
        .docs
        .iter()
        .filter(|(u, _)| *u != uri)
        .filter_map(|(u, d)| {
            let n: usize = d
                .analysis
                .actors
                .iter()
                .filter(|x| &x.name == name)
                .map(|x| x.mentions.len())
                .sum();
            let file = u
                .as_str()
                .rsplit('/')
                .next()
                .unwrap_or(u.as_str())
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
