//! `conversion-rate`: money written with its conversion in parentheses implies an exchange rate;
//! the rates for one currency pair across a report (and any configured reference rate) must agree
//! within the configured tolerance.

use super::{Context, show};
use crate::model::{Check, Finding, Fix, Severity};
use crate::text::Span;

/// The sorted lower and upper ends of the rate intervals of one currency pair.
type Ends = (Vec<f64>, Vec<f64>);

/// One written conversion: `amount` (in `from`) equals `converted` (in `to`).
struct Conversion<'a> {
    amount: usize,
    converted: usize,
    from: &'a str,
    to: &'a str,
    /// Units of `from` per one `to`, and the interval the wording allows.
    rate: f64,
    lo: f64,
    hi: f64,
}

fn agree(a: (f64, f64), b: (f64, f64), tol: f64) -> bool {
    a.0 <= b.1 * (1.0 + tol) && b.0 <= a.1 * (1.0 + tol)
}

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let conversions = conversions(cx);
    let tol = cx.config.rate_tolerance;
    let ends = ends_by_pair(&conversions);
    for c in conversions.iter() {
        let (los, his) = &ends[&(c.from, c.to)];
        let others = los.len() - 1;
        // `o` agrees with `c` when o.lo ≤ c.hi·(1+tol) and o.hi ≥ c.lo/(1+tol); every interval
        // failing the second test passes the first, so the count is a difference.
        let a = c.hi * (1.0 + tol);
        let b = c.lo / (1.0 + tol);
        let agreeing = los.partition_point(|&lo| lo <= a) - his.partition_point(|&hi| hi < b) - 1;
        let disagreeing_count = others - agreeing;
        if disagreeing_count == 0 && cx.config.rates.is_empty() {
            continue;
        }
        let disagreeing: Vec<&Conversion> = if disagreeing_count == 0 {
            Vec::new()
        } else {
            conversions
                .iter()
                .filter(|o| {
                    o.from == c.from && o.to == c.to && !agree((c.lo, c.hi), (o.lo, o.hi), tol)
                })
                .take(20)
                .collect()
        };
        // The outlier is the one that disagrees with most others; of two, the later one.
        let outlier = !disagreeing.is_empty()
            && (disagreeing_count > agreeing && (others > 1 || c.amount > disagreeing[0].amount));
        if outlier {
            out.push(outlier_finding(cx, c, &disagreeing));
            continue;
        }
        let reference = cx
            .config
            .rates
            .iter()
            .find(|(a, b, _)| *a == c.from && *b == c.to)
            .map(|(_, _, r)| *r);
        if let Some(r) = reference.filter(|&r| !agree((c.lo, c.hi), (r, r), tol)) {
            out.push(reference_finding(cx, c, r));
        }
    }
}

/// Every conversion written in the report, its rate as units of the other currency per US
/// dollar (or per the second currency).
fn conversions<'a>(cx: &Context<'a>) -> Vec<Conversion<'a>> {
    let figs = &cx.analysis.figures;
    let mut conversions = Vec::new();
    for (k, f) in figs.iter().enumerate() {
        let Some(c) = f.conversion.filter(|&c| c > k) else {
            continue;
        };
        let (a, b) = (&figs[k], &figs[c]);
        let (Some(ua), Some(ub)) = (a.unit.as_deref(), b.unit.as_deref()) else {
            continue;
        };
        let (amount, converted, from, to) = if ua == "USD" {
            (c, k, ub, ua)
        } else {
            (k, c, ua, ub)
        };
        let (x, y) = (&figs[amount], &figs[converted]);
        let (xl, xh) = cx.interval(x);
        let (yl, yh) = cx.interval(y);
        if y.value <= 0.0 || yl <= 0.0 {
            continue;
        }
        conversions.push(Conversion {
            amount,
            converted,
            from,
            to,
            rate: x.value / y.value,
            lo: xl / yh,
            hi: if yl > 0.0 { xh / yl } else { f64::INFINITY },
        });
    }
    conversions
}

/// Per currency pair, the sorted interval ends, to count agreements by binary search rather
/// than comparing every pair of conversions.
fn ends_by_pair<'a>(
    conversions: &[Conversion<'a>],
) -> std::collections::HashMap<(&'a str, &'a str), Ends> {
    let mut ends: std::collections::HashMap<(&str, &str), Ends> = std::collections::HashMap::new();
    for c in conversions {
        let e = ends.entry((c.from, c.to)).or_default();
        e.0.push(c.lo);
        e.1.push(c.hi);
    }
    for e in ends.values_mut() {
        e.0.sort_by(f64::total_cmp);
        e.1.sort_by(f64::total_cmp);
    }
    ends
}

/// A conversion whose rate disagrees with most of the report's for its pair, against the
/// median rate of those it disagrees with (`disagreeing`, never empty).
fn outlier_finding(cx: &Context<'_>, c: &Conversion, disagreeing: &[&Conversion]) -> Finding {
    let mut rates: Vec<f64> = disagreeing.iter().map(|o| o.rate).collect();
    rates.sort_by(f64::total_cmp);
    let rest = rates[rates.len() / 2];
    let example = disagreeing[0];
    let fig = |k: usize| cx.slice(cx.analysis.figures[k].span).to_string();
    let message = format!(
        "{} ({}) implies {:.2} {} per {}; the rest of the report implies {:.2} ({} = {})",
        fig(c.amount),
        fig(c.converted),
        c.rate,
        c.from,
        c.to,
        rest,
        fig(example.amount),
        fig(example.converted),
    );
    let related = disagreeing
        .iter()
        .map(|o| {
            (
                span_of(cx, o),
                format!("implies {:.2} {} per {}", o.rate, o.from, o.to),
            )
        })
        .collect();
    Finding {
        span: span_of(cx, c),
        code: Check::ConversionRate.into(),
        severity: Severity::Warning,
        message,
        related,
        fix: fix(cx, c, rest),
        elsewhere: Vec::new(),
    }
}

/// A conversion whose rate disagrees with the configured rate `r` for its pair.
fn reference_finding(cx: &Context<'_>, c: &Conversion, r: f64) -> Finding {
    let span = span_of(cx, c);
    Finding {
        span,
        code: Check::ConversionRate.into(),
        severity: Severity::Warning,
        message: format!(
            "{} implies {:.2} {} per {}; the configured rate is {:.2}",
            cx.slice(span),
            c.rate,
            c.from,
            c.to,
            r
        ),
        related: Vec::new(),
        fix: fix(cx, c, r),
        elsewhere: Vec::new(),
    }
}

/// The amount and its conversion together.
fn span_of(cx: &Context<'_>, c: &Conversion) -> Span {
    let a = cx.analysis.figures[c.amount].span;
    let b = cx.analysis.figures[c.converted].span;
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

/// Rewrites the dollar side at the report's rate (`$1.1 billion` → `$667 million`).
fn fix(cx: &Context<'_>, c: &Conversion, rate: f64) -> Option<Fix> {
    let converted = &cx.analysis.figures[c.converted];
    let written = cx.slice(converted.span);
    if c.to != "USD" || !written.starts_with('$') || rate <= 0.0 {
        return None;
    }
    let value = cx.analysis.figures[c.amount].value / rate;
    let replacement = format!("${}", show(value));
    Some(Fix {
        title: format!(
            "Convert at the report's rate ({rate:.2} {} per USD): {replacement}",
            c.from
        ),
        span: converted.span,
        replacement,
    })
}
