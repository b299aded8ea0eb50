//! Hover cards, go-to-definition, references and highlights: what the cursor stands on, and
//! where else it is mentioned, in this report and the others of the workspace.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::ide::{self, workspace};
use crate::lsp::state::Backend;
use crate::lsp::{from_proto, position, to_proto};

pub async fn hover(b: &Backend, params: HoverParams) -> Result<Option<Hover>> {
    let tdp = params.text_document_position_params;
    let uri = &tdp.text_document.uri;
    b.answer("textDocument/hover", uri, |r| {
        let (snap, enc, config) = (r.snap, r.enc, &r.config);
        let offset = snap.offset(tdp.position, enc);
        // The other open reports are read as they are; the indexed ones through the names
        // filed of them.
        let state = r.state;
        let open: Vec<workspace::Report> = state
            .docs
            .iter()
            .filter(|(u, _)| *u != uri)
            .map(|(u, d)| workspace::Report {
                label: from_proto::file_label(u),
                analysis: &d.snapshot.analysis,
            })
            .collect();
        let mut others = workspace::mentioned_in(&snap.analysis, offset, &open);
        if let Some(name) = workspace::actor_name_at(&snap.analysis, offset) {
            others.extend(
                state
                    .mentioned
                    .of(name)
                    .filter(|(u, _)| *u != uri && !state.docs.contains_key(*u))
                    .map(|(u, n)| (from_proto::file_label(u), n)),
            );
            others.sort_unstable();
        }
        let context = ide::HoverContext {
            others: &others,
            currency: &config.currency,
            rates: &config.checks.rates,
            list_limit: config.hover_list,
            approx_margin: config.checks.approx_margin,
        };
        let Some((span, mut card)) =
            ide::hover(&snap.text, &snap.analysis, snap.index(), offset, &context)
        else {
            return Ok(None);
        };
        // The same fact in the workspace's other reports.
        let summary = crate::facts::cross::Summary::new(&snap.text, &snap.analysis, config);
        // Only the fact under the cursor is compared: a report's facts are stated in
        // hundreds of other reports each.
        let crosses = summary
            .facts
            .iter()
            .position(|f| f.span.start <= offset && offset <= f.span.end)
            .map(|n| r.state.catalogue.compare_fact(uri.as_str(), &summary, n))
            .unwrap_or_default();
        let label = crate::lsp::workspace::label;
        let also =
            crate::facts::cross::also_stated(&summary, &crosses, offset, label, config.hover_list);
        if !also.is_empty() {
            card.push_str("\n\n");
            for line in also {
                card.push_str(&format!("- {}\n", ide::escape_markdown(&line)));
            }
        }
        Ok(Some(Hover {
            contents: to_proto::hover_contents(card, r.state.caps.plain_hover),
            range: Some(snap.range(span, enc)),
        }))
    })
    .await
}

pub async fn goto_definition(
    b: &Backend,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let tdp = params.text_document_position_params;
    let uri = &tdp.text_document.uri;
    b.settle(uri).await;
    b.guarded("textDocument/definition", |s| {
        let enc = s.encoding();
        let (offset, declared) = {
            let snap = &s.doc(uri)?.snapshot;
            let offset = snap.offset(tdp.position, enc);
            (offset, ide::declared_line(&snap.analysis, offset))
        };
        // An actor declared in dossier.toml is defined there.
        if let Some(line) = declared
            && let Some(toml) = s.config_file_for(uri).and_then(Uri::from_file_path)
        {
            let at = position::line_start(line);
            let location = Location::new(toml, Range::new(at, at));
            return Ok(Some(GotoDefinitionResponse::Scalar(location)));
        }
        let snap = &s.doc(uri)?.snapshot;
        Ok(ide::definition(&snap.analysis, offset)
            .map(|span| GotoDefinitionResponse::Scalar(to_proto::location(uri, snap, span, enc))))
    })
}

pub async fn references(b: &Backend, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let tdp = &params.text_document_position;
    let uri = &tdp.text_document.uri;
    b.answer("textDocument/references", uri, |r| {
        let (snap, enc, limit) = (r.snap, r.enc, r.config.max_results);
        let offset = snap.offset(tdp.position, enc);
        let Some(mut spans) = ide::references(&snap.analysis, offset, limit) else {
            return Ok(None);
        };
        if !params.context.include_declaration
            && let Some(first) = ide::definition(&snap.analysis, offset)
        {
            spans.retain(|sp| *sp != first);
        }
        let mut locations: Vec<Location> = spans
            .iter()
            .map(|sp| to_proto::location(uri, snap, *sp, enc))
            .collect();
        // The same actor in the other reports of the workspace, by canonical name.
        let others: Vec<_> = r.others().collect();
        let analyses: Vec<_> = others.iter().map(|(_, other)| other.analysis()).collect();
        let room = limit.saturating_sub(locations.len());
        for (k, span) in workspace::references_elsewhere(&snap.analysis, offset, &analyses, room) {
            let (other, known) = others[k];
            locations.push(Location::new(other.clone(), known.range(span, enc)));
        }
        Ok(Some(locations))
    })
    .await
}

pub async fn document_highlight(
    b: &Backend,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let tdp = params.text_document_position_params;
    let uri = &tdp.text_document.uri;
    b.answer("textDocument/documentHighlight", uri, |r| {
        let (snap, enc, limit) = (r.snap, r.enc, r.config.max_results);
        let offset = snap.offset(tdp.position, enc);
        Ok(ide::references(&snap.analysis, offset, limit).map(|spans| {
            spans
                .iter()
                .map(|sp| DocumentHighlight {
                    range: snap.range(*sp, enc),
                    kind: Some(DocumentHighlightKind::TEXT),
                })
                .collect()
        }))
    })
    .await
}
