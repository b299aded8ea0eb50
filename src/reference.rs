//! The report's own date: the day its year-less and relative wording ("today", "last year",
//! "Oct. 31") is read against, found in its front matter, its metadata lines, a dateline or its
//! title block.

use crate::calendar::Date;
use crate::model::{Precision, Reference, ReferenceSource};
use crate::recognise::dates::{self, Anchor};
use crate::recognise::token::tokenize;
use crate::text::{Span, lines};

/// How many non-blank lines at the top are read for metadata and the title block.
const HEAD_LINES: usize = 60;
/// How many blocks at the top may open with a dateline.
const DATELINE_BLOCKS: usize = 12;

/// Front-matter keys that give the report's date, latest meaning first.
const FRONT_MATTER_KEYS: &[&str] = &["updated", "last_modified", "modified", "date", "published"];

/// Labels of metadata lines that give the report's date (`Publication Date: 04/13/2026`),
/// compared lower-cased with runs of white space squeezed.
const DATE_LABELS: &[&str] = &[
    "publication date",
    "date of publication",
    "date published",
    "published",
    "published on",
    "release date",
    "released",
    "date",
    "dated",
    "updated",
    "last updated",
    "last modified",
    "last revised",
    "revised",
    "as of",
];

/// Labels of other header lines (`Report No.: IF10491`, `Author: …`): not dates, not titles, and
/// no events.
const HEADER_LABELS: &[&str] = &[
    "report no.",
    "report number",
    "report",
    "product type",
    "product number",
    "crs product type",
    "crs product number",
    "document",
    "document no.",
    "file",
    "reference",
    "version",
    "source",
    "sources",
    "author",
    "authors",
    "by",
    "topic",
    "topics",
    "subject",
    "subjects",
    "keywords",
    "tags",
    "referenced legislation",
    "legislation",
    "contact",
    "classification",
    "status",
    "language",
    "pages",
    "url",
    "doi",
    "to",
    "from",
    "cc",
    "re",
    "memo for",
    "memorandum for",
];

/// Words that open an `Updated April 13, 2026` note in a header line, the date right after them
/// (`As of` only at the line's start: inside a line it is prose).
const UPDATED_WORDS: &[&str] = &["Updated ", "UPDATED ", "Last updated "];

/// The report's own date. `text` is the original (its front matter is read there); `prose` is
/// what the analysis reads (for Markdown, the text without markup, links or code), at the same
/// offsets; `blocks` are its paragraphs in order.
pub fn infer(text: &str, prose: &str, blocks: &[Span]) -> Option<Reference> {
    front_matter(text)
        .map(|d| (d, ReferenceSource::FrontMatter))
        .or_else(|| metadata(prose).map(|d| (d, ReferenceSource::Metadata)))
        .or_else(|| dateline(prose, blocks).map(|d| (d, ReferenceSource::Dateline)))
        .or_else(|| title_block(prose).map(|d| (d, ReferenceSource::Title)))
        .map(|(date, from)| Reference {
            date: Some(date),
            from,
        })
}

/// A day with its year stated, opening `s` (`April 13, 2026 (IF10491)`, `04/13/2026`).
fn day_in(s: &str) -> Option<Date> {
    let s = s.trim_start();
    let toks = tokenize(s);
    let mut found = Vec::new();
    dates::find(s, &toks, &Anchor::default(), &mut found, &mut Vec::new());
    found
        .first()
        .filter(|d| {
            d.span.start == 0
                && d.value.precision == Precision::Day
                && !d.value.interval
                && !d.relative
        })
        .map(|d| d.value.start)
}

fn front_matter(text: &str) -> Option<Date> {
    let (body, _) = crate::outline::front_matter(text)?;
    let fm = &text[body.start..body.end];
    FRONT_MATTER_KEYS.iter().find_map(|key| {
        fm.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            let v = v.trim().trim_matches(['"', '\'']);
            // `2021-05-23T10:00:00Z` and `2021-05-23 10:00`: the day is the first ten bytes.
            let day = v.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-'));
            (k.trim().eq_ignore_ascii_case(key))
                .then(|| day_in(day.unwrap_or(v)))
                .flatten()
        })
    })
}

