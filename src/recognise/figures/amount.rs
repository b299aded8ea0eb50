//! The number a figure opens with, in digits (`1,500`, `12,34,567`, `.08`, `10 1/2`), its scale
//! (`million`, `bn`, `a dozen`) and the other end of a range (`2,000-3,000`, `$1 billion to $2
//! billion`).

use std::borrow::Cow;

use super::{Amount, Num, Parser, Reading};
use crate::model::{Figure, FigureKind};
use crate::recognise::token::{Kind, Tokens, all_digits, is_dash, lower};
use crate::recognise::units;

impl Amount {
    /// The figure's value, bounds and range once scaled, for a figure that starts at `start`.
    pub(super) fn reading(&self, start: usize) -> Reading {
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

impl Parser<'_> {
    /// `1/4` before a unit of measure: a fraction and the index after it.
    pub(super) fn fraction_at(&self, i: usize) -> Option<(f64, usize)> {
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
    pub(super) fn number(&self, i: usize) -> Option<Num> {
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
                    && all_digits(self.s(i + 1)) =>
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

    /// The number `num` at the start of a figure at `i` with the scale word after it and, for a
    /// range (`2,000-3,000`, `$1-2 billion`, `5 to 7 percent`, `between 5 and 7`, `$1 billion
    /// to $2 billion`), the number at its other end.
    pub(super) fn amount(&self, i: usize, num: Num, money: bool) -> Amount {
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
    pub(super) fn digits_and_scale_words(
        &self,
        i: usize,
        a: &Amount,
        money: bool,
    ) -> Option<(Figure, usize)> {
        let (m, e) = a.scale.filter(|&(m, _)| {
            [100.0, 1000.0, 1e5, 1e7].contains(&m) && a.high.is_none() && !a.low.words && !money
        })?;
        let mut total = a.low.value * m;
        let mut k = e;
        let mut last = m;
        loop {
            let kk = self.past(k, "and");
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
