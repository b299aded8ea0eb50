//! The clock: today's date, the reference for undated text in a report that gives no date of
//! its own, read here so that the analysis never reads it.

use crate::config::Config;

/// Today's date from the system clock (UTC), the fallback reference for undated text.
pub fn today() -> crate::calendar::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::calendar::Date::from_days((secs / 86_400) as i64)
}

/// Analyses a report; undated text in a report that gives no date or period of its own is
/// resolved against today.
pub fn analyze(
    text: &str,
    config: &Config,
    format: crate::outline::Format,
) -> crate::model::Analysis {
    analyze_with(text, config, format, &mut crate::analysis::Cache::once())
}

/// `analyze`, reusing (and refreshing) the per-paragraph results in `cache`. Today is one input
/// of one analysis: a report without a date of its own is analysed once per change, as any other.
pub fn analyze_with(
    text: &str,
    config: &Config,
    format: crate::outline::Format,
    cache: &mut crate::analysis::Cache,
) -> crate::model::Analysis {
    if config.today.is_some() {
        return crate::analysis::analyze_with(text, config, format, cache);
    }
    let mut with_today = config.clone();
    with_today.today = Some(today());
    crate::analysis::analyze_with(text, &with_today, format, cache)
}
