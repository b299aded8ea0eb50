//! The outline of a report: sections from Markdown headings or from a plain-text report's
//! stand-alone heading lines.

use crate::model::Section;
use crate::text::{Span, lines};

/// How a report is written, which decides what counts as a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    Markdown,
    Plain,
    /// Markdown if the text has a Markdown heading or front matter, else plain.
    #[default]
    Auto,
}

impl Format {
    /// Whether a text in this format is read as Markdown: `Auto` decides by the text
    /// (`markdown::looks_like_markdown`).
    pub fn reads_as_markdown(self, text: &str) -> bool {
        match self {
            Format::Markdown => true,
            Format::Plain => false,
            Format::Auto => crate::markdown::looks_like_markdown(text),
        }
    }

    /// The format a file name implies.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else if lower.ends_with(".txt") || lower.ends_with(".text") {
            Format::Plain
        } else {
            Format::Auto
        }
    }
}

/// YAML front matter at the very start (`---` … `---`): its body span and the span it covers.
pub fn front_matter(text: &str) -> Option<(Span, Span)> {
    let first = lines(text).next()?;
    if text[first.start..first.end].trim_end() != "---" {
        return None;
    }
    let body_start = next_line_start(text, first.end);
    for line in lines(text).skip(1) {
        let s = text[line.start..line.end].trim_end();
        if s == "---" || s == "..." {
            return Some((
                Span::new(body_start, line.start),
                Span::new(0, next_line_start(text, line.end)),
            ));
        }
    }
    None
}

fn next_line_start(text: &str, line_end: usize) -> usize {
    let b = text.as_bytes();
    match b.get(line_end) {
        Some(b'\r') if b.get(line_end + 1) == Some(&b'\n') => line_end + 2,
        Some(b'\r' | b'\n') => line_end + 1,
        _ => line_end,
    }
}

/// What comes before a report's first heading: its title block and opening paragraphs, which
/// no section holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    /// From the start of the text to the first heading (or the end of a report without one).
    pub span: Span,
    /// The first line with text, where the outline points.
    pub first_line: Span,
    /// The title: front matter's `title:`, or a first line that reads as one (short, alone,
    /// not ending like a sentence), without the emphasis marks around it.
    pub title: Option<Span>,
}

/// The opening of a report whose first heading does not start it, when there is text before
/// that heading (or front matter gives a title and there is no heading at all).
pub fn opening(text: &str, sections: &[Section]) -> Option<Opening> {
    let front = front_matter(text);
    let body = front.map_or(0, |(_, whole)| whole.end);
    let end = sections
        .first()
        .map_or(text.len(), |s| s.span.start)
        .max(body);
    let first = lines(&text[body..end])
        .map(|l| Span::new(body + l.start, body + l.end))
        .find(|l| !text[l.start..l.end].trim().is_empty());
    let from_front = front.and_then(|(inner, _)| front_title(text, inner));
    let title = match (from_front, first) {
        (Some(t), _) => Some(t),
        (None, Some(line)) => title_line(text, line, end),
        (None, None) => None,
    };
    let first_line = match (first, title) {
        (Some(line), _) => line,
        // Nothing but front matter, whose title stands for the report when nothing else does.
        (None, Some(t)) if sections.is_empty() => t,
        _ => return None,
    };
    Some(Opening {
        span: Span::new(0, end),
        first_line,
        title,
    })
}

/// The value of a `title:` line of front matter (`inner`), unquoted.
fn front_title(text: &str, inner: Span) -> Option<Span> {
    lines(&text[inner.start..inner.end]).find_map(|l| {
        let line = &text[inner.start + l.start..inner.start + l.end];
        let value = line.strip_prefix("title:")?;
        let start = inner.start + l.start + "title:".len();
        trimmed(
            text,
            Span::new(start, start + value.len()),
            &[' ', '\t', '"', '\''],
        )
    })
}

/// `line` as a title when it reads as one and stands alone: a blank line or the end of the
/// opening (`end`) follows it.
fn title_line(text: &str, line: Span, end: usize) -> Option<Span> {
    let s = text[line.start..line.end].trim();
    let next = next_line_start(text, line.end);
    let alone = next >= end
        || lines(&text[next..end])
            .next()
            .is_none_or(|l| text[next + l.start..next + l.end].trim().is_empty());
    let reads_as_title = alone
        && !ends_like_prose(s)
        && !s.starts_with(['-', '+', '•', '>', '|', '<', '[', '!', '`'])
        && words_up_to(s, 15) <= 14
        && s.chars().count() <= 100;
    reads_as_title
        .then(|| trimmed(text, line, &[' ', '\t', '*', '_']))
        .flatten()
}

/// `span` without the characters of `strip` at either end; `None` when nothing is left.
fn trimmed(text: &str, span: Span, strip: &[char]) -> Option<Span> {
    let s = &text[span.start..span.end];
    let t = s.trim_start_matches(strip);
    let start = span.start + (s.len() - t.len());
    let t = t.trim_end_matches(strip);
    (!t.is_empty()).then(|| Span::new(start, start + t.len()))
}

