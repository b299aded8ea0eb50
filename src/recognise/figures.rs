//! Finds figures: money, percentages, counts, quantities and multipliers, with the interval
//! their wording allows and the conversions written beside them.

use super::numbers;
use super::token::{Kind, Token, Tokens, is_dash, lower};
use super::units::{self, UNITS};
use crate::model::{Figure, FigureKind, Qualifier};
use crate::text::Span;
use std::borrow::Cow;

pub struct Options<'a> {
    /// The ISO code a bare `$` or `dollars` means.
    pub dollar: &'a str,
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

/// A number in words while it is read (`two thousand three hundred and five`): the groups a
/// power of a thousand closed, and the group being read.
struct WordSum {
    /// The groups closed by `thousand`, `million`… (`two thousand`).
    total: f64,
    /// The group being read (`three hundred and five`).
    current: f64,
    /// The token after the words read.
    end: usize,
}

impl WordSum {
    /// Whether the group being read is a number of tens (`forty`), which a unit completes.
    fn ends_in_tens(&self) -> bool {
        self.current >= 20.0 && self.current % 10.0 == 0.0
    }

    /// Adds the number word `v` after the words read when it continues them: a new group after
    /// a power of a thousand (`two thousand and two hundred`), a unit after tens (`forty four`),
    /// or tens and units after hundreds (`hundred five`). Returns whether it did.
    fn add(&mut self, v: f64) -> bool {
        let c = self.current;
        let continues = (c == 0.0 && self.total > 0.0)
            || (self.ends_in_tens() && v < 10.0)
            || (c % 100.0 == 0.0 && c >= 100.0 && v < 100.0);
        if continues {
            self.current += v;
            self.end += 1;
        }
        continues
    }

    /// The number the words read make.
    fn num(&self) -> Num {
        Num::in_words(self.total + self.current, self.end)
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

impl Amount {
    /// The figure's value, bounds and range once scaled, for a figure that starts at `start`.
    fn reading(&self, start: usize) -> Reading {
        let mult = self.scale.map_or(1.0, |(m, _)| m);
        let end = self.scale.map_or(self.end, |(_, e)| e);
        let value = self.low.value * mult;
        let bounds_of = |n: &Num| ((n.value - n.half_ulp) * mult, (n.value + n.half_ulp) * mult);
        let (lo_b, _) = bounds_of(&self.low);
        let hi_b = self
            .high
            .as_ref()
            .map_or(bounds_of(&self.low).1, |h| bounds_of(h).1);
        let range = self.high.as_ref().map(|h| (value, h.value * mult));
        Reading {
            start,
            end,
            num: self.low,
            value,
            bounds: (lo_b.max(0.0), hi_b),
            range,
            scaled: self.scale.is_some(),
            ranged: self.high.is_some(),
        }
    }
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

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// Tokens already taken by dates.
    taken: &'a [bool],
    dollar: &'a str,
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

/// Words that multiply by themselves: `doubled`, `threefold`, `halved`.
const MULTIPLIER_WORDS: [(&str, f64); 13] = [
    ("doubled", 2.0),
    ("doubling", 2.0),
    ("twofold", 2.0),
    ("tripled", 3.0),
    ("tripling", 3.0),
    ("threefold", 3.0),
    ("quadrupled", 4.0),
    ("quadrupling", 4.0),
    ("fourfold", 4.0),
    ("fivefold", 5.0),
    ("tenfold", 10.0),
    ("halved", 0.5),
    ("halving", 0.5),
];

/// The units (indices into `UNITS`, in its order) by their first word, lower-cased: a number
/// is followed by one of a hundred units at most, so only those that start right are tried.
static UNITS_BY_FIRST_WORD: std::sync::LazyLock<rustc_hash::FxHashMap<String, Vec<usize>>> =
    std::sync::LazyLock::new(|| {
        let mut map: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (k, unit) in UNITS.iter().enumerate() {
            map.entry(unit.words[0].to_ascii_lowercase())
                .or_default()
                .push(k);
        }
        map
    });

/// Every word that can open a figure, lower-cased (`token::FIGURE_START`): most words open
/// none, and the tokenizer's one look-up turns them away before any pattern runs.
pub(crate) fn start_words() -> impl Iterator<Item = &'static str> {
    numbers::words()
        .chain(MULTIPLIER_WORDS.iter().map(|(w, _)| *w))
        .chain([
            "a", "an", "dozen", "minus", "negative", "u", "rs", "percent", "percents", "per",
        ])
}

/// The value of a number word up to `hundred`, and whether it multiplies what stands before it
/// (`hundred`) rather than adding to it.
fn word_value(w: &str) -> Option<(f64, bool)> {
    let v = numbers::value(w)?;
    Some((f64::from(v), v == 100))
}

fn fraction_word(w: &str) -> Option<f64> {
    Some(match lower(w, &mut [0; 32]) {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

fn multiplier_word(w: &str) -> Option<f64> {
    let mut buf = [0; 32];
    let l = lower(w, &mut buf);
    MULTIPLIER_WORDS
        .iter()
        .find(|(m, _)| *m == l)
        .map(|&(_, v)| v)
}

/// Words that name a thing numbered, not counted: `Article 9`, `Resolution 2270`.
fn is_label_word(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "article"
            | "articles"
            | "section"
            | "chapter"
            | "paragraph"
            | "resolution"
            | "no"
            | "number"
            | "room"
            | "route"
            | "highway"
            | "flight"
            | "phase"
            | "item"
            | "clause"
            | "annex"
            | "table"
            | "figure"
            | "page"
            | "pp"
            | "p"
            | "vol"
            | "volume"
            | "step"
            | "rule"
            | "level"
            | "line"
            | "unit"
            | "block"
            | "building"
            | "gate"
            | "platform"
            | "exit"
            | "tier"
            | "grade"
            | "version"
            | "v"
            | "model"
            | "type"
            | "class"
            | "act"
            | "law"
            | "decree"
            | "order"
            | "bill"
            | "stage"
            | "season"
            | "episode"
            | "part"
            | "division"
            | "district"
            | "zone"
            | "sector"
            | "camp"
            | "site"
            | "reactor"
    )
}

impl<'a> Tokens<'a> for Parser<'a> {
    fn tokens(&self) -> (&'a str, &'a [Token]) {
        (self.text, self.toks)
    }
}

impl<'a> Parser<'a> {
    /// The currency `$` stands for; borrowed for the ISO codes Dossier knows.
    fn dollar_code(&self) -> Cow<'static, str> {
        units::iso_code(self.dollar)
            .map_or_else(|| Cow::Owned(self.dollar.to_string()), Cow::Borrowed)
    }

    fn free(&self, i: usize) -> bool {
        i < self.toks.len() && !self.taken[i]
    }

    /// `1/4` before a unit of measure: a fraction and the index after it.
    fn fraction_at(&self, i: usize) -> Option<(f64, usize)> {
        if !(self.is(i + 1, "/") && self.glued(i + 1) && self.glued(i + 2)) {
            return None;
        }
        let (a, b): (f64, f64) = (self.s(i).parse().ok()?, self.s(i + 2).parse().ok()?);
        if b == 0.0 || a >= b || self.unit_at(i + 3).is_none() {
            return None;
        }
        Some((a / b, i + 3))
    }

    /// A number written in digits or words at `i`.
    fn number(&self, i: usize) -> Option<Num> {
        if !self.free(i) {
            return None;
        }
        if self.kind(i) == Some(Kind::Number) {
            if let Some((v, end)) = self.fraction_at(i) {
                return Some(Num {
                    value: v,
                    half_ulp: 0.0,
                    end,
                    words: false,
                });
            }
            // `10 1/2 miles`: a whole number and a fraction.
            if self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.gap && t.kind == Kind::Number)
            {
                if let Some((v, end)) = self.fraction_at(i + 1) {
                    let whole: f64 = self.s(i).replace(',', "").parse().ok()?;
                    return Some(Num {
                        value: whole + v,
                        half_ulp: 0.0,
                        end,
                        words: false,
                    });
                }
            }
        }
        match self.kind(i)? {
            Kind::Number => {
                let s = self.s(i);
                // Thousands may be grouped by commas or by (narrow) spaces: `1 234 567`. Most
                // numbers have neither and are read as they stand.
                let clean: Cow<'_, str> = if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                    Cow::Borrowed(s)
                } else {
                    s.chars()
                        .filter(|&c| c != ',' && !c.is_whitespace())
                        .collect()
                };
                // A comma that does not group thousands (`1,5`) is not a number we read.
                if s.contains(',') && !valid_grouping(s) {
                    return None;
                }
                let value: f64 = clean.parse().ok()?;
                let decimals = clean.split('.').nth(1).map_or(0, str::len) as i32;
                Some(Num {
                    value,
                    half_ulp: 0.5 * 10f64.powi(-decimals),
                    end: i + 1,
                    words: false,
                })
            }
            Kind::Word => self.word_number(i),
            // `.08`: a decimal without its leading zero.
            Kind::Punct
                if self.is(i, ".")
                    && (i == 0 || self.toks[i].gap)
                    && self.glued(i + 1)
                    && self.kind(i + 1) == Some(Kind::Number)
                    && self.s(i + 1).bytes().all(|b| b.is_ascii_digit()) =>
            {
                let digits = self.s(i + 1);
                let value: f64 = format!("0.{digits}").parse().ok()?;
                Some(Num {
                    value,
                    half_ulp: 0.5 * 10f64.powi(-(digits.len() as i32)),
                    end: i + 2,
                    words: false,
                })
            }
            Kind::Punct => None,
        }
    }

