//! Finds figures: money, percentages, counts, quantities and multipliers, with the interval
//! their wording allows and the conversions written beside them.
//!
//! A figure is read in steps, each in the module of what it recognises: the number it opens with
//! and its scale and range (`amount`, `words`), then what follows it, a currency (`money`), a
//! percent word or unit (`measures`) or the noun of a count (`counts`); `labels` turns away the
//! numbers that name things.

mod amount;
mod counts;
mod labels;
mod measures;
mod money;
mod words;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use super::token::{Kind, Token, Tokens, lower};
use super::units;
use crate::model::{Figure, FigureKind, Qualifier};
use crate::text::Span;
use words::multiplier_word;
pub(crate) use words::start_words;

pub struct Options<'a> {
    /// The ISO code a bare `$` or `dollars` means.
    pub dollar: &'a str,
    /// The configuration's `[[patterns]]`, whose units are read after numbers.
    pub patterns: &'a [crate::config::Pattern],
}

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Tokens already taken by dates.
    taken: &'a [bool],
    dollar: &'a str,
    patterns: &'a [crate::config::Pattern],
}

/// Finds figures in token order. `taken[i]` marks tokens that belong to dates.
pub fn find(
    text: &str,
    toks: &[Token],
    taken: &[bool],
    options: &Options<'_>,
    out: &mut Vec<Figure>,
) {
    let p = Parser {
        text,
        toks,
        taken,
        dollar: options.dollar,
        patterns: options.patterns,
    };
    let first = out.len();
    let mut i = 0;
    while i < toks.len() {
        // A tight scan to the next token a figure can open at (`may_open`).
        let Some(k) = toks[i..]
            .iter()
            .position(|t| t.class & super::token::FIGURE_OPEN != 0)
        else {
            break;
        };
        i += k;
        if taken[i] {
            i += 1;
            continue;
        }
        match p.figure_at(i) {
            Some((figure, end)) => {
                out.push(figure);
                i = end;
            }
            None => i += 1,
        }
    }
    link_conversions(text, &mut out[first..], first);
}

/// `3.22 trillion won ($3.11 billion)`: money followed by money in parentheses is one amount in
/// two currencies.
fn link_conversions(text: &str, figures: &mut [Figure], offset: usize) {
    for k in 1..figures.len() {
        let (a, b) = (&figures[k - 1], &figures[k]);
        if a.kind != FigureKind::Money || b.kind != FigureKind::Money || a.unit == b.unit {
            continue;
        }
        let between = text[a.span.end..b.span.start].trim();
        let between = between.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ');
        let closes = text[b.span.end..].trim_start().starts_with(')');
        if between == "(" && closes || between == "(about" {
            figures[k - 1].conversion = Some(offset + k);
            figures[k].conversion = Some(offset + k - 1);
        }
    }
}

impl<'a> Tokens<'a> for Parser<'a> {
    fn tokens(&self) -> (&'a str, &'a [Token]) {
        (self.text, self.toks)
    }
}

/// A number as written: its value and the half-width of its last written digit.
#[derive(Clone, Copy, Debug)]
struct Num {
    value: f64,
    /// Half of one unit in the last written digit (`1.5` → 0.05, `7,000` → 0.5).
    half_ulp: f64,
    /// Token index after the number.
    end: usize,
    /// Written in words (`Forty-four`).
    words: bool,
}

impl Num {
    /// A number in words, which is exact to its last word.
    fn in_words(value: f64, end: usize) -> Num {
        Num {
            value,
            half_ulp: 0.5,
            end,
            words: true,
        }
    }
}

/// The number a figure starts with, the other end of its range, and the scale word after them.
#[derive(Clone, Copy)]
struct Amount {
    low: Num,
    high: Option<Num>,
    /// A scale word's multiplier and the token after it.
    scale: Option<(f64, usize)>,
    /// The token after the number or the range, before the scale word.
    end: usize,
}

/// A figure's number once scaled, for the steps that decide what it counts or measures by what
/// follows it.
#[derive(Clone, Copy)]
struct Reading {
    /// The figure's first token.
    start: usize,
    /// The token after the number, its range and its scale word.
    end: usize,
    /// The first number as written.
    num: Num,
    value: f64,
    bounds: (f64, f64),
    range: Option<(f64, f64)>,
    /// A scale word followed the number.
    scaled: bool,
    /// The number opens a range.
    ranged: bool,
}

