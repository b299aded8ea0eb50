//! Money: currencies written before an amount (`$`, `US$`, `€`, `Rs.`, `USD`) or after it (`won`,
//! `Hong Kong dollars`, `RMB`, `30 MUSD`), cents and pence, and `3 dollars 50 cents`.

use std::borrow::Cow;

use super::{Num, Parser, Reading};
use crate::model::{Figure, FigureKind};
use crate::recognise::token::{Kind, Tokens, lower};
use crate::recognise::units;

impl Parser<'_> {
    /// Currency written before an amount: `$`, `US$`, `€`, `Rs.`, `USD`.
    pub(super) fn prefix_currency(&self, i: usize) -> Option<(&'static str, usize)> {
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

    /// The unit of money in the currency `c`: a bare `$` is the report's dollar.
    fn currency_unit(&self, c: &'static str) -> Cow<'static, str> {
        if c == "$" {
            self.dollar_code()
        } else {
            Cow::Borrowed(c)
        }
    }

    /// Money whose currency stands before it (`$5`, `USD 5m`), also when written again after it.
    pub(super) fn money_after_prefix(&self, r: &Reading, c: &'static str) -> (Figure, usize) {
        let unit = self.currency_unit(c);
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

    /// Money whose currency follows it: `30 MUSD`, `2.2 billion RMB`, `40 euros`, `5 pence`.
    pub(super) fn money_after_number(&self, r: &Reading) -> Option<(Figure, usize)> {
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
        let unit = self.currency_unit(c);
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
        let k = self.past(end, "and");
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
}
