//! `percent-change`: `rose from A to B, an increase of P percent`, `fell P percent to B from A`,
//! `N-fold increase`, `doubled` and `halved` must match their two endpoints.

use std::borrow::Cow;

use super::{Context, lowered, show};
use crate::model::{Check, Figure, FigureKind, Finding, Fix, Qualifier, Severity};
use crate::text::Span;

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
pub(super) fn stated_precision(cx: &Context<'_>, f: &Figure) -> (f64, f64) {
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

/// The change a sentence states: from figure `a` to figure `b` (indices into the report's
/// figures), and the ratio B/A as written and the interval of ratios their wording allows.
struct Endpoints {
    a: usize,
    b: usize,
    ratio: f64,
    lo: f64,
    hi: f64,
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let figs = &cx.analysis.figures;
    for sentence in &cx.sentences {
        let inside = cx.figures_in(*sentence);
        let Some(change) = endpoints(cx, *sentence, inside) else {
            continue;
        };
        for &p in inside {
            if p == change.a || p == change.b {
                continue;
            }
            let f = &figs[p];
            let before_start = figs[change.a]
                .span
                .start
                .min(figs[change.b].span.start)
                .min(f.span.start)
                .max(sentence.start);
            // The four words before the figure, nearest first.
            let near: super::WordList<'_> = cx
                .words(before_start.max(sentence.start), f.span.start)
                .rev()
                .take(4)
                .map(lowered)
                .collect();
            // `with an average of 27%`, `a median of 5%`: another statistic of the same values.
            if near.iter().any(|w| is_statistic_word(w)) {
                continue;
            }
            let finding = match f.kind {
                FigureKind::Percent => percent(cx, *sentence, &change, f, &near),
                FigureKind::Multiplier => multiplier(cx, &change, f),
                _ => None,
            };
            out.extend(finding);
        }
    }
}

/// The endpoints of the change a sentence states: `from A` and `to B` (or the figure before
/// `, up from A`), of one kind and unit, with A positive and both bounded.
fn endpoints(cx: &Context<'_>, sentence: Span, inside: &[usize]) -> Option<Endpoints> {
    let figs = &cx.analysis.figures;
    let a = inside.iter().copied().find(|&k| {
        preceded_by(cx, &figs[k], sentence.start, &["from"])
            && figs[k].kind != FigureKind::Multiplier
    })?;
    // `ranged from A to B` and `varying from A to B` give a range, not a change.
    if cx
        .words_before(sentence.start, figs[a].span.start, 3)
        .iter()
        .any(|w| is_range_word(w))
    {
        return None;
    }
    let b = inside
        .iter()
        .copied()
        .find(|&k| k != a && is_end(cx, sentence, a, k))?;
    let (al, ah) = cx.interval(&figs[a]);
    let (bl, bh) = cx.interval(&figs[b]);
    if al <= 0.0 || !ah.is_finite() || !bh.is_finite() {
        return None;
    }
    Some(Endpoints {
        a,
        b,
        ratio: figs[b].value / figs[a].value,
        lo: bl / ah,
        hi: bh / al,
    })
}

/// Whether figure `k` is where a change from figure `a` ends: of the same kind and unit, after
/// `to`, `reached` or `at`, or just before `up from A` / `down from A`.
fn is_end(cx: &Context<'_>, sentence: Span, a: usize, k: usize) -> bool {
    let figs = &cx.analysis.figures;
    figs[k].kind == figs[a].kind
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
}

/// A finding on a percentage `f` that says it is the change and disagrees with the endpoints.
/// `near` holds the four words before it, nearest first.
fn percent<'a>(
    cx: &Context<'a>,
    sentence: Span,
    change: &Endpoints,
    f: &Figure,
    near: &super::WordList<'a>,
) -> Option<Finding> {
    // The words before the figure and the two after it.
    let mut words = near.clone();
    words.extend(
        cx.words(f.span.end, (f.span.end + 24).min(cx.scope.end))
            .take(2)
            .map(lowered),
    );
    let after = words.get(near.len()).map(|w| &**w);
    if !states_the_change(cx, sentence, f, after) {
        return None;
    }
    let dir =
        direction(&words).or_else(|| direction(&cx.words_before(sentence.start, f.span.start, 12)));
    // A round figure claims only the digits it shows: `150%` is 145% to 155%.
    let (pl, ph) = stated_precision(cx, f);
    let tol = cx.config.change_tolerance;
    let (clo, chi) = ((change.lo - 1.0) * 100.0, (change.hi - 1.0) * 100.0);
    let stated = match dir {
        Some(d) if d < 0.0 => (-ph, -pl),
        Some(_) => (pl, ph),
        // Unsaid direction: either sign may be meant.
        None => {
            if (chi >= pl - tol && clo <= ph + tol) || (chi >= -ph - tol && clo <= -pl + tol) {
                return None;
            }
            (pl, ph)
        }
    };
    if chi >= stated.0 - tol && clo <= stated.1 + tol {
        return None;
    }
    let actual = (change.ratio - 1.0) * 100.0;
    let written = cx.slice(f.span);
    let decimals = first_number(written)
        .and_then(|n| n.split('.').nth(1))
        .map_or(0, str::len);
    let shown = format!("{:.*}", decimals, actual.abs());
    let sense = if actual >= 0.0 {
        "an increase"
    } else {
        "a decrease"
    };
    let fix = percent_fix(cx, f, &shown);
    Some(change.finding(cx, f, &format!("{sense} of {shown} percent"), fix))
}

