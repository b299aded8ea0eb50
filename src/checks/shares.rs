//! `shares-over-100`: shares of one whole listed in a sentence (`Thailand buys 56 percent …,
//! Vietnam 31 percent and Cambodia 22 percent`) may not exceed 100 percent, and `the remaining X
//! percent` must complete them to 100.

use super::Context;
use crate::model::{Check, Figure, FigureKind, Finding, Fix, Severity};

/// Words before a percentage that make it a change rather than a share. A `match`: it is asked
/// of three words before every percentage of a report.
fn is_change_word(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "rise"
            | "risen"
            | "fell"
            | "fall"
            | "fallen"
            | "grew"
            | "grow"
            | "growth"
            | "increase"
            | "increased"
            | "increases"
            | "decrease"
            | "decreased"
            | "decline"
            | "declined"
            | "declines"
            | "drop"
            | "dropped"
            | "up"
            | "down"
            | "by"
            | "gained"
            | "lost"
            | "jumped"
            | "slid"
            | "climbed"
            | "cut"
            | "raised"
            | "lowered"
            | "expanded"
            | "shrank"
            | "contracted"
            | "surged"
            | "plunged"
            | "inflation"
            | "rate"
            | "yield"
            | "interest"
            | "tariff"
            | "duty"
            | "tax"
            | "margin"
            | "coupons"
            | "higher"
            | "lower"
    )
}

/// Words near a percentage that make it a change rather than a share.
fn is_change(cx: &Context<'_>, f: &Figure) -> bool {
    // Forty-one characters back: as many bytes when they are ASCII, else counted.
    let here = &cx.text[cx.scope.start..f.span.start];
    let before_start = match here.len().checked_sub(41) {
        Some(i) if here.as_bytes()[i..].is_ascii() => cx.scope.start + i,
        _ => here
            .char_indices()
            .rev()
            .nth(40)
            .map_or(cx.scope.start, |(i, _)| cx.scope.start + i),
    };
    // Only the last three words before and the first two after count: read just those, the
    // ones before backwards (`before[0]` is the word next to the figure).
    let before: smallvec::SmallVec<[&str; 3]> =
        cx.words(before_start, f.span.start).rev().take(3).collect();
    let after_end = (f.span.end + 30).min(cx.scope.end);
    let after_end = crate::text::floor_char_boundary(cx.text, after_end);
    let after = cx.words(f.span.end, after_end).take(2);
    // `make up 60 percent` and `account for` are shares, whatever `up` says elsewhere.
    // The words are compared in lower case, copied onto the stack (`Rose`, `UP`).
    let made_up = before.len() >= 2
        && super::is_word(before[0], "up")
        && super::with_lowered(before[1], |w| {
            matches!(w, "make" | "makes" | "made" | "making")
        });
    let near_before = !made_up
        && before
            .iter()
            .any(|w| super::with_lowered(w, is_change_word));
    let near_after = after.into_iter().any(|w| {
        super::with_lowered(w, |w| {
            matches!(
                w,
                "higher"
                    | "lower"
                    | "more"
                    | "less"
                    | "increase"
                    | "decrease"
                    | "rise"
                    | "fall"
                    | "growth"
                    | "drop"
                    | "decline"
                    | "above"
                    | "below"
                    | "up"
                    | "down"
                    | "annually"
                    | "a"
                    | "per"
            )
        })
    });
    near_before || near_after
}

