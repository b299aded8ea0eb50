//! `weekday`: a weekday written beside a date must be the day that date falls on.

use crate::calendar::WEEKDAY_NAMES;
use crate::config::Checks;
use crate::model::{Analysis, Finding, Fix, Precision, Severity};

pub fn check(text: &str, analysis: &Analysis, config: &Checks, out: &mut Vec<Finding>) {
    for d in &analysis.dates {
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
        let written = &text[span.start..span.end];
        let replacement = if written.len() < WEEKDAY_NAMES[actual].len() {
            WEEKDAY_NAMES[actual][..written.len().min(3)].to_string()
        } else {
            WEEKDAY_NAMES[actual].to_string()
        };
        out.push(Finding {
            span: d.span,
            code: "weekday",
            severity: config.severity("weekday", Severity::Warning),
            message: format!(
                "{} fell on a {}, not a {}",
                d.value.start, WEEKDAY_NAMES[actual], WEEKDAY_NAMES[stated]
            ),
            related: Vec::new(),
            fix: Some(Fix {
                title: format!("Change to {}", WEEKDAY_NAMES[actual]),
                span,
                replacement,
            }),
        });
    }
}
