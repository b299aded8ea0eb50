//! `percent-change`: `rose from A to B, an increase of P percent`, `fell P percent to B from A`,
//! `N-fold increase`, `doubled` and `halved` must match their two endpoints.

use std::borrow::Cow;

use super::{Context, lowered, show};
use crate::model::{Check, Figure, FigureKind, Finding, Fix, Severity};

/// The direction words give a change: up, down, or not said.
fn direction(words: &[Cow<'_, str>]) -> Option<f64> {
    const UP: &[&str] = &[
        "rose",
        "rise",
        "risen",
        "grew",
        "growth",
        "increase",
        "increased",
        "up",
        "gained",
        "gain",
        "jumped",
        "climbed",
        "surged",
        "higher",
        "more",
        "expanded",
        "raised",
    ];
    const DOWN: &[&str] = &[
        "fell",
        "fall",
        "fallen",
        "decrease",
        "decreased",
        "decline",
        "declined",
        "drop",
        "dropped",
        "down",
        "lost",
        "loss",
        "slid",
        "lower",
        "less",
        "cut",
        "shrank",
        "contracted",
        "plunged",
        "reduction",
        "reduced",
    ];
    let mut dir = None;
    for (k, w) in words.iter().enumerate() {
        // `up to` bounds a figure; it says nothing of direction.
        if w == "up" && words.get(k + 1).is_some_and(|n| n == "to") {
            continue;
        }
        if UP.contains(&&**w) {
            dir = Some(1.0);
        } else if DOWN.contains(&&**w) {
            dir = Some(-1.0);
        }
    }
    dir
}

/// Words before `from A to B` that make it a range of values rather than a change.
fn is_range_word(w: &str) -> bool {
    matches!(
        w,
        "range" | "ranged" | "ranging" | "ranges" | "varied" | "varying" | "vary" | "varies"
    )
}

/// Words that qualify a figure from before it.
fn is_qualifier(w: &str) -> bool {
    matches!(
        w,
        "about"
            | "nearly"
            | "almost"
            | "roughly"
            | "some"
            | "over"
            | "more"
            | "less"
            | "than"
            | "around"
            | "approximately"
            | "just"
            | "under"
            | "only"
            | "at"
            | "least"
            | "most"
            | "up"
            | "to"
            | "estimated"
    )
}

/// Words before a figure that make it another statistic of the values in the range.
fn is_statistic_word(w: &str) -> bool {
    matches!(w, "average" | "averaged" | "median" | "mean" | "typical")
}

/// Nouns a change percentage is stated with: `an increase of 5%`, `a 5% rise`.
fn is_change_noun(w: &str) -> bool {
    matches!(
        w,
        "increase"
            | "increases"
            | "decrease"
            | "decreases"
            | "rise"
            | "fall"
            | "drop"
            | "decline"
            | "growth"
            | "gain"
            | "loss"
            | "reduction"
            | "cut"
            | "change"
            | "jump"
            | "expansion"
            | "contraction"
            | "surge"
            | "slump"
            | "plunge"
            | "upturn"
            | "downturn"
    )
}

/// The interval a stated change allows: the trailing zeros of a whole number are not
/// significant beyond its first two digits (`150%` is 145 to 155, `1,000%` 950 to 1,050), while
/// `20%` keeps its two digits.
fn stated_precision(cx: &Context<'_>, f: &Figure) -> (f64, f64) {
    let (lo, hi) = cx.interval(f);
    let v = f.value.abs();
    if f.value.fract() != 0.0 || !hi.is_finite() {
        return (lo, hi);
    }
    let mut unit = 1.0;
    while v % (unit * 10.0) == 0.0 && v / (unit * 10.0) >= 10.0 && unit < 1e6 {
        unit *= 10.0;
    }
    if unit == 1.0 {
        return (lo, hi);
    }
    (lo.min(f.value - unit / 2.0), hi.max(f.value + unit / 2.0))
}

fn preceded_by(cx: &Context<'_>, f: &Figure, start: usize, words: &[&str]) -> bool {
    cx.word_before(start, f.span.start)
        .is_some_and(|w| words.contains(&&*w))
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let figs = &cx.analysis.figures;
    for sentence in &cx.sentences {
        let inside = cx.figures_in(*sentence);
        // Endpoints: `from A` and `to B` (or the figure before `, up from A`).
        let from = inside.iter().copied().find(|&k| {
            preceded_by(cx, &figs[k], sentence.start, &["from"])
                && figs[k].kind != FigureKind::Multiplier
        });
        let Some(a) = from else { continue };
        // `ranged from A to B` and `varying from A to B` give a range, not a change.
        if cx
            .words_before(sentence.start, figs[a].span.start, 3)
            .iter()
            .any(|w| is_range_word(w))
        {
            continue;
        }
        let to = inside.iter().copied().find(|&k| {
            k != a
                && figs[k].kind == figs[a].kind
                && figs[k].unit == figs[a].unit
                && (preceded_by(
                    cx,
                    &figs[k],
                    sentence.start,
                    &["to", "reached", "reach", "at", "hit"],
                ) || (k < a
                    && cx.at_most_words(figs[k].span.end, figs[a].span.start, 3)
                    && matches!(
                        cx.words(figs[k].span.end, figs[a].span.start)
                            .next()
                            .map(lowered)
                            .as_deref(),
                        Some("up" | "down" | "from")
                    )))
        });
        let Some(b) = to else { continue };
        let (al, ah) = cx.interval(&figs[a]);
        let (bl, bh) = cx.interval(&figs[b]);
        if al <= 0.0 || !ah.is_finite() || !bh.is_finite() {
            continue;
        }
        // The ratio B/A the endpoints allow.
        let (rlo, rhi) = (bl / ah, bh / al);
        let ratio = figs[b].value / figs[a].value;
        for &p in inside {
            if p == a || p == b {
                continue;
            }
            let f = &figs[p];
            let before_start = figs[a]
                .span
                .start
                .min(figs[b].span.start)
                .min(f.span.start)
                .max(sentence.start);
            // The four words before the figure (nearest first) and the two after it.
            let near: super::WordList<'_> = cx
                .words(before_start.max(sentence.start), f.span.start)
                .rev()
                .take(4)
                .map(lowered)
                .collect();
            let mut words = near.clone();
            words.extend(
                cx.words(f.span.end, (f.span.end + 24).min(cx.scope.end))
                    .take(2)
                    .map(lowered),
            );
            // `with an average of 27%`, `a median of 5%`: another statistic of the same values.
            if near.iter().any(|w| is_statistic_word(w)) {
                continue;
            }
            match f.kind {
                FigureKind::Percent => {
                    // The percentage must say it is the change: `by P`, `an increase of P`,
                    // `rose P`, `a P increase`. `a revenue offset of 5%` measures something else.
                    let after = words.get(near.len()).map(|w| &**w);
                    // Qualifiers (`by about 5%`, `rose more than 40%`) stand outside the figure.
                    let mut close = cx.words_before(sentence.start, f.span.start, 6);
                    close.retain(|w| !is_qualifier(w));
                    let close: super::WordList<'_> =
                        close.iter().rev().take(2).rev().cloned().collect();
                    let is_the_change = match (close.last().map(|w| &**w), close.first()) {
                        (Some("by"), _) => true,
                        (Some("of"), Some(noun)) if close.len() == 2 => is_change_noun(noun),
                        (Some(w), _) if direction(&[Cow::Borrowed(w)]).is_some() => true,
                        _ => false,
                    } || after.is_some_and(|w| {
                        is_change_noun(w) || direction(&[Cow::Borrowed(w)]).is_some()
                    });
                    if !is_the_change {
                        continue;
                    }
                    let dir = direction(&words)
                        .or_else(|| direction(&cx.words_before(sentence.start, f.span.start, 12)));
                    // A round figure claims only the digits it shows: `150%` is 145% to 155%.
                    let (pl, ph) = stated_precision(cx, f);
                    let tol = cx.config.change_tolerance;
                    let (clo, chi) = ((rlo - 1.0) * 100.0, (rhi - 1.0) * 100.0);
                    let stated = match dir {
                        Some(d) if d < 0.0 => (-ph, -pl),
                        Some(_) => (pl, ph),
                        // Unsaid direction: either sign may be meant.
                        None => {
                            if (chi >= pl - tol && clo <= ph + tol)
                                || (chi >= -ph - tol && clo <= -pl + tol)
                            {
                                continue;
                            }
                            (pl, ph)
                        }
                    };
                    if chi >= stated.0 - tol && clo <= stated.1 + tol {
                        continue;
                    }
                    let actual = (ratio - 1.0) * 100.0;
                    let decimals = cx
                        .slice(f.span)
                        .split(|c: char| !c.is_ascii_digit() && c != '.')
                        .find(|s| !s.is_empty())
                        .and_then(|n| n.split('.').nth(1))
                        .map_or(0, str::len);
                    let shown = format!("{:.*}", decimals, actual.abs());
                    out.push(Finding {
                        span: f.span,
                        code: Check::PercentChange.into(),
                        severity: Severity::Warning,
                        message: format!(
                            "from {} to {} is {} of {} percent, not {}",
                            cx.slice(figs[a].span),
                            cx.slice(figs[b].span),
                            if actual >= 0.0 {
                                "an increase"
                            } else {
                                "a decrease"
                            },
                            shown,
                            cx.slice(f.span)
                        ),
                        related: vec![
                            (figs[a].span, format!("from {}", show(figs[a].value))),
                            (figs[b].span, format!("to {}", show(figs[b].value))),
                        ],
                        fix: f
                            .span
                            .len()
                            .checked_sub(0)
                            .map(|_| Fix {
                                title: format!("Change to {shown} percent"),
                                span: f.span,
                                replacement: cx.slice(f.span).replacen(
                                    cx.slice(f.span)
                                        .split(|c: char| !c.is_ascii_digit() && c != '.')
                                        .find(|s| !s.is_empty())
                                        .unwrap_or(""),
                                    &shown,
                                    1,
                                ),
                            })
                            .filter(|fx| {
                                fx.replacement != cx.slice(f.span)
                                    && figs[p].qualifier == crate::model::Qualifier::Exact
                                    && !cx
                                        .slice(f.span)
                                        .chars()
                                        .next()
                                        .is_some_and(char::is_alphabetic)
                            }),
                    });
                }
                FigureKind::Multiplier => {
                    let (ml, mh) = stated_precision(cx, f);
                    // `halved` means a ratio of one half; `36-fold increase` one of 36.
                    if rhi >= ml && rlo <= mh {
                        continue;
                    }
                    out.push(Finding {
                        span: f.span,
                        code: Check::PercentChange.into(),
                        severity: Severity::Warning,
                        message: format!(
                            "from {} to {} is a factor of {:.2}, not {}",
                            cx.slice(figs[a].span),
                            cx.slice(figs[b].span),
                            ratio,
                            cx.slice(f.span)
                        ),
                        related: vec![
                            (figs[a].span, format!("from {}", show(figs[a].value))),
                            (figs[b].span, format!("to {}", show(figs[b].value))),
                        ],
                        fix: None,
                    });
                }
                _ => {}
            }
        }
    }
}
