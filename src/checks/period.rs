//! `date-outside-period` (a hint): a dated event that falls outside the period the report covers.

use super::Context;
use crate::model::{Finding, Precision, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(p) = cx.analysis.period else { return };
    for d in cx.dates_in(cx.scope) {
        // Only specific days are events; months and years are background.
        if d.relative || d.approx || d.value.precision != Precision::Day {
            continue;
        }
        if d.value.end < p.start || d.value.start > p.end {
            out.push(Finding {
                span: d.span,
                code: "date-outside-period",
                severity: Severity::Hint,
                message: format!(
                    "{} is outside the report period ({} to {})",
                    d.value.iso(),
                    p.start,
                    p.end
                ),
                related: Vec::new(),
                fix: None,
            });
        }
    }
}
