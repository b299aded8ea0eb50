//! The vocabulary of figures: scale words, currencies and units of measure.

use std::sync::LazyLock;

use crate::config::{Pattern, PatternKind};

/// Multiplier of a scale word or abbreviation written after a number (`million`, `bn`, `crore`):
/// the number words' scales (`numbers::SCALES`), their plurals and abbreviations, and the
/// Indian scales.
pub fn scale(word: &str) -> Option<f64> {
    let mut buf = [0; 32];
    let word = crate::recognise::token::lower(word, &mut buf);
    Some(match word {
        "k" => 1e3,
        "lakh" | "lakhs" | "lac" => 1e5,
        "millions" | "mn" | "mln" | "m" | "mio" | "mil" => 1e6,
        "crore" | "crores" | "cr" => 1e7,
        "billions" | "bn" | "bln" | "b" => 1e9,
        "trillions" | "tn" | "trn" | "tr" | "tln" => 1e12,
        _ => return super::numbers::scale(word),
    })
}

/// A currency sign or prefix written before an amount (`$`, `US$`, `€`, `Rs`).
pub fn currency_sign(sign: &str) -> Option<&'static str> {
    Some(match sign {
        "$" => "$",
        "US$" | "U.S.$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" | "JP¥" => "JPY",
        "CN¥" | "RMB¥" => "CNY",
        "₩" => "KRW",
        "₹" | "Rs" | "Rs." | "INR" => "INR",
        "₽" => "RUB",
        "₺" => "TRY",
        "₦" => "NGN",
        "₱" => "PHP",
        "₫" => "VND",
        "฿" => "THB",
        "₴" => "UAH",
        "₪" => "ILS",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "元" => "CNY",
        "₿" => "BTC",
        "C$" | "CA$" => "CAD",
        "A$" | "AU$" => "AUD",
        "HK$" => "HKD",
        "S$" => "SGD",
        "NT$" => "TWD",
        "NZ$" => "NZD",
        "R$" => "BRL",
        "Mex$" | "MEX$" => "MXN",
        _ => return None,
    })
}

/// A currency word written after an amount, singular or plural, as an ISO 4217 code. `dollars`
/// alone is `$`, which the report's default currency resolves.
pub fn currency_word(word: &str) -> Option<&'static str> {
    Some(match crate::recognise::token::lower(word, &mut [0; 32]) {
        "dollar" | "dollars" | "buck" | "bucks" => "$",
        "cent" | "cents" | "pence" | "penny" | "pennies" => "¢",
        "peseta" | "pesetas" => "ESP",
        "guilder" | "guilders" => "NLG",
        "markka" | "markkaa" => "FIM",
        "kuai" => "CNY",
        "bitcoin" | "bitcoins" => "BTC",
        "won" => "KRW",
        "yuan" | "renminbi" | "rmb" => "CNY",
        "yen" => "JPY",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "rupee" | "rupees" => "INR",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "dong" => "VND",
        "baht" => "THB",
        "ringgit" => "MYR",
        "rupiah" => "IDR",
        "peso" | "pesos" => "MXN",
        "riyal" | "riyals" => "SAR",
        "dirham" | "dirhams" => "AED",
        "shekel" | "shekels" => "ILS",
        "lira" | "liras" => "TRY",
        "rand" => "ZAR",
        "naira" => "NGN",
        "kyat" | "kyats" => "MMK",
        "tenge" => "KZT",
        "riel" | "riels" => "KHR",
        "kip" => "LAK",
        "taka" => "BDT",
        "hryvnia" | "hryvnias" => "UAH",
        "zloty" | "zlotys" => "PLN",
        "forint" | "forints" => "HUF",
        "franc" | "francs" => "CHF",
        "fcfa" => "XOF",
        "sdr" | "sdrs" => "XDR",
        "krona" | "kronor" => "SEK",
        "krone" | "kroner" => "NOK",
        "real" | "reais" => "BRL",
        "rial" | "rials" => "IRR",
        "afghani" | "afghanis" => "AFN",
        "tugrik" | "tugriks" => "MNT",
        _ => return None,
    })
}

