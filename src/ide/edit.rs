//! Rename, completion, inlay hints and code lenses, in byte offsets.

use crate::config::Config;
use crate::model::{ActorKind, Analysis, FigureKind, Finding, Fix, Precision};
use crate::text::Span;

use super::{Target, target_at};

/// The span a rename at `offset` would change: an actor mention.
pub fn prepare_rename(analysis: &Analysis, offset: usize) -> Option<Span> {
    match target_at(analysis, offset)? {
        Target::Actor(a, m) => Some(analysis.actors[a].mentions[m]),
        _ => None,
    }
}

/// Every mention written exactly as the one at `offset` (`Kim Jong Un`, not `Kim Jong Il` or
/// `Kim`), which a rename replaces.
pub fn rename_spans(text: &str, analysis: &Analysis, offset: usize) -> Option<(String, Vec<Span>)> {
    let Target::Actor(a, m) = target_at(analysis, offset)? else {
        return None;
    };
    let actor = &analysis.actors[a];
    let wording = &text[actor.mentions[m].start..actor.mentions[m].end];
    let spans = actor
        .mentions
        .iter()
        .copied()
        .filter(|s| &text[s.start..s.end] == wording)
        .collect();
    Some((wording.to_string(), spans))
}

/// The same wording in another report's analysis (for workspace-wide renames).
/// Why a name cannot replace an actor's mentions, if it cannot: an empty name, a line break,
/// NUL or another control character, or a bidirectional control, which would make the text
/// read differently from what it holds.
pub fn refuse_name(name: &str) -> Option<&'static str> {
    const BIDI: &[char] = &[
        '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ];
    if name.trim().is_empty() {
        Some("the new name is empty")
    } else if name.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        Some("the new name must be on one line")
    } else if name.chars().any(char::is_control) {
        Some("the new name holds a control character")
    } else if name.contains(BIDI) {
        Some("the new name holds a bidirectional control character")
    } else {
        None
    }
}

pub fn spans_with_wording(text: &str, analysis: &Analysis, wording: &str) -> Vec<Span> {
    analysis
        .actors
        .iter()
        .flat_map(|a| a.mentions.iter().copied())
        .filter(|s| &text[s.start..s.end] == wording)
        .collect()
}

/// A completion candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub label: String,
    pub detail: String,
    /// Used in this report (ranks first), elsewhere in the workspace, or from the gazetteer.
    pub rank: u8,
}

/// The capitalised word being typed before `offset`, and where it starts.
pub fn word_before(text: &str, offset: usize) -> Option<(usize, &str)> {
    let offset = crate::text::floor_char_boundary(text, offset);
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'))
        .last()
        .map_or(offset, |(i, _)| i);
    let word = &text[start..offset];
    word.chars()
        .next()
        .filter(|c| c.is_uppercase())
        .map(|_| (start, word))
}

/// Actor names and aliases that start with `prefix`: those of this report first, then other
/// reports', then the gazetteer's.
pub fn completions(prefix: &str, here: &Analysis, others: &[&Analysis]) -> Vec<Candidate> {
    let lower = prefix.to_lowercase();
    let mut out: Vec<Candidate> = Vec::new();
    let push = |label: &str, detail: String, rank: u8, out: &mut Vec<Candidate>| {
        if label.to_lowercase().starts_with(&lower) && !out.iter().any(|c| c.label == label) {
            out.push(Candidate {
                label: label.to_string(),
                detail,
                rank,
            });
        }
    };
    for (rank, analysis) in std::iter::once((0, here)).chain(others.iter().map(|a| (1, *a))) {
        for a in &analysis.actors {
            push(&a.name, a.kind.as_str().to_string(), rank, &mut out);
            for alias in &a.aliases {
                push(
                    alias,
                    format!("{} ({})", a.name, a.kind.as_str()),
                    rank,
                    &mut out,
                );
            }
        }
    }
    let g = crate::recognise::gazetteer::get();
    for e in g.entries() {
        if e.kind == ActorKind::Place && lower.len() < 2 {
            continue;
        }
        push(e.name, e.description.to_string(), 2, &mut out);
        for alias in e.aliases.iter() {
            push(
                alias,
                format!("{} ({})", e.name, e.kind.as_str()),
                2,
                &mut out,
            );
        }
    }
    out.sort_by(|a, b| (a.rank, &a.label).cmp(&(b.rank, &b.label)));
    out.truncate(200);
    out
}

