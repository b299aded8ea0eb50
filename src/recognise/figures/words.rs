//! Numbers written in words (`forty-four`, `two hundred and fifty`, `a dozen`, `one-third`)
//! and the words that are figures by themselves (`doubled`, `twofold`).

use super::{Num, Parser};
use crate::recognise::numbers;
use crate::recognise::token::{Tokens, is_dash, lower};
use crate::recognise::units;

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
pub(super) fn word_value(w: &str) -> Option<(f64, bool)> {
    let v = numbers::value(w)?;
    Some((f64::from(v), v == 100))
}

/// The denominator a fraction word names (`third`, `quarters`).
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

/// What a multiplier word multiplies by (`doubled`, `threefold`).
pub(super) fn multiplier_word(w: &str) -> Option<f64> {
    let mut buf = [0; 32];
    let l = lower(w, &mut buf);
    MULTIPLIER_WORDS
        .iter()
        .find(|(m, _)| *m == l)
        .map(|&(_, v)| v)
}

impl Parser<'_> {
    /// `Forty-four`, `two hundred and fifty`, `a dozen`, `one-third`.
    pub(super) fn word_number(&self, i: usize) -> Option<Num> {
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
}
