//! Diagnostics, pulled by clients that declare they can (`textDocument/diagnostic`) and pushed
//! to the others after edits pause (`publish`), never both to one client: the same list either
//! way, the findings of the version analysed. A pull from a client that did not declare it is
//! answered all the same.

use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::document::Snapshot;
use crate::lsp::position::Encoding;
use crate::lsp::state::Backend;
use crate::lsp::{raw, to_proto};

/// A report's notices (the analysis stopped short, say) and findings, as diagnostics.
pub fn diagnostics(uri: &Uri, snap: &Snapshot, enc: Encoding) -> Vec<Diagnostic> {
    snap.analysis
        .notices
        .iter()
        .chain(&snap.analysis.findings)
        .map(|f| to_proto::diagnostic(uri, snap, f, enc))
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

pub async fn pull(
    b: &Backend,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let uri = &params.text_document.uri;
    b.settle(uri).await;
    b.guarded("textDocument/diagnostic", |s| {
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
        let items = diagnostics(uri, &doc.snapshot, s.encoding());
        let report = full(doc.version.to_string(), items);
        // A thousand diagnostics: written as JSON text here (`raw`), the placeholder's result
        // id naming it.
        Ok(match raw::stash_value(&report) {
            Some(marker) => full(marker, Vec::new()),
            None => report,
        })
    })
}
