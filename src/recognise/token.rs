//! Splits a report into words, numbers and punctuation that the recognisers match patterns on.
//!
//! Tokens keep their byte spans and whether white space stood before them, so a pattern can tell
//! `Oct. 17-25` (glued) from `17 - 25` (spaced) without looking at the text again.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::text::Span;

/// `Token::class` bit: the word can open a date (`October`, `late`, `the`).
pub const DATE_START: u8 = 1;
/// `Token::class` bit: the word can open a figure (`two`, `doubled`, `a`).
pub const FIGURE_START: u8 = 2;
/// `Token::class` bit: the word starts with a capital letter (`Seoul`, `Élysée`).
pub const CAPITAL: u8 = 4;
/// `Token::class` bit: a figure can start at this token: a number, a figure start word, an ISO
/// currency code (`USD 5m`), a word before a glued number or a `$` (`USD5m`, `HK$`), a currency sign, a
/// point (`.5`) or a minus sign. The figure recogniser asks only these tokens.
pub const FIGURE_OPEN: u8 = 8;

/// The keyword classes of every lower-cased word that has one. Looking a word up once here,
/// when the text is split, spares each recogniser its own look-up for every word of a report.
static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, u8> = FxHashMap::default();
    for w in super::dates::start_words() {
        *map.entry(w).or_default() |= DATE_START;
    }
    for w in super::figures::start_words() {
        *map.entry(w).or_default() |= FIGURE_START;
    }
    let mut ends = [0u32; 27 * 27];
    let mut starts = [0u32; 27 * 27];
    let mut packed_map = FxHashMap::default();
    for (w, &class) in &map {
        let (b, n) = (w.as_bytes(), w.len());
        debug_assert!(w.bytes().all(|c| c.is_ascii_lowercase()) && n <= 16, "{w}");
        ends[Classes::slot(b[0], b[n - 1])] |= 1 << n;
        starts[Classes::slot(b[0], b[n.min(2) - 1])] |= 1 << n;
        if let Some(key) = packed(b) {
            packed_map.insert(key, class);
        }
    }
    let map = packed_map;
    Classes { map, ends, starts }
});

/// Each byte's letter, `a` and `A` both 0 through `z` and `Z` 25; 26 for any other byte, whose
/// rows and columns of the filters stay empty.
static LETTER: [u8; 256] = {
    let mut t = [26u8; 256];
    let mut k = 0;
    while k < 26 {
        t[b'a' as usize + k] = k as u8;
        t[b'A' as usize + k] = k as u8;
        k += 1;
    }
    t
};

/// Keyword classes by word, with a filter that turns most words away before hashing them.
struct Classes {
    /// By the word packed into an integer (`packed`).
    map: FxHashMap<u128, u8>,
    /// For each first and last letter, the lengths of the keywords that have them (as bits).
    ends: [u32; 27 * 27],
    /// The same for each first and second letter (`North` and `ninth` share their ends).
    starts: [u32; 27 * 27],
}

impl Classes {
    fn slot(first: u8, other: u8) -> usize {
        usize::from(LETTER[usize::from(first)]) * 27 + usize::from(LETTER[usize::from(other)])
    }

    /// Inlined into the tokenizer's loop: the filter turns away most words, and only the rest
    /// pay for a call.
    #[inline(always)]
    fn of(&self, word: &str) -> u8 {
        let (b, n) = (word.as_bytes(), word.len());
        // Keywords are short ASCII words; a byte that is no letter at the first, second or last
        // place falls in an empty row or column and fails the filter.
        if n >= 32
            || self.ends[Classes::slot(b[0], b[n - 1])]
                & self.starts[Classes::slot(b[0], b[n.min(2) - 1])]
                & (1 << n)
                == 0
        {
            return 0;
        }
        self.look_up(word)
    }

    #[inline(never)]
    fn look_up(&self, word: &str) -> u8 {
        packed(word.as_bytes())
            .and_then(|key| self.map.get(&key))
            .copied()
            .unwrap_or(0)
    }
}

