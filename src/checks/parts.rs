//! `parts-exceed-whole`: `W, including A and B` or `of which A … and B` may not have parts that sum
//! to more than the whole; `comprising`, `consisting of`, `split between` must sum to it.

use super::{Context, show};
use crate::model::{Check, FigureKind, Finding, Severity};

/// Words that open a list of parts: (words, the parts must add up to the whole exactly).
const TRIGGERS: &[(&[&str], bool)] = &[
    (&["including"], false),
    (&["of", "which"], false),
    (&["among", "them"], false),
    (&["among", "which"], false),
    (&["among", "whom"], false),
    (&["comprising"], true),
    (&["consisting", "of"], true),
    (&["split", "between"], true),
    (&["divided", "between"], true),
    (&["divided", "among"], true),
    (&["made", "up", "of"], true),
    (&["broken", "down", "into"], true),
];

/// The first of `TRIGGERS` (in their order) among `words`: whether it needs the parts to add up
/// to the whole exactly.
fn trigger(words: &[&str]) -> Option<bool> {
    // Most words open no trigger: one test of each against the first words of all of them, and
    // the whole list only where one starts.
    let heads = words.iter().enumerate().filter(|(_, w)| {
        // Their lengths and first letters turn most ASCII words away before a copy is made.
        if w.is_ascii()
            && !(matches!(w.len(), 2 | 4..=7 | 9 | 10)
                && matches!(
                    w.as_bytes()[0] | 0x20,
                    b'i' | b'o' | b'a' | b'c' | b's' | b'd' | b'm' | b'b'
                ))
        {
            return false;
        }
        super::with_lowered(w, |w| {
            matches!(
                w,
                "including"
                    | "of"
                    | "among"
                    | "comprising"
                    | "consisting"
                    | "split"
                    | "divided"
                    | "made"
                    | "broken"
            )
        })
    });
    let starts = |t: &[&str], at: usize| {
        words.len() - at >= t.len() && words[at..].iter().zip(t).all(|(w, t)| super::is_word(w, t))
    };
    heads
        .flat_map(|(at, _)| TRIGGERS.iter().position(|(t, _)| starts(t, at)))
        .min()
        .map(|k| TRIGGERS[k].1)
}

/// The least and greatest totals the parts' wording allows, and the total of their stated values.
fn totals(cx: &Context<'_>, parts: &[usize]) -> (f64, f64, f64) {
    let figs = &cx.analysis.figures;
    let lo = parts.iter().map(|&k| cx.interval(&figs[k]).0).sum();
    let hi = parts.iter().map(|&k| cx.interval(&figs[k]).1).sum();
    let sum = parts.iter().map(|&k| figs[k].value).sum();
    (lo, hi, sum)
}

/// ` USD` after a number in a message, or nothing for a figure without a unit.
fn unit_suffix(f: &crate::model::Figure) -> String {
    f.unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default()
}