    /// `Forty-four`, `two hundred and fifty`, `a dozen`, `one-third`.
    fn word_number(&self, i: usize) -> Option<Num> {
        let w = self.word(i)?;
        if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") {
            return self.after_article(i);
        }
        if w.eq_ignore_ascii_case("dozen") {
            return Some(Num::in_words(12.0, i + 1));
        }
        let (first, _) = word_value(w)?;
        if first >= 100.0 {
            return None;
        }
        let mut sum = WordSum {
            total: 0.0,
            current: first,
            end: i + 1,
        };
        loop {
            let j = sum.end;
            // `forty-four`, and `fifty - two` as some transcripts space it.
            let spaced = is_dash(self.s(j)) && !self.glued(j) && !self.glued(j + 1);
            if is_dash(self.s(j)) && (spaced || (self.glued(j) && self.glued(j + 1))) {
                if let Some((v, false)) = self.word(j + 1).and_then(word_value) {
                    if sum.ends_in_tens() && v < 10.0 {
                        sum.current += v;
                        sum.end += 2;
                        continue;
                    }
                }
                // `one-third`, `two-thirds`
                return self.hyphenated_fraction(&sum).or(Some(sum.num()));
            }
            let took = if self.is_word(j, "hundred") {
                self.hundreds(&mut sum);
                true
            } else if let Some(big) = self
                .word(j)
                .and_then(numbers::scale)
                .filter(|&v| v >= 1000.0)
            {
                self.thousands(&mut sum, big)
            } else if let Some((v, false)) = self.word(j).and_then(word_value) {
                sum.add(v)
            } else {
                false
            };
            if !took {
                return Some(sum.num());
            }
        }
    }

    /// `a dozen`, `a hundred`, `a thousand`, and `a` before a scale word (`a million`), which
    /// the caller reads as the scale of one.
    fn after_article(&self, i: usize) -> Option<Num> {
        if self.is_word(i + 1, "dozen") {
            return Some(Num::in_words(12.0, i + 2));
        }
        if self.is_word(i + 1, "hundred") {
            return Some(Num::in_words(100.0, i + 2));
        }
        if self.is_word(i + 1, "thousand") {
            return Some(Num::in_words(1000.0, i + 2));
        }
        self.word(i + 1)
            .is_some_and(|x| x.len() > 3 && units::scale(x).is_some())
            .then(|| Num::in_words(1.0, i + 1))
    }

    /// `one-third`, `two-thirds`: a fraction hyphenated to the units read so far, at the dash
    /// where `sum` ends.
    fn hyphenated_fraction(&self, sum: &WordSum) -> Option<Num> {
        let j = sum.end;
        let den = self.word(j + 1).and_then(fraction_word)?;
        (sum.current < 10.0 && sum.total == 0.0).then(|| Num {
            value: sum.current / den,
            half_ulp: 0.0,
            end: j + 2,
            words: true,
        })
    }

    /// `two hundred`, `two hundred and fifty`: `hundred` multiplies the group being read.
    fn hundreds(&self, sum: &mut WordSum) {
        sum.current *= 100.0;
        sum.end += 1;
        self.skip_and_before_a_number(sum);
    }

    /// `two thousand and five`, `one million two hundred`: a power of a thousand, `big`, closes
    /// the group being read. A scale above a thousand with no number word after it stays for
    /// the caller (`two million` is two with the scale of a million); then it takes nothing.
    fn thousands(&self, sum: &mut WordSum, big: f64) -> bool {
        let j = sum.end;
        let more = self.word(j + 1).and_then(word_value).is_some()
            || (self.is_word(j + 1, "and") && self.word(j + 2).and_then(word_value).is_some());
        if big > 1000.0 && !more {
            return false;
        }
        sum.total += sum.current * big;
        sum.current = 0.0;
        sum.end += 1;
        self.skip_and_before_a_number(sum);
        true
    }

    /// Takes the `and` of `hundred and fifty` when a number word follows it.
    fn skip_and_before_a_number(&self, sum: &mut WordSum) {
        let j = sum.end;
        if self.is_word(j, "and") && self.word(j + 1).and_then(word_value).is_some() {
            sum.end += 1;
        }
    }

    /// A scale word after a number: `million`, glued `bn`/`m`/`k`.
    fn scale_at(&self, j: usize, money: bool) -> Option<(f64, usize)> {
        let w = self.word(j)?;
        if !self.free(j) {
            return None;
        }
        let mut lw_buf = [0u8; 32];
        let lw = lower(w, &mut lw_buf);
        // Abbreviations that mean nothing else may stand apart (`10 bln`); `m`, `b`, `k`, `mil`
        // and `MM` must be glued to the number or follow money.
        let short = lw.len() <= 3 && !matches!(lw, "lac" | "bln" | "mln" | "tln" | "trn");
        if short {
            // `5m`, `$2bn`, `2.2 bn`: abbreviations count glued to the number, or after money.
            let ok = self.glued(j) || (money && matches!(lw, "bn" | "mn" | "tn" | "m"));
            if !ok
                || (lw == "b" && !money && !self.glued(j))
                || (lw == "m" && !money && !self.glued(j))
            {
                return None;
            }
            // `10M` and `1.2b` glued are millions and billions; a lower-case `m` is a metre.
            if lw == "m" && !money && !(w == "M" && self.glued(j)) {
                return None;
            }
        }
        // `US$ 1MM`: bankers write millions as MM.
        let (s, end) = if w == "MM" && self.glued(j) {
            (1e6, j + 1)
        } else {
            units::scale(w).map(|s| (s, j + 1))?
        };
        // `lakh crore`, `hundred million`: consecutive scale words multiply.
        if let Some(w2) = self.word(end).filter(|w2| w2.len() > 3) {
            if let Some(s2) = units::scale(w2) {
                return Some((s * s2, end + 1));
            }
        }
        Some((s, end))
    }

    /// Currency written before an amount: `$`, `US$`, `€`, `Rs.`, `USD`.
    fn prefix_currency(&self, i: usize) -> Option<(&'static str, usize)> {
        // No sign or code holds a digit, and every figure starting with a number asks.
        if self.kind(i) == Some(Kind::Number) {
            return None;
        }
        let s = self.s(i);
        if let Some(c) = units::currency_sign(s) {
            return Some((c, i + 1));
        }
        // `US$`, `HK$`, `NT$`: letters glued to `$`; set apart (`c $ 16.4 million`) only for
        // prefixes that cannot be an English word (`a $5 fee` is no Australian dollar).
        // (No sign is fifteen letters long; shorter ones are upper-cased on the stack, since
        // every `a $5 fee` asks.)
        if self.kind(i) == Some(Kind::Word) && self.is(i + 1, "$") && s.len() < 16 {
            let mut buf = [0u8; 16];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            buf[..s.len()].make_ascii_uppercase();
            buf[s.len()] = b'$';
            let sign = std::str::from_utf8(&buf[..=s.len()]).unwrap_or_default();
            let code = units::iso_code(&sign[..s.len()]).filter(|_| s.len() == 3);
            if let Some(c) = units::currency_sign(sign).or(code) {
                if self.glued(i + 1) || !matches!(s, "a" | "A" | "r" | "R" | "s" | "S") {
                    return Some((c, i + 2));
                }
            }
        }
        // `U.S. $`, `u.s $`.
        if s.eq_ignore_ascii_case("u") && self.is(i + 1, ".") && self.is_word(i + 2, "s") {
            let mut k = i + 3;
            if self.is(k, ".") {
                k += 1;
            }
            if self.is(k, "$") {
                return Some(("USD", k + 1));
            }
        }
        if s == "Rs" {
            let j = if self.is(i + 1, ".") && self.glued(i + 1) {
                i + 2
            } else {
                i + 1
            };
            return Some(("INR", j));
        }
        if let Some(c) = units::iso_code(s) {
            return Some((c, i + 1));
        }
        None
    }

    /// Currency written after an amount: `won`, `yuan`, `RMB`, `US dollars`, `euros`,
    /// `chinese yuan`, or a sign (`10 €`, `100元`).
    fn suffix_currency(&self, j: usize) -> Option<(&'static str, usize)> {
        if let Some(c) = units::currency_sign(self.s(j)).filter(|_| self.free(j)) {
            // A sign after the amount, unless it opens the next amount (`10 $ 30 $`).
            let opens_next = self.kind(j + 1) == Some(Kind::Number) && self.glued(j + 1);
            if !opens_next || self.is(j + 2, "$") || self.s(j + 2) == self.s(j) {
                return Some((c, j + 1));
            }
        }
        let w = self.word(j)?;
        if !self.free(j) {
            return None;
        }
        if let Some(w2) = self.word(j + 1) {
            if let Some(c) = units::qualified_currency(w, w2) {
                return Some((c, j + 2));
            }
            if let Some(w3) = self.word(j + 2) {
                if let Some(c) = units::qualified_currency(w2, w3) {
                    if matches!(w, "Hong" | "New" | "South") {
                        return Some((c, j + 3));
                    }
                }
            }
        }
        // A code in any case (`usd`), upper-cased on the stack: codes are three letters.
        let upper = <[u8; 3]>::try_from(w.as_bytes())
            .ok()
            .map(|b| b.map(|c| c.to_ascii_uppercase()));
        let upper = upper.as_ref().and_then(|b| std::str::from_utf8(b).ok());
        if let Some(c) = units::iso_code(w).or_else(|| upper.and_then(units::iso_code)) {
            return Some((c, j + 1));
        }
        // A nationality before a currency word: `chinese yuan`, `dutch guilders`.
        if let Some(c) = self.word(j + 1).and_then(units::currency_word) {
            let mut lw_buf = [0u8; 32];
            let lw = lower(w, &mut lw_buf);
            let nationality = ["ese", "ish", "ian", "an", "ch", "ic"]
                .iter()
                .any(|x| lw.ends_with(x))
                && lw.len() > 3;
            if nationality && c != "¢" {
                return Some((c, j + 2));
            }
        }
        let c = units::currency_word(w)?;
        // `pounds` without a scale is as often weight; the caller decides with the scale.
        Some((c, j + 1))
    }

    fn unit_at(&self, j: usize) -> Option<(&'static str, usize)> {
        if !self.free(j) {
            return None;
        }
        // `100t`: a bare `t` counts as tonnes only glued to the number.
        if self.is(j, "t") && self.glued(j) && !self.glued(j + 1) {
            return Some(("t", j + 1));
        }
        let first = self.word(j)?;
        let mut buf = [0; 32];
        let lowered;
        let key = if first.is_ascii() {
            lower(first, &mut buf)
        } else {
            // `µg`: the few units with letters beyond ASCII.
            lowered = first.to_ascii_lowercase();
            &lowered
        };
        let candidates = UNITS_BY_FIRST_WORD.get(key)?;
        'units: for unit in candidates.iter().map(|&k| &UNITS[k]) {
            for (k, uw) in unit.words.iter().enumerate() {
                let Some(w) = self.word(j + k) else {
                    continue 'units;
                };
                let matches = if uw.chars().any(char::is_uppercase) {
                    w == *uw
                } else {
                    w.eq_ignore_ascii_case(uw)
                };
                if !matches {
                    continue 'units;
                }
            }
            let end = j + unit.words.len();
            // `m212`: letters and digits run together are a code, not a unit.
            if self.glued(end)
                && self.kind(end) == Some(Kind::Number)
                && !matches!(self.s(end), "2" | "3")
            {
                return None;
            }
            // `km2`, `m3`: a power glued to a length.
            if matches!(unit.symbol, "km" | "m" | "mi" | "ft" | "cm")
                && self.glued(end)
                && matches!(self.s(end), "2" | "3")
            {
                let power = self.s(end);
                let symbol = match (unit.symbol, power) {
                    ("km", "2") => "km2",
                    ("km", _) => "km3",
                    ("m", "2") => "m2",
                    ("m", _) => "m3",
                    ("mi", _) => "mi2",
                    ("ft", "2") => "ft2",
                    ("ft", _) => "ft3",
                    _ => "cm2",
                };
                return Some((symbol, end + 1));
            }
            return Some((unit.symbol, end));
        }
        None
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

    /// True when the number at `i` is part of a name or label rather than a figure.
    fn is_label(&self, i: usize) -> bool {
        // `G20`, `F-16`, `Su-35`, `A380`: digits glued to letters or to a hyphen after letters (but
        // `USD115` is an amount).
        if i > 0 && self.glued(i) {
            let prev = self.s(i - 1);
            if self.kind(i - 1) == Some(Kind::Word) && units::iso_code(prev).is_none() {
                return true;
            }
            // `F-16`, `COVID-19`, `Su-35`, `scp-173`: digits after a name and a hyphen (not
            // `twenty-5` or `pre-2014`).
            if is_dash(prev)
                && i > 1
                && self.glued(i - 1)
                && self.word(i - 2).is_some_and(|w| {
                    word_value(w).is_none()
                        && !matches!(
                            lower(w, &mut [0; 32]),
                            "pre" | "post" | "mid" | "over" | "under" | "top" | "about"
                        )
                })
            {
                return true;
            }
            if matches!(prev, "#" | "№" | "/" | ":" | ".") && !matches!(prev, "." if i < 2) {
                return true;
            }
        }
        if self.glued(i + 1)
            && matches!(self.s(i + 1), ":" | "/")
            && self.glued(i + 2)
            && self.kind(i + 2) == Some(Kind::Number)
            && self.fraction_at(i).is_none()
        {
            return true; // a time or a ratio written as 10:30 or 1/2
        }
        // `Article 9`, `Resolution 2270`.
        if i > 0 && self.word(i - 1).is_some_and(is_label_word) {
            return true;
        }
        if i > 1 && self.is(i - 1, ".") && self.word(i - 2).is_some_and(is_label_word) {
            return true;
        }
        // A list marker: `1)` not preceded by `(`, or a number at a line start followed by `.`.
        if self.is(i + 1, ")") && self.glued(i + 1) && !(i > 0 && self.is(i - 1, "(")) {
            return true;
        }
        if self.toks[i].newline
            && self.is(i + 1, ".")
            && self.glued(i + 1)
            && !self.glued(i + 2)
            && self.toks.get(i + 2).is_some_and(|t| !t.newline)
        {
            return true;
        }
        // Phone numbers and codes: three or more groups of digits joined by dashes.
        if self.dash_chain(i) >= 3 {
            return true;
        }
        if i > 0 && self.is(i - 1, "+") && self.glued(i) {
            return true;
        }

        false
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
        self.percent(&r)
            .or_else(|| self.money_after_number(&r))
            .or_else(|| self.compound_quantity(&r))
            .or_else(|| self.multiplier(&r))
            .or_else(|| self.quantity(&r))
            .or_else(|| self.count(&r))
    }

    /// `percent of 10` opening a sentence or a note, the share written the other way round:
    /// the token of `of`.
    fn percent_of_at(&self, i: usize) -> Option<usize> {
        let opens = i == 0 || self.toks[i].newline || matches!(self.s(i - 1), "." | ":" | ";");
        let after_percent = if self.is_word(i, "percent") || self.is_word(i, "percents") {
            Some(i + 1)
        } else if self.is_word(i, "per") && self.is_word(i + 1, "cent") {
            Some(i + 2)
        } else {
            None
        };
        after_percent.filter(|&k| opens && self.is_word(k, "of"))
    }

    /// The share of `percent of 10`, whose `of` is token `of`.
    fn share_of(&self, i: usize, of: usize) -> Option<(Figure, usize)> {
        let n = self.number(of + 1)?;
        if self.word(n.end).is_some_and(|w| !is_function_word(w)) {
            return None;
        }
        let bounds = (n.value - n.half_ulp, n.value + n.half_ulp);
        let unit = Some("%".into());
        let f = self.make(i, n.end, FigureKind::Percent, n.value, unit, bounds, None);
        Some((f, n.end))
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

    /// Ordinals: `14th round`, with the noun it numbers.
    fn ordinal(&self, i: usize, num: Num) -> Option<(Figure, usize)> {
        let j = num.end;
        let suffixed = self
            .word(j)
            .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th"));
        if num.words || !self.glued(j) || !suffixed {
            return None;
        }
        let value = num.value;
        let mut figure = self.make(
            i,
            j + 1,
            FigureKind::Count,
            value,
            None,
            (value, value),
            None,
        );
        figure.ordinal = true;
        figure.noun = self.noun_at(j + 1);
        Some((figure, j + 1))
    }

    /// The number `num` at the start of a figure at `i` with the scale word after it and, for a
    /// range (`2,000-3,000`, `$1-2 billion`, `5 to 7 percent`, `between 5 and 7`, `$1 billion
    /// to $2 billion`), the number at its other end.
    fn amount(&self, i: usize, num: Num, money: bool) -> Amount {
        let mut a = Amount {
            low: num,
            high: None,
            scale: self.scale_at(num.end, money),
            end: num.end,
        };
        match a.scale {
            None => {
                if let Some(high) = self.range_end(i, num) {
                    a.high = Some(high);
                    a.end = high.end;
                    a.scale = self.scale_at(high.end, money);
                }
            }
            Some((mult, after)) => {
                if let Some(high) = self.scaled_range_end(i, num, (mult, after), money) {
                    a.high = Some(high);
                    a.end = high.end;
                    a.scale = Some((mult, high.end));
                }
            }
        }
        if a.scale.is_none() && a.high.is_none() {
            a.scale = self.dozens_at(a.end).or_else(|| {
                if money {
                    None
                } else {
                    self.scale_letter_at(a.end)
                }
            });
        }
        a
    }

    /// The other end of a range after the number `num` of a figure at `i`, before any scale:
    /// `2,000-3,000`, `$1-$2`, `5 to 7`, `between 5 and 7`. It must be larger and written the
    /// same way (digits or words).
    fn range_end(&self, i: usize, num: Num) -> Option<Num> {
        let j = num.end;
        let between = i > 0 && self.is_word(i - 1, "between");
        // After `from`, `to` opens the other end of a change, not a range.
        let from = i > 0 && self.is_word(i - 1, "from");
        let joiner = is_dash(self.s(j))
            || (self.is_word(j, "to") && !from)
            || (between && self.is_word(j, "and"));
        if !joiner || !self.free(j) {
            return None;
        }
        let k = if matches!(self.s(j + 1), "$" | "€" | "£" | "¥" | "₩") {
            j + 2
        } else {
            j + 1
        };
        let high = self
            .number(k)
            .filter(|n| n.value > num.value && n.words == num.words)?;
        (self.kind(k) != Some(Kind::Number) || !self.is_label(k)).then_some(high)
    }

    /// The other end of a range after a scaled number (`$1 billion to $2 billion`), in units of
    /// the first number's scale `mult`, whose word ends before `after`; its `end` is after its
    /// own scale word.
    fn scaled_range_end(
        &self,
        i: usize,
        num: Num,
        (mult, after): (f64, usize),
        money: bool,
    ) -> Option<Num> {
        let from = i > 0 && self.is_word(i - 1, "from");
        let joiner = is_dash(self.s(after)) || (self.is_word(after, "to") && !from);
        if !joiner {
            return None;
        }
        let k = if money && self.prefix_currency(after + 1).is_some() {
            after + 2
        } else {
            after + 1
        };
        let n2 = self.number(k)?;
        let (s2, e2) = self.scale_at(n2.end, money)?;
        (n2.value * s2 > num.value * mult).then(|| Num {
            value: n2.value * s2 / mult,
            half_ulp: n2.half_ulp * s2 / mult,
            end: e2,
            words: n2.words,
        })
    }

    /// `3 dozens`, `three dozen`: a dozen as the scale at `j`.
    fn dozens_at(&self, j: usize) -> Option<(f64, usize)> {
        let w = self.word(j)?;
        matches!(
            lower(w, &mut [0; 32]),
            "dozen" | "dozens" | "dzs" | "doz" | "dozs"
        )
        .then_some((12.0, j + 1))
    }

    /// `2.33 k`, `1,674.5 G`, `10G`: a scale letter at `j` closing a plain number at the end of
    /// a phrase, as spreadsheets and engineers write.
    fn scale_letter_at(&self, j: usize) -> Option<(f64, usize)> {
        let letter = match self.word(j) {
            Some("k" | "K") => 1e3,
            Some("M") => 1e6,
            Some("G") => 1e9,
            _ => return None,
        };
        let closes = self.toks.get(j + 1).is_none_or(|t| {
            t.newline || (t.kind == Kind::Punct && matches!(self.s(j + 1), "." | "," | ";" | ")"))
        });
        closes.then_some((letter, j + 1))
    }

    /// `3 hundred and 21`, `4 thousand 3 hundred and 21`: digits and scale words in turn, read
    /// as one count.
    fn digits_and_scale_words(&self, i: usize, a: &Amount, money: bool) -> Option<(Figure, usize)> {
        let (m, e) = a.scale.filter(|&(m, _)| {
            [100.0, 1000.0, 1e5, 1e7].contains(&m) && a.high.is_none() && !a.low.words && !money
        })?;
        let mut total = a.low.value * m;
        let mut k = e;
        let mut last = m;
        loop {
            let kk = if self.is_word(k, "and") { k + 1 } else { k };
            let Some(n) = self
                .number(kk)
                .filter(|n| n.value < last && n.value > 0.0 && n.value.fract() == 0.0)
            else {
                break;
            };
            let next_scale = self.word(n.end).and_then(|w| match lower(w, &mut [0; 32]) {
                "hundred" => Some(100.0),
                "thousand" => Some(1000.0),
                _ => None,
            });
            match next_scale {
                Some(s2) if s2 < last => {
                    total += n.value * s2;
                    last = s2;
                    k = n.end + 1;
                }
                None if (n.value < 100.0 || (last > 100.0 && n.value < last))
                    && self.word(n.end).and_then(units::scale).is_none() =>
                {
                    total += n.value;
                    k = n.end;
                    break;
                }
                _ => break,
            }
        }
        (k > e).then(|| {
            let f = self.make(i, k, FigureKind::Count, total, None, (total, total), None);
            (f, k)
        })
    }

    /// A figure of `r` ending at `end`, with its value, bounds and range.
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

    /// Money whose currency stands before it (`$5`, `USD 5m`), also when written again after it.
    fn money_after_prefix(&self, r: &Reading, c: &'static str) -> (Figure, usize) {
        let unit = if c == "$" {
            self.dollar_code()
        } else {
            Cow::Borrowed(c)
        };
        let j = r.end;
        let suffix = if units::currency_sign(self.s(j)).is_some() {
            None
        } else {
            self.suffix_currency(j)
        };
        let (unit, end) = match suffix {
            // `US$ 5 million dollars` and `$5 USD` say the same currency twice.
            Some((c2, e)) if c2 != "GBP" || units::currency_sign(self.s(r.start)).is_some() => {
                (if c2 == "$" { unit } else { Cow::Borrowed(c2) }, e)
            }
            _ => (unit, j),
        };
        self.figure_of(r, end, FigureKind::Money, Some(unit))
    }

    /// Percentages and percentage points: `21%`, `52 percent`, `21 per cent`, `2 percentage
    /// points`.
    fn percent(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if self.is(j, "%") {
            return Some(self.figure_of(r, j + 1, FigureKind::Percent, Some("%".into())));
        }
        let points = |k: usize| self.is_word(k, "points") || self.is_word(k, "point");
        let percentage_alone = self.is_word(j, "percentage") && !points(j + 1);
        if self.is_word(j, "percent")
            || self.is_word(j, "percents")
            || percentage_alone
            || self.is_word(j, "pct")
            || (self.is_word(j, "per") && self.is_word(j + 1, "cent"))
        {
            let mut end = if self.is_word(j, "per") { j + 2 } else { j + 1 };
            let mut kind = FigureKind::Percent;
            let mut unit = "%";
            if points(end) {
                kind = FigureKind::Points;
                unit = "pp";
                end += 1;
            }
            return Some(self.figure_of(r, end, kind, Some(unit.into())));
        }
        if self.is_word(j, "percentage") && points(j + 1) {
            return Some(self.figure_of(r, j + 2, FigureKind::Points, Some("pp".into())));
        }
        None
    }

    /// Money whose currency follows it: `30 MUSD`, `2.2 billion RMB`, `40 euros`, `5 pence`.
    fn money_after_number(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        // `30 MUSD`, `120 MEUR`: millions written into the code, as European finance does.
        if let Some(code) = self
            .word(j)
            .filter(|w| w.len() == 4 && w.starts_with('M'))
            .and_then(|w| units::iso_code(&w[1..]))
        {
            if !r.scaled && !r.ranged {
                let (v, b) = (r.value * 1e6, (r.bounds.0 * 1e6, r.bounds.1 * 1e6));
                let f = self.make(
                    r.start,
                    j + 1,
                    FigureKind::Money,
                    v,
                    Some(code.into()),
                    b,
                    None,
                );
                return Some((f, j + 1));
            }
        }
        let (c, end) = self.suffix_currency(j)?;
        let is_pounds = c == "GBP" && self.word(j).is_some_and(|w| w.starts_with("pound"));
        let pence = self
            .word(j)
            .is_some_and(|w| matches!(lower(w, &mut [0; 32]), "pence" | "penny" | "pennies"));
        if c == "¢" || pence {
            return Some(self.hundredths(r, pence, end));
        }
        // `pounds` without a scale is as often weight.
        if is_pounds && !r.scaled {
            return Some(self.figure_of(r, end, FigureKind::Quantity, Some("lb".into())));
        }
        let unit = if c == "$" {
            self.dollar_code()
        } else {
            Cow::Borrowed(c)
        };
        let r = self
            .scale_after_code(r, end)
            .or_else(|| self.cents_after_dollars(r, c, end))
            .unwrap_or(Reading { end, ..*r });
        Some(self.figure_of(&r, r.end, FigureKind::Money, Some(unit)))
    }

    /// Cents and pence, hundredths of the dollar and the pound: `50 cents`, `5 pence`.
    fn hundredths(&self, r: &Reading, pence: bool, end: usize) -> (Figure, usize) {
        let unit = if pence {
            Cow::Borrowed("GBP")
        } else {
            self.dollar_code()
        };
        let b = (r.bounds.0 / 100.0, r.bounds.1 / 100.0);
        let range = r.range.map(|(a, b)| (a / 100.0, b / 100.0));
        let f = self.make(
            r.start,
            end,
            FigureKind::Money,
            r.value / 100.0,
            Some(unit),
            b,
            range,
        );
        (f, end)
    }

    /// `75 USD million`: the scale after a currency code that ends before `end`.
    fn scale_after_code(&self, r: &Reading, end: usize) -> Option<Reading> {
        if r.scaled || r.ranged {
            return None;
        }
        let m = self
            .word(end)
            .and_then(units::scale)
            .filter(|_| self.word(end).is_some_and(|w| w.len() > 3))?;
        Some(Reading {
            end: end + 1,
            value: r.value * m,
            bounds: (r.bounds.0 * m, r.bounds.1 * m),
            range: None,
            ..*r
        })
    }

    /// `3 dollars 50 cents`, `thirteen dollars and forty-five cents`, and `15 dollars 50.` with
    /// the cents left unsaid at the end of a sentence: the cents after dollars that end before
    /// `end`.
    fn cents_after_dollars(&self, r: &Reading, c: &str, end: usize) -> Option<Reading> {
        let dollar_like = c == "$" || c == "USD";
        if !dollar_like || r.scaled {
            return None;
        }
        let k = if self.is_word(end, "and") {
            end + 1
        } else {
            end
        };
        let cents = |n: &Num, e: usize| {
            let v = r.value + n.value / 100.0;
            Reading {
                end: e,
                value: v,
                bounds: (v, v),
                range: None,
                ..*r
            }
        };
        if let Some(n) = self
            .number(k)
            .filter(|n| n.value < 100.0 && n.value.fract() == 0.0)
        {
            let cents_word = self.word(n.end).and_then(units::currency_word) == Some("¢");
            let ends = self.toks.get(n.end).is_none_or(|t| {
                t.kind == Kind::Punct && matches!(self.s(n.end), "." | "," | ";" | "!" | "?")
            });
            if cents_word || (ends && !n.words) {
                let e = if cents_word { n.end + 1 } else { n.end };
                return Some(cents(&n, e));
            }
        }
        let n = self.number(k).filter(|n| n.value < 100.0)?;
        (self.word(n.end).and_then(units::currency_word) == Some("¢")).then(|| cents(&n, n.end + 1))
    }

    /// `3-inch`, `nine-day`, `2.5-mile`: a number hyphenated to a unit in the singular.
    fn compound_quantity(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if !is_dash(self.s(j)) || !self.glued(j) || !self.glued(j + 1) || r.ranged {
            return None;
        }
        let symbol = self.word(j + 1).and_then(compound_unit)?;
        Some(self.figure_of(r, j + 2, FigureKind::Quantity, Some(symbol.into())))
    }

    /// `36-fold`, and `three times more` or `ten times the`.
    fn multiplier(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if is_dash(self.s(j)) && self.glued(j) && self.is_word(j + 1, "fold") {
            return Some(self.figure_of(r, j + 2, FigureKind::Multiplier, None));
        }
        let compares = self.word(j + 1).is_some_and(|w| {
            matches!(
                lower(w, &mut [0; 32]),
                "more"
                    | "higher"
                    | "larger"
                    | "bigger"
                    | "greater"
                    | "as"
                    | "the"
                    | "over"
                    | "faster"
                    | "smaller"
                    | "lower"
            )
        });
        (self.is_word(j, "times") && compares)
            .then(|| self.figure_of(r, j + 1, FigureKind::Multiplier, None))
    }

    /// A quantity: a unit after the number (`13,000 tons`), or in brackets (`20 (kg)`, `20 [kg]`).
    fn quantity(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        let closer = match self.s(j) {
            "(" => ")",
            "[" => "]",
            "{" => "}",
            "<" => ">",
            _ => "",
        };
        let bracketed = (!closer.is_empty())
            .then(|| self.unit_at(j + 1))
            .flatten()
            .filter(|&(_, e)| self.s(e) == closer)
            .map(|(u, e)| (u, e + 1));
        let (symbol, end) = bracketed.or_else(|| self.unit_at(j))?;
        if symbol == "ft" && !r.ranged {
            if let Some(length) = self.feet_and_inches(r, end) {
                return Some(length);
            }
        }
        Some(self.figure_of(r, end, FigureKind::Quantity, Some(symbol.into())))
    }

    /// `5 feet 2 inches`, `12 ft 2 in`: feet and inches make one length, in feet; the feet end
    /// before `end`.
    fn feet_and_inches(&self, r: &Reading, end: usize) -> Option<(Figure, usize)> {
        let k = if self.is_word(end, "and") {
            end + 1
        } else {
            end
        };
        let n = self.number(k).filter(|n| n.value < 12.0 && !n.words)?;
        let inches = self.unit_at(n.end).filter(|(u, _)| *u == "in").or_else(|| {
            // `5 ft 2 in`: after feet, `in` is inches.
            self.is_word(n.end, "in").then_some(("in", n.end + 1))
        });
        let Some(("in", e2)) = inches else {
            return None;
        };
        let v = r.value + n.value / 12.0;
        let unit = Some("ft".into());
        let f = self.make(r.start, e2, FigureKind::Quantity, v, unit, (v, v), None);
        Some((f, e2))
    }

    /// A count, with the noun it counts. Word numbers count only when a scale or a noun follows
    /// them, and never `one` where it is a pronoun.
    fn count(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        // `Six-Party Talks`, `Group of Seven-led`: a number word hyphenated to a name is part of it.
        if r.num.words
            && is_dash(self.s(j))
            && self.glued(j)
            && self
                .word(j + 1)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
        if r.num.words && r.value == 1.0 && !r.scaled && self.one_as_pronoun(r) {
            return None;
        }
        let (mut f, end) = self.figure_of(r, j, FigureKind::Count, None);
        f.noun = self.noun_at(j);
        Some((f, end))
    }

    /// Whether the word `one` of `r` is a pronoun: after a determiner (`the one you mentioned`,
    /// `which one`) or before words that make it one (`one of the`, `one another`).
    fn one_as_pronoun(&self, r: &Reading) -> bool {
        let i = r.start;
        let determined = i > 0
            && self.word(i - 1).is_some_and(|w| {
                matches!(
                    lower(w, &mut [0; 32]),
                    "the"
                        | "this"
                        | "that"
                        | "which"
                        | "each"
                        | "every"
                        | "any"
                        | "no"
                        | "another"
                        | "some"
                        | "no-one"
                        | "someone"
                        | "everyone"
                        | "anyone"
                )
            });
        determined
            || (!r.ranged
                && self.word(r.end).is_some_and(|w| {
                    matches!(
                        lower(w, &mut [0; 32]),
                        "of" | "another"
                            | "by"
                            | "after"
                            | "or"
                            | "such"
                            | "who"
                            | "that"
                            | "which"
                    )
                }))
    }

    /// The thing a count counts: up to three words after it that are not function words.
    fn noun_at(&self, j: usize) -> Option<Span> {
        let mut k = j;
        while k < j + 3 {
            let Some(w) = self.word(k) else { break };
            if !self.free(k) || is_function_word(w) {
                break;
            }
            k += 1;
        }
        (k > j).then(|| self.span(j, k))
    }

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

/// Units in the singular as they stand in compounds (`a 3-inch gap`, `a nine-day event`).
fn compound_unit(word: &str) -> Option<&'static str> {
    Some(match lower(word, &mut [0; 32]) {
        "inch" => "in",
        "foot" => "ft",
        "yard" => "yd",
        "mile" => "mi",
        "meter" | "metre" => "m",
        "kilometer" | "kilometre" => "km",
        "ton" | "tonne" => "t",
        "pound" => "lb",
        "ounce" => "oz",
        "kilogram" => "kg",
        "gallon" => "gal",
        "liter" | "litre" => "L",
        "barrel" => "bbl",
        "acre" => "acre",
        "hectare" => "ha",
        "megawatt" => "MW",
        "gigawatt" => "GW",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        "hour" => "h",
        "minute" => "min",
        _ => return None,
    })
}