/// The non-blank lines at the top with their spans, trimmed of white space and Markdown marks
/// that survive in plain text (`**`, `|`, `#`, `>`).
fn head(prose: &str) -> impl Iterator<Item = (Span, &str)> {
    lines(prose)
        .map(move |l| {
            let s = prose[l.start..l.end].trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '*' | '_' | '|' | '#' | '>')
            });
            (l, s)
        })
        .filter(|(_, s)| !s.is_empty())
        .take(HEAD_LINES)
        // The header ends where prose begins: a long line, or one that ends a sentence.
        .take_while(|(_, s)| {
            s.split_whitespace().nth(24).is_none() && !s.ends_with(['.', '!', '?'])
        })
}

/// The label of a `Label: value` line, lower-cased and squeezed (`publication date`), and the
/// value after its colon; Markdown's stars and pipes around either are ignored. Labels are short:
/// a colon further in is prose.
fn labelled(line: &str) -> Option<(String, &str)> {
    let colon = line[..crate::text::floor_char_boundary(line, line.len().min(48))].find(':')?;
    let mut label = String::with_capacity(colon);
    for w in line[..colon].split(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '|')) {
        if !w.is_empty() {
            if !label.is_empty() {
                label.push(' ');
            }
            label.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
    let value =
        line[colon + 1..].trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '|'));
    Some((label, value))
}

/// The date of an `Updated April 13, 2026` note in a header line.
fn updated(line: &str) -> Option<Date> {
    if let Some(rest) = line.strip_prefix("As of ") {
        return day_in(rest);
    }
    UPDATED_WORDS.iter().find_map(|w| {
        let at = line.find(w)?;
        // A word of its own: at the start or after white space or a mark.
        let before = line[..at].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        day_in(&line[at + w.len()..])
    })
}

/// Whether a line (trimmed of Markdown marks) is a header's metadata: `Publication Date: …`,
/// `Updated …`, `Report No.: …`, `Author: …`.
pub fn is_metadata(line: &str) -> bool {
    if let Some((label, value)) = labelled(line) {
        if HEADER_LABELS.contains(&label.as_str())
            || DATE_LABELS.contains(&label.as_str()) && day_in(value).is_some()
        {
            return true;
        }
    }
    (line.contains("pdated ") || line.contains("UPDATED ") || line.starts_with("As of "))
        && updated(line).is_some()
}

/// The metadata lines at the top of a report (as `is_metadata` tells them), read in its prose.
pub fn metadata_lines(prose: &str) -> Vec<Span> {
    head(prose)
        .filter(|(_, s)| is_metadata(s))
        .map(|(l, _)| l)
        .collect()
}

fn metadata(prose: &str) -> Option<Date> {
    head(prose).find_map(|(_, line)| {
        labelled(line)
            .filter(|(label, _)| DATE_LABELS.contains(&label.as_str()))
            .and_then(|(_, value)| day_in(value))
            .or_else(|| updated(line))
    })
}

