//! Reads a Markdown report with a CommonMark parser (GitHub's tables, footnotes, strikethrough
//! and task lists included): which bytes are prose, its blocks, its headings and its tables.
//!
//! The analysis reads prose only. Code (fenced, indented or inline), raw HTML and comments, link
//! destinations and titles, autolinks, footnote labels, front matter and the markup itself are
//! blanked out of a copy of the text (`Reading::prose`), byte for byte with spaces and with every
//! line break kept, so that every offset the analysis returns is an offset of the original file.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::text::Span;

/// What the parser found in a Markdown text.
#[derive(Debug, Default)]
pub struct Reading {
    /// The text with everything that is not prose turned into spaces; the same length, the
    /// same line breaks, and the same bytes wherever there is prose.
    pub prose: String,
    /// Prose blocks in text order, from their first byte of prose to their last: paragraphs,
    /// headings, the text of list items, table cells. The analysis recognises them one by one.
    pub blocks: Vec<Span>,
    /// Headings in text order.
    pub headings: Vec<Heading>,
    /// Tables in text order.
    pub tables: Vec<Table>,
    /// Footnote definitions (`[^1]: …`) in text order.
    pub footnotes: Vec<Span>,
    /// The blocks that are paragraphs of their own (not in a list, a quote, a table, a
    /// heading or a footnote): where a dateline can stand.
    pub paragraphs: Vec<Span>,
}

/// A heading: its level, the span of the whole heading (marks and underline included) and of
/// its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u32,
    pub span: Span,
    pub title: Span,
}

/// A table: row 0 is the header row; each cell is the span of its prose (empty cells are empty
/// spans where the cell stands).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub span: Span,
    pub rows: Vec<Vec<Span>>,
}

impl Table {
    /// The row and column of the cell that holds `offset`.
    pub fn cell_at(&self, offset: usize) -> Option<(usize, usize)> {
        if !self.span.touches(offset) {
            return None;
        }
        self.rows.iter().enumerate().find_map(|(r, row)| {
            row.iter()
                .position(|c| c.start <= offset && offset < c.end.max(c.start + 1))
                .map(|c| (r, c))
        })
    }
}

/// Whether `text` reads as Markdown when its file name does not say: front matter or an ATX
/// heading with a title.
pub fn looks_like_markdown(text: &str) -> bool {
    crate::outline::front_matter(text).is_some()
        || crate::text::lines(text).any(|l| {
            let s = text[l.start..l.end].trim_start_matches(' ');
            let hashes = s.len() - s.trim_start_matches('#').len();
            (1..=6).contains(&hashes)
                && s[hashes..].starts_with([' ', '\t'])
                && !s[hashes..].trim().trim_matches('#').is_empty()
        })
}

/// Parses `text` as CommonMark with GitHub's extensions.
pub fn read(text: &str) -> Reading {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut r = Reader::new(text);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let span = Span::new(range.start, range.end);
        match event {
            Event::Text(_) if r.hidden == 0 => r.copy_prose(span),
            Event::Start(Tag::Link { link_type, .. }) => {
                let hides = matches!(link_type, LinkType::Autolink | LinkType::Email);
                r.links.push(hides);
                r.hidden += usize::from(hides);
            }
            Event::End(TagEnd::Link) => {
                let hid = r.links.pop() == Some(true);
                r.hidden = r.hidden.saturating_sub(usize::from(hid));
            }
            Event::Start(Tag::Image { .. }) => r.hidden += 1,
            Event::End(TagEnd::Image) => r.hidden = r.hidden.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                r.flush();
                r.hidden += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                r.hidden = r.hidden.saturating_sub(1);
            }
            Event::Start(tag) if is_block(&tag) => r.open(tag, span),
            Event::End(tag) if is_block_end(&tag) => r.close(tag, span),
            _ => {}
        }
    }
    r.finish()
}