impl Parser<'_> {
    /// The currency `$` stands for; borrowed for the ISO codes Dossier knows.
    fn dollar_code(&self) -> Cow<'static, str> {
        units::iso_code(self.dollar)
            .map_or_else(|| Cow::Owned(self.dollar.to_string()), Cow::Borrowed)
    }

    /// Whether token `i` exists and no date took it.
    fn free(&self, i: usize) -> bool {
        i < self.toks.len() && !self.taken[i]
    }

    /// Qualifier words before the number at `i`: returns the qualifier.
    fn qualifier_before(&self, i: usize) -> Qualifier {
        let (mut b1, mut b2) = ([0; 32], [0; 32]);
        let w1 = i
            .checked_sub(1)
            .and_then(|k| self.word(k))
            .map(|w| lower(w, &mut b1));
        let w2 = i
            .checked_sub(2)
            .and_then(|k| self.word(k))
            .map(|w| lower(w, &mut b2));
        match (w2, w1) {
            (Some("more" | "greater" | "higher"), Some("than")) => Qualifier::AtLeast,
            (Some("at"), Some("least")) => Qualifier::AtLeast,
            (Some("less" | "fewer" | "lower"), Some("than")) => Qualifier::AtMost,
            (Some("up"), Some("to")) => Qualifier::AtMost,
            (Some("at"), Some("most")) => Qualifier::AtMost,
            (Some("as"), Some("many" | "much")) => Qualifier::AtMost,
            (Some("an"), Some("estimated")) => Qualifier::About,
            (_, Some("about" | "around" | "approximately" | "nearly" | "almost" | "roughly"))
            | (_, Some("some" | "circa" | "approx" | "estimated")) => Qualifier::About,
            (_, Some("over" | "above" | "exceeding")) => Qualifier::AtLeast,
            (_, Some("under" | "below")) => Qualifier::AtMost,
            _ => Qualifier::Exact,
        }
    }

    /// A figure at `i`, with a leading minus sign (`-1.5`, `minus five percent`) applied. The
    /// caller has asked `may_open(i)`.
    fn figure_at(&self, i: usize) -> Option<(Figure, usize)> {
        let minus_sign = matches!(self.s(i), "-" | "−")
            && (i == 0 || self.toks[i].gap)
            && self.glued(i + 1)
            && self.kind(i + 1) == Some(Kind::Number);
        let minus_word = self
            .word(i)
            .is_some_and(|w| w.eq_ignore_ascii_case("minus") || w.eq_ignore_ascii_case("negative"))
            && self.toks.get(i + 1).is_some_and(|t| t.kind != Kind::Punct);
        if !(minus_sign || minus_word) {
            let (mut f, end) = self.unsigned_figure_at(i)?;
            f.written = self.written_beyond_precision(i, end);
            return Some((f, end));
        }
        if !self.may_open(i + 1) {
            return None;
        }
        let (mut f, end) = self.unsigned_figure_at(i + 1)?;
        f.span.start = self.toks[i].span.start;
        f.value = -f.value;
        f.bounds = (-f.bounds.1, -f.bounds.0);
        f.range = f.range.map(|(a, b)| (-b, -a));
        // The sign is part of the number as written.
        f.written = self
            .written_beyond_precision(i + 1, end)
            .map(|w| Span::new(f.span.start, w.end));
        Some((f, end))
    }

    /// For a figure over tokens `[a, b)` with more significant digits than an `f64` holds: its
    /// number as written, from the first numeral to the last and the scale word after it
    /// (`999999999999999999999 million`; the `m` of `… m` is the unit, shown apart).
    fn written_beyond_precision(&self, a: usize, b: usize) -> Option<Span> {
        let mut numerals = (a..b).filter(|&k| self.kind(k) == Some(Kind::Number));
        if numerals.clone().all(|k| holds_every_digit(self.s(k))) {
            return None;
        }
        let first = numerals.next()?;
        let mut last = numerals.next_back().unwrap_or(first);
        if last + 1 < b
            && self.word(last + 1).and_then(units::scale).is_some()
            && self.unit_at(last + 1).is_none()
        {
            last += 1;
        }
        Some(self.span(first, last + 1))
    }

    /// Whether a figure can start at token `i`, as the tokenizer marked it: most tokens are
    /// words and punctuation that open none, and are passed over without a call.
    fn may_open(&self, i: usize) -> bool {
        self.toks[i].class & super::token::FIGURE_OPEN != 0
    }

    /// A figure at `i`, for which `may_open(i)` holds: a share written the other way round or a
    /// multiplier word, else a number, its range and scale, and what follows them: a currency,
    /// a percent sign or word, a unit, `-fold`, or the noun a count counts.
    fn unsigned_figure_at(&self, i: usize) -> Option<(Figure, usize)> {
        if let Some(of) = self.percent_of_at(i) {
            return self.share_of(i, of);
        }
        // Word-only multipliers: `doubled`, `twofold`.
        if let Some(m) = self.word(i).and_then(multiplier_word) {
            let figure = self.make(i, i + 1, FigureKind::Multiplier, m, None, (m, m), None);
            return Some((figure, i + 1));
        }
        let (prefix, num) = self.opening_number(i)?;
        if let Some(ordinal) = self.ordinal(i, num) {
            return Some(ordinal);
        }
        let amount = self.amount(i, num, prefix.is_some());
        if let Some(count) = self.digits_and_scale_words(i, &amount, prefix.is_some()) {
            return Some(count);
        }
        let r = amount.reading(i);
        if let Some(c) = prefix {
            return Some(self.money_after_prefix(&r, c));
        }
        // A unit the configuration defines wins over the words Dossier knows.
        self.configured_unit(&r)
            .or_else(|| self.percent(&r))
            .or_else(|| self.money_after_number(&r))
            .or_else(|| self.compound_quantity(&r))
            .or_else(|| self.multiplier(&r))
            .or_else(|| self.quantity(&r))
            .or_else(|| self.count(&r))
    }

    /// The number a figure at `i` starts with, and the currency written before it (`$`, `USD`).
    /// Punctuation opens a figure only as a currency sign or a point (`.5`), and a number that
    /// labels something (`Article 9`) opens none.
    fn opening_number(&self, i: usize) -> Option<(Option<&'static str>, Num)> {
        let (prefix, start) = match self.prefix_currency(i) {
            Some((c, j)) if self.kind(j) == Some(Kind::Number) && self.free(j) => (Some(c), j),
            _ => (None, i),
        };
        if prefix.is_none() && self.kind(i) == Some(Kind::Punct) && !self.is(i, ".") {
            return None;
        }
        if self.kind(start) == Some(Kind::Number) && self.is_label(start) {
            return None;
        }
        Some((prefix, self.number(start)?))
    }

    /// A figure of `r` ending at `end`, with its value, bounds and range.
    /// A quantity in a unit the configuration defines, whose match starts at the token after
    /// the number and ends where a token ends.
    fn configured_unit(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if self.patterns.is_empty() || !self.free(j) {
            return None;
        }
        let at = self.toks[j].span.start;
        units::configured(self.patterns, self.text, at).find_map(|(end, symbol)| {
            let k = j + self.toks[j..].partition_point(|t| t.span.end < end);
            let whole = self.toks.get(k).is_some_and(|t| t.span.end == end);
            (whole && (j..=k).all(|k| self.free(k))).then(|| {
                let unit = Cow::Owned(symbol.to_string());
                self.figure_of(r, k + 1, FigureKind::Quantity, Some(unit))
            })
        })
    }

    fn figure_of(
        &self,
        r: &Reading,
        end: usize,
        kind: FigureKind,
        unit: Option<Cow<'static, str>>,
    ) -> (Figure, usize) {
        let f = self.make(r.start, end, kind, r.value, unit, r.bounds, r.range);
        (f, end)
    }

    /// A figure over tokens `[start, end)`, qualified by the words before it.
    #[allow(clippy::too_many_arguments)]
    fn make(
        &self,
        start: usize,
        end: usize,
        kind: FigureKind,
        value: f64,
        unit: Option<Cow<'static, str>>,
        bounds: (f64, f64),
        range: Option<(f64, f64)>,
    ) -> Figure {
        Figure {
            span: self.span(start, end),
            kind,
            value,
            unit,
            qualifier: self.qualifier_before(start),
            range,
            bounds,
            ordinal: false,
            conversion: None,
            noun: None,
            written: None,
        }
    }
}

/// Whether an `f64` holds a numeral at the precision it is written with (`1,234.50`): 15 digits
/// (`f64::DIGITS`) from the first that is not zero to the last, zeros after it included, since
/// they state its precision (`7,000` is 6,999.5 to 7,000.5).
fn holds_every_digit(numeral: &str) -> bool {
    // Fewer bytes than that are fewer digits: most numerals stop here.
    if numeral.len() <= f64::DIGITS as usize {
        return true;
    }
    let mut digits = numeral.bytes().filter(u8::is_ascii_digit);
    digits.by_ref().find(|&d| d != b'0');
    digits.count() < f64::DIGITS as usize
}