/// Nationality words that qualify `dollars` (`Hong Kong dollars`), `pesos` and the like.
pub fn qualified_currency(qualifier: &str, word: &str) -> Option<&'static str> {
    let mut q_buf = [0u8; 32];
    let q = crate::recognise::token::lower(qualifier, &mut q_buf);
    let mut w_buf = [0u8; 32];
    let w = crate::recognise::token::lower(word, &mut w_buf);
    let dollar = w.starts_with("dollar");
    Some(match (q, dollar) {
        ("us" | "american", true) => "USD",
        ("canadian", true) => "CAD",
        ("australian", true) => "AUD",
        ("kong", true) => "HKD",
        ("singapore", true) => "SGD",
        ("taiwan" | "taiwanese", true) => "TWD",
        ("zealand", true) => "NZD",
        _ => match (q, w) {
            ("philippine", "peso" | "pesos") => "PHP",
            ("argentine", "peso" | "pesos") => "ARS",
            ("chilean", "peso" | "pesos") => "CLP",
            ("colombian", "peso" | "pesos") => "COP",
            ("swiss", "franc" | "francs") => "CHF",
            // The CFA franc is two currencies, West Africa's and Central Africa's: the
            // countries around an amount decide (`analysis::currency`), West Africa's by default.
            ("cfa", "franc" | "francs") => "XOF",
            ("pakistani", "rupee" | "rupees") => "PKR",
            ("indonesian", "rupiah") => "IDR",
            ("south", "won") | ("korean", "won") => "KRW",
            ("north", "won") => "KPW",
            ("saudi", "riyal" | "riyals") => "SAR",
            ("qatari", "riyal" | "riyals") => "QAR",
            ("iranian", "rial" | "rials") => "IRR",
            ("indian", "rupee" | "rupees") => "INR",
            ("brazilian", "real" | "reais") => "BRL",
            ("south", "rand") | ("african", "rand") => "ZAR",
            _ => return None,
        },
    })
}

const CODES_TXT: &[u8] = include_bytes!("../../data/currency-codes.txt");

/// A bit for each three capitals saying whether they are a code of `data/currency-codes.txt`,
/// computed when Dossier is compiled: `iso_code` is asked about every capitalised word of three
/// letters, and a bit in a constant answers without a search or a lazy initialisation check.
const CODE_BITS: [u64; CODE_WORDS] = {
    let mut bits = [0u64; CODE_WORDS];
    let b = CODES_TXT;
    let mut i = 0;
    while i < b.len() {
        // One line: a comment, or a code of three capitals.
        let start = i;
        while i < b.len() && b[i] != b'\n' {
            i += 1;
        }
        let len = i - start;
        if len >= 3 && b[start] != b'#' {
            let (x, y, z) = (b[start], b[start + 1], b[start + 2]);
            let trailing_blank = len == 3 || b[start + 3] == b' ' || b[start + 3] == b'\r';
            if x.is_ascii_uppercase()
                && y.is_ascii_uppercase()
                && z.is_ascii_uppercase()
                && trailing_blank
            {
                let k = code_index(x, y, z);
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        i += 1;
    }
    bits
};

const CODE_WORDS: usize = (26 * 26 * 26usize).div_ceil(64);

/// The codes themselves, to return a `&'static str` for the rare word whose bit is set.
static CODES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    super::data_lines(include_str!("../../data/currency-codes.txt"))
        .map(str::trim)
        .filter(|c| c.len() == 3 && super::token::all_capitals(c))
        .collect()
});

/// Three capitals as a number below 26³.
#[inline]
const fn code_index(x: u8, y: u8, z: u8) -> usize {
    ((x - b'A') as usize * 26 + (y - b'A') as usize) * 26 + (z - b'A') as usize
}