/// Whether a percentage says it is the change: `by P`, `an increase of P`, `rose P`, `a P
/// increase`. `a revenue offset of 5%` measures something else. `after` is the word after it.
fn states_the_change(cx: &Context<'_>, sentence: Span, f: &Figure, after: Option<&str>) -> bool {
    // Qualifiers (`by about 5%`, `rose more than 40%`) stand outside the figure.
    let mut close = cx.words_before(sentence.start, f.span.start, 6);
    close.retain(|w| !is_qualifier(w));
    let close: super::WordList<'_> = close.iter().rev().take(2).rev().cloned().collect();
    (match (close.last().map(|w| &**w), close.first()) {
        (Some("by"), _) => true,
        (Some("of"), Some(noun)) if close.len() == 2 => is_change_noun(noun),
        (Some(w), _) if direction(&[Cow::Borrowed(w)]).is_some() => true,
        _ => false,
    }) || after.is_some_and(|w| is_change_noun(w) || direction(&[Cow::Borrowed(w)]).is_some())
}

/// The first run of digits and points in a figure as written: the number a fix rewrites.
fn first_number(written: &str) -> Option<&str> {
    written
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .find(|s| !s.is_empty())
}

/// The first number in a figure as written, with its thousands separators (`1,180`,
/// `24.5`): what a fix of an amount rewrites.
pub(super) fn first_number_with_commas(written: &str) -> Option<&str> {
    let start = written.find(|c: char| c.is_ascii_digit())?;
    let rest = &written[start..];
    let mut end = rest
        .find(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')
        .unwrap_or(rest.len());
    // A separator that ends it is punctuation (`$5 billion,`).
    while end > 0 && matches!(rest.as_bytes()[end - 1], b'.' | b',') {
        end -= 1;
    }
    Some(&rest[..end])
}

/// The percentage as the endpoints give it, for a figure written in digits without a qualifier.
pub(super) fn percent_fix(cx: &Context<'_>, f: &Figure, shown: &str) -> Option<Fix> {
    let written = cx.slice(f.span);
    let replacement = written.replacen(first_number(written).unwrap_or(""), shown, 1);
    let fixable = replacement != written
        && f.qualifier == Qualifier::Exact
        && !written.chars().next().is_some_and(char::is_alphabetic);
    fixable.then(|| Fix {
        title: format!("Change to {shown} percent"),
        span: f.span,
        replacement,
    })
}

/// A finding on a multiplier `f` (`halved`, `a 36-fold increase`) that the endpoints' ratio
/// does not allow.
fn multiplier(cx: &Context<'_>, change: &Endpoints, f: &Figure) -> Option<Finding> {
    let (ml, mh) = stated_precision(cx, f);
    if change.hi >= ml && change.lo <= mh {
        return None;
    }
    let factor = format!("a factor of {:.2}", change.ratio);
    Some(change.finding(cx, f, &factor, None))
}

impl Endpoints {
    /// The finding on figure `f`, which says the change is other than the endpoints make it
    /// (`is`: `an increase of 25 percent`, `a factor of 2.00`); the endpoints are its related
    /// spans.
    fn finding(&self, cx: &Context<'_>, f: &Figure, is: &str, fix: Option<Fix>) -> Finding {
        let (a, b) = (&cx.analysis.figures[self.a], &cx.analysis.figures[self.b]);
        Finding {
            span: f.span,
            code: Check::PercentChange.into(),
            severity: Severity::Warning,
            message: format!(
                "from {} to {} is {is}, not {}",
                cx.slice(a.span),
                cx.slice(b.span),
                cx.slice(f.span)
            ),
            related: vec![
                (a.span, format!("from {}", show(a.value))),
                (b.span, format!("to {}", show(b.value))),
            ],
            fix,
            elsewhere: Vec::new(),
        }
    }
}
