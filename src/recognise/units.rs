//! The vocabulary of figures: scale words, currencies and units of measure.

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

/// ISO 4217 codes that analysts write before or after amounts.
pub fn iso_code(word: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "KRW", "KPW", "INR", "RUB", "CHF", "CAD", "AUD", "NZD",
        "HKD", "SGD", "TWD", "BRL", "MXN", "ZAR", "TRY", "SAR", "AED", "QAR", "KWD", "ILS", "IRR",
        "IDR", "MYR", "THB", "VND", "PHP", "PKR", "BDT", "LKR", "NPR", "MMK", "KHR", "LAK", "MNT",
        "KZT", "UZS", "UAH", "PLN", "CZK", "HUF", "SEK", "NOK", "DKK", "RON", "BGN", "EGP", "NGN",
        "KES", "ETB", "GHS", "MAD", "DZD", "TND", "ARS", "CLP", "COP", "PEN", "VES", "CUP", "AFN",
        "IQD", "SYP", "JOD", "LBP", "OMR", "BHD", "YER", "SDG", "XOF", "XAF", "RMB", "BTC",
    ];
    if word.len() != 3 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let code = CODES.iter().find(|c| **c == word)?;
    Some(if *code == "RMB" { "CNY" } else { code })
}

/// A unit of measure (one word, or the first word of a longer name) and its symbol.
pub struct Unit {
    pub words: &'static [&'static str],
    pub symbol: &'static str,
}

