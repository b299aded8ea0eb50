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

fn atx(line: &str) -> Option<(u32, usize, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after = &rest[hashes..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let content = after.trim();
    // A closing run of `#` preceded by a space is not part of the title.
    let content = match content.trim_end_matches('#') {
        c if c.len() < content.len() && (c.is_empty() || c.ends_with(' ')) => c.trim_end(),
        _ => content,
    };
    let start = if content.is_empty() {
        line.len()
    } else {
        content.as_ptr() as usize - line.as_ptr() as usize
    };
    Some((hashes as u32, start, start + content.len()))
}

fn is_fence(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    if t.starts_with("```") {
        Some("```")
    } else if t.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

fn setext_level(line: &str) -> Option<u32> {
    let t = line.trim();
    if line.len() - line.trim_start().len() > 3 || t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b == b'=') {
        Some(1)
    } else if t.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

/// A heading found in the text, before section ends are known.
struct Heading {
    level: u32,
    line_start: usize,
    title: Span,
}

pub fn sections(text: &str, format: Format) -> Vec<Section> {
    let markdown = match format {
        Format::Markdown => true,
        Format::Plain => false,
        Format::Auto => {
            front_matter(text).is_some()
                || lines(text).any(|l| {
                    let s = &text[l.start..l.end];
                    atx(s).is_some_and(|(_, a, b)| b > a)
                })
        }
    };
    let headings = if markdown {
        markdown_headings(text)
    } else {
        plain_headings(text)
    };
    close(text, headings)
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

fn markdown_headings(text: &str) -> Vec<Heading> {
    let skip_to = front_matter(text).map_or(0, |(_, whole)| whole.end);
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut prev: Option<Span> = None; // the previous line, if it can be a setext title
    for line in lines(text) {
        if line.start < skip_to {
            continue;
        }
        let s = &text[line.start..line.end];
        if let Some(f) = fence {
            if s.trim_start().starts_with(f) {
                fence = None;
            }
            prev = None;
            continue;
        }
        if let Some(f) = is_fence(s) {
            fence = Some(f);
            prev = None;
            continue;
        }
        if let Some((level, a, b)) = atx(s) {
            out.push(Heading {
                level,
                line_start: line.start,
                title: Span::new(line.start + a, line.start + b),
            });
            prev = None;
            continue;
        }
        if let (Some(p), Some(level)) = (prev, setext_level(s)) {
            let title = &text[p.start..p.end];
            let lead = title.len() - title.trim_start().len();
            out.push(Heading {
                level,
                line_start: p.start,
                title: Span::new(p.start + lead, p.start + title.trim_end().len()),
            });
            prev = None;
            continue;
        }
        let indent = s.len() - s.trim_start().len();
        prev = (!s.trim().is_empty()
            && indent < 4
            && !s.trim_start().starts_with(['>', '-', '*', '+', '|']))
        .then_some(line);
        // A paragraph's later lines cannot start a setext heading on their own.
        if prev.is_some() && out.last().is_some_and(|h| h.line_start == line.start) {
            prev = None;
        }
    }
    out
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