/// One reading in progress: what it found so far, and the blocks, links and containers open
/// at the parser's event.
struct Reader<'t> {
    text: &'t str,
    out: Reading,
    /// The text blanked but for its line breaks; prose is copied back in as the parser finds it.
    prose: Vec<u8>,
    /// The prose of the block being read, from its first byte to its last.
    leaf: Option<Span>,
    /// Inside code blocks, front matter, autolinks and images' descriptions nothing is prose.
    hidden: usize,
    /// The open heading: its level, its span and the prose of its title so far.
    heading: Option<(u32, Span, Option<Span>)>,
    table: Option<Table>,
    /// Where the open table cell starts.
    cell: Option<usize>,
    /// Whether each open link hides its text (an autolink).
    links: Vec<bool>,
    /// How many containers (lists, quotes, tables, footnotes) are open around the current block.
    containers: usize,
    /// Whether the open block is a paragraph of its own (outside every container).
    own_paragraph: bool,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Reader<'t> {
        // Start from blanks with the line breaks kept, then copy the prose back in.
        let mut prose = vec![b' '; text.len()];
        for i in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
            prose[i] = text.as_bytes()[i];
        }
        Reader {
            text,
            out: Reading::default(),
            prose,
            leaf: None,
            hidden: 0,
            heading: None,
            table: None,
            cell: None,
            links: Vec::new(),
            containers: 0,
            own_paragraph: false,
        }
    }

    /// Prose at `span`: copied in, and added to the block and the heading being read.
    fn copy_prose(&mut self, span: Span) {
        self.prose[span.start..span.end]
            .copy_from_slice(&self.text.as_bytes()[span.start..span.end]);
        self.leaf = Some(self.leaf.map_or(span, |l| Span::new(l.start, span.end)));
        if let Some((_, _, title)) = &mut self.heading {
            *title = Some(title.map_or(span, |t| Span::new(t.start, span.end)));
        }
    }

    /// Ends the block being read, if it holds prose.
    fn flush(&mut self) {
        if let Some(s) = self.leaf.take() {
            self.out.blocks.push(s);
        }
    }

    fn open(&mut self, tag: Tag<'_>, span: Span) {
        self.flush();
        self.own_paragraph = matches!(tag, Tag::Paragraph) && self.containers == 0;
        if matches!(
            tag,
            Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)
        ) {
            self.containers += 1;
        }
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((level as u32, span, None)),
            Tag::Table(_) => {
                self.table = Some(Table {
                    span,
                    rows: Vec::new(),
                })
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.cell = Some(span.start),
            Tag::FootnoteDefinition(_) => self.out.footnotes.push(span),
            _ => {}
        }
    }

    fn close(&mut self, tag: TagEnd, span: Span) {
        let ended = self.leaf;
        self.flush();
        if matches!(
            tag,
            TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::FootnoteDefinition
        ) {
            self.containers = self.containers.saturating_sub(1);
        }
        if matches!(tag, TagEnd::Paragraph) && self.own_paragraph {
            self.out.paragraphs.extend(ended);
            self.own_paragraph = false;
        }
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, whole, title)) = self.heading.take() {
                    self.out.headings.push(Heading {
                        level,
                        span: whole,
                        title: title.unwrap_or(Span::new(whole.end, whole.end)),
                    });
                }
            }
            TagEnd::TableCell => {
                let at = self.cell.take().unwrap_or(span.start);
                let c = ended.unwrap_or(Span::new(at, at));
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(c);
                }
            }
            TagEnd::Table => self.out.tables.extend(self.table.take()),
            TagEnd::Paragraph if self.table.is_none() => self.pipe_table(span, ended),
            _ => {}
        }
    }

    /// A paragraph at `span` (whose prose was `ended`) that is a table without a delimiter
    /// row: its cells replace it among the blocks, and its pipes are no prose.
    fn pipe_table(&mut self, span: Span, ended: Option<Span>) {
        let Some(t) = pipe_rows(&self.prose, span) else {
            return;
        };
        if ended.is_some() {
            self.out.blocks.pop();
        }
        for row in &t.rows {
            self.out.blocks.extend(row.iter().filter(|c| !c.is_empty()));
        }
        for line in crate::text::lines(&self.text[span.start..span.end]) {
            for i in line.start..line.end {
                if self.prose[span.start + i] == b'|' {
                    self.prose[span.start + i] = b' ';
                }
            }
        }
        self.out.tables.push(t);
    }

    fn finish(mut self) -> Reading {
        self.flush();
        // Only whole ASCII bytes were replaced, and only inside ranges the parser gave, which
        // start and end on character boundaries; the copy is valid UTF-8 whenever the text is.
        self.out.prose = String::from_utf8(self.prose).unwrap_or_else(|e| {
            // Unreachable; should it ever happen, blanking keeps every offset.
            let mut bytes = e.into_bytes();
            bytes
                .iter_mut()
                .filter(|b| **b >= 0x80)
                .for_each(|b| *b = b' ');
            String::from_utf8(bytes).unwrap_or_default()
        });
        self.out
    }
}