/// The whole a share names right after it (`60 percent of global GDP`): its words up to the
/// next punctuation or figure, lower-cased, without articles.
fn named_whole(cx: &Context<'_>, f: &Figure) -> Option<String> {
    let end = crate::text::floor_char_boundary(cx.text, (f.span.end + 60).min(cx.scope.end));
    let rest = &cx.text[f.span.end..end];
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("of ")
        .or_else(|| rest.strip_prefix("Of "))?;
    let phrase = rest
        .split([',', ';', ':', '.', '(', ')', '–', '—'])
        .next()
        .unwrap_or("");
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| w.to_lowercase())
        // The noun phrase only: it ends at a conjunction, a preposition or a common verb.
        .take_while(|w| {
            !matches!(
                w.as_str(),
                "and"
                    | "or"
                    | "while"
                    | "but"
                    | "which"
                    | "who"
                    | "that"
                    | "than"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "to"
                    | "from"
                    | "with"
                    | "by"
                    | "as"
                    | "said"
                    | "say"
                    | "says"
                    | "were"
                    | "was"
                    | "are"
                    | "is"
                    | "have"
                    | "has"
                    | "had"
                    | "did"
                    | "do"
                    | "does"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "agreed"
                    | "supported"
                    | "opposed"
                    | "voted"
            )
        })
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "all" | "its" | "their"))
        .take(3)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Shares that each name a whole, and not the same one (`90% of families; 91% of health
/// workers`), are shares of different wholes.
fn of_different_wholes(cx: &Context<'_>, shares: &[usize]) -> bool {
    let figs = &cx.analysis.figures;
    let mut named = shares.iter().filter_map(|&k| named_whole(cx, &figs[k]));
    let Some(first) = named.next() else {
        return false;
    };
    named.any(|w| w != first)
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let figs = &cx.analysis.figures;
    for sentence in &cx.sentences {
        let candidates: smallvec::SmallVec<[usize; 8]> = cx
            .figures_in(*sentence)
            .iter()
            .copied()
            .filter(|&k| figs[k].kind == FigureKind::Percent && figs[k].range.is_none())
            .filter(|&k| !is_change(cx, &figs[k]) && figs[k].value <= 100.0)
            .collect();
        // A list of shares opens with `N percent of …` (or `accounted for`/`make up N percent`)
        // and goes on with percentages a few words apart: `Vietnam 31 percent and Cambodia 22`.
        let Some(open) = candidates.iter().position(|&k| {
            let after = cx.words_between(
                figs[k].span.end,
                crate::text::floor_char_boundary(
                    cx.text,
                    (figs[k].span.end + 12).min(cx.scope.end),
                ),
            );
            let before = cx.words_before(sentence.start, figs[k].span.start, 2);
            after.first().is_some_and(|w| w == "of")
                || before
                    .iter()
                    .rev()
                    .take(2)
                    .any(|w| matches!(&**w, "for" | "up" | "share" | "shares"))
        }) else {
            continue;
        };
        let mut shares: smallvec::SmallVec<[usize; 8]> = smallvec::smallvec![candidates[open]];
        for &k in &candidates[open + 1..] {
            let prev = figs[*shares.last().unwrap_or(&k)].span.end;
            if !cx.at_most_words(prev, figs[k].span.start, 6) {
                break;
            }
            shares.push(k);
        }
        if shares.len() < 2 || of_different_wholes(cx, &shares) {
            continue;
        }
        // `respectively` pairs each share with its own whole; `of GDP` shares are of different
        // economies when several countries are named. Both are left alone.
        let s = cx.slice(*sentence);
        if super::find_ignore_case(s, "respectively").is_some()
            || super::find_ignore_case(s, " each ").is_some()
        {
            continue;
        }
        let remaining = shares.iter().position(|&k| {
            cx.word_before(sentence.start, figs[k].span.start)
                .is_some_and(|w| matches!(&*w, "remaining" | "other" | "rest"))
        });
        let lo: f64 = shares.iter().map(|&k| cx.interval(&figs[k]).0).sum();
        let hi: f64 = shares.iter().map(|&k| cx.interval(&figs[k]).1).sum();
        let sum: f64 = shares.iter().map(|&k| figs[k].value).sum();
        let related: Vec<_> = shares
            .iter()
            .map(|&k| (figs[k].span, format!("share: {}", cx.slice(figs[k].span))))
            .collect();
        if lo > 100.0 {
            out.push(Finding {
                span: figs[*shares.last().unwrap_or(&shares[0])].span,
                code: Check::SharesOver100.into(),
                severity: Severity::Warning,
                message: format!(
                    "these shares of one whole add up to {} percent",
                    crate::ide::format_number(sum)
                ),
                related,
                fix: None,
                elsewhere: Vec::new(),
            });
        } else if let Some(r) = remaining {
            // The remainder must make the others up to 100.
            let k = shares[r];
            let others: f64 = shares
                .iter()
                .filter(|&&x| x != k)
                .map(|&x| figs[x].value)
                .sum();
            if hi < 100.0 || lo > 100.0 {
                let expected = 100.0 - others;
                out.push(Finding {
                    span: figs[k].span,
                    code: Check::SharesOver100.into(),
                    severity: Severity::Warning,
                    message: format!(
                        "the other shares add up to {} percent, so the remaining share is {} percent, not {}",
                        crate::ide::format_number(others),
                        crate::ide::format_number(expected),
                        crate::ide::format_number(figs[k].value)
                    ),
                    related,
                    fix: (expected >= 0.0).then(|| Fix {
                        title: format!("Change to {} percent", crate::ide::format_number(expected)),
                        span: figs[k].span,
                        replacement: cx.slice(figs[k].span).replacen(
                            &crate::ide::format_number(figs[k].value),
                            &crate::ide::format_number(expected),
                            1,
                        ),
                    }),
                    elsewhere: Vec::new(),
                });
            }
        }
    }
}
