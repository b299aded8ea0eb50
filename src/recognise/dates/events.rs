//! Events named by the numbers of their date (`9/11`), from `data/named-events.tsv`, and whether
//! a date's text states its year.

use std::sync::LazyLock;

use crate::calendar::Date;

/// Events named by the numbers of their date (`9/11`), from `data/named-events.tsv`: the two
/// numbers as written and the event's date.
static NAMED_EVENTS: LazyLock<Vec<((u32, u32), Date)>> = LazyLock::new(|| {
    crate::recognise::data_lines(include_str!("../../../data/named-events.tsv"))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let (a, b) = cols.next()?.split_once('/')?;
            let iso = cols.next()?;
            let mut ymd = iso.split('-').map(|p| p.parse::<u32>().ok());
            let (y, m, d) = (ymd.next()??, ymd.next()??, ymd.next()??);
            Some((
                (a.parse().ok()?, b.parse().ok()?),
                Date::new(y as i32, m, d)?,
            ))
        })
        .collect()
});

/// Whether `text` is written as an event named by its date (`9/11`): the year it stands for is
/// the event's, stated by the name.
pub fn names_an_event(text: &str) -> bool {
    text.split_once('/').is_some_and(|(a, b)| {
        matches!((a.trim().parse(), b.trim().parse()), (Ok(a), Ok(b)) if named_event(a, b).is_some())
    })
}

/// Whether a date's text writes its year (`1956`, `'56`) or names an event that has one
/// (`9/11`): `October 31` takes its year from elsewhere.
pub fn states_its_year(text: &str, year: i32) -> bool {
    names_an_event(text)
        || text.contains(&year.to_string())
        || text.contains(&format!("'{:02}", year.rem_euclid(100)))
}

/// The date of the event `a/b` names, if it names one.
pub(super) fn named_event(a: u32, b: u32) -> Option<Date> {
    NAMED_EVENTS
        .iter()
        .find(|(k, _)| *k == (a, b))
        .map(|&(_, d)| d)
}