/// A paragraph of two lines or more that all start with `|` is a table written without the
/// delimiter row GitHub's tables need (as converters of HTML tables often write them): its
/// cells, split at the pipes of its prose (so that pipes in code or links do not split).
fn pipe_rows(prose: &[u8], span: Span) -> Option<Table> {
    let body = &prose[span.start..span.end];
    let text = std::str::from_utf8(body).ok()?;
    let mut rows = Vec::new();
    for line in crate::text::lines(text) {
        let l = &body[line.start..line.end];
        let lead = l.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        if l.get(lead) != Some(&b'|') {
            return None;
        }
        let mut row = Vec::new();
        let mut at = line.start + lead + 1;
        let end = line.end;
        while at <= end {
            let stop = body[at..end]
                .iter()
                .position(|&b| b == b'|')
                .map_or(end, |p| at + p);
            let cell = &body[at..stop];
            let a = cell.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let b = cell
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            let (cs, ce) = (at + a, (stop - b).max(at + a));
            // The empty text after a closing pipe is no cell.
            if !(stop == end && cs == ce) {
                row.push(Span::new(span.start + cs, span.start + ce));
            }
            at = stop + 1;
        }
        rows.push(row);
    }
    (rows.len() >= 2).then_some(Table { span, rows })
}

/// Tags that open a block: prose on either side of them belongs to different blocks.
fn is_block(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose of `text` with runs of blanks squeezed, for reading in assertions.
    fn prose(text: &str) -> String {
        let r = read(text);
        assert_eq!(r.prose.len(), text.len());
        r.prose.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn code_html_comments_and_link_targets_are_not_prose() {
        let text = "---\ndate: 2020-01-02\n---\n# Title\n\nSee [the note](https://example.org/2019/05 \"May 5\") and <https://x.org/7>.\n\n```\nTuesday, May 9, 2017\n```\n\n    indented 40%\n\n<!-- 3 million -->\n<div>12 tons</div>\n\nInline `5%` code[^1].\n\n[^1]: A note of 7 words.\n";
        assert_eq!(
            prose(text),
            "Title See the note and . Inline code . A note of 7 words."
        );
        // A link inside an image's description keeps the rest of it hidden.
        assert_eq!(prose("![see [x](y) 2019 chart](z) after\n"), "after");
    }

    #[test]
    fn blocks_are_paragraphs_headings_items_and_cells() {
        let text = "# Head\n\nOne two.\nThree.\n\n- item a\n- item b\n\n| Year | Sum |\n|---|---|\n| 2020 | $5 |\n| Total | |\n";
        let r = read(text);
        let blocks: Vec<&str> = r.blocks.iter().map(|b| &text[b.start..b.end]).collect();
        assert_eq!(
            blocks,
            [
                "Head",
                "One two.\nThree.",
                "item a",
                "item b",
                "Year",
                "Sum",
                "2020",
                "$5",
                "Total"
            ]
        );
        assert_eq!(r.headings.len(), 1);
        assert_eq!(r.headings[0].level, 1);
        let t = &r.tables[0];
        assert_eq!(t.rows.len(), 3);
        assert_eq!(&text[t.rows[1][1].start..t.rows[1][1].end], "$5");
        assert!(t.rows[2][1].is_empty());
        let at = text.find("$5").unwrap();
        assert_eq!(t.cell_at(at), Some((1, 1)));
    }

    #[test]
    fn rows_of_pipes_without_a_delimiter_row_are_a_table() {
        let text = "| Account | FY2026 | FY2027\n| **Courts** | $3.3 | $3.8\n| [Other](https://x.org/a|b) | $2.5 | \n\nNext.\n";
        let r = read(text);
        let t = &r.tables[0];
        let cells: Vec<Vec<&str>> = t
            .rows
            .iter()
            .map(|row| row.iter().map(|c| &text[c.start..c.end]).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["Account", "FY2026", "FY2027"],
                vec!["Courts", "$3.3", "$3.8"],
                vec!["Other", "$2.5"]
            ]
        );
        let blocks: Vec<&str> = r.blocks.iter().map(|b| &text[b.start..b.end]).collect();
        assert_eq!(blocks.len(), 9, "{blocks:?}");
        assert_eq!(blocks[8], "Next.");
        assert!(!r.prose.contains('|'));
    }

    #[test]
    fn multi_byte_text_keeps_its_offsets() {
        let text = "Café — `naïve` <b>é</b> ✓ 5 €\n";
        let r = read(text);
        assert_eq!(r.prose.len(), text.len());
        assert!(r.prose.starts_with("Café —"));
        assert!(r.prose.contains("✓ 5 €"));
        assert!(!r.prose.contains("naïve"));
    }

    #[test]
    fn the_analysis_finds_nothing_outside_prose() {
        let text = "# Notes\n\n```\nOn Oct. 31, 2014 we paid $5 million.\n```\n\n    Indented: 40% in 2019.\n\n<!-- 3 million tons on May 5, 2020 -->\n\n<p>12 tons on June 1, 2018</p>\n\nSee `7%` and [the page](https://example.org/2014/10/31/5-million) and <https://example.org/2019/30%25>.[^9]\n\n[^9]: https://example.org/2011/7\n";
        let a = crate::analyze(text, &crate::Config::default(), crate::Format::Markdown);
        let found: Vec<&str> = a
            .dates
            .iter()
            .map(|d| d.span)
            .chain(a.figures.iter().map(|f| f.span))
            .map(|s| &text[s.start..s.end])
            .collect();
        assert!(found.is_empty(), "{found:?}");
        assert!(a.findings.is_empty(), "{:?}", a.findings);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The prose keeps the text's length, line breaks and bytes wherever it is not blank,
        /// and blocks, headings and cells are in order inside it, on character boundaries.
        #[test]
        fn prose_keeps_every_offset(
            text in "([-#>|*_`~\\[\\]()<>!:^0-9a-zé€ \t\r\n]|```|---|\\| --- \\||https://x.org/1){0,60}"
        ) {
            let r = read(&text);
            proptest::prop_assert_eq!(r.prose.len(), text.len());
            for (a, b) in text.bytes().zip(r.prose.bytes()) {
                proptest::prop_assert!(a == b || b == b' ', "{text:?}");
                proptest::prop_assert!((a == b'\n') == (b == b'\n'));
            }
            let mut last = 0;
            for b in &r.blocks {
                proptest::prop_assert!(last <= b.start && b.start <= b.end && b.end <= text.len(), "{text:?} {:?}", r.blocks);
                proptest::prop_assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
                last = b.end;
            }
            for t in &r.tables {
                for c in t.rows.iter().flatten() {
                    proptest::prop_assert!(t.span.start <= c.start && c.end <= t.span.end);
                }
            }
        }
    }
}