/// A dateline's place: a few capitalised words (`Washington, DC`, `NEW YORK`, `Brussels`),
/// then a comma or a dash.
fn is_place(before: &str) -> bool {
    let Some(place) = before
        .trim_end()
        .strip_suffix([',', '–', '—', '-'])
        .map(str::trim_end)
    else {
        return false;
    };
    let words: Vec<&str> = place
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// `Washington, DC – June 29, 2026: …` or `June 29, 2026 — …` opening one of the first
/// paragraphs (for Markdown, paragraphs of their own: not list items, headings or cells).
fn dateline(prose: &str, blocks: &[Span]) -> Option<Date> {
    blocks.iter().take(DATELINE_BLOCKS).find_map(|b| {
        let s = prose[b.start..b.end].trim_start();
        let head = &s[..crate::text::floor_char_boundary(s, s.len().min(120))];
        let toks = tokenize(head);
        let mut found = Vec::new();
        dates::find(head, &toks, &Anchor::default(), &mut found, &mut Vec::new());
        let d = found.first()?;
        if d.value.precision != Precision::Day || d.value.interval {
            return None;
        }
        let before = &head[..d.span.start];
        let after = head[d.span.end..].trim_start();
        // After a place, a separator; after nothing, a separator and a sentence (`June 29,
        // 2026 — The minister said …`): a bare date is a heading or a timeline's entry.
        let separated = after.starts_with([':', '–', '—', '-', '(', '/']);
        let ok = if before.trim().is_empty() {
            separated && after.split_whitespace().nth(3).is_some()
        } else {
            is_place(before) && (after.is_empty() || separated)
        };
        ok.then_some(d.value.start)
    })
}

/// A line of the title block that is a date (`14 March 2019`), before prose begins.
fn title_block(prose: &str) -> Option<Date> {
    for (_, line) in head(prose).take(12) {
        if line.split_whitespace().count() > 20 || line.ends_with(['.', '!', '?', ';']) {
            return None;
        }
        if let Some(v) = dates::parse_whole(line, &Anchor::default()) {
            if v.precision == Precision::Day && !v.interval {
                return Some(v.start);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, want: Option<(&str, ReferenceSource)>) {
        let reading = crate::markdown::read(text);
        let got = infer(text, &reading.prose, &reading.paragraphs)
            .map(|r| (r.date.map(|d| d.to_string()).unwrap_or_default(), r.from));
        assert_eq!(got, want.map(|(d, f)| (d.to_string(), f)), "{text:?}");
    }

    #[test]
    fn front_matter_metadata_datelines_and_title_blocks() {
        use ReferenceSource::*;
        check(
            "---\ntitle: A statement\ndate: 2021-05-23\nsource: x\n---\n\n# A statement\n\nToday we met.\n",
            Some(("2021-05-23", FrontMatter)),
        );
        check(
            "---\npublished: \"2020-02-03T10:00:00Z\"\nupdated: 2020-03-04\n---\nText.\n",
            Some(("2020-03-04", FrontMatter)),
        );
        check(
            "# Notes on trade\n\n**Report No.:** X1\n| **Publication Date:** | 04/13/2026\n| **Author:** | Someone\n\nBody text of the report.\n",
            Some(("2026-04-13", Metadata)),
        );
        check(
            "# Notes\n\n[Listen](https://example.org/2019/1/1)Notes on trade Updated April 10, 2026   (X1)\n\nBody.\n",
            Some(("2026-04-10", Metadata)),
        );
        check(
            "# Press release\n\nWashington, DC – June 29, 2026: The minister said today that talks would resume.\n",
            Some(("2026-06-29", Dateline)),
        );
        check(
            "Press release\n\nBRUSSELS, 3 March 2025 — The council agreed on a budget.\n",
            Some(("2025-03-03", Dateline)),
        );
        check(
            "Weekly briefing\n14 March 2019\n\nThe week began with talks in the capital, which went on for hours.\n",
            Some(("2019-03-14", Title)),
        );
    }

    #[test]
    fn timelines_headings_and_sentences_are_no_dateline_or_metadata() {
        check(
            "# Notes\n\n- March 3, 2011: talks opened in the capital today\n- May 5, 2012: they ended\n",
            None,
        );
        check(
            "Notes on the fund\n\nAs of June 30, 2014, the fund held more than it had held before.\n",
            None,
        );
        check(
            "# Notes\n\nThe fund, as reported, was Updated often. Updated April 10, 2026.\n",
            None,
        );
    }

    #[test]
    fn dates_in_prose_links_and_code_are_no_reference() {
        check(
            "# Notes\n\nThe talks of June 29, 2026 went well, said the minister on the day.\n",
            None,
        );
        check(
            "# Notes\n\n```\nDate: 2020-01-01\n```\n\nSee [the page](https://x.org/updated/2020-01-01).\n",
            None,
        );
    }

    #[test]
    fn today_in_a_press_release_is_its_dateline() {
        let text = "# Press release\n\nWashington, DC – June 29, 2026: The minister said today that the talks of last year and of March 3 had helped.\n";
        let config = crate::Config {
            today: Date::new(2030, 1, 1),
            ..crate::Config::default()
        };
        let a = crate::analyze(text, &config, crate::Format::Markdown);
        let values: Vec<(&str, String)> = a
            .dates
            .iter()
            .map(|d| (&text[d.span.start..d.span.end], d.value.iso()))
            .collect();
        assert_eq!(
            values,
            [
                ("June 29, 2026", "2026-06-29".to_string()),
                ("today", "2026-06-29".to_string()),
                ("last year", "2025".to_string()),
                ("March 3", "2026-03-03".to_string()),
            ]
        );
        assert_eq!(a.reference.from, ReferenceSource::Dateline);
    }

    #[test]
    fn without_a_date_of_its_own_a_report_is_read_against_today() {
        let config = crate::Config {
            today: Date::new(2030, 5, 6),
            ..crate::Config::default()
        };
        let a = crate::analyze("Notes\n\nWe met today.\n", &config, crate::Format::Plain);
        assert_eq!(a.reference, Reference::default());
        assert_eq!(a.dates[0].value.iso(), "2030-05-06");
    }
}