/// A heading found in the text, before section ends are known.
struct Heading {
    level: u32,
    line_start: usize,
    title: Span,
}

/// The sections of a report: Markdown headings as the CommonMark parser reads them (`Auto`
/// decides by `markdown::looks_like_markdown`), or a plain report's stand-alone heading lines.
pub fn sections(text: &str, format: Format) -> Vec<Section> {
    if format.reads_as_markdown(text) {
        let reading = crate::markdown::read(text);
        from_headings(text, &reading.prose, &reading.headings)
    } else {
        close(text, plain_headings(text))
    }
}

/// The sections that the headings of a Markdown reading open. A title is the heading's prose
/// with its markup and runs of white space squeezed out.
pub fn from_headings(
    text: &str,
    prose: &str,
    headings: &[crate::markdown::Heading],
) -> Vec<Section> {
    let found = headings
        .iter()
        .map(|h| Heading {
            level: h.level,
            line_start: h.span.start,
            title: h.title,
        })
        .collect();
    let mut out = close(text, found);
    for s in &mut out {
        let t = &prose[s.heading.start..s.heading.end];
        if t.contains("  ") || t.contains(['\n', '\r', '\t']) {
            s.title = t.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    out
}

fn close(text: &str, headings: Vec<Heading>) -> Vec<Section> {
    let mut out = Vec::with_capacity(headings.len());
    for (k, h) in headings.iter().enumerate() {
        let end = headings[k + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(text.len(), |n| n.line_start);
        let end = trim_trailing_blank(text, h.line_start, end);
        out.push(Section {
            title: text[h.title.start..h.title.end].to_string(),
            level: h.level,
            span: Span::new(h.line_start, end),
            heading: h.title,
        });
    }
    out
}

/// Sections end at the next heading; trailing blank lines stay with them, which is what
/// editors fold. Kept as a hook in case a client wants them trimmed.
fn trim_trailing_blank(_text: &str, _start: usize, end: usize) -> usize {
    end
}

/// Words a heading may end with that sentences rarely do, and sentence endings that mark a line
/// as prose.
fn ends_like_prose(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    t.ends_with(['.', ',', ';', ':', '!', '?', '…'])
}

/// Plain-text headings: short stand-alone lines (a blank line before and after) without final
/// punctuation. Lines before the first paragraph of prose are the title block (title, dateline,
/// authors), not sections.
fn plain_headings(text: &str) -> Vec<Heading> {
    let all: Vec<Span> = lines(text).collect();
    let blank = |k: usize| {
        all.get(k)
            .is_none_or(|l| text[l.start..l.end].trim().is_empty())
    };
    let mut out = Vec::new();
    let mut seen_prose = false;
    for (k, line) in all.iter().enumerate() {
        let alone = (k == 0 || blank(k - 1)) && blank(k + 1);
        // Once prose has been seen only stand-alone lines matter, and most lines are prose.
        if seen_prose && !alone {
            continue;
        }
        let s = text[line.start..line.end].trim();
        if s.is_empty() {
            continue;
        }
        let starts_well = s.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'')
        });
        // Cheap tests first: most stand-alone lines are paragraphs that end like prose, and
        // counting their words or characters would tell nothing more. (A line over 400 bytes
        // has over 100 characters.)
        let headingish = alone
            && starts_well
            && s.len() <= 400
            && !ends_like_prose(s)
            && !s.starts_with(['-', '*', '•'])
            && words_up_to(s, 15) <= 14
            && s.chars().count() <= 100;
        if headingish && seen_prose {
            let lead =
                text[line.start..line.end].len() - text[line.start..line.end].trim_start().len();
            let title = Span::new(line.start + lead, line.start + lead + s.len());
            let numbered = numbering_depth(s);
            let level = match numbered {
                Some(d) => d,
                None if is_all_caps(s) => 1,
                None => 1,
            };
            out.push(Heading {
                level,
                line_start: line.start,
                title,
            });
        } else if !headingish && !seen_prose && (ends_like_prose(s) || words_up_to(s, 15) > 14) {
            seen_prose = true;
        }
    }
    // ALL-CAPS headings outrank mixed-case ones when a report uses both.
    if out
        .iter()
        .any(|h| is_all_caps(&text[h.title.start..h.title.end]))
        && out
            .iter()
            .any(|h| !is_all_caps(&text[h.title.start..h.title.end]))
    {
        for h in &mut out {
            if !is_all_caps(&text[h.title.start..h.title.end])
                && numbering_depth(&text[h.title.start..h.title.end]).is_none()
            {
                h.level = 2;
            }
        }
    }
    out
}