/// Multi-word units first, so the longest name wins.
pub const UNITS: &[Unit] = &[
    Unit {
        words: &["cubic", "meters", "per", "second"],
        symbol: "m3/s",
    },
    Unit {
        words: &["cubic", "metres", "per", "second"],
        symbol: "m3/s",
    },
    Unit {
        words: &["barrels", "per", "day"],
        symbol: "bbl/d",
    },
    Unit {
        words: &["barrels", "a", "day"],
        symbol: "bbl/d",
    },
    Unit {
        words: &["kilometers", "per", "hour"],
        symbol: "km/h",
    },
    Unit {
        words: &["kilometres", "per", "hour"],
        symbol: "km/h",
    },
    Unit {
        words: &["miles", "per", "hour"],
        symbol: "mph",
    },
    Unit {
        words: &["metric", "tons"],
        symbol: "t",
    },
    Unit {
        words: &["metric", "tonnes"],
        symbol: "t",
    },
    Unit {
        words: &["cubic", "meters"],
        symbol: "m3",
    },
    Unit {
        words: &["cubic", "metres"],
        symbol: "m3",
    },
    Unit {
        words: &["cubic", "meter"],
        symbol: "m3",
    },
    Unit {
        words: &["cubic", "kilometers"],
        symbol: "km3",
    },
    Unit {
        words: &["cubic", "kilometres"],
        symbol: "km3",
    },
    Unit {
        words: &["cubic", "feet"],
        symbol: "ft3",
    },
    Unit {
        words: &["square", "kilometers"],
        symbol: "km2",
    },
    Unit {
        words: &["square", "kilometres"],
        symbol: "km2",
    },
    Unit {
        words: &["square", "kilometer"],
        symbol: "km2",
    },
    Unit {
        words: &["square", "miles"],
        symbol: "mi2",
    },
    Unit {
        words: &["square", "meters"],
        symbol: "m2",
    },
    Unit {
        words: &["square", "metres"],
        symbol: "m2",
    },
    Unit {
        words: &["square", "feet"],
        symbol: "ft2",
    },
    Unit {
        words: &["nautical", "miles"],
        symbol: "nmi",
    },
    Unit {
        words: &["light", "years"],
        symbol: "ly",
    },
    Unit {
        words: &["tons"],
        symbol: "t",
    },
    Unit {
        words: &["ton"],
        symbol: "t",
    },
    Unit {
        words: &["tonnes"],
        symbol: "t",
    },
    Unit {
        words: &["tonne"],
        symbol: "t",
    },
    Unit {
        words: &["kilograms"],
        symbol: "kg",
    },
    Unit {
        words: &["kilogram"],
        symbol: "kg",
    },
    Unit {
        words: &["kg"],
        symbol: "kg",
    },
    Unit {
        words: &["grams"],
        symbol: "g",
    },
    Unit {
        words: &["gram"],
        symbol: "g",
    },
    Unit {
        words: &["milligrams"],
        symbol: "mg",
    },
    Unit {
        words: &["mg"],
        symbol: "mg",
    },
    Unit {
        words: &["lbs"],
        symbol: "lb",
    },
    Unit {
        words: &["lb"],
        symbol: "lb",
    },
    Unit {
        words: &["ounces"],
        symbol: "oz",
    },
    Unit {
        words: &["ounce"],
        symbol: "oz",
    },
    Unit {
        words: &["oz"],
        symbol: "oz",
    },
    Unit {
        words: &["megawatts"],
        symbol: "MW",
    },
    Unit {
        words: &["megawatt"],
        symbol: "MW",
    },
    Unit {
        words: &["MW"],
        symbol: "MW",
    },
    Unit {
        words: &["gigawatts"],
        symbol: "GW",
    },
    Unit {
        words: &["GW"],
        symbol: "GW",
    },
    Unit {
        words: &["kilowatts"],
        symbol: "kW",
    },
    Unit {
        words: &["kW"],
        symbol: "kW",
    },
    Unit {
        words: &["kilometers"],
        symbol: "km",
    },
    Unit {
        words: &["kilometres"],
        symbol: "km",
    },
    Unit {
        words: &["kilometer"],
        symbol: "km",
    },
    Unit {
        words: &["kilometre"],
        symbol: "km",
    },
    Unit {
        words: &["km"],
        symbol: "km",
    },
    Unit {
        words: &["meters"],
        symbol: "m",
    },
    Unit {
        words: &["metres"],
        symbol: "m",
    },
    Unit {
        words: &["meter"],
        symbol: "m",
    },
    Unit {
        words: &["metre"],
        symbol: "m",
    },
    Unit {
        words: &["centimeters"],
        symbol: "cm",
    },
    Unit {
        words: &["centimetres"],
        symbol: "cm",
    },
    Unit {
        words: &["cm"],
        symbol: "cm",
    },
    Unit {
        words: &["millimeters"],
        symbol: "mm",
    },
    Unit {
        words: &["millimetres"],
        symbol: "mm",
    },
    Unit {
        words: &["ml"],
        symbol: "mL",
    },
    Unit {
        words: &["mL"],
        symbol: "mL",
    },
    Unit {
        words: &["milliliters"],
        symbol: "mL",
    },
    Unit {
        words: &["dm"],
        symbol: "dm",
    },
    Unit {
        words: &["micrograms"],
        symbol: "µg",
    },
    Unit {
        words: &["microgram"],
        symbol: "µg",
    },
    Unit {
        words: &["µg"],
        symbol: "µg",
    },
    Unit {
        words: &["μg"],
        symbol: "µg",
    },
    Unit {
        words: &["m"],
        symbol: "m",
    },
    Unit {
        words: &["mm"],
        symbol: "mm",
    },
    Unit {
        words: &["miles"],
        symbol: "mi",
    },
    Unit {
        words: &["mile"],
        symbol: "mi",
    },
    Unit {
        words: &["feet"],
        symbol: "ft",
    },
    Unit {
        words: &["foot"],
        symbol: "ft",
    },
    Unit {
        words: &["ft"],
        symbol: "ft",
    },
    Unit {
        words: &["inches"],
        symbol: "in",
    },
    Unit {
        words: &["inch"],
        symbol: "in",
    },
    Unit {
        words: &["yards"],
        symbol: "yd",
    },
    Unit {
        words: &["yard"],
        symbol: "yd",
    },
    Unit {
        words: &["hectares"],
        symbol: "ha",
    },
    Unit {
        words: &["hectare"],
        symbol: "ha",
    },
    Unit {
        words: &["acres"],
        symbol: "acre",
    },
    Unit {
        words: &["acre"],
        symbol: "acre",
    },
    Unit {
        words: &["km2"],
        symbol: "km2",
    },
    Unit {
        words: &["liters"],
        symbol: "L",
    },
    Unit {
        words: &["litres"],
        symbol: "L",
    },
    Unit {
        words: &["liter"],
        symbol: "L",
    },
    Unit {
        words: &["litre"],
        symbol: "L",
    },
    Unit {
        words: &["gallons"],
        symbol: "gal",
    },
    Unit {
        words: &["gallon"],
        symbol: "gal",
    },
    Unit {
        words: &["barrels"],
        symbol: "bbl",
    },
    Unit {
        words: &["barrel"],
        symbol: "bbl",
    },
    Unit {
        words: &["bpd"],
        symbol: "bbl/d",
    },
    Unit {
        words: &["mph"],
        symbol: "mph",
    },
    Unit {
        words: &["knots"],
        symbol: "kn",
    },
    Unit {
        words: &["years"],
        symbol: "year",
    },
    Unit {
        words: &["year"],
        symbol: "year",
    },
    Unit {
        words: &["months"],
        symbol: "month",
    },
    Unit {
        words: &["weeks"],
        symbol: "week",
    },
    Unit {
        words: &["days"],
        symbol: "day",
    },
    Unit {
        words: &["hours"],
        symbol: "h",
    },
    Unit {
        words: &["minutes"],
        symbol: "min",
    },
    Unit {
        words: &["kilotons"],
        symbol: "kt",
    },
    Unit {
        words: &["megatons"],
        symbol: "Mt",
    },
    Unit {
        words: &["TEU"],
        symbol: "TEU",
    },
];

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
