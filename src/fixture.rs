//! Inline markers in test fixtures: `$0` marks the cursor, and a line of carets under a line of
//! text marks a span of it (`^^^ label`), so that a fixture is the whole test.

use std::ops::Range;

/// A fixture with its markers taken out.
#[derive(Debug)]
pub struct Fixture {
    /// The fixture's lines as written, without the marker lines and the cursor.
    pub text: String,
    /// Where the first `$0` stood in `text`.
    pub cursor: Option<usize>,
    /// The marked spans of `text` with their labels (trimmed, empty when none is written), in
    /// the order of the marker lines.
    pub marks: Vec<(Range<usize>, String)>,
}

impl Fixture {
    /// Reads a fixture. A marker line is one whose first non-blank character is `^`; it marks
    /// the last line of text above it, from the column of its first caret for as many
    /// characters as it has carets (columns count characters, so that a marker stands under
    /// what it marks whatever the bytes of the line). Several marker lines may follow one line
    /// of text. The cursor is taken out of its line before columns are counted.
    pub fn parse(fixture: &str) -> Fixture {
        let mut text = String::with_capacity(fixture.len());
        let mut cursor = None;
        let mut marks = Vec::new();
        // Where the last line of text starts in `text`.
        let mut above: Option<usize> = None;
        for line in fixture.split_inclusive('\n') {
            let rest = line.trim_start();
            if rest.starts_with('^') {
                let start = above.expect("a marker line needs a line of text above it");
                let marked = text[start..].lines().next().unwrap_or("");
                let column = line[..line.len() - rest.len()].chars().count();
                let label = rest.trim_start_matches('^');
                let carets = rest.len() - label.len();
                let byte = |c: usize| {
                    marked
                        .char_indices()
                        .nth(c)
                        .map_or(marked.len(), |(b, _)| b)
                };
                marks.push((
                    start + byte(column)..start + byte(column + carets),
                    label.trim().to_string(),
                ));
                continue;
            }
            above = Some(text.len());
            match line.find("$0").filter(|_| cursor.is_none()) {
                Some(at) => {
                    cursor = Some(text.len() + at);
                    text.push_str(&line[..at]);
                    text.push_str(&line[at + 2..]);
                }
                None => text.push_str(line),
            }
        }
        Fixture {
            text,
            cursor,
            marks,
        }
    }

    /// Reads a fixture of whole lines: the last line of text ends with a line break too, as
    /// the lines of a file do.
    pub fn parse_lines(fixture: &str) -> Fixture {
        let mut parsed = Fixture::parse(fixture);
        if !parsed.text.is_empty() && !parsed.text.ends_with('\n') {
            parsed.text.push('\n');
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::Fixture;

    #[test]
    fn carets_mark_the_line_above_by_characters() {
        let f = Fixture::parse(
            "A loan of €3bn and ₩500.\n          ^^^^ money\n                   ^^^^\n",
        );
        assert_eq!(f.text, "A loan of €3bn and ₩500.\n");
        let marked: Vec<(&str, &str)> = f
            .marks
            .iter()
            .map(|(r, l)| (&f.text[r.clone()], l.as_str()))
            .collect();
        assert_eq!(marked, [("€3bn", "money"), ("₩500", "")]);
        assert_eq!(f.cursor, None);
    }

    #[test]
    fn the_first_cursor_is_taken_out_and_the_text_kept_as_written() {
        let f = Fixture::parse("A fund of $0$359 million. $0");
        assert_eq!(f.text, "A fund of $359 million. $0");
        assert_eq!(f.cursor, Some(10));
        assert_eq!(Fixture::parse_lines("One.\n\nTwo.").text, "One.\n\nTwo.\n");
        assert_eq!(Fixture::parse_lines("One.\n   ^^^").text, "One.\n");
    }
}
