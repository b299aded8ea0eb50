//! Number words, listed once for the recognisers that read them: the figure recogniser reads
//! `forty-four` and `two hundred million`, the date recogniser `the twenty-first` and `nineteen
//! ninety nine`.
//!
//! Every look-up compares in any case, as the recognisers' other keyword tests do.

/// Cardinal numbers in words from zero to nineteen; a word's place is its value.
pub const CARDINALS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The tens in words, from twenty (at place 0) to ninety.
pub const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Spellings of zero that only figures read (`nought point five`); a year or a day in words
/// says `zero` or `oh`.
pub const OTHER_ZEROS: [&str; 2] = ["nought", "naught"];

/// Ordinal words from the first (at place 0) to the nineteenth, as the days of a month are
/// written.
pub const ORDINALS: [&str; 19] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// The scale word that multiplies what stands before it inside a number in words (`two hundred
/// and fifty`), where the others close a group (`two thousand`).
const HUNDRED: &str = "hundred";

/// The scale words and what they multiply by: `hundred` and the powers of a thousand. Their
/// plurals and abbreviations (`millions`, `bn`) are in `units::scale`, which reads these too.
pub const SCALES: [(&str, f64); 5] = [
    (HUNDRED, 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

/// The place of `word` in `list`, in any case.
#[inline]
fn place(list: &[&str], word: &str) -> Option<usize> {
    list.iter().position(|w| w.eq_ignore_ascii_case(word))
}

/// The value of a cardinal from `zero` to `nineteen`.
pub fn cardinal(word: &str) -> Option<u32> {
    place(&CARDINALS, word).map(|k| k as u32)
}

/// The value of a word of tens, `twenty` to `ninety`.
pub fn tens(word: &str) -> Option<u32> {
    place(&TENS, word).map(|k| k as u32 * 10 + 20)
}

/// The number an ordinal word from `first` to `nineteenth` stands for.
pub fn ordinal(word: &str) -> Option<u32> {
    place(&ORDINALS, word).map(|k| k as u32 + 1)
}

/// What a scale word multiplies by (`hundred`, `thousand`, … `trillion`).
pub fn scale(word: &str) -> Option<f64> {
    SCALES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)
}

/// The value of a number word up to `hundred` as a figure reads it: a cardinal, the tens,
/// `hundred`, or another spelling of zero.
pub fn value(word: &str) -> Option<u32> {
    cardinal(word)
        .or_else(|| tens(word))
        .or_else(|| place(&OTHER_ZEROS, word).map(|_| 0))
        .or_else(|| word.eq_ignore_ascii_case(HUNDRED).then_some(100))
}

/// Every number word `value` reads.
pub fn words() -> impl Iterator<Item = &'static str> {
    CARDINALS
        .into_iter()
        .chain(TENS)
        .chain(OTHER_ZEROS)
        .chain([HUNDRED])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_word_has_the_value_of_its_place() {
        assert_eq!(value("Forty"), Some(40));
        assert_eq!(value("nineteen"), Some(19));
        assert_eq!(value("HUNDRED"), Some(100));
        assert_eq!(ordinal("Ninth"), Some(9));
        assert_eq!(scale("Trillion"), Some(1e12));
        // Dates read only `zero` as zero.
        assert_eq!((value("nought"), cardinal("nought")), (Some(0), None));
        assert!(words().all(|w| value(w).is_some()));
        assert_eq!(words().count(), 31);
    }
}