/// A word of up to sixteen bytes, ASCII-lower-cased and packed into an integer: hashing and
/// comparing it takes a few instructions, where a string key costs a loop and a `memcmp`.
/// Keywords are ASCII, so no other word packs to theirs (no word holds a NUL byte).
fn packed(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(buf))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters (apostrophes and hyphens are separate tokens).
    Word,
    /// Digits with inner `,` or `.` separators: `1,500`, `3.22`.
    Number,
    /// Any other single character.
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub span: Span,
    pub kind: Kind,
    /// White space stood between this token and the previous one.
    pub gap: bool,
    /// A line break stood between this token and the previous one.
    pub newline: bool,
    /// Classes of a word (`DATE_START`, `FIGURE_START`, `CAPITAL`); 0 for other tokens.
    pub class: u8,
}

/// Reads a paragraph's tokens by index, for the recognisers' patterns: what token `i` is and how
/// it stands to the one before. An index past the end reads as no token, so a pattern can look
/// ahead without testing the length first. The patterns ask these for every candidate, dozens
/// of times each, so they compare lengths and bytes without slicing a `str` where they can.
pub trait Tokens<'a> {
    /// The text and the tokens split from it.
    fn tokens(&self) -> (&'a str, &'a [Token]);

    /// The text of token `i`, empty past the end.
    #[inline]
    fn s(&self, i: usize) -> &'a str {
        let (text, toks) = self.tokens();
        toks.get(i).map_or("", |t| &text[t.span.start..t.span.end])
    }

    #[inline]
    fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens().1.get(i).map(|t| t.kind)
    }

    /// The text of token `i` when it is a word.
    #[inline]
    fn word(&self, i: usize) -> Option<&'a str> {
        (self.kind(i) == Some(Kind::Word)).then(|| self.s(i))
    }

    /// Whether token `i` is exactly `s` (`.`, `,`, `$`), compared as bytes.
    #[inline]
    fn is(&self, i: usize, s: &str) -> bool {
        let (text, toks) = self.tokens();
        toks.get(i).is_some_and(|t| {
            t.span.len() == s.len() && &text.as_bytes()[t.span.start..t.span.end] == s.as_bytes()
        })
    }

    /// Whether token `i` is the word `w`, in any case.
    #[inline]
    fn is_word(&self, i: usize, w: &str) -> bool {
        let (text, toks) = self.tokens();
        toks.get(i).is_some_and(|t| {
            t.kind == Kind::Word
                && t.span.len() == w.len()
                && text.as_bytes()[t.span.start..t.span.end].eq_ignore_ascii_case(w.as_bytes())
        })
    }

    /// `i`, or the token after it when token `i` is the word `w` (`the`, `and`): where a
    /// pattern goes on after an optional word.
    #[inline]
    fn past(&self, i: usize, w: &str) -> usize {
        if self.is_word(i, w) { i + 1 } else { i }
    }

    /// Whether token `i` follows the one before it without white space.
    #[inline]
    fn glued(&self, i: usize) -> bool {
        self.tokens().1.get(i).is_some_and(|t| !t.gap)
    }

    /// The text's span of tokens `[a, b)`, which must not be empty.
    #[inline]
    fn span(&self, a: usize, b: usize) -> Span {
        let toks = self.tokens().1;
        Span::new(toks[a].span.start, toks[b - 1].span.end)
    }

    /// How many numbers stand in a glued chain `n-n-n` through the number at `i` (`dash_chain`).
    fn dash_chain(&self, i: usize) -> usize {
        let (text, toks) = self.tokens();
        dash_chain(text, toks, i)
    }
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// `tokenize` into a buffer that is cleared first: an analysis splits paragraph after paragraph
/// into the same memory, which stays in the cache, instead of touching fresh memory for each.
pub fn tokenize_into(text: &str, tokens: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    tokens.clear();
    tokens.reserve(text.len() / 5);
    let mut i = 0;
    let mut gap = true;
    let mut newline = true;
    let classes = &*CLASSES;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
            gap = true;
            newline |= b == b'\n' || b == b'\r';
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if b.is_ascii_digit() {
            i += 1;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() {
                    i += 1;
                } else if (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                    || (bytes[i] == b',' && grouping_comma(&bytes[i + 1..]))
                {
                    i += 2;
                } else if let Some(n) = grouping_space(bytes, start, i) {
                    i += n;
                } else {
                    break;
                }
            }
            kind = Kind::Number;
        } else if b.is_ascii_alphabetic() {
            i += 1 + ascii_letters(&bytes[i + 1..]);
            // Letters beyond ASCII (José, Müller) continue a word.
            while i < bytes.len() && bytes[i] >= 0x80 {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !is_letter(c) {
                    break;
                }
                i += c.len_utf8();
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
            }
            kind = Kind::Word;
        } else if b < 0x80 {
            i += 1;
            kind = Kind::Punct;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if c.is_whitespace() {
                gap = true;
                newline |= c == '\u{2028}' || c == '\u{2029}';
                continue;
            }
            if is_letter(c) {
                while i < bytes.len() {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if !is_letter(c) {
                        break;
                    }
                    i += c.len_utf8();
                }
                kind = Kind::Word;
            } else {
                kind = Kind::Punct;
            }
        }
        let class = match kind {
            Kind::Word => {
                let word = &text[start..i];
                let capital = if b < 0x80 {
                    b.is_ascii_uppercase()
                } else {
                    word.chars().next().is_some_and(char::is_uppercase)
                };
                let class = classes.of(word) | if capital { CAPITAL } else { 0 };
                if opens_by_itself(class, word) {
                    class | FIGURE_OPEN
                } else {
                    class
                }
            }
            Kind::Number => FIGURE_OPEN,
            Kind::Punct => {
                let s = &text[start..i];
                if matches!(s, "." | "-" | "−") || super::units::currency_sign(s).is_some() {
                    FIGURE_OPEN
                } else {
                    0
                }
            }
        };
        let token = Token {
            span: Span::new(start, i),
            kind,
            gap,
            newline,
            class,
        };
        // A word before a glued number or a `$` may be a currency prefix (`USD5m`, `HK $3`).
        if makes_prefix(text, &token) {
            if let Some(prev) = tokens.last_mut().filter(|t| t.kind == Kind::Word) {
                prev.class |= FIGURE_OPEN;
            }
        }
        tokens.push(token);
        gap = false;
        newline = false;
    }
}

