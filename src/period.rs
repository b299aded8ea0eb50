//! Infers the period a report covers from its front matter or its title block.

use crate::model::{Period, Precision};
use crate::outline::front_matter;
use crate::recognise::dates::{self, Anchor};
use crate::recognise::token::tokenize;
use crate::text::lines;

/// How many non-blank lines at the top may carry the report's dateline.
const TITLE_BLOCK_LINES: usize = 12;

/// The period from front matter (`period:`, or a `title:` that states one) or from a line of
/// the title block (`Sep — Dec 2014`, `January to March 2019`, `Q2 2023`). `text` is the
/// original; `prose` what the analysis reads (for Markdown, without markup, links or code), at
/// the same offsets. A publication date is no period, and neither is a year inside the name of
/// a law, a bill or a body (`the Foreign Assistance Act of 1961`, `H.R. 1346`).
pub fn infer(text: &str, prose: &str) -> Option<Period> {
    if let Some((body, _)) = front_matter(text) {
        let fm = &text[body.start..body.end];
        if let Some(p) = front_matter_value(fm, "period").and_then(parse) {
            return Some(p);
        }
        if let Some(p) =
            front_matter_value(fm, "title").and_then(|v| parse(v).or_else(|| within(v)))
        {
            return Some(p);
        }
    }
    let mut seen = 0;
    for line in lines(prose) {
        let s = prose[line.start..line.end]
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_' | '|' | '>'));
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
        // `Publication Date: 04/13/2026`, `Version: 14`: metadata, not a title.
        if crate::reference::is_metadata(s) {
            continue;
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

/// A dated expression with an explicit year inside a title line (`Quarterly Review, Q2 2023`):
/// a span of time, a quarter or a month, or a year that is no part of a name.
fn within(s: &str) -> Option<Period> {
    let toks = tokenize(s);
    let mut found = Vec::new();
    dates::find(s, &toks, &Anchor::default(), &mut found, &mut Vec::new());
    found
        .iter()
        .filter(|d| d.value.interval || d.value.precision != Precision::Day)
        .find(|d| states_coverage(s, d.span.start, d.span.end))
        .map(|d| Period {
            start: d.value.start,
            end: d.value.end,
        })
}

/// Whether the dated words at `start..end` of a title line state what the report covers: they
/// open the line before a word or two (`H1 2020 outlook`), or close it after a separator or a
/// word that names a report (`Quarterly Review, Q2 2023`, `Personal Exemption: 1988 to 2026`,
/// `Annual report 2018`). Elsewhere they are the subject's time (`Activity in 2017 and 2018`)
/// or part of a name (`Our Ocean Conference 2022`, `the 2021 Annual Report`).
fn states_coverage(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].trim_end();
    let after = &s[end..];
    if before.chars().all(|c| !c.is_alphanumeric()) {
        return after.split_whitespace().count() <= 2;
    }
    if after.chars().any(char::is_alphanumeric) || names_the_year(s, start) {
        return false;
    }
    if before.ends_with([':', ',', '–', '—', '-', '(', '|']) {
        return true;
    }
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "report"
            | "review"
            | "outlook"
            | "update"
            | "brief"
            | "briefing"
            | "survey"
            | "yearbook"
            | "summary"
            | "digest"
            | "bulletin"
            | "monitor"
            | "overview"
            | "assessment"
            | "quarterly"
            | "annual"
            | "covering"
    )
}

/// Whether the word before a year makes it part of a name or a number: `Act of 1961`,
/// `H.R. 1346`, `No. 2019`, `Vision 2030`.
fn names_the_year(s: &str, at: usize) -> bool {
    let before = s[..at].trim_end();
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ':'])
        .to_lowercase();
    matches!(
        word.as_str(),
        "of" | "act"
            | "no"
            | "nos"
            | "number"
            | "section"
            | "sec"
            | "§"
            | "h.r"
            | "s"
            | "h.res"
            | "s.res"
            | "p.l"
            | "law"
            | "bill"
            | "code"
            | "chapter"
            | "article"
            | "title"
            | "resolution"
            | "amendment"
            | "vision"
            | "agenda"
            | "fund"
            | "plan"
            | "strategy"
            | "program"
            | "programme"
    ) || before.ends_with(['-', '/', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, start: &str, end: &str) {
        let p = infer(text, text).unwrap_or_else(|| panic!("no period in {text:?}"));
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
        check(
            "---\ntitle: \"Trade review, Oct-Dec 2016\"\n---\n",
            "2016-10-01",
            "2016-12-31",
        );
        check("Nov. 2014 – Feb. 2015\n", "2014-11-01", "2015-02-28");
    }

    #[track_caller]
    fn none(text: &str) {
        let prose = crate::markdown::read(text).prose;
        assert_eq!(infer(text, &prose), None, "{text:?}");
    }

    #[test]
    fn no_period_without_a_dated_title() {
        none(
            "Notes\n\nThe meeting on Oct. 31 went well, said everyone present at the meeting today in the hall.\n\nIn 2014 things.",
        );
    }

    #[test]
    fn publication_dates_laws_and_bills_state_no_period() {
        none("---\ntitle: A statement on trade\ndate: 2021-05-23\n---\n# A statement\n");
        none("# Assistance under the Foreign Assistance Act of 1961\n\nBody.\n");
        none(
            "# Year-round fuel sales\n\n**Report No.:** X1\n| **Referenced Legislation:** | H.R. 1346; S. 593\n| **Publication Date:** | 04/10/2026\n",
        );
        none("# The Water Fund 2030 and the Vision 2030 plan\n");
        none("# Election Law and the Courts in 2026: Pending Cases\n\nBody.\n");
        none("# Minister to release the 2021 Annual Report on Trade\n");
        none("---\ntitle: \"Commitments at the Ocean Conference 2022\"\n---\n");
        none("# Reward offer for information on attacks in 2017 and 2018\n");
        none("# A briefing on the budget proposal for Fiscal Year 2022\n");
    }
}