/// Thousands grouped by threes (`1,234,567`) or, in South Asia, by twos above the thousands
/// (`12,34,567`).
fn valid_grouping(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.split(',').collect();
    let (first, rest) = groups.split_first().map_or(("", &[][..]), |(f, r)| (*f, r));
    let western = (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3);
    let indian = (1..=2).contains(&first.len())
        && rest
            .split_last()
            .is_some_and(|(last, mid)| last.len() == 3 && mid.iter().all(|g| g.len() == 2));
    western || indian
}

fn is_function_word(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "for"
            | "by"
            | "with"
            | "and"
            | "or"
            | "the"
            | "a"
            | "an"
            | "is"
            | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "that"
            | "which"
            | "who"
            | "than"
            | "as"
            | "per"
            | "each"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "while"
            | "but"
            | "not"
            | "no"
            | "more"
            | "less"
            | "over"
            | "under"
            | "between"
            | "since"
            | "after"
            | "before"
            | "into"
            | "out"
            | "up"
            | "down"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "should"
            | "also"
            | "only"
            | "including"
            | "compared"
            | "respectively"
            | "percent"
            | "year"
            | "years"
            | "according"
            | "during"
            | "through"
            | "about"
            | "nearly"
            | "some"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<Figure> {
        let toks = super::super::token::tokenize(text);
        let taken = vec![false; toks.len()];
        let mut out = Vec::new();
        find(text, &toks, &taken, &Options { dollar: "USD" }, &mut out);
        out
    }

    #[track_caller]
    fn check(text: &str, expect: &[(&str, FigureKind, f64, Option<&str>)]) {
        let got = figures(text);
        let got: Vec<(&str, FigureKind, f64, Option<&str>)> = got
            .iter()
            .map(|f| {
                (
                    &text[f.span.start..f.span.end],
                    f.kind,
                    f.value,
                    f.unit.as_deref(),
                )
            })
            .collect();
        assert_eq!(got, expect, "in {text:?}");
    }

    use FigureKind::*;

    #[test]
    fn money_in_signs_codes_and_words() {
        check(
            "$359 million",
            &[("$359 million", Money, 359e6, Some("USD"))],
        );
        check(
            "3.22 trillion won ($3.11 billion)",
            &[
                ("3.22 trillion won", Money, 3.22e12, Some("KRW")),
                ("$3.11 billion", Money, 3.11e9, Some("USD")),
            ],
        );
        check(
            "2.2 billion RMB",
            &[("2.2 billion RMB", Money, 2.2e9, Some("CNY"))],
        );
        check(
            "USD 5m and €3bn",
            &[
                ("USD 5m", Money, 5e6, Some("USD")),
                ("€3bn", Money, 3e9, Some("EUR")),
            ],
        );
        check(
            "Rs 5 crore and 2 lakh rupees",
            &[
                ("Rs 5 crore", Money, 5e7, Some("INR")),
                ("2 lakh rupees", Money, 2e5, Some("INR")),
            ],
        );
        check(
            "US$1.5 billion",
            &[("US$1.5 billion", Money, 1.5e9, Some("USD"))],
        );
        check(
            "40 euros and 12 yen",
            &[
                ("40 euros", Money, 40.0, Some("EUR")),
                ("12 yen", Money, 12.0, Some("JPY")),
            ],
        );
    }

    #[test]
    fn percents_points_counts_quantities_and_multipliers() {
        check(
            "Forty-four percent and 52 percent",
            &[
                ("Forty-four percent", Percent, 44.0, Some("%")),
                ("52 percent", Percent, 52.0, Some("%")),
            ],
        );
        check(
            "21%, 21 per cent, 2 percentage points",
            &[
                ("21%", Percent, 21.0, Some("%")),
                ("21 per cent", Percent, 21.0, Some("%")),
                ("2 percentage points", Points, 2.0, Some("pp")),
            ],
        );
        check("467 Chinese were arrested", &[("467", Count, 467.0, None)]);
        check(
            "13,000 tons and 1,100 cubic meters per second",
            &[
                ("13,000 tons", Quantity, 13000.0, Some("t")),
                (
                    "1,100 cubic meters per second",
                    Quantity,
                    1100.0,
                    Some("m3/s"),
                ),
            ],
        );
        check(
            "a 36-fold increase; it doubled",
            &[
                ("36-fold", Multiplier, 36.0, None),
                ("doubled", Multiplier, 2.0, None),
            ],
        );
        check(
            "a dozen ships and one-third of them",
            &[
                ("a dozen", Count, 12.0, None),
                ("one-third", Count, 1.0 / 3.0, None),
            ],
        );
    }

    #[test]
    fn ranges_qualifiers_and_precision() {
        let f = figures("from 2,000-3,000 to 1,500");
        assert_eq!(f[0].range, Some((2000.0, 3000.0)));
        let f = figures("$1-2 billion");
        assert_eq!(f[0].range, Some((1e9, 2e9)));
        let f = figures("between 5 and 7 percent");
        assert_eq!((f[0].kind, f[0].range), (Percent, Some((5.0, 7.0))));
        let f = figures("nearly 10 percent, more than 1 trillion won, up to 62 percent");
        assert_eq!(f[0].qualifier, Qualifier::About);
        assert_eq!(f[1].qualifier, Qualifier::AtLeast);
        assert_eq!(f[1].bounds, (0.5e12, 1.5e12));
        assert_eq!(f[2].qualifier, Qualifier::AtMost);
        let f = figures("$1.5 billion");
        assert!((f[0].bounds.0 - 1.45e9).abs() < 1.0 && (f[0].bounds.1 - 1.55e9).abs() < 1.0);
    }

    #[test]
    fn not_figures() {
        check("the G20 summit under Article 9 and F-16 jets", &[]);
        check("outcomes: 1) collapse, 2) isolation", &[]);
        check("call 555-123-4567 at 10:30", &[]);
        check("one of the countries", &[]);
        let f = figures("the 14th round");
        assert!(f[0].ordinal);
    }
}