/// Whether a word opens a figure whatever follows it: a figure start word, or an ISO currency
/// code (`USD 5m`, `RMB`; other words of three capitals, `ROK`, `FTA`, open none).
fn opens_by_itself(class: u8, word: &str) -> bool {
    class & FIGURE_START != 0 || super::units::iso_code(word).is_some()
}

/// Whether `next` makes the word before it a possible currency prefix: a number glued to it
/// (`USD5m`) or a `$` (`US$`, `HK $3`).
fn makes_prefix(text: &str, next: &Token) -> bool {
    (next.kind == Kind::Number && !next.gap)
        || (next.kind == Kind::Punct && &text[next.span.start..next.span.end] == "$")
}

/// Sets again the `FIGURE_OPEN` bits that depend on the next token, after tokens were removed
/// (`toks` came from `tokenize` of `text` and lost some tokens since).
pub fn refresh_figure_open(text: &str, toks: &mut [Token]) {
    for i in 0..toks.len() {
        if toks[i].kind != Kind::Word {
            continue;
        }
        let t = toks[i];
        let word = &text[t.span.start..t.span.end];
        let next = toks.get(i + 1).is_some_and(|n| makes_prefix(text, n));
        toks[i].class = if opens_by_itself(t.class, word) || next {
            t.class | FIGURE_OPEN
        } else {
            t.class & !FIGURE_OPEN
        };
    }
}

/// Whether a character beyond ASCII continues a word. Curly quotes and dashes (`’`, `“`, `—`)
/// follow words all through a report, and Unicode's letter tables are slow to say no; their
/// block, General Punctuation, holds no letters.
fn is_letter(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphabetic()
}

