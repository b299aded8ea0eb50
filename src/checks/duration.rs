//! `duration-span`: `a nine-day event on Oct. 17-25` must cover nine days.

use super::Context;
use crate::model::{Check, FigureKind, Finding, Precision, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for f in cx.figures() {
        if f.kind != FigureKind::Quantity || f.unit.as_deref() != Some("day") || f.approx() {
            continue;
        }
        // The nearest day range after the duration, in the same sentence and within a few words.
        let sentence = cx.sentence_of(f.span.start);
        let Some(d) = cx
            .dates_in(crate::text::Span::new(f.span.end, sentence.end))
            .iter()
            .find(|d| {
                d.span.start >= f.span.end
                    && d.span.end <= sentence.end
                    && d.value.interval
                    && d.value.precision == Precision::Day
                    && !d.approx
                    && cx.at_most_words(f.span.end, d.span.start, 8)
            })
        else {
            continue;
        };
        let days = d.value.days();
        let (lo, hi) = f.bounds;
        if (days as f64) < lo || (days as f64) > hi {
            out.push(Finding {
                span: f.span,
                code: Check::DurationSpan.into(),
                severity: Severity::Warning,
                message: format!(
                    "{} is {} days, not {}",
                    cx.slice(d.span),
                    days,
                    crate::ide::format_number(f.value)
                ),
                related: vec![(d.span, format!("{} to {}", d.value.start, d.value.end))],
                fix: None,
                elsewhere: Vec::new(),
            });
        }
    }
}
