//! Semantic tokens: the whole report, the change since the last whole report, or one range.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::lsp::state::{Backend, State, Tokens};
use crate::lsp::to_proto;
use crate::text::Span;

/// The document's semantic tokens under a new result id, and the previous ones, kept for the
/// next delta request.
fn fresh_tokens(s: &mut State, uri: &Uri) -> Result<(String, Vec<SemanticToken>, Option<Tokens>)> {
    let snap = &s.doc(uri)?.snapshot;
    let data = to_proto::semantic_tokens(snap, Span::new(0, snap.text.len()), s.encoding());
    s.next_result += 1;
    let id = s.next_result.to_string();
    let previous = s.tokens.insert(uri.clone(), (id.clone(), data.clone()));
    Ok((id, data, previous))
}

pub async fn full(
    b: &Backend,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let uri = &params.text_document.uri;
    b.settle(uri).await;
    b.guarded("textDocument/semanticTokens/full", |s| {
        let (id, data, _) = fresh_tokens(s, uri)?;
        let tokens = SemanticTokens {
            result_id: Some(id),
            data,
        };
        Ok(Some(SemanticTokensResult::Tokens(to_proto::raw_tokens(
            tokens,
        ))))
    })
}

pub async fn full_delta(
    b: &Backend,
    params: SemanticTokensDeltaParams,
) -> Result<Option<SemanticTokensFullDeltaResult>> {
    let uri = &params.text_document.uri;
    b.settle(uri).await;
    b.guarded("textDocument/semanticTokens/full/delta", |s| {
        let (id, data, previous) = fresh_tokens(s, uri)?;
        let previous = previous.filter(|(old_id, _)| *old_id == params.previous_result_id);
        Ok(Some(match previous {
            Some((_, old)) => SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                result_id: Some(id),
                edits: to_proto::token_delta(&old, &data),
            }),
            None => SemanticTokensFullDeltaResult::Tokens(to_proto::raw_tokens(SemanticTokens {
                result_id: Some(id),
                data,
            })),
        }))
    })
}

pub async fn range(
    b: &Backend,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let uri = &params.text_document.uri;
    b.answer("textDocument/semanticTokens/range", uri, |r| {
        let (snap, enc) = (r.snap, r.enc);
        let within = snap.span(params.range, enc);
        let data = to_proto::semantic_tokens(snap, within, enc);
        Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })))
    })
    .await
}