/// How many ASCII letters `bytes` starts with, read eight bytes at a time. A word's end used to
/// be found by a loop that left at an unpredictable letter, the tokenizer's largest cost; here
/// most words end within the first eight bytes, found by arithmetic.
fn ascii_letters(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(Ok(chunk)) = bytes.get(n..n + 8).map(<[u8; 8]>::try_from) {
        let x = u64::from_le_bytes(chunk);
        // Each byte lower-cased and cut to seven bits, so that adding below cannot carry into
        // the next byte; bytes beyond ASCII are masked out as no letters.
        let y = (x | 0x2020_2020_2020_2020) & !HIGH;
        let from_a = y + 0x1f1f_1f1f_1f1f_1f1f; // top bit set where y >= b'a'
        let past_z = y + 0x0505_0505_0505_0505; // top bit set where y > b'z'
        let letters = from_a & !past_z & !x & HIGH;
        let other = !letters & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

/// A comma groups digits only before two or three of them (`1,500`, `12,34,567`); in
/// `12,2016` it separates a day from a year.
fn grouping_comma(after: &[u8]) -> bool {
    let run = after.iter().take_while(|b| b.is_ascii_digit()).count();
    // Two digits group only inside South Asian numbers, where another comma follows.
    run == 3 || (run == 2 && after.get(2) == Some(&b','))
}

/// Digits grouped by spaces: a narrow or no-break space before three digits (`40 000` with
/// U+202F), or plain spaces when at least three groups follow a short first one
/// (`1 234 567`), so that `Oct. 31 467 Chinese` stays two numbers. Returns the separator's length.
fn grouping_space(bytes: &[u8], start: usize, i: usize) -> Option<usize> {
    let three_digits = |at: usize| {
        bytes
            .get(at..at + 3)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
    };
    for sep in [
        "\u{202f}".as_bytes(),
        "\u{a0}".as_bytes(),
        "\u{2009}".as_bytes(),
    ] {
        if bytes[i..].starts_with(sep) && three_digits(i + sep.len()) {
            return Some(sep.len());
        }
    }
    if bytes[i] == b' '
        && (1..=3).contains(&(i - start))
        && bytes[start..i].iter().all(u8::is_ascii_digit)
    {
        // The whole chain must hold two more groups: ` ddd ddd`.
        if three_digits(i + 1) && bytes.get(i + 4) == Some(&b' ') && three_digits(i + 5) {
            return Some(1);
        }
    }
    if bytes[i] == b' '
        && i >= 4
        && bytes[i - 4] == b' '
        && three_digits(i + 1)
        && bytes[i - 3..i].iter().all(u8::is_ascii_digit)
    {
        // Later groups of a chain already begun.
        return Some(1);
    }
    None
}

/// A word in lower case, borrowed when it already is.
pub fn lowered(w: &str) -> Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Whether a word as written is `lower` (a lower-case ASCII word) once lower-cased:
/// `lowered(w) == lower` without a copy.
pub fn is_word(w: &str, lower: &str) -> bool {
    use std::cmp::Ordering;
    // Only ASCII letters and the Kelvin sign (three bytes) lower-case to ASCII: a word of the
    // same length matches only as ASCII, and only a longer one needs lower-casing.
    match w.len().cmp(&lower.len()) {
        Ordering::Equal => w.as_bytes().eq_ignore_ascii_case(lower.as_bytes()),
        Ordering::Greater => !w.is_ascii() && lowered(w) == lower,
        Ordering::Less => false,
    }
}

/// Calls `f` with a word in lower case: copied onto the stack for a short ASCII word, so that
/// keyword lists can be a `match` without a lower-cased string on the heap.
pub fn with_lowered<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if w.len() <= buf.len() && w.is_ascii() {
        f(lower(w, &mut buf))
    } else {
        f(&lowered(w))
    }
}

/// ASCII-lower-cases a short word into `buf` for keyword matching without allocating; longer or
/// non-ASCII words come back empty, which matches no keyword.
pub fn lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> &'b str {
    if word.len() > buf.len() || !word.is_ascii() {
        return "";
    }
    let out = &mut buf[..word.len()];
    // One pass, without a call to memcpy for a few bytes.
    for (d, s) in out.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    // SAFETY: `word` is ASCII, checked above, and lower-casing ASCII bytes leaves them ASCII, so
    // `out` is valid UTF-8. This runs for every keyword test; validating again cost 8% of an
    // analysis (callgrind).
    unsafe { std::str::from_utf8_unchecked(out) }
}

