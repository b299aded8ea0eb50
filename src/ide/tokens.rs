//! Semantic tokens in editor terms: which spans are people, countries, organisations, places,
//! dates and figures.

use crate::model::{ActorKind, Analysis};
use crate::text::Span;

/// What a highlighted span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TokenKind {
    Person,
    Country,
    Organization,
    Place,
    Group,
    Date,
    Figure,
}

impl TokenKind {
    pub const ALL: [TokenKind; 7] = [
        TokenKind::Person,
        TokenKind::Country,
        TokenKind::Organization,
        TokenKind::Place,
        TokenKind::Group,
        TokenKind::Date,
        TokenKind::Figure,
    ];

    pub fn of_actor(kind: ActorKind) -> TokenKind {
        match kind {
            ActorKind::Person => TokenKind::Person,
            ActorKind::Country => TokenKind::Country,
            ActorKind::Organization => TokenKind::Organization,
            ActorKind::Place => TokenKind::Place,
            ActorKind::Group => TokenKind::Group,
        }
    }
}

/// Every highlighted span overlapping `within`, sorted and without overlaps.
pub fn tokens(analysis: &Analysis, within: Span) -> Vec<(Span, TokenKind)> {
    let mut out: Vec<(Span, TokenKind)> = Vec::new();
    for a in &analysis.actors {
        let kind = TokenKind::of_actor(a.kind);
        out.extend(
            a.mentions
                .iter()
                .filter(|m| m.overlaps(within) || m.is_empty() && within.touches(m.start))
                .map(|m| (*m, kind)),
        );
    }
    out.extend(
        analysis
            .dates
            .iter()
            .filter(|d| d.span.overlaps(within))
            .map(|d| (d.span, TokenKind::Date)),
    );
    out.extend(
        analysis
            .figures
            .iter()
            .filter(|f| f.span.overlaps(within))
            .map(|f| (f.span, TokenKind::Figure)),
    );
    out.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    // Recognisers keep their own spans apart, but an actor may sit inside a date's words; the
    // first (longest) span wins.
    let mut last_end = 0;
    out.retain(|(s, _)| {
        if s.start < last_end {
            return false;
        }
        last_end = s.end;
        true
    });
    out
}