/// `Trade of $10 billion, with exports and imports of $6 billion and $3 billion respectively`:
/// the figures just before `respectively` are parts that must make up the whole before them.
fn respectively(
    cx: &Context<'_>,
    inside: &[usize],
    sentence: crate::text::Span,
    out: &mut Vec<Finding>,
) {
    let figs = &cx.analysis.figures;
    let Some(at) = super::find_ignore_case(cx.slice(sentence), "respectively") else {
        return;
    };
    let at = sentence.start + at;
    let before: Vec<usize> = inside
        .iter()
        .copied()
        .filter(|&k| figs[k].span.end <= at)
        .collect();
    let Some(&last) = before.last() else { return };
    let unit = (figs[last].kind, figs[last].unit.clone());
    // The parts are a list: same kind and unit, joined only by commas and `and`.
    let mut parts: Vec<usize> = vec![last];
    for &k in before.iter().rev().skip(1) {
        let next = figs[*parts.last().unwrap_or(&last)].span.start;
        let joined = cx
            .words(figs[k].span.end, next)
            .map(super::lowered)
            .all(|w| w == "and" || w == "or");
        if (figs[k].kind, figs[k].unit.clone()) != unit || !joined {
            break;
        }
        parts.push(k);
    }
    if parts.len() < 2 || parts.len() == before.len() || unit.0 == FigureKind::Percent {
        return;
    }
    let w = before.len() - parts.len() - 1;
    let whole = &figs[before[w]];
    if (whole.kind, whole.unit.clone()) != unit || whole.range.is_some() {
        return;
    }
    // `raised them to A, B and C; they would have been D, E and F, respectively` pairs two
    // lists: a whole that is itself one of a list is no whole.
    if w > 0 {
        let prev = &figs[before[w - 1]];
        let listed = (prev.kind, prev.unit.clone()) == unit
            && cx.at_most_words(prev.span.end, whole.span.start, 5)
            && cx
                .slice(crate::text::Span::new(prev.span.end, whole.span.start))
                .contains([',', ';']);
        if listed {
            return;
        }
    }
    // `$19 million each year, and … $6 million and $8 million, respectively`: an amount per
    // item is no whole of the parts.
    let first_part = figs[*parts.last().unwrap_or(&last)].span.start;
    let between: super::WordList<'_> = cx.words_between(whole.span.end, first_part);
    if between
        .iter()
        .take(3)
        .any(|w| matches!(&**w, "each" | "per" | "apiece" | "annually" | "a"))
    {
        return;
    }
    // The parts name as many things as there are parts (`exports and imports of`): one
    // `and` or comma fewer than the parts between the whole and them.
    let joins = between
        .iter()
        .filter(|w| matches!(&***w, "and" | "or"))
        .count()
        + cx.slice(crate::text::Span::new(whole.span.end, first_part))
            .matches(',')
            .count();
    if joins + 1 < parts.len() {
        return;
    }
    let (wl, wh) = cx.interval(whole);
    let (lo, hi, sum) = totals(cx, &parts);
    if lo <= wh && hi >= wl {
        return;
    }
    let unit_name = unit_suffix(whole);
    out.push(Finding {
        span: whole.span,
        code: Check::PartsExceedWhole.into(),
        severity: Severity::Warning,
        message: format!(
            "the parts given with `respectively` add up to {}{unit_name}, not the whole, {}",
            show(sum),
            cx.slice(whole.span)
        ),
        related: parts
            .iter()
            .rev()
            .map(|&k| (figs[k].span, format!("part: {}", cx.slice(figs[k].span))))
            .collect(),
        fix: None,
        elsewhere: Vec::new(),
    });
}

