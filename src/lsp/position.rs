//! The one place that converts between byte offsets and LSP positions, in the negotiated
//! encoding (UTF-8, UTF-16 or UTF-32), clamping positions past a line's or the document's end.
//!
//! Answers and requests go through `Lines`, the line index of a report's analysed text; only an
//! edit's range is read against the rope (`offset`, `span`), whose text may be newer. Both cost
//! a few look-ups per position whatever the length of the line.

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (UTF-32 if that is all it offers).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let Some(offered) = offered else {
            return Encoding::Utf16;
        };
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF16) || offered.is_empty() {
            Encoding::Utf16
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// Bytes of a line without its line break.
fn line_content_len(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut len = slice.len_bytes();
    if len > 0 && slice.byte(len - 1) == b'\n' {
        len -= 1;
    }
    if len > 0 && slice.byte(len - 1) == b'\r' {
        len -= 1;
    }
    len
}

/// The position of a byte offset in a rope (clamped to the text and rounded down to a char
/// boundary), through the rope's own counts: the second opinion that tests and fuzzing hold
/// `Lines` to.
pub fn position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let line = rope.byte_to_line(offset);
    // The character that holds `offset`: an offset inside one rounds down to its start.
    let char = rope.byte_to_char(offset);
    let line_char = rope.line_to_char(line);
    let col = match enc {
        Encoding::Utf8 => rope.char_to_byte(char) - rope.line_to_byte(line),
        Encoding::Utf16 => rope.char_to_utf16_cu(char) - rope.char_to_utf16_cu(line_char),
        Encoding::Utf32 => char - line_char,
    };
    Position::new(line as u32, col as u32)
}

/// The line starts of one text, for converting many offsets of it at once (diagnostics,
/// outlines, semantic tokens): a binary search each, instead of walks down the rope. Line
/// breaks are the rope's: `\n`, `\r` and `\r\n`.
///
/// A text beyond ASCII also keeps, every `MARK_STEP` bytes, how many UTF-16 units and
/// characters come before: a column is then the difference of two counts from the nearest
/// marks, so a position costs the same on a one-line report of megabytes as on a short line.
#[derive(Debug)]
pub struct Lines {
    index: crate::text::LineIndex,
    /// (byte offset, UTF-16 units before it, characters before it), one per `MARK_STEP` bytes;
    /// empty for ASCII text, where every unit is a byte.
    marks: Vec<(usize, usize, usize)>,
}

const MARK_STEP: usize = 1024;

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut marks = Vec::new();
        if !text.is_ascii() {
            let (mut at, mut utf16, mut chars) = (0, 0, 0);
            marks.reserve(text.len() / MARK_STEP + 1);
            while at <= text.len() {
                marks.push((at, utf16, chars));
                let next = crate::text::ceil_char_boundary(text, at + MARK_STEP);
                if next <= at {
                    break;
                }
                let piece = &text[at..next];
                utf16 += units(piece, Encoding::Utf16);
                chars += units(piece, Encoding::Utf32);
                at = next;
            }
        }
        Lines {
            index: crate::text::LineIndex::new(text),
            marks,
        }
    }

    /// The line starts themselves.
    pub fn index(&self) -> &crate::text::LineIndex {
        &self.index
    }

    /// Units of `enc` in `text[..offset]` (`offset` on a char boundary).
    fn units_before(&self, text: &str, offset: usize, enc: Encoding) -> usize {
        if self.marks.is_empty() || enc == Encoding::Utf8 {
            return offset;
        }
        let k = self.marks.partition_point(|m| m.0 <= offset) - 1;
        let (at, utf16, chars) = self.marks[k];
        let before = if enc == Encoding::Utf16 { utf16 } else { chars };
        before + units(&text[at..offset], enc)
    }

    /// The position of a byte offset of `text` (the text these lines were made from), clamped
    /// to it and rounded down to a char boundary.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = crate::text::floor_char_boundary(text, offset.min(text.len()));
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line);
        // An ASCII text (no marks) counts a byte a unit; most lines are short, and counting
        // them is cheaper than two counts from the marks.
        let col = if self.marks.is_empty() || enc == Encoding::Utf8 {
            offset - start
        } else if offset - start <= 2 * MARK_STEP {
            units(&text[start..offset], enc)
        } else {
            self.units_before(text, offset, enc) - self.units_before(text, start, enc)
        };
        Position::new(line as u32, col as u32)
    }

    pub fn range(&self, text: &str, span: Span, enc: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end, enc),
        )
    }

    /// The byte offset of a position in `text`, clamped as `offset` clamps one in a rope: a line
    /// past the end gives the end of the text, a column past the line's end the end of its
    /// content, a column inside a character that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.index.line_count() {
            return text.len();
        }
        let start = self.index.line_start(line);
        let end = content_end(text, &self.index, line);
        let col = pos.character as usize;
        if enc == Encoding::Utf8 {
            return crate::text::floor_char_boundary(text, (start + col).min(end));
        }
        // On a long line beyond ASCII, start from the last mark before the column.
        let (mut at, mut units_at) = (start, 0);
        if end - start > 2 * MARK_STEP && !self.marks.is_empty() {
            let base = self.units_before(text, start, enc);
            let target = base + col;
            let k = self
                .marks
                .partition_point(|m| m.0 <= end && m_units(m, enc) <= target);
            if k > 0 && self.marks[k - 1].0 > start {
                at = self.marks[k - 1].0;
                units_at = m_units(&self.marks[k - 1], enc) - base;
            }
        }
        for (i, c) in text[at..end].char_indices() {
            let n = if enc == Encoding::Utf16 {
                c.len_utf16()
            } else {
                1
            };
            if units_at + n > col {
                return at + i;
            }
            units_at += n;
        }
        end
    }

    /// A range as a span of `text`, with the ends put in order.
    pub fn span(&self, text: &str, range: Range, enc: Encoding) -> Span {
        let a = self.offset(text, range.start, enc);
        let b = self.offset(text, range.end, enc);
        Span::new(a.min(b), a.max(b))
    }
}

