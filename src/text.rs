//! Byte spans and line/column lookup for the analysis core and the command line.
//!
//! Everything in the core speaks UTF-8 byte offsets. The LSP layer owns the conversion to
//! protocol positions (`lsp::position`); this module only serves the CLI's `file:line:col`.

use serde::Serialize;

/// A half-open byte range `start..end` into a report's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span moved `by` bytes later: from paragraph-relative to report offsets.
    pub const fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The span `by` bytes earlier; `by` is at most its start.
    pub const fn shifted_back(self, by: usize) -> Span {
        Span::new(self.start - by, self.end - by)
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `offset` lies inside the span or touches its end, which is where an editor's
    /// cursor sits right after typing a word.
    pub const fn touches(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub const fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Start offsets of every line, split at LF, CRLF and lone CR as LSP does.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A CRLF pair is one break, which ends after its `\n`.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        LineIndex { starts }
    }

    /// Zero-based line of a byte offset (offsets past the end land on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// How many lines there are: one more than line breaks.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// One-based line and character column, as compilers print them.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        (line + 1, text[start..offset].chars().count() + 1)
    }
}

/// The largest char boundary at or below `offset`, clamped to the text.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The smallest char boundary at or above `offset`, clamped to the text.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o += 1;
    }
    o
}

/// Paragraphs: runs of lines separated by blank lines (lines of white space only), each from
/// the start of its first line to the end of its last.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for line in lines(text) {
        if text[line.start..line.end].trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            start.get_or_insert(line.start);
            end = line.end;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// The paragraph (as `paragraphs` finds it) around `offset`, found by walking out from its line.
pub fn paragraph_around(text: &str, offset: usize) -> Span {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = |at: usize| text[..at].rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let line_end = |at: usize| text[at..].find(['\n', '\r']).map_or(text.len(), |p| at + p);
    let blank = |a: usize, b: usize| text[a..b].trim().is_empty();
    let mut start = line_start(offset);
    let mut end = line_end(offset);
    while start > 0 {
        let mut prev_end = start - 1;
        if text.as_bytes()[prev_end] == b'\n'
            && prev_end > 0
            && text.as_bytes()[prev_end - 1] == b'\r'
        {
            prev_end -= 1;
        }
        let prev_start = line_start(prev_end);
        if blank(prev_start, prev_end) {
            break;
        }
        start = prev_start;
    }
    while end < text.len() {
        let next_start = if text[end..].starts_with("\r\n") {
            end + 2
        } else {
            end + 1
        };
        let next_end = line_end(next_start);
        if blank(next_start, next_end) {
            break;
        }
        end = next_end;
    }
    Span::new(start, end)
}

/// Lines of `text` as `(start, end)` spans without their line breaks.
pub fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos > bytes.len() || (pos == bytes.len() && pos != 0 && !ends_with_break(bytes)) {
            return None;
        }
        if pos == bytes.len() {
            // The empty line after a final line break, or the only line of an empty text.
            pos += 1;
            return if bytes.is_empty() {
                Some(Span::new(0, 0))
            } else {
                None
            };
        }
        let start = pos;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |k| pos + k);
        pos = end;
        if pos < bytes.len() {
            pos += if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        } else {
            pos = bytes.len() + 1;
        }
        Some(Span::new(start, end))
    })
}

fn ends_with_break(bytes: &[u8]) -> bool {
    matches!(bytes.last(), Some(b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paragraph_around_an_offset_is_the_one_paragraphs_finds() {
        let text = "Title\r\n\r\nOne line.\nTwo line.\n  \n\nLast\r\nlines\n";
        let paras = paragraphs(text);
        assert_eq!(paras.len(), 3);
        for (o, _) in text.char_indices() {
            if let Some(p) = paras.iter().find(|p| p.start <= o && o <= p.end) {
                assert_eq!(paragraph_around(text, o), *p, "at {o}");
            }
        }
    }

    #[test]
    fn line_index_splits_at_every_lsp_line_break() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_of(0), 0);
        assert_eq!(index.line_of(2), 1);
        assert_eq!(index.line_of(5), 2);
        assert_eq!(index.line_of(7), 3);
        assert_eq!(index.line_col(text, 7), (4, 1));
    }

    #[test]
    fn lines_drop_their_breaks() {
        let text = "one\r\ntwo\rthree\n";
        let got: Vec<&str> = lines(text).map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["one", "two", "three"]);
        let got: Vec<&str> = lines("x").map(|s| &"x"[s.start..s.end]).collect();
        assert_eq!(got, ["x"]);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "한국 Seoul";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, "한국 ".len()), (1, 4));
    }
}
