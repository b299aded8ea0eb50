//! `invalid-date`: a date written with a day its month does not have (`Feb. 30, 2019`).

use super::{Context, ordinal};
use crate::calendar::{Date, MONTH_NAMES, days_in_month};
use crate::model::{Check, Finding, Fix, InvalidDate, Severity};

/// How many days before the written one a fix looks for the day a stated weekday names. Fewer
/// than seven, so that at most one of them falls on that weekday.
const REACH: u32 = 3;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Few reports hold any: found by search, not kept per paragraph.
    let all = &cx.analysis.invalid_dates;
    let a = all.partition_point(|d| d.span.start < cx.scope.start);
    let b = all.partition_point(|d| d.span.start < cx.scope.end);
    for d in &all[a..b] {
        let month = MONTH_NAMES[d.month as usize - 1];
        // The 30th of February is missing in every year; name the year when the text does.
        let when = if crate::recognise::dates::states_its_year(cx.slice(d.span), d.year) {
            format!("{month} {}", d.year)
        } else {
            month.to_string()
        };
        out.push(Finding {
            span: d.span,
            code: Check::InvalidDate.into(),
            severity: Severity::Warning,
            message: format!("{when} has no {} day", ordinal(i64::from(d.day))),
            related: Vec::new(),
            fix: fix(cx, d, month),
            elsewhere: Vec::new(),
        });
    }
}

/// The day a weekday written before the date makes clear (`Thursday, Feb. 30, 2019` is
/// February 28, the Thursday two days before), written in the place of the day.
fn fix(cx: &Context<'_>, d: &InvalidDate, month: &str) -> Option<Fix> {
    let (stated, _) = d.weekday?;
    let span = d.day_span?;
    let day = (d.day.saturating_sub(REACH).max(1)..=days_in_month(d.year, d.month))
        .find(|&day| Date::new(d.year, d.month, day).is_some_and(|x| x.weekday() == stated))?;
    // `30th` keeps its ordinal suffix: `28th`, not `28`.
    let written = cx.slice(span);
    let replacement = if written.bytes().all(|b| b.is_ascii_digit()) {
        day.to_string()
    } else {
        ordinal(i64::from(day))
    };
    Some(Fix {
        title: format!("Change to {month} {day}"),
        span,
        replacement,
    })
}
