//! `date-outside-period` (a hint): a dated event that falls outside the period the report covers.

use super::Context;
use crate::model::{Check, Finding, Precision, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(p) = cx.analysis.period else { return };
    for d in cx.dates_in(cx.scope) {
        // Only specific days are events; months and years are background.
        // `9/11` names an event; it is no event of the report's period.
        if d.relative
            || d.approx
            || d.value.precision != Precision::Day
            || crate::recognise::dates::names_an_event(cx.slice(d.span))
        {
            continue;
        }
        // A header's `Publication Date:` is the report's own date, not an event it reports.
        // Nor are the dates of sources cited in notes.
        let within = |spans: &[crate::text::Span]| {
            let k = spans.partition_point(|m| m.end <= d.span.start);
            spans.get(k).is_some_and(|m| m.start <= d.span.start)
        };
        if within(&cx.analysis.metadata) || within(&cx.analysis.notes) {
            continue;
        }
        if d.value.end < p.start || d.value.start > p.end {
            out.push(Finding {
                span: d.span,
                code: Check::DateOutsidePeriod.into(),
                severity: Severity::Hint,
                message: format!(
                    "{} is outside the report period ({} to {})",
                    d.value.iso(),
                    p.start,
                    p.end
                ),
                related: Vec::new(),
                fix: None,
                elsewhere: Vec::new(),
            });
        }
    }
}
