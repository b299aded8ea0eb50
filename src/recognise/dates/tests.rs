//! Unit tests of the date recogniser, one per family of forms.

use super::*;

fn anchor_2014() -> Anchor {
    Anchor {
        period: Some(Period {
            start: Date::new(2014, 9, 1).unwrap(),
            end: Date::new(2014, 12, 31).unwrap(),
        }),
        reference: None,
    }
}

fn dates(text: &str, anchor: &Anchor) -> Vec<(String, String, bool)> {
    let toks = super::super::token::tokenize(text);
    let mut out = Vec::new();
    find(text, &toks, anchor, &mut out, &mut Vec::new());
    out.iter()
        .map(|d| {
            (
                text[d.span.start..d.span.end].to_string(),
                d.value.iso(),
                d.approx,
            )
        })
        .collect()
}

#[track_caller]
fn check(text: &str, expect: &[(&str, &str)]) {
    let got = dates(text, &anchor_2014());
    let got: Vec<(&str, &str)> = got
        .iter()
        .map(|(a, b, _)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(got, expect, "in {text:?}");
}

#[test]
fn day_dates_in_common_forms() {
    check(
        "on Oct. 31 and Sept. 29.",
        &[("Oct. 31", "2014-10-31"), ("Sept. 29", "2014-09-29")],
    );
    check(
        "October 31, 2014 and 31 October 2014",
        &[
            ("October 31, 2014", "2014-10-31"),
            ("31 October 2014", "2014-10-31"),
        ],
    );
    check("2014-10-31", &[("2014-10-31", "2014-10-31")]);
    check("Tuesday, May 9", &[("Tuesday, May 9", "2014-05-09")]);
    check("Oct. 1, 2023", &[("Oct. 1, 2023", "2023-10-01")]);
    check("on Oct. 6, 2014 to mark", &[("Oct. 6, 2014", "2014-10-06")]);
}

#[test]
fn ranges_of_days_months_and_years() {
    check("Jan. 21-23", &[("Jan. 21-23", "2014-01-21/2014-01-23")]);
    check(
        "on Oct. 17-25 aimed",
        &[("Oct. 17-25", "2014-10-17/2014-10-25")],
    );
    check(
        "in January-September 2014",
        &[("January-September 2014", "2014-01/2014-09")],
    );
    check(
        "from March to June",
        &[("from March to June", "2014-03/2014-06")],
    );
    check(
        "in 2012-2013 and 2015-16",
        &[("2012-2013", "2012/2013"), ("2015-16", "2015/2016")],
    );
    check("Sep — Dec 2014", &[("Sep — Dec 2014", "2014-09/2014-12")]);
}

#[test]
fn months_years_quarters_and_fuzzy_parts() {
    check(
        "in February and in 2018",
        &[("February", "2014-02"), ("2018", "2018")],
    );
    check(
        "the first quarter of 2015, Q2 2023 and H1 2020",
        &[
            ("the first quarter of 2015", "2015-01/2015-03"),
            ("Q2 2023", "2023-04/2023-06"),
            ("H1 2020", "2020-01/2020-06"),
        ],
    );
    let got = dates(
        "late October, early 2015, mid-2015, the end of 2014",
        &anchor_2014(),
    );
    assert_eq!(
        got,
        [
            ("late October".into(), "2014-10".into(), true),
            ("early 2015".into(), "2015".into(), true),
            ("mid-2015".into(), "2015".into(), true),
            ("the end of 2014".into(), "2014-12".into(), true),
        ]
    );
}

#[test]
fn relative_expressions_resolve_against_the_period_end() {
    check(
        "this year, last year and next month",
        &[
            ("this year", "2014"),
            ("last year", "2013"),
            ("next month", "2015-01"),
        ],
    );
}

#[test]
fn a_year_less_day_takes_the_year_closest_to_a_period_across_new_year() {
    let anchor = Anchor {
        period: Some(Period {
            start: Date::new(2014, 11, 1).unwrap(),
            end: Date::new(2015, 2, 28).unwrap(),
        }),
        reference: None,
    };
    let got = dates("Dec. 30 and Jan. 5", &anchor);
    assert_eq!(got[0].1, "2014-12-30");
    assert_eq!(got[1].1, "2015-01-05");
}

#[test]
fn not_dates() {
    check(
        "Theresa May said it may rain; $2014 and 2014 tons; G2014",
        &[],
    );
    check("the 65th anniversary, 1,500 people, 14th round", &[]);
    check("the late President", &[]);
}
