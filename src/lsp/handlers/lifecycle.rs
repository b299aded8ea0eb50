//! `initialize`, `initialized` and `shutdown`: what the server offers, what it asks of the
//! client (watched files, its settings), and the workspace index it starts.

use std::sync::atomic::Ordering;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::config;
use crate::lsp::handlers::diagnostics::publish_problems;
use crate::lsp::state::{Backend, lock};
use crate::lsp::{SHUTDOWN, from_proto, jobs, to_proto};

pub async fn initialize(b: &Backend, params: InitializeParams) -> Result<InitializeResult> {
    let caps = from_proto::client_caps(&params);
    let roots = from_proto::roots(&params);
    b.guarded("initialize", |s| {
        s.caps = caps;
        s.roots = roots;
        if let Some(opts) = &params.initialization_options {
            let opts = opts.get("dossier").unwrap_or(opts);
            let (c, e) = config::apply_json(opts, &s.settings);
            s.settings = std::sync::Arc::new(c);
            // Shown once `initialized` says the client is ready for messages.
            s.problems.settings(e);
        }
        Ok(())
    })?;
    Ok(InitializeResult {
        offset_encoding: None,
        server_info: Some(ServerInfo {
            name: "dossier".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        capabilities: capabilities(caps.encoding.kind(), caps.pull_diagnostics),
    })
}

/// What the server offers. Diagnostics are offered for pulling only to clients that pull; the
/// others have them published.
fn capabilities(encoding: PositionEncodingKind, pull_diagnostics: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding),
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
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                work_done_progress_options: WorkDoneProgressOptions::default(),
                legend: to_proto::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
            },
        )),
        diagnostic_provider: pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("dossier".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: super::commands::COMMANDS.map(String::from).to_vec(),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        ..ServerCapabilities::default()
    }
}

pub async fn initialized(b: &Backend) {
    let caps = b.lock().caps;
    publish_problems(&b.state, &b.client).await;
    if caps.watch_registration {
        watch_files(b);
    }
    if caps.config_request {
        fetch_configuration(b);
    }
    crate::lsp::workspace::start_indexing(b);
}

pub async fn shutdown() -> Result<()> {
    SHUTDOWN.store(true, Ordering::SeqCst);
    Ok(())
}

/// Asks the client to tell of changes to reports and to `dossier.toml` files on disk.
fn watch_files(b: &Backend) {
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
    let client = b.client.clone();
    tokio::spawn(async move {
        if let Err(e) = client.register_capability(vec![registration]).await {
            eprintln!("dossier: could not watch files: {e}");
        }
    });
}

/// Asks the client for the `dossier` settings and re-analyses the open reports with them.
pub fn fetch_configuration(b: &Backend) {
    let state = b.state.clone();
    let client = b.client.clone();
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
        let uris = lock(&state).apply_settings(&value);
        crate::lsp::workspace::index_in_background(state.clone(), client.clone());
        jobs::diagnostics_changed(&state, &client, uris).await;
        publish_problems(&state, &client).await;
    });
}
