//! `restated-figure`: the same quantity of the same subject stated with different values in one
//! report: an amount named with its organisation (`the Special Fund will disburse 1.2 billion
//! yuan` … `the 1.5 billion yuan Special Fund`), and the same fact (subjects, measure, detail,
//! time, status and unit) stated twice (`Kenya's exports were $7 billion in 2021` … `exports
//! of $9 billion in 2021`).

use rustc_hash::FxHashMap as HashMap;

use super::Context;
use crate::model::{ActorKind, Check, Fact, FigureKind, Finding, Severity};
use crate::text::Span;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let before = out.len();
    named(cx, out);
    let found: Vec<Span> = out[before..].iter().map(|f| f.span).collect();
    facts(cx, &found, out);
}

/// Key of a fact for comparison: who, what, which part of it, when, how firmly, in what unit.
type Key<'a> = (
    &'a [usize],
    &'a str,
    Option<String>,
    Option<crate::model::DateValue>,
    crate::model::FactStatus,
    Option<&'a str>,
);

/// The same fact stated with values no rounding reconciles, in different sentences. Only
/// amounts and quantities are compared; a fact of no subject, a revision, a range or a part of
/// a change (`from $5 billion`) is not, nor is an undated fact.
fn facts(cx: &Context<'_>, found: &[Span], out: &mut Vec<Finding>) {
    let (text, analysis) = (cx.text, cx.analysis);
    let figs = &analysis.figures;
    let mut seen: HashMap<Key<'_>, usize> = HashMap::default();
    for (n, fact) in analysis.facts.iter().enumerate() {
        let f = &figs[fact.figure];
        if !comparable(text, analysis, fact) || fact.revised {
            continue;
        }
        let detail = fact.detail.map(|d| cx.slice(d).to_lowercase());
        let key = (
            &fact.subjects[..],
            &*fact.measure,
            detail,
            fact.time,
            fact.status,
            fact.unit.as_deref(),
        );
        let Some(&p) = seen.get(&key) else {
            seen.insert(key, n);
            continue;
        };
        let prev = &analysis.facts[p];
        let g = &figs[prev.figure];
        if cx.same_sentence(g.span.start, f.span.start) || found.contains(&f.span) {
            continue;
        }
        let (pl, ph) = cx.interval(g);
        let (l, h) = cx.interval(f);
        if h < pl || l > ph {
            let whose: Vec<&str> = fact
                .subjects
                .iter()
                .map(|&a| &*analysis.actors[a].name)
                .collect();
            out.push(Finding {
                span: f.span,
                code: Check::RestatedFigure.into(),
                severity: Severity::Warning,
                message: format!(
                    "{} of {} {}is given as {} here but as {} earlier",
                    fact.measure,
                    whose.join(" and "),
                    fact.time
                        .map(|t| format!("in {} ", t.iso()))
                        .unwrap_or_default(),
                    cx.slice(f.span),
                    cx.slice(g.span)
                ),
                related: vec![(g.span, format!("stated earlier as {}", cx.slice(g.span)))],
                fix: None,
                elsewhere: Vec::new(),
            });
        }
    }
}

/// Whether a fact may be compared with the same fact stated elsewhere (in this report or
/// another): an amount or quantity, not a range, of some subject, dated, and not a part of a
/// change (`from $5 billion`, `to`, `between`). Revisions are told apart by the caller.
pub(crate) fn comparable(text: &str, analysis: &crate::model::Analysis, fact: &Fact) -> bool {
    comparable_as(text, analysis, fact, false)
}

/// `comparable`, and with `counts`, a count of a measure too (`9 million displaced people in
/// 2023`): across reports such a count is one fact, while within one report a count restated
/// is most often of another thing the sentence names.
pub(crate) fn comparable_as(
    text: &str,
    analysis: &crate::model::Analysis,
    fact: &Fact,
    counts: bool,
) -> bool {
    let f = &analysis.figures[fact.figure];
    // An undated fact may be of any year: on real reports, undated amounts of one body are its
    // many programmes' (a loan of $19 million, another of $8 million).
    (matches!(f.kind, FigureKind::Money | FigureKind::Quantity)
        || counts && f.kind == FigureKind::Count)
        && f.range.is_none()
        && !fact.subjects.is_empty()
        && fact.time.is_some()
        && !matches!(
            last_word(text, fact.clause.start, f.span.start),
            Some(w) if ["from", "to", "between"].iter().any(|c| w.eq_ignore_ascii_case(c))
        )
}

/// The last word (run of letters and digits) between `floor` and `offset`, looking back at
/// most 80 bytes; `None` when there is none or it may be cut by that window.
fn last_word(text: &str, floor: usize, offset: usize) -> Option<&str> {
    let window = crate::text::floor_char_boundary(text, offset.saturating_sub(80).max(floor));
    let s = &text[window..offset];
    let end = s.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let start = s[..end].trim_end_matches(char::is_alphanumeric).len();
    (end > start && (start > 0 || window == floor)).then(|| &s[start..end])
}

