//! `total`: parts of a fact stated in sentences of their own (`oil exports were $45 billion`,
//! `gas exports $9 billion`) that add up to more than its stated total (`exports of $50
//! billion`), for the same subjects, measure, time, status and unit.

use rustc_hash::FxHashMap as HashMap;

use super::Context;
use crate::model::{Check, FigureKind, Finding, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let analysis = cx.analysis;
    let facts = &analysis.facts;
    let usable = |n: usize| {
        let fact = &facts[n];
        let f = &analysis.figures[fact.figure];
        matches!(
            f.kind,
            FigureKind::Money | FigureKind::Quantity | FigureKind::Count
        ) && f.range.is_none()
            && f.exact()
            && fact.time.is_some()
            && !fact.subjects.is_empty()
            && !fact.revised
    };
    // Parts by what they are of: each detail once (its first statement), so that a part
    // restated is not counted twice.
    type Of<'a> = (
        &'a [usize],
        &'a str,
        Option<crate::model::DateValue>,
        crate::model::FactStatus,
        Option<&'a str>,
    );
    let mut parts: HashMap<Of<'_>, Vec<(String, usize)>> = HashMap::default();
    for n in (0..facts.len()).filter(|&n| usable(n)) {
        let fact = &facts[n];
        let Some(d) = fact.detail else { continue };
        // Net and real values are other measures, not parts.
        if matches!(
            cx.slice(d).to_lowercase().as_str(),
            "net" | "gross" | "real" | "nominal"
        ) {
            continue;
        }
        let key = (
            &fact.subjects[..],
            &*fact.measure,
            fact.time,
            fact.status,
            fact.unit.as_deref(),
        );
        let detail = cx.slice(d).to_lowercase();
        let list = parts.entry(key).or_default();
        if !list.iter().any(|(w, _)| *w == detail) {
            list.push((detail, n));
        }
    }
    for n in (0..facts.len()).filter(|&n| usable(n)) {
        let total = &facts[n];
        if total.detail.is_some() {
            continue;
        }
        let key = (
            &total.subjects[..],
            &*total.measure,
            total.time,
            total.status,
            total.unit.as_deref(),
        );
        let Some(list) = parts.get(&key) else {
            continue;
        };
        let t = &analysis.figures[total.figure];
        let sentence = cx.sentence_of(t.span.start);
        // Parts in sentences apart from the total and from each other (`parts-exceed-whole`
        // reads a sentence's own); two or more, as a single part larger than its total is more
        // likely a different measure read the same.
        let mut seen_sentences = Vec::new();
        let mine: Vec<usize> = list
            .iter()
            .map(|(_, p)| *p)
            .filter(|&p| {
                let s = cx.sentence_of(analysis.figures[facts[p].figure].span.start);
                s != sentence && {
                    let new = !seen_sentences.contains(&s);
                    seen_sentences.push(s);
                    new
                }
            })
            .collect();
        if mine.len() < 2 {
            continue;
        }
        let figs: Vec<_> = mine
            .iter()
            .map(|&p| &analysis.figures[facts[p].figure])
            .collect();
        let least: f64 = figs.iter().map(|f| cx.interval(f).0).sum();
        let (_, most) = cx.interval(t);
        if least <= most {
            continue;
        }
        let sum: f64 = figs.iter().map(|f| f.value).sum();
        out.push(Finding {
            span: t.span,
            code: Check::Total.into(),
            severity: Severity::Warning,
            message: format!(
                "its parts stated elsewhere add up to {}, more than this total of {}",
                super::show(sum),
                cx.slice(t.span)
            ),
            related: mine
                .iter()
                .zip(&figs)
                .map(|(&p, f)| {
                    let d = facts[p].detail.map_or("", |d| cx.slice(d));
                    (f.span, format!("{d}: {}", cx.slice(f.span)))
                })
                .collect(),
            fix: None,
            elsewhere: Vec::new(),
        });
    }
}