/// A mark's count of `enc` units before it (UTF-16 or UTF-32).
fn m_units(m: &(usize, usize, usize), enc: Encoding) -> usize {
    if enc == Encoding::Utf16 { m.1 } else { m.2 }
}

/// Where a line's content ends: before its `\n`, `\r\n` or `\r`, or at the end of the text.
fn content_end(text: &str, index: &crate::text::LineIndex, line: usize) -> usize {
    if line + 1 >= index.line_count() {
        return text.len();
    }
    let next = index.line_start(line + 1);
    let bytes = text.as_bytes();
    let mut end = next;
    if end > 0 && bytes[end - 1] == b'\n' {
        end -= 1;
    }
    if end > 0 && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    end.max(index.line_start(line))
}

/// How many code units of `enc` a piece of text takes.
///
/// Counted on the bytes, which the compiler does many at a time: a character is a byte that
/// does not continue a sequence, and a character of four bytes takes two UTF-16 units.
fn units(s: &str, enc: Encoding) -> usize {
    let chars = || s.bytes().filter(|&b| (b as i8) >= -0x40).count();
    match enc {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => chars() + s.bytes().filter(|&b| b >= 0xF0).count(),
        Encoding::Utf32 => chars(),
    }
}

/// The byte offset of a position. A line past the end clamps to the end of the text; a column
/// past the line's end clamps to the end of its content; a column inside a character (a UTF-16
/// surrogate half or the middle of a UTF-8 sequence) rounds down to its start.
pub fn offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let content = line_content_len(rope, line);
    let col = pos.character as usize;
    let within = match enc {
        Encoding::Utf8 => {
            let b = line_start + col.min(content);
            rope.char_to_byte(rope.byte_to_char(b))
        }
        Encoding::Utf16 => {
            let line_char = rope.line_to_char(line);
            let base = rope.char_to_utf16_cu(line_char);
            let end_char = rope.byte_to_char(line_start + content);
            let max = rope.char_to_utf16_cu(end_char) - base;
            let target = base + col.min(max);
            let mut c = rope.utf16_cu_to_char(target);
            // Inside a surrogate pair ropey rounds up; positions round down to the character.
            if rope.char_to_utf16_cu(c) > target {
                c -= 1;
            }
            rope.char_to_byte(c)
        }
        Encoding::Utf32 => {
            let line_char = rope.line_to_char(line);
            let end_char = rope.byte_to_char(line_start + content);
            rope.char_to_byte((line_char + col).min(end_char))
        }
    };
    within.min(line_start + content)
}

/// The start of a one-based line of a file the server has not opened (`dossier.toml`, another
/// report).
pub fn line_start(line: usize) -> Position {
    Position::new(line.saturating_sub(1) as u32, 0)
}

