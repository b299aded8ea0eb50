//! The outline of a report (`documentSymbol`), its folds, and the workspace symbol search.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::symbols as ide;
use crate::lsp::state::Backend;
use crate::lsp::{raw, to_proto};

pub async fn document_symbol(
    b: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let uri = &params.text_document.uri;
    b.answer("textDocument/documentSymbol", uri, |r| {
        let (snap, enc) = (r.snap, r.enc);
        let outline = ide::outline(&snap.text, &snap.analysis);
        if !r.state.caps.hierarchical_symbols {
            let flat = ide::flat_outline(outline)
                .into_iter()
                .map(|f| {
                    let location = to_proto::location(uri, snap, f.span, enc);
                    to_proto::symbol_information(f.name, f.kind, location, f.container.as_deref())
                })
                .collect();
            return Ok(Some(DocumentSymbolResponse::Flat(flat)));
        }
        let tree: Vec<DocumentSymbol> = outline
            .into_iter()
            .map(|sym| to_proto::document_symbol(snap, sym, enc))
            .collect();
        // Hundreds of sections: written as JSON text here (`raw`), not as a value tree.
        Ok(Some(DocumentSymbolResponse::Nested(
            match raw::stash_value(&tree) {
                Some(marker) => vec![placeholder(marker)],
                None => tree,
            },
        )))
    })
    .await
}

/// An outline entry that stands for the outline `raw` writes in its place.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn placeholder(marker: String) -> DocumentSymbol {
    DocumentSymbol {
        name: marker,
        detail: None,
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: Range::default(),
        selection_range: Range::default(),
        children: None,
    }
}

pub async fn folding_range(
    b: &Backend,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let uri = &params.text_document.uri;
    b.settle(uri).await;
    b.guarded("textDocument/foldingRange", |s| {
        let snap = &s.doc(uri)?.snapshot;
        let folds = ide::folds(&snap.text, &snap.analysis, snap.line_index());
        Ok(Some(
            folds
                .into_iter()
                .map(|f| FoldingRange {
                    start_line: f.start_line as u32,
                    end_line: f.end_line as u32,
                    kind: Some(FoldingRangeKind::Region),
                    collapsed_text: Some(f.title),
                    ..FoldingRange::default()
                })
                .collect(),
        ))
    })
}

pub async fn workspace_symbol(
    b: &Backend,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    b.settle_all().await;
    b.guarded("workspace/symbol", |s| {
        let reports: Vec<_> = s.reports().collect();
        let analyses: Vec<_> = reports.iter().map(|(_, known)| known.analysis()).collect();
        let enc = s.encoding();
        let out = ide::workspace_symbols(&params.query, &analyses)
            .into_iter()
            .map(|f| {
                let (uri, known) = reports[f.report];
                let location = Location::new(uri.clone(), known.range(f.span, enc));
                to_proto::symbol_information(f.name, f.kind, location, Some(f.container))
            })
            .collect();
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    })
}
