//! `balance`: exports less imports must be the stated surplus (imports less exports the
//! deficit), for the same parties, period, status and unit, wherever in the report the three
//! are stated.

use rustc_hash::FxHashMap as HashMap;

use super::Context;
use crate::model::{Check, FactStatus, FigureKind, Finding, Fix, Qualifier, Severity};

/// Who trades, when, how firmly and in what: the three facts of one balance share it.
type Key<'a> = (
    &'a [usize],
    Option<usize>,
    crate::model::DateValue,
    FactStatus,
    Option<&'a str>,
    Option<String>,
);

#[derive(Default)]
struct Flows {
    exports: Vec<usize>,
    imports: Vec<usize>,
    balances: Vec<usize>,
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let analysis = cx.analysis;
    let mut groups: HashMap<Key<'_>, Flows> = HashMap::default();
    let mut order: Vec<Key<'_>> = Vec::new();
    for (n, fact) in analysis.facts.iter().enumerate() {
        let f = &analysis.figures[fact.figure];
        let Some(time) = fact.time else { continue };
        // A flow of two parties goes one way only when the wording says whose it is; one of
        // one party is that party's trade with the world.
        let owned = fact.owner.is_some() || fact.subjects.len() == 1;
        if f.kind != FigureKind::Money || f.range.is_some() || !f.exact() || !owned || fact.revised
        {
            continue;
        }
        let detail = fact.detail.map(|d| cx.slice(d).to_lowercase());
        // A flow of one party is that party's whether or not the wording says so
        // (`Kenya's exports`, then `Imports were ...` in the next sentence).
        let owner = fact.owner.filter(|_| fact.subjects.len() > 1);
        let key = (
            &fact.subjects[..],
            owner,
            time,
            fact.status,
            fact.unit.as_deref(),
            detail,
        );
        let flows = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Flows::default()
        });
        match &*fact.measure {
            "exports" => flows.exports.push(n),
            "imports" => flows.imports.push(n),
            "surplus" | "deficit" => flows.balances.push(n),
            _ => {}
        }
    }
    for key in &order {
        let flows = &groups[key];
        // One value of each: two export figures of one period are a restatement (or parts),
        // not a balance to check.
        let (Some(e), Some(i), Some(b)) = (
            single(cx, &flows.exports),
            single(cx, &flows.imports),
            single(cx, &flows.balances),
        ) else {
            continue;
        };
        let facts = &analysis.facts;
        let (ef, if_, bf) = (&facts[e], &facts[i], &facts[b]);
        let figs = &analysis.figures;
        let (x, m, bal) = (&figs[ef.figure], &figs[if_.figure], &figs[bf.figure]);
        let (xl, xh) = cx.interval(x);
        let (ml, mh) = cx.interval(m);
        let (bl, bh) = cx.interval(bal);
        let surplus = bf.measure == "surplus";
        // Exports less imports, or imports less exports for a deficit.
        let (lo, hi, value) = if surplus {
            (xl - mh, xh - ml, x.value - m.value)
        } else {
            (ml - xh, mh - xl, m.value - x.value)
        };
        if hi >= bl && lo <= bh {
            continue;
        }
        let fix = (value > 0.0 && cx.sentence_of(x.span.start) == cx.sentence_of(m.span.start))
            .then(|| rewrite(cx, bal, value))
            .flatten();
        let word = if surplus { "surplus" } else { "deficit" };
        let message = if value > 0.0 {
            format!(
                "exports of {} and imports of {} make a {word} of {}, not {}",
                cx.slice(x.span),
                cx.slice(m.span),
                super::show(value),
                cx.slice(bal.span)
            )
        } else {
            format!(
                "exports of {} and imports of {} make no {word}",
                cx.slice(x.span),
                cx.slice(m.span)
            )
        };
        out.push(Finding {
            span: bal.span,
            code: Check::Balance.into(),
            severity: Severity::Warning,
            message,
            related: vec![
                (x.span, format!("exports {}", super::show(x.value))),
                (m.span, format!("imports {}", super::show(m.value))),
            ],
            fix,
            elsewhere: Vec::new(),
        });
    }
}

/// The one fact of `list`, or the first of several that no rounding tells apart.
fn single(cx: &Context<'_>, list: &[usize]) -> Option<usize> {
    let first = *list.first()?;
    let f = |n: usize| &cx.analysis.figures[cx.analysis.facts[n].figure];
    let (l, h) = cx.interval(f(first));
    list[1..]
        .iter()
        .all(|&n| {
            let (l2, h2) = cx.interval(f(n));
            h2 >= l && l2 <= h
        })
        .then_some(first)
}

/// The figure written with `value` in place of its number, at its scale and decimals
/// (`$24.5 billion` for 24.6e9 is `$24.6 billion`).
pub(super) fn rewrite(cx: &Context<'_>, f: &crate::model::Figure, value: f64) -> Option<Fix> {
    let written = cx.slice(f.span);
    if f.qualifier != Qualifier::Exact {
        return None;
    }
    let number = super::change::first_number_with_commas(written)?;
    let plain: f64 = number.replace(',', "").parse().ok()?;
    if plain == 0.0 {
        return None;
    }
    let scale = f.value / plain;
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    let shown = value / scale;
    let mut text = format!("{shown:.decimals$}");
    if number.contains(',') && decimals == 0 {
        text = crate::ide::format_number(shown.round());
    }
    let replacement = written.replacen(number, &text, 1);
    (replacement != written).then(|| Fix {
        title: format!("Change to {}", replacement),
        span: f.span,
        replacement,
    })
}