/// The number of white-space-separated words in `s`, counting no further than `max`: what
/// `s.split_whitespace().take(max).count()` gives, reading ASCII a byte at a time.
fn words_up_to(s: &str, max: usize) -> usize {
    let b = s.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() && n < max {
        let (space, len) = if b[i] < 0x80 {
            (
                matches!(b[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
                1,
            )
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            n += 1;
        }
        in_word = !space;
        i += len;
    }
    n
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// `1.`, `2.3`, `IV.` at the start of a heading: its depth.
fn numbering_depth(s: &str) -> Option<u32> {
    let first = s.split_whitespace().next()?;
    let core = first.trim_end_matches(['.', ')']);
    if core.is_empty() || first == core && !core.contains('.') {
        return None;
    }
    let parts: Vec<&str> = core.split('.').collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .then_some(parts.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_a_white_space_split_counts_them() {
        for s in [
            "",
            "   ",
            "One two\tthree\u{b}four\u{c}five",
            "Sécurité  alimentaire\u{a0}et\u{2003}eau — 2014",
            "a b c d e f g h i j k l m n o p q r s t",
        ] {
            for max in [0, 1, 3, 15] {
                assert_eq!(
                    words_up_to(s, max),
                    s.split_whitespace().take(max).count(),
                    "{s:?} {max}"
                );
            }
        }
    }

    fn outline(text: &str, format: Format) -> Vec<(u32, String, String)> {
        sections(text, format)
            .into_iter()
            .map(|s| (s.level, s.title, text[s.span.start..s.span.end].to_string()))
            .collect()
    }

    #[test]
    fn markdown_atx_and_setext_with_front_matter_skipped() {
        let text = "---\ntitle: X\n# not a heading\n---\n# Top #\nbody\n\nSub\n---\ntext\n## Deep\n```\n# code\n```\nOther\n===\n";
        let got = outline(text, Format::Auto);
        let titles: Vec<(u32, &str)> = got.iter().map(|(l, t, _)| (*l, t.as_str())).collect();
        assert_eq!(titles, [(1, "Top"), (2, "Sub"), (2, "Deep"), (1, "Other")]);
        // A section runs to the next heading of the same or a higher level.
        assert_eq!(
            got[0].2,
            "# Top #\nbody\n\nSub\n---\ntext\n## Deep\n```\n# code\n```\n"
        );
        assert_eq!(got[1].2, "Sub\n---\ntext\n");
    }

    /// The opening's title and first line as text, from a fixture of the whole report.
    fn opening_of(text: &str, format: Format) -> Option<(Option<&str>, &str, usize)> {
        let o = opening(text, &sections(text, format))?;
        Some((
            o.title.map(|t| &text[t.start..t.end]),
            &text[o.first_line.start..o.first_line.end],
            o.span.end,
        ))
    }

    #[test]
    fn the_opening_is_what_comes_before_the_first_heading() {
        // A plain report's title block and first paragraph, up to its first heading.
        let plain = "Report title\n\nSep 2014\n\nThis is the opening paragraph of prose, which ends with a full stop.\n\nFirst section\n\nBody text here. More.\n";
        let first = plain.find("First section").unwrap();
        assert_eq!(
            opening_of(plain, Format::Plain),
            Some((Some("Report title"), "Report title", first))
        );
        // A paragraph first is no title; its first line stands for it.
        let md = "On Monday the envoys met in Seoul.\nThey talked.\n\n# Talks\n\nMore.\n";
        assert_eq!(
            opening_of(md, Format::Markdown),
            Some((
                None,
                "On Monday the envoys met in Seoul.",
                md.find("# Talks").unwrap()
            ))
        );
        // A short first line in a paragraph of its own, emphasis marks left out.
        let bold = "**Briefing note**\n\nThe envoys met.\n\n# Talks\n";
        assert_eq!(
            opening_of(bold, Format::Markdown).and_then(|o| o.0),
            Some("Briefing note")
        );
        // Front matter's title, quoted.
        let front = "---\ntitle: \"Korea, 2014\"\n---\nThe envoys met.\n\n# Talks\n";
        assert_eq!(
            opening_of(front, Format::Markdown).and_then(|o| o.0),
            Some("Korea, 2014")
        );
        // A report that opens with its heading, with or without front matter, has none.
        assert_eq!(opening_of("# Talks\n\nMore.\n", Format::Markdown), None);
        assert_eq!(
            opening_of("---\ntitle: T\n---\n# Talks\n", Format::Markdown),
            None
        );
    }

    #[test]
    fn plain_text_headings_are_short_lines_alone() {
        let text = "Report title\n\nSep 2014\n\nThis is the opening paragraph of prose, which ends with a full stop.\n\nFirst section\n\nBody text here. More.\n\n2. Numbered heading\n\n2.1 Sub heading\n\nBody, again.\n";
        let got = outline(text, Format::Plain);
        let titles: Vec<(u32, &str)> = got.iter().map(|(l, t, _)| (*l, t.as_str())).collect();
        assert_eq!(
            titles,
            [
                (1, "First section"),
                (1, "2. Numbered heading"),
                (2, "2.1 Sub heading")
            ]
        );
    }
}