/// An amount named with an organisation, right before or after its name.
fn named(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let figs = &cx.analysis.figures;
    // Mentions of organisations and groups with names of two words or more: countries and people
    // have too many figures to pair them safely.
    let mut mentions: Vec<(Span, usize)> = Vec::new();
    for (a, actor) in cx.analysis.actors.iter().enumerate() {
        if !matches!(actor.kind, ActorKind::Organization | ActorKind::Group) {
            continue;
        }
        for m in &actor.mentions {
            if two_words_or_more(cx.slice(*m)) {
                mentions.push((*m, a));
            }
        }
    }
    // Each actor's mentions are in text order: a stable sort merges those runs.
    mentions.sort();
    let mut seen: HashMap<(usize, FigureKind, Option<&str>), usize> = HashMap::default();
    for (k, f) in figs.iter().enumerate() {
        // A table cell is read with its row and column, never as a name's figure restated.
        if !matches!(f.kind, FigureKind::Money | FigureKind::Quantity)
            || f.range.is_some()
            || cx.analysis.table_cell(f.span.start).is_some()
        {
            continue;
        }
        // `the 1.5 billion yuan Special Fund`: the name right after the figure.
        // Mentions are sorted: look only at the few that start right after the figure.
        let first_after = mentions.partition_point(|(m, _)| m.start < f.span.end);
        let after = mentions[first_after..]
            .iter()
            .take_while(|(m, _)| m.start <= f.span.end + 8)
            .find(|(m, _)| cx.words(f.span.end, m.start).next().is_none());
        // `the Special Fund will disburse 1.2 billion yuan`: the name as the subject just before.
        let before = mentions[..first_after]
            .iter()
            .rev()
            .take_while(|(m, _)| m.end + 80 >= f.span.start)
            .find(|(m, _)| {
                m.end <= f.span.start && {
                    // One to three words between, one of them a verb of amount; cheapest tests
                    // first: finding sentences is the costly one.
                    let mut words = 0;
                    let mut verb = false;
                    for w in cx.words(m.end, f.span.start).take(4) {
                        words += 1;
                        verb |= matches!(
                            &*super::lowered(w),
                            "will"
                                | "would"
                                | "disburse"
                                | "disbursed"
                                | "disburses"
                                | "has"
                                | "had"
                                | "provides"
                                | "provided"
                                | "worth"
                                | "of"
                                | "totals"
                                | "totaled"
                                | "totalled"
                                | "costs"
                                | "cost"
                        );
                    }
                    (1..=3).contains(&words)
                        && verb
                        && cx.sentence_of(m.start) == cx.sentence_of(f.span.start)
                        && !{
                            // Figures are in text order: those between the name and this one
                            // start at or after the name and come before this figure.
                            let lo = figs[..k].partition_point(|g| g.span.start < m.end);
                            figs[lo..k].iter().any(|g| g.span.end <= f.span.start)
                        }
                }
            });
        let Some(&(_, actor)) = after.or(before) else {
            continue;
        };
        let key = (actor, f.kind, f.unit.as_deref());
        match seen.get(&key) {
            Some(&prev) => {
                let (pl, ph) = cx.interval(&figs[prev]);
                let (l, h) = cx.interval(f);
                if h < pl || l > ph {
                    out.push(Finding {
                        span: f.span,
                        code: Check::RestatedFigure.into(),
                        severity: Severity::Warning,
                        message: format!(
                            "{} is given as {} here but as {} earlier",
                            cx.analysis.actors[actor].name,
                            cx.slice(f.span),
                            cx.slice(figs[prev].span)
                        ),
                        related: vec![(
                            figs[prev].span,
                            format!("stated earlier as {}", cx.slice(figs[prev].span)),
                        )],
                        fix: None,
                        elsewhere: Vec::new(),
                    });
                }
            }
            None => {
                seen.insert(key, k);
            }
        }
    }
}

/// `s.split_whitespace().count() >= 2`, without counting: white space inside the trimmed text.
/// Asked of every organisation mention on every keystroke; decoding each one's characters to
/// count its words was half of this check.
fn two_words_or_more(s: &str) -> bool {
    let t = s.trim();
    if t.is_ascii() {
        // The ASCII characters `char::is_whitespace` accepts, vertical tab included.
        t.bytes()
            .any(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
    } else {
        t.contains(char::is_whitespace)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Agrees with counting the words, on text full of ASCII and Unicode white space.
        #[test]
        fn two_words_or_more_counts_as_split_whitespace_does(
            s in "[a-zé \t\n\u{0b}\u{0c}\r\u{a0}\u{2003}\u{3000}\u{1c}.-]{0,12}"
        ) {
            prop_assert_eq!(
                super::two_words_or_more(&s),
                s.split_whitespace().count() >= 2
            );
        }
    }
}
