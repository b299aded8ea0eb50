//! Consistency checks: each compares figures or dates of one report and returns findings as data.

mod weekday;

use crate::config::Checks;
use crate::model::{Analysis, Finding};

/// Runs every enabled check and returns their findings sorted by position.
pub fn run(text: &str, analysis: &Analysis, config: &Checks) -> Vec<Finding> {
    let mut out = Vec::new();
    if config.enabled("weekday") {
        weekday::check(text, analysis, config, &mut out);
    }
    out.sort_by_key(|f| (f.span.start, f.code));
    out
}
