//! `growth`: a stated rate of change (`exports rose 12% in 2021`) against the levels of the same
//! measure the report states for that year and the year before, anywhere in it.

use rustc_hash::FxHashMap as HashMap;

use super::Context;
use crate::model::{Check, DateValue, Fact, FigureKind, Finding, Precision, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (text, analysis) = (cx.text, cx.analysis);
    let facts = &analysis.facts;
    // The levels by measure and time, gathered once at the first rate: comparing each rate
    // with every fact made the check quadratic in the figures of a long report.
    let mut levels: Option<HashMap<(&str, DateValue), Vec<&Fact>>> = None;
    for rate in facts {
        let Some(fall) = crate::facts::change(text, analysis, rate) else {
            continue;
        };
        let Some(time) = rate.time else { continue };
        let r = &analysis.figures[rate.figure];
        let one_year = time.precision == Precision::Year && !time.interval;
        let within_a_year = time.interval && time.start.year == time.end.year;
        if !(one_year || within_a_year) || !r.exact() || rate.revised || other_basis(cx, rate) {
            continue;
        }
        // `GDP growth of 5%` is the growth of GDP.
        let measure = if rate.measure == "growth" {
            "gdp"
        } else {
            &*rate.measure
        };
        let before = year_before(time);
        let levels = levels.get_or_insert_with(|| {
            let mut map: HashMap<(&str, DateValue), Vec<&Fact>> = HashMap::default();
            for l in facts {
                let f = &analysis.figures[l.figure];
                if let Some(t) = l.time {
                    if !matches!(f.kind, FigureKind::Percent | FigureKind::Points)
                        && f.range.is_none()
                        && f.exact()
                        && !l.revised
                    {
                        map.entry((&*l.measure, t)).or_default().push(l);
                    }
                }
            }
            map
        });
        let level = |at: DateValue| -> Option<&Fact> {
            let mut found = levels
                .get(&(measure, at))
                .into_iter()
                .flatten()
                .copied()
                .filter(|l| {
                    l.subjects == rate.subjects
                        && l.status == rate.status
                        && detail(cx, l) == detail(cx, rate)
                });
            let first = found.next()?;
            // Levels that disagree among themselves are restatements, for another check.
            let (a, b) = cx.interval(&analysis.figures[first.figure]);
            found
                .all(|l| {
                    let (c, d) = cx.interval(&analysis.figures[l.figure]);
                    d >= a && c <= b
                })
                .then_some(first)
        };
        let (Some(now), Some(then)) = (level(time), level(before)) else {
            continue;
        };
        let (n, t) = (
            &analysis.figures[now.figure],
            &analysis.figures[then.figure],
        );
        if n.unit != t.unit || now.unit != then.unit {
            continue;
        }
        // Within one sentence `percent-change` compares them.
        if cx.same_sentence(r.span.start, n.span.start)
            && cx.same_sentence(r.span.start, t.span.start)
        {
            continue;
        }
        let (nl, nh) = cx.interval(n);
        let (tl, th) = cx.interval(t);
        if tl <= 0.0 {
            continue;
        }
        let sign = if fall { -1.0 } else { 1.0 };
        let (lo, hi) = ((nl / th - 1.0) * 100.0, (nh / tl - 1.0) * 100.0);
        let (rl, rh) = super::change::stated_precision(cx, r);
        let (rl, rh) = if fall { (-rh, -rl) } else { (rl, rh) };
        let tolerance = cx.config.change_tolerance;
        if rh + tolerance >= lo && rl - tolerance <= hi {
            continue;
        }
        let actual = (n.value / t.value - 1.0) * 100.0;
        let shown = format!("{:.1}", actual.abs());
        let fix = (actual * sign > 0.0)
            .then(|| super::change::percent_fix(cx, r, &shown))
            .flatten();
        let word = if actual >= 0.0 { "a rise" } else { "a fall" };
        out.push(Finding {
            span: r.span,
            code: Check::Growth.into(),
            severity: Severity::Warning,
            message: format!(
                "from {} in {} to {} in {} is {word} of {shown} percent, not {}",
                cx.slice(t.span),
                before.iso(),
                cx.slice(n.span),
                time.iso(),
                cx.slice(r.span)
            ),
            related: vec![
                (
                    t.span,
                    format!("{} in {}", super::show(t.value), before.iso()),
                ),
                (
                    n.span,
                    format!("{} in {}", super::show(n.value), time.iso()),
                ),
            ],
            fix,
            elsewhere: Vec::new(),
        });
    }
}

fn detail(cx: &Context<'_>, fact: &Fact) -> Option<String> {
    fact.detail.map(|d| cx.slice(d).to_lowercase())
}

/// The same span of the year before: 2020 for 2021, January to July 2020 for January to July
/// 2021.
fn year_before(t: DateValue) -> DateValue {
    use crate::calendar::Date;
    let back = |d: Date, last: bool| {
        if last {
            Date::last_of_month(d.year - 1, d.month)
        } else {
            Date::first_of_month(d.year - 1, d.month)
        }
    };
    DateValue {
        start: back(t.start, false),
        end: back(t.end, true),
        ..t
    }
}

/// A rate on another basis than the levels: real or per-head growth, an average over years,
/// a change from a month or quarter before.
fn other_basis(cx: &Context<'_>, fact: &Fact) -> bool {
    let sentence = cx.sentence_of(fact.clause.start);
    cx.words(sentence.start, sentence.end).any(|w| {
        matches!(
            &*super::lowered(w),
            "real"
                | "volume"
                | "volumes"
                | "constant"
                | "adjusted"
                | "average"
                | "capita"
                | "cumulative"
                | "compound"
                | "quarter"
                | "month"
                | "monthly"
                | "quarterly"
                | "sequential"
                | "inflation"
        )
    })
}
