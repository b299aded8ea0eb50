//! Requests that propose text: quick fixes, inlay hints, renames, completions, and the mention
//! counts of code lenses.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::ide::edit;
use crate::lsp::state::Backend;
use crate::lsp::to_proto;
use crate::text::Span;

pub async fn code_action(
    b: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = &params.text_document.uri;
    b.answer("textDocument/codeAction", uri, |r| {
        let (snap, enc) = (r.snap, r.enc);
        let want = snap.span(params.range, enc);
        let actions = edit::fixes_for(&snap.analysis, want)
            .map(|(f, fix)| {
                let edit = TextEdit::new(snap.range(fix.span, enc), fix.replacement.clone());
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_proto::diagnostic(
                        uri,
                        snap,
                        f,
                        enc,
                        &|other, e| r.state.place(other, e),
                    )]),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(
                        uri.clone(),
                        vec![edit],
                    )]))),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                })
            })
            .collect();
        Ok(Some(actions))
    })
    .await
}

pub async fn inlay_hint(b: &Backend, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    let uri = &params.text_document.uri;
    b.answer("textDocument/inlayHint", uri, |r| {
        let (snap, enc, config) = (r.snap, r.enc, &r.config);
        let within = snap.span(params.range, enc);
        let hints = edit::inlay_hints(&snap.text, &snap.analysis, within, config)
            .into_iter()
            .map(|h| InlayHint {
                position: snap.position(h.offset, enc),
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
    .await
}

pub async fn prepare_rename(
    b: &Backend,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let uri = &params.text_document.uri;
    b.answer("textDocument/prepareRename", uri, |r| {
        let (snap, enc) = (r.snap, r.enc);
        let offset = snap.offset(params.position, enc);
        Ok(edit::prepare_rename(&snap.analysis, offset).map(|span| {
            PrepareRenameResponse::RangeWithPlaceholder {
                range: snap.range(span, enc),
                placeholder: snap.text[span.start..span.end].to_string(),
            }
        }))
    })
    .await
}

pub async fn rename(b: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    b.settle_all().await;
    b.guarded("textDocument/rename", |s| {
        let tdp = &params.text_document_position;
        let enc = s.encoding();
        let snap = &s.doc(&tdp.text_document.uri)?.snapshot;
        let offset = snap.offset(tdp.position, enc);
        let Some((wording, _)) = edit::rename_spans(&snap.text, &snap.analysis, offset) else {
            return Err(Error::invalid_params("there is no actor to rename here"));
        };
        if let Some(why) = edit::refuse_name(&params.new_name) {
            return Err(Error::invalid_params(why));
        }
        // Every open report: renames edit buffers the client holds, never files behind it.
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for (uri, d) in &s.docs {
            let snap = &d.snapshot;
            let edits: Vec<TextEdit> =
                edit::spans_with_wording(&snap.text, &snap.analysis, &wording)
                    .into_iter()
                    .map(|sp| TextEdit::new(snap.range(sp, enc), params.new_name.clone()))
                    .collect();
            if !edits.is_empty() {
                changes.insert(uri.clone(), edits);
            }
        }
        Ok(Some(WorkspaceEdit::new(changes)))
    })
}

pub async fn completion(
    b: &Backend,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let tdp = &params.text_document_position;
    let uri = &tdp.text_document.uri;
    b.answer("textDocument/completion", uri, |r| {
        let (snap, enc) = (r.snap, r.enc);
        let offset = snap.offset(tdp.position, enc);
        let Some((start, word)) = edit::word_before(&snap.text, offset) else {
            return Ok(None);
        };
        let others: Vec<_> = r.others().map(|(_, other)| other.analysis()).collect();
        let range = snap.range(Span::new(start, offset), enc);
        let items = edit::completions(word, &snap.analysis, &others)
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
    .await
}

pub async fn code_lens(b: &Backend, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    let uri = &params.text_document.uri;
    b.settle(uri).await;
    b.guarded("textDocument/codeLens", |s| {
        if !s.config_for(uri).code_lens {
            return Ok(Some(Vec::new()));
        }
        let (snap, enc) = (&s.doc(uri)?.snapshot, s.encoding());
        let lenses = edit::section_counts(&snap.analysis)
            .into_iter()
            .map(|(span, title)| CodeLens {
                range: snap.range(span, enc),
                command: Some(Command::new(title, String::new(), None)),
                data: None,
            })
            .collect();
        Ok(Some(lenses))
    })
}
