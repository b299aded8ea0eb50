//! Unit tests of the figure recogniser, one per kind of figure.

use super::*;

fn figures(text: &str) -> Vec<Figure> {
    let toks = super::super::token::tokenize(text);
    let taken = vec![false; toks.len()];
    let mut out = Vec::new();
    find(
        text,
        &toks,
        &taken,
        &Options {
            dollar: "USD",
            patterns: &[],
        },
        &mut out,
    );
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

#[test]
fn function_and_label_words_load_from_data_and_match_in_any_case() {
    assert_eq!(super::counts::FUNCTION_WORDS.len(), 75);
    assert_eq!(super::labels::LABEL_WORDS.len(), 56);
    assert!(super::counts::is_function_word("Were") && !super::counts::is_function_word(""));
    check("under Article 9 and ARTICLE 10", &[]);
}