/// A range of a rope as a span, with the ends put in order: how an edit's range is read.
pub fn span(rope: &Rope, range: Range, enc: Encoding) -> Span {
    let a = offset(rope, range.start, enc);
    let b = offset(rope, range.end, enc);
    Span::new(a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Seoul 서울 😀 x\r\n한국 trade\rCR line\nlast 🎉";

    /// Positions computed from the string itself, one character at a time.
    fn naive(text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + before.matches('\r').count()
            - before.matches("\r\n").count();
        let line_start = before.rfind(['\n', '\r']).map_or(0, |p| p + 1);
        let rest = &text[line_start..offset];
        let col = match enc {
            Encoding::Utf8 => rest.len(),
            Encoding::Utf16 => rest.encode_utf16().count(),
            Encoding::Utf32 => rest.chars().count(),
        };
        Position::new(line as u32, col as u32)
    }

    #[test]
    fn long_lines_across_rope_chunks_match_a_character_count() {
        // Lines of several kilobytes span many of the rope's chunks; every byte offset, on a
        // character boundary or inside one, must give the position a plain count gives.
        let mut text = String::new();
        for k in 0..3000 {
            text.push(match k % 7 {
                0 => '한',
                3 => '😀',
                5 if k % 500 == 5 => '\n',
                _ => 'a',
            });
        }
        let rope = Rope::from_str(&text);
        assert!(
            rope.chunks().count() > 4,
            "the text must span several chunks"
        );
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for o in 0..=text.len() + 2 {
                assert_eq!(
                    position(&rope, o, enc),
                    naive(&text, o, enc),
                    "{enc:?} at {o}"
                );
            }
        }
    }

    #[test]
    fn line_index_agrees_with_the_rope_at_every_offset() {
        // Line breaks of every kind, an offset between the two halves of a CRLF, text beyond
        // ASCII, lines of kilobytes (counted from the marks) and a last line without a break.
        let text = format!(
            "{TEXT}\r\n\n\rtail {}\nshort é\n{}",
            "é😀".repeat(700),
            "x".repeat(3000)
        );
        let rope = Rope::from_str(&text);
        let lines = Lines::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for o in 0..=text.len() + 2 {
                assert_eq!(
                    lines.position(&text, o, enc),
                    position(&rope, o, enc),
                    "{enc:?} at {o}"
                );
            }
        }
    }

    #[test]
    fn line_index_reads_positions_as_the_rope_does() {
        // Every column of every line and a few past its end, on short lines, on long lines read
        // from the marks, inside surrogate pairs and UTF-8 sequences, and past the last line.
        let text = format!(
            "{TEXT}\r\n\n\rtail {}\nshort é\n{}x\n{}",
            "é😀".repeat(700),
            "😀a".repeat(900),
            "x".repeat(3000)
        );
        let rope = Rope::from_str(&text);
        let lines = Lines::new(&text);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for line in 0..rope.len_lines() as u32 + 2 {
                // Every column near the start, then a stride that lands on both halves of pairs.
                for col in (0..64).chain((64..6200).step_by(13)) {
                    let p = Position::new(line, col);
                    assert_eq!(
                        lines.offset(&text, p, enc),
                        offset(&rope, p, enc),
                        "{enc:?} at {p:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_char_boundary_round_trips_in_all_encodings() {
        let rope = Rope::from_str(TEXT);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (o, _) in TEXT
                .char_indices()
                .chain(std::iter::once((TEXT.len(), ' ')))
            {
                let p = position(&rope, o, enc);
                // Offsets inside a line break map to the end of the line's content.
                let back = offset(&rope, p, enc);
                let is_break = matches!(TEXT.as_bytes().get(o), Some(b'\n'))
                    && TEXT.as_bytes().get(o.wrapping_sub(1)) == Some(&b'\r');
                if !is_break {
                    assert_eq!(back, o, "{enc:?} offset {o} via {p:?}");
                }
            }
        }
    }

    #[test]
    fn columns_count_in_the_negotiated_unit() {
        let rope = Rope::from_str(TEXT);
        let x = TEXT.find(" x").unwrap() + 1;
        assert_eq!(position(&rope, x, Encoding::Utf8), Position::new(0, 18));
        assert_eq!(position(&rope, x, Encoding::Utf16), Position::new(0, 12));
        assert_eq!(position(&rope, x, Encoding::Utf32), Position::new(0, 11));
        // Lone CR and CRLF both end lines.
        assert_eq!(
            position(&rope, TEXT.find("CR line").unwrap(), Encoding::Utf16),
            Position::new(2, 0)
        );
        assert_eq!(
            position(&rope, TEXT.find("last").unwrap(), Encoding::Utf16),
            Position::new(3, 0)
        );
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let rope = Rope::from_str(TEXT);
        assert_eq!(
            offset(&rope, Position::new(0, 999), Encoding::Utf16),
            TEXT.find("\r\n").unwrap()
        );
        assert_eq!(
            offset(&rope, Position::new(99, 0), Encoding::Utf8),
            TEXT.len()
        );
        // The middle of the emoji's surrogate pair rounds down to its start.
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(offset(&rope, Position::new(0, 9), Encoding::Utf16), emoji);
        assert_eq!(offset(&rope, Position::new(0, 10), Encoding::Utf16), emoji);
        assert_eq!(
            offset(&rope, Position::new(0, 11), Encoding::Utf16),
            emoji + 4
        );
        // The middle of a UTF-8 sequence rounds down too.
        assert_eq!(
            offset(&rope, Position::new(0, 7), Encoding::Utf8),
            TEXT.find('서').unwrap()
        );
    }
}