/// How many numbers stand in a glued chain `n-n-n` through the number token at `i`. Callers only
/// ask whether a chain has three or four links; counting stops at ten so that long runs like
/// `1-1-1-…` stay linear.
pub fn dash_chain(text: &str, toks: &[Token], i: usize) -> usize {
    let s = |k: usize| toks.get(k).map_or("", |t| &text[t.span.start..t.span.end]);
    let number = |k: usize| toks.get(k).is_some_and(|t| t.kind == Kind::Number);
    let glued = |k: usize| toks.get(k).is_some_and(|t| !t.gap);
    let linked = |k: usize| is_dash(s(k + 1)) && glued(k + 1) && glued(k + 2) && number(k + 2);
    let mut start = i;
    let mut back = 0;
    while back < 5 && start >= 2 && number(start - 2) && linked(start - 2) {
        start -= 2;
        back += 1;
    }
    let mut n = 1;
    let mut k = start;
    while n < 10 && linked(k) {
        n += 1;
        k += 2;
    }
    n
}

/// Dashes that join the ends of a range: hyphen, en dash, em dash, minus.
pub fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "–" | "—" | "‒" | "−" | "~")
}

/// Whether `s` is ASCII digits only (`2014`, not `2,014`); true of an empty `s`.
#[inline]
pub fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` is ASCII capitals only (`AIIB`, `USD`, not `Seoul`); true of an empty `s`.
#[inline]
pub fn all_capitals(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Apostrophes, straight and curly.
pub fn is_apostrophe(s: &str) -> bool {
    matches!(s, "'" | "’" | "‘")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| {
                let s = &text[t.span.start..t.span.end];
                format!("{}{s}", if t.gap { " " } else { "" })
            })
            .collect()
    }

    #[test]
    fn tokens_that_can_open_a_figure_are_marked() {
        let text = "USD5m, HK $3 and two euros, not Seoul or ROK; € .5 - xy7 q";
        let opens = |toks: &[Token]| -> Vec<String> {
            toks.iter()
                .filter(|t| t.class & FIGURE_OPEN != 0)
                .map(|t| text[t.span.start..t.span.end].to_string())
                .collect()
        };
        let mut toks = tokenize(text);
        let want = [
            "USD", "5", "HK", "$", "3", "two", "€", ".", "5", "-", "xy", "7",
        ];
        assert_eq!(opens(&toks), want);
        // Without the number glued to it, `xy` opens nothing.
        toks.retain(|t| &text[t.span.start..t.span.end] != "7");
        refresh_figure_open(text, &mut toks);
        assert_eq!(opens(&toks), &want[..10]);
    }

    #[test]
    fn general_punctuation_holds_no_letters() {
        for c in '\u{2000}'..='\u{206f}' {
            assert!(!c.is_alphabetic(), "{c:?}");
        }
        assert!(is_letter('é') && is_letter('한') && !is_letter('’'));
    }

    #[test]
    fn letter_runs_are_measured_like_a_byte_by_byte_scan() {
        let scan = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        // Every byte value at every place of a run, and runs of every length around the eight
        // bytes read at once.
        for len in 0..20 {
            for at in 0..=len {
                for c in 0..=255u8 {
                    let mut b = vec![b'q'; len];
                    b.push(b' ');
                    if at < b.len() {
                        b[at] = c;
                    }
                    assert_eq!(ascii_letters(&b), scan(&b), "{b:?}");
                }
            }
        }
        assert_eq!(ascii_letters(b"AzaZ@[`{"), 4);
    }

    #[test]
    fn numbers_keep_separators_and_words_split_at_hyphens() {
        assert_eq!(
            show("3.22 trillion won ($3.11 billion), 2,000-3,000 and 36-fold."),
            [
                " 3.22",
                " trillion",
                " won",
                " (",
                "$",
                "3.11",
                " billion",
                ")",
                ",",
                " 2,000",
                "-",
                "3,000",
                " and",
                " 36",
                "-",
                "fold",
                "."
            ]
        );
        assert_eq!(
            show("Park Geun-hye’s G20 2014."),
            [
                " Park", " Geun", "-", "hye", "’", "s", " G", "20", " 2014", "."
            ]
        );
        assert_eq!(show("Müller 한국"), [" Müller", " 한국"]);
    }
}
