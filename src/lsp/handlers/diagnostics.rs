//! Diagnostics, pulled by clients that declare they can (`textDocument/diagnostic`) and pushed
//! to the others after edits pause (`publish`), never both to one client: the same list either
//! way, the findings of the version analysed. A pull from a client that did not declare it is
//! answered all the same.

use std::sync::{Arc, Mutex};

use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::document::Snapshot;
use crate::lsp::state::{Backend, State, lock};
use crate::lsp::{raw, to_proto};
use crate::model::Finding;

/// A report's notices (the analysis stopped short, say) and findings, and its `cross-report`
/// findings against the other reports, as diagnostics.
pub fn diagnostics(s: &State, uri: &Uri, snap: &Snapshot, cross: &[Finding]) -> Vec<Diagnostic> {
    let enc = s.encoding();
    let place = |other: &Uri, e: &crate::model::Elsewhere| s.place(other, e);
    snap.analysis
        .notices
        .iter()
        .chain(&snap.analysis.findings)
        .chain(cross)
        .map(|f| to_proto::diagnostic(uri, snap, f, enc, &place))
        .collect()
}

/// Publishes a document's diagnostics, written as JSON text here rather than as a value tree by
/// tower-lsp-server (`raw`): a report can have a thousand of them, sent after every edit.
pub async fn publish(client: &Client, uri: Uri, diagnostics: Vec<Diagnostic>, version: i32) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: Some(version),
    };
    let diagnostics = match raw::stash_value(&params) {
        Some(marker) => vec![Diagnostic {
            message: marker,
            ..Diagnostic::default()
        }],
        None => params.diagnostics,
    };
    client
        .publish_diagnostics(params.uri, diagnostics, Some(version))
        .await;
}

/// Shows the configuration problems not shown yet (`window/showMessage`), and publishes the
/// problems of each open `dossier.toml` read afresh as its diagnostics.
pub async fn publish_problems(state: &Arc<Mutex<State>>, client: &Client) {
    let (messages, files) = {
        let mut s = lock(state);
        let enc = s.encoding();
        let messages = s.problems.take_messages();
        let changed = s.problems.take_changed();
        let files: Vec<(Uri, Vec<Diagnostic>)> = changed
            .iter()
            .filter_map(|path| {
                let uri = s.open_configs.get(path)?.clone();
                let diagnostics = s.problems.of_file(path).map_or_else(Vec::new, |(text, p)| {
                    p.iter()
                        .map(|e| to_proto::config_diagnostic(text, e, enc))
                        .collect()
                });
                Some((uri, diagnostics))
            })
            .collect();
        (messages, files)
    };
    for message in messages {
        client
            .show_message(MessageType::WARNING, format!("Dossier: {message}"))
            .await;
    }
    for (uri, diagnostics) in files {
        client.publish_diagnostics(uri, diagnostics, None).await;
    }
}

pub async fn pull(
    b: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = &params.text_document.uri;
    b.settle(uri).await;
    let mut others_changed = false;
    let answer = b.guarded("textDocument/diagnostic", |s| {
        let (cross, changed) = s.cross_findings(uri);
        others_changed = changed;
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
        let items = diagnostics(s, uri, &doc.snapshot, &cross);
        let report = full(doc.version.to_string(), items);
        // A thousand diagnostics: written as JSON text here (`raw`), the placeholder's result
        // id naming it.
        Ok(match raw::stash_value(&report) {
            Some(marker) => full(marker, Vec::new()),
            None => report,
        })
    });
    // This report's facts changed: the others' cross-report findings may have too.
    if others_changed {
        let others = b.lock().other_open(uri);
        b.diagnostics_changed(others).await;
    }
    answer
}