/// ISO 4217 codes that analysts write before or after amounts (`USD`, and `RMB` for `CNY`).
#[inline(always)]
pub fn iso_code(word: &str) -> Option<&'static str> {
    let &[x, y, z] = word.as_bytes() else {
        return None;
    };
    if !(x.is_ascii_uppercase() && y.is_ascii_uppercase() && z.is_ascii_uppercase()) {
        return None;
    }
    let k = code_index(x, y, z);
    if CODE_BITS[k / 64] & (1 << (k % 64)) == 0 {
        return None;
    }
    let code = CODES.iter().find(|c| **c == word)?;
    Some(match *code {
        "RMB" => "CNY",
        "SDR" => "XDR",
        code => code,
    })
}

/// A unit of measure: the words of its name and its symbol.
pub struct Unit {
    pub words: Vec<&'static str>,
    pub symbol: &'static str,
}

/// The units of `data/units.tsv`, in its order: names of several words first, so that the
/// longest name wins.
pub static UNITS: LazyLock<Vec<Unit>> = LazyLock::new(|| {
    super::data_lines(include_str!("../../data/units.tsv"))
        .filter_map(|line| {
            let (words, symbol) = line.split_once('\t')?;
            Some(Unit {
                words: words.split_whitespace().collect(),
                symbol: symbol.trim(),
            })
        })
        .collect()
});

/// The units the configuration defines (`[[patterns]]` of kind `unit`) that start at byte `at`
/// of `text`, in the configuration's order: where each ends, and its symbol (the one
/// configured, else the text matched).
pub fn configured<'a>(
    patterns: &'a [Pattern],
    text: &'a str,
    at: usize,
) -> impl Iterator<Item = (usize, &'a str)> {
    patterns.iter().filter_map(move |p| {
        let PatternKind::Unit { symbol } = &p.kind else {
            return None;
        };
        // The regex is anchored at its start, so it is tried at `at` only.
        let end = at + p.regex.find(&text[at..])?.end();
        Some((end, symbol.as_deref().unwrap_or(&text[at..end])))
    })
}

/// Words after a number that make it an amount rather than a year (`2014 tons`).
pub fn is_scale_or_unit_word(word: &str) -> bool {
    scale(word).is_some_and(|_| word.len() > 1)
        || currency_word(word).is_some()
        || UNITS
            .iter()
            .any(|u| u.words.len() == 1 && u.words[0].eq_ignore_ascii_case(word))
        || matches!(
            crate::recognise::token::lower(word, &mut [0; 32]),
            "people" | "percent" | "times" | "workers" | "troops" | "soldiers" | "persons"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_codes_load_from_data_in_order() {
        assert_eq!(UNITS.len(), 106);
        let first = &UNITS[0];
        assert_eq!(
            (first.words.join(" "), first.symbol),
            ("cubic meters per second".into(), "m3/s")
        );
        assert!(
            UNITS
                .iter()
                .all(|u| !u.words.is_empty() && !u.symbol.is_empty())
        );
        assert_eq!(CODES.len(), 79);
        let set: usize = CODE_BITS.iter().map(|w| w.count_ones() as usize).sum();
        assert_eq!(set, CODES.len(), "the constant bits and the list agree");
        assert_eq!(
            (iso_code("RMB"), iso_code("KPW"), iso_code("usd")),
            (Some("CNY"), Some("KPW"), None)
        );
    }

    #[test]
    fn every_code_read_is_an_iso_4217_code_but_the_three_in_common_use() {
        // The hand-kept list is checked against the ISO 4217 table generated from pycountry.
        let iso: Vec<&str> = super::super::data_lines(include_str!("../../data/currencies.tsv"))
            .filter_map(|l| l.split('\t').next())
            .collect();
        assert!(
            ["XDR", "XOF", "XAF", "USD", "KPW"]
                .iter()
                .all(|c| iso.contains(c))
        );
        let outside: Vec<&str> = CODES.iter().copied().filter(|c| !iso.contains(c)).collect();
        assert_eq!(
            outside,
            ["BGN", "RMB", "SDR", "BTC"],
            "codes ISO 4217 does not assign, or no longer"
        );
    }
}