/// An inlay hint: where it goes and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    pub offset: usize,
    pub label: String,
    pub tooltip: String,
}

/// ISO dates after dates whose year or month the reader must infer (`Oct. 31`, `last month`),
/// marked `≈` when the wording is approximate, and US dollars after other money.
pub fn inlay_hints(text: &str, analysis: &Analysis, within: Span, config: &Config) -> Vec<Hint> {
    let mut out = Vec::new();
    if config.inlay_dates {
        for d in analysis.dates.iter().filter(|d| d.span.overlaps(within)) {
            let written = &text[d.span.start..d.span.end];
            // A bare month (`in October`) names all the hint would; relative wording names
            // neither its month nor its year.
            let inferred = d.relative
                || (d.value.precision == Precision::Day
                    && !crate::recognise::dates::states_its_year(written, d.value.start.year));
            if !inferred {
                continue;
            }
            out.push(Hint {
                offset: d.span.end,
                label: format!(" {}{}", if d.approx { "≈" } else { "" }, d.value.iso()),
                tooltip: if d.relative {
                    "relative wording, read against the report's date".into()
                } else {
                    "resolved against the report period".into()
                },
            });
        }
    }
    if config.inlay_money {
        let currency = config.currency.as_str();
        for f in analysis
            .figures
            .iter()
            .filter(|f| f.span.overlaps(within) && f.kind == FigureKind::Money)
        {
            let Some(unit) = f.unit.as_deref().filter(|u| *u != currency) else {
                continue;
            };
            // A conversion written right there says it already.
            if f.conversion.is_some() {
                continue;
            }
            let Some((rate, _)) = super::implied_rate(analysis, unit, currency) else {
                continue;
            };
            out.push(Hint {
                offset: f.span.end,
                label: format!(
                    " ≈ {}{}",
                    if currency == "USD" { "$" } else { "" },
                    super::format_short(f.value / rate)
                ),
                tooltip: format!("at {rate:.2} {unit} per {currency}, the rate the report implies"),
            });
        }
    }
    out.sort_by_key(|h| h.offset);
    out
}

/// Mention counts for a code lens above each section heading.
pub fn section_counts(analysis: &Analysis) -> Vec<(Span, String)> {
    analysis
        .sections
        .iter()
        .map(|s| {
            let actors = analysis
                .actors
                .iter()
                .filter(|a| a.mentions.iter().any(|m| s.span.contains_span(*m)))
                .count();
            let mentions: usize = analysis
                .actors
                .iter()
                .map(|a| {
                    a.mentions
                        .iter()
                        .filter(|m| s.span.contains_span(**m))
                        .count()
                })
                .sum();
            let dates = analysis
                .dates
                .iter()
                .filter(|d| s.span.contains_span(d.span))
                .count();
            let figures = analysis
                .figures
                .iter()
                .filter(|f| s.span.contains_span(f.span))
                .count();
            (
                s.heading,
                format!(
                    "{actors} actors ({mentions} mentions) · {dates} dates · {figures} figures"
                ),
            )
        })
        .collect()
}

/// The findings with a fix that overlap or touch `want` (a selection or a cursor), with their
/// fixes: the quick fixes an editor offers there.
pub fn fixes_for(analysis: &Analysis, want: Span) -> impl Iterator<Item = (&Finding, &Fix)> {
    analysis.findings.iter().filter_map(move |f| {
        let fix = f.fix.as_ref()?;
        (f.span.overlaps(want) || f.span.touches(want.start)).then_some((f, fix))
    })
}

#[cfg(test)]
mod name_tests {
    use super::refuse_name;

    #[test]
    fn names_with_breaks_controls_or_bidirectional_marks_are_refused() {
        for bad in [
            "",
            "  ",
            "Kim\nJong",
            "Kim\r",
            "Kim\0",
            "Kim\u{7}",
            "Kim\u{202E}nuJ",
            "A\u{2066}B",
            "x\u{2028}",
        ] {
            assert!(refuse_name(bad).is_some(), "{bad:?}");
        }
        for good in [
            "Kim Jong Un",
            "Park Geun-hye",
            "Élysée",
            "서울",
            "al-Shabaab",
        ] {
            assert_eq!(refuse_name(good), None, "{good:?}");
        }
    }
}