/// Whether a trigger stands between figure `k` and the next one (or the sentence's end).
fn opens_parts(cx: &Context<'_>, k: usize, next: Option<usize>) -> bool {
    let figs = &cx.analysis.figures;
    let end = next.map_or(cx.sentence_of(figs[k].span.start).end, |n| {
        figs[n].span.start
    });
    let mut buf = [""; 9];
    let mut len = 0;
    for (slot, w) in buf.iter_mut().zip(cx.words(figs[k].span.end, end)) {
        *slot = w;
        len += 1;
    }
    trigger(&buf[..len]).is_some()
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let figs = &cx.analysis.figures;
    for sentence in &cx.sentences {
        let inside = cx.figures_in(*sentence);
        respectively(cx, inside, *sentence, out);
        for (n, &w) in inside.iter().enumerate() {
            let whole = &figs[w];
            // `two-thirds of them, including …`: a fraction is no whole for a count.
            if whole.ordinal
                || whole.range.is_some()
                || whole.value.fract() != 0.0 && whole.kind == FigureKind::Count
            {
                continue;
            }
            let Some(&next) = inside.get(n + 1) else {
                continue;
            };
            // The trigger stands between the whole and its first part.
            // More than eight words apart, no trigger counts: nine words are enough to read.
            // As written: most pairs of figures have no trigger between them, and comparing
            // without case needs no lower-cased copies.
            let mut buf = [""; 9];
            let mut len = 0;
            for (slot, w) in buf
                .iter_mut()
                .zip(cx.words(whole.span.end, figs[next].span.start))
            {
                *slot = w;
                len += 1;
            }
            let between = &buf[..len];
            let Some(exact) = trigger(between) else {
                continue;
            };
            if between.len() > 8 {
                continue;
            }
            // Parts: the following figures of the same kind and unit, up to one of another kind.
            // A figure with a trigger of its own after it opens a new whole (`80 students,
            // including 29 assistants, and 55 others, including 13 …`).
            let parts: Vec<usize> = inside[n + 1..]
                .iter()
                .enumerate()
                .take_while(|&(j, &k)| {
                    figs[k].kind == whole.kind
                        && figs[k].unit == whole.unit
                        && !(j > 0 && opens_parts(cx, k, inside.get(n + 2 + j).copied()))
                })
                .map(|(_, &k)| k)
                .collect();
            if parts.len() < 2 && !exact {
                // One part can exceed the whole too (`1,000 troops, including 1,200 marines`).
                if parts.len() != 1 {
                    continue;
                }
            }
            if parts.is_empty() || whole.kind == FigureKind::Percent && !exact {
                continue;
            }
            let (wl, wh) = cx.interval(whole);
            let (lo, hi, sum) = totals(cx, &parts);
            let unit = unit_suffix(whole);
            let related = parts
                .iter()
                .map(|&k| (figs[k].span, format!("part: {}", cx.slice(figs[k].span))))
                .collect::<Vec<_>>();
            if lo > wh {
                out.push(Finding {
                    span: whole.span,
                    code: Check::PartsExceedWhole.into(),
                    severity: Severity::Warning,
                    message: format!(
                        "the parts add up to {}{unit}, more than the whole, {}",
                        show(sum),
                        cx.slice(whole.span)
                    ),
                    related,
                    fix: None,
                    elsewhere: Vec::new(),
                });
            } else if exact && hi < wl {
                out.push(Finding {
                    span: whole.span,
                    code: Check::PartsExceedWhole.into(),
                    severity: Severity::Warning,
                    message: format!(
                        "the parts add up to {}{unit}, less than the whole, {}, they should make up",
                        show(sum),
                        cx.slice(whole.span)
                    ),
                    related,
                    fix: None,
                    elsewhere: Vec::new(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{TRIGGERS, trigger};
    use crate::checks::lowered;

    /// The first trigger among the words as the check found it before heads were matched: every
    /// trigger against every window of lower-cased words.
    fn trigger_by_windows(words: &[&str]) -> Option<bool> {
        let lower: Vec<String> = words.iter().map(|w| lowered(w).into_owned()).collect();
        TRIGGERS
            .iter()
            .find(|(t, _)| {
                lower
                    .windows(t.len())
                    .any(|win| win.iter().map(|w| w.as_str()).eq(t.iter().copied()))
            })
            .map(|&(_, exact)| exact)
    }

    /// Word lists made of whole triggers (in any case, or with the Kelvin sign for `k`), parts of
    /// triggers and other words.
    fn words() -> impl Strategy<Value = Vec<String>> {
        let phrase = prop_oneof![
            prop::sample::select(TRIGGERS.to_vec()).prop_map(|(t, _)| t.to_vec()),
            prop::sample::select(TRIGGERS.to_vec()).prop_map(|(t, _)| t[..1].to_vec()),
            prop::sample::select(vec!["the", "dollars", "ofs", "mad", "an", "İncluding"])
                .prop_map(|w| vec![w]),
        ];
        let spelling = prop::sample::select(vec![0u8, 1, 2, 3]);
        proptest::collection::vec((phrase, spelling), 0..6).prop_map(|chunks| {
            chunks
                .into_iter()
                .flat_map(|(words, spelling)| {
                    words.into_iter().map(move |w| match spelling {
                        1 => w.to_uppercase(),
                        2 => w.replace('k', "\u{212A}"),
                        3 => {
                            let mut cs = w.chars();
                            cs.next().map_or(String::new(), |c| {
                                c.to_uppercase().collect::<String>() + cs.as_str()
                            })
                        }
                        _ => w.to_string(),
                    })
                })
                .take(9)
                .collect()
        })
    }

    proptest! {
        // Cheap cases, and the rarest spellings need more than the default 256 to come up.
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn heads_find_the_first_trigger_of_the_list(words in words()) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            prop_assert_eq!(trigger(&words), trigger_by_windows(&words), "{:?}", words);
        }
    }
}
