//! Infers the period a report covers from its front matter or its title block.

use crate::model::{Period, Precision};
use crate::outline::front_matter;
use crate::recognise::dates::{self, Anchor};
use crate::recognise::token::tokenize;
use crate::text::lines;

/// How many non-blank lines at the top may carry the report's dateline.
const TITLE_BLOCK_LINES: usize = 12;

/// The period from front matter (`period:`, `date:`, `title:`) or from a dateline in the first
/// lines (`Sep — Dec 2014`, `January to March 2019`, `Q2 2023`).
pub fn infer(text: &str) -> Option<Period> {
    if let Some((body, _)) = front_matter(text) {
        let fm = &text[body.start..body.end];
        for key in ["period", "date", "title"] {
            if let Some(v) = front_matter_value(fm, key) {
                if let Some(p) = parse(v) {
                    return Some(p);
                }
            }
        }
    }
    let mut seen = 0;
    for line in lines(text) {
        let s = text[line.start..line.end]
            .trim()
            .trim_start_matches('#')
            .trim();
        if s.is_empty() {
            continue;
        }
        seen += 1;
        if seen > TITLE_BLOCK_LINES {
            break;
        }
        // Prose has begun: the dateline, if any, came before it.
        if s.split_whitespace().count() > 20 || s.ends_with(['.', '!', '?', ';']) {
            break;
        }
        if let Some(p) = parse(s).or_else(|| within(s)) {
            return Some(p);
        }
    }
    None
}

/// A value from a flat YAML mapping, unquoted.
fn front_matter_value<'a>(fm: &'a str, key: &str) -> Option<&'a str> {
    fm.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == key).then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// Parses a whole string as a period: `2014-09-01/2014-12-31`, `2014-09-01 to 2014-12-31`,
/// `Sep — Dec 2014`, `Q2 2023`, `2019`.
pub fn parse(s: &str) -> Option<Period> {
    let s = s.trim();
    for sep in ["/", " to ", " – ", " — ", " - ", ".."] {
        if let Some((a, b)) = s.split_once(sep) {
            if let (Some(a), Some(b)) = (parse_one(a), parse_one(b)) {
                if a.start <= b.end {
                    return Some(Period {
                        start: a.start,
                        end: b.end,
                    });
                }
            }
        }
    }
    parse_one(s)
}

fn parse_one(s: &str) -> Option<Period> {
    let v = dates::parse_whole(s, &Anchor::default())?;
    Some(Period {
        start: v.start,
        end: v.end,
    })
}

/// A dated expression with an explicit year inside a title line (`Quarterly Review, Q2 2023`).
fn within(s: &str) -> Option<Period> {
    let toks = tokenize(s);
    let mut found = Vec::new();
    dates::find(s, &toks, &Anchor::default(), &mut found);
    found
        .iter()
        .find(|d| d.value.interval || d.value.precision != Precision::Day)
        .map(|d| Period {
            start: d.value.start,
            end: d.value.end,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, start: &str, end: &str) {
        let p = infer(text).unwrap_or_else(|| panic!("no period in {text:?}"));
        assert_eq!(
            (p.start.to_string(), p.end.to_string()),
            (start.into(), end.into()),
            "{text:?}"
        );
    }

    #[test]
    fn a_dozen_title_forms() {
        check(
            "China - Korea\n\nSep — Dec 2014\n\nBody.",
            "2014-09-01",
            "2014-12-31",
        );
        check(
            "Review\nJanuary to March 2019\n",
            "2019-01-01",
            "2019-03-31",
        );
        check("Quarterly Review, Q2 2023\n", "2023-04-01", "2023-06-30");
        check("H1 2020 outlook\n", "2020-01-01", "2020-06-30");
        check("Annual report 2018\n", "2018-01-01", "2018-12-31");
        check(
            "# Briefing: September-December 2014\n",
            "2014-09-01",
            "2014-12-31",
        );
        check(
            "Covering 2014-09-01 to 2014-12-31\n",
            "2014-09-01",
            "2014-12-31",
        );
        check("The first quarter of 2015\n", "2015-01-01", "2015-03-31");
        check("March 2019\n", "2019-03-01", "2019-03-31");
        check("Jan 2014 - Mar 2015\n", "2014-01-01", "2015-03-31");
        check(
            "---\nperiod: 2014-09-01/2014-12-31\n---\n# T\n",
            "2014-09-01",
            "2014-12-31",
        );
        check("---\ndate: 2019-03-15\n---\n", "2019-03-15", "2019-03-15");
        check(
            "---\ntitle: \"Trade review, Oct-Dec 2016\"\n---\n",
            "2016-10-01",
            "2016-12-31",
        );
        check("Nov. 2014 – Feb. 2015\n", "2014-11-01", "2015-02-28");
    }

    #[test]
    fn no_period_without_a_dated_title() {
        assert_eq!(
            infer(
                "Notes\n\nThe meeting on Oct. 31 went well, said everyone present at the meeting today in the hall.\n\nIn 2014 things."
            ),
            None
        );
    }
}
