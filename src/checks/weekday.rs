//! `weekday`: a weekday written beside a date must be the day that date falls on.

use super::Context;
use crate::calendar::WEEKDAY_NAMES;
use crate::model::{Check, Finding, Fix, Precision, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for d in cx.dates_in(cx.scope) {
        let Some((stated, span)) = d.weekday else {
            continue;
        };
        if d.value.precision != Precision::Day || d.value.interval {
            continue;
        }
        let actual = d.value.start.weekday();
        if actual == stated {
            continue;
        }
        let written = cx.slice(span);
        // Keep the writer's form: `Tue.` stays abbreviated, `TUESDAY` stays in capitals.
        let mut replacement = if written.trim_end_matches('.').len() <= 4 {
            WEEKDAY_NAMES[actual][..3].to_string()
        } else {
            WEEKDAY_NAMES[actual].to_string()
        };
        if written.chars().all(|c| !c.is_lowercase()) {
            replacement = replacement.to_uppercase();
        }
        out.push(Finding {
            span: d.span,
            code: Check::Weekday.into(),
            severity: Severity::Warning,
            message: format!(
                "{} fell on a {}, not a {}",
                d.value.start, WEEKDAY_NAMES[actual], WEEKDAY_NAMES[stated]
            ),
            related: Vec::new(),
            fix: Some(Fix {
                title: format!("Change to {}", WEEKDAY_NAMES[actual]),
                span: crate::text::Span::new(
                    span.start,
                    span.start + written.trim_end_matches('.').len(),
                ),
                replacement,
            }),
            elsewhere: Vec::new(),
        });
    }
}
