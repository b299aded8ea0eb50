//! Conversions from the core's and `ide`'s answers (byte spans, findings, symbols, tokens) to
//! protocol types, positions in the negotiated encoding.

use tower_lsp_server::ls_types::*;

use super::document::Snapshot;
use super::position::Encoding;
use crate::ide::symbols::{self, Symbol};
use crate::ide::tokens::TokenKind;
use crate::model::{ActorKind, Elsewhere, Finding, Severity};
use crate::text::Span;

pub fn location(uri: &Uri, snap: &Snapshot, span: Span, enc: Encoding) -> Location {
    Location::new(uri.clone(), snap.range(span, enc))
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A problem of a `dossier.toml` as a diagnostic on that file (`text`, as it was read): from
/// its column, or its line's first word, to the end of its line; at the start of the file when
/// its line is unknown (a file that cannot be read).
pub fn config_diagnostic(text: &str, e: &crate::config::ConfigError, enc: Encoding) -> Diagnostic {
    let lines = super::position::Lines::new(text);
    let index = lines.index();
    let span = if e.line == 0 || e.line > index.line_count() {
        Span::new(0, 0)
    } else {
        let start = index.line_start(e.line - 1);
        let end = if e.line < index.line_count() {
            index.line_start(e.line)
        } else {
            text.len()
        };
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        let from = if e.column > 0 {
            line.char_indices()
                .nth(e.column - 1)
                .map_or(line.len(), |(b, _)| b)
        } else {
            line.len() - line.trim_start().len()
        };
        Span::new(start + from, start + line.len())
    };
    Diagnostic {
        range: lines.range(text, span, enc),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("dossier".into()),
        message: e.message.clone(),
        ..Diagnostic::default()
    }
}

/// A finding as a diagnostic; `place` says where a place in another report is (`None`: the
/// start of its line, which needs none of that report's text).
pub fn diagnostic(
    uri: &Uri,
    snap: &Snapshot,
    f: &Finding,
    enc: Encoding,
    place: &dyn Fn(&Uri, &Elsewhere) -> Option<Range>,
) -> Diagnostic {
    let related = f
        .related
        .iter()
        .map(|(span, message)| DiagnosticRelatedInformation {
            location: location(uri, snap, *span, enc),
            message: message.clone(),
        })
        // The same fact in another report: its figure there, else the start of its line.
        .chain(f.elsewhere.iter().filter_map(|e| {
            let other = e.path.parse::<Uri>().ok()?;
            let range = place(&other, e).unwrap_or_else(|| {
                let at = super::position::line_start(e.line as usize);
                Range::new(at, at)
            });
            Some(DiagnosticRelatedInformation {
                location: Location::new(other, range),
                message: e.message.clone(),
            })
        }))
        .collect::<Vec<_>>();
    Diagnostic {
        range: snap.range(f.span, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some("dossier".into()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

pub fn symbol_kind(kind: symbols::SymbolKind) -> SymbolKind {
    match kind {
        symbols::SymbolKind::Title => SymbolKind::FILE,
        symbols::SymbolKind::Section => SymbolKind::STRING,
        symbols::SymbolKind::Actor(ActorKind::Person) => SymbolKind::OBJECT,
        symbols::SymbolKind::Actor(ActorKind::Country | ActorKind::Place) => SymbolKind::NAMESPACE,
        symbols::SymbolKind::Actor(_) => SymbolKind::CLASS,
        symbols::SymbolKind::Date => SymbolKind::EVENT,
        symbols::SymbolKind::Figure => SymbolKind::NUMBER,
    }
}

/// An outline entry and its children.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
pub fn document_symbol(snap: &Snapshot, s: Symbol, enc: Encoding) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = s
        .children
        .into_iter()
        .map(|c| document_symbol(snap, c, enc))
        .collect();
    DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: snap.range(s.span, enc),
        selection_range: snap.range(s.selection, enc),
        children: (!children.is_empty()).then_some(children),
    }
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must still be written.
pub fn symbol_information(
    name: String,
    kind: symbols::SymbolKind,
    location: Location,
    container: Option<&str>,
) -> SymbolInformation {
    SymbolInformation {
        name,
        kind: symbol_kind(kind),
        tags: None,
        deprecated: None,
        location,
        container_name: container.map(Into::into),
    }
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

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TOKEN_TYPES.to_vec(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// Relative-encoded semantic tokens for `within`; tokens that cross a line break are left out.
pub fn semantic_tokens(snap: &Snapshot, within: Span, enc: Encoding) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    for (span, kind) in crate::ide::tokens::tokens(&snap.analysis, within) {
        let a = snap.position(span.start, enc);
        let b = snap.position(span.end, enc);
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
pub fn token_delta(old: &[SemanticToken], new: &[SemanticToken]) -> Vec<SemanticTokensEdit> {
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

/// A whole document's semantic tokens (five numbers for every actor, date and figure of a long
/// report) written as JSON text here (`raw`): a placeholder whose result id names them.
pub fn raw_tokens(tokens: SemanticTokens) -> SemanticTokens {
    match super::raw::stash_value(&tokens) {
        Some(marker) => SemanticTokens {
            result_id: Some(marker),
            data: Vec::new(),
        },
        None => tokens,
    }
}

/// A hover card, in Markdown or, for clients that show only plain text, without its markup.
pub fn hover_contents(card: String, plain: bool) -> HoverContents {
    HoverContents::Markup(if plain {
        MarkupContent {
            kind: MarkupKind::PlainText,
            value: crate::ide::plain_text(&card),
        }
    } else {
        MarkupContent {
            kind: MarkupKind::Markdown,
            value: card,
        }
    })
}
