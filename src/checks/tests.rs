//! Fixture tests for the checks: each fires on inconsistent text and stays silent on consistent
//! text, borderline rounding included. `^^^ code` under a line marks where a finding must start.

use crate::config::Config;
use crate::fixture::Fixture;
use crate::model::{Check, Code};
use crate::outline::Format;

/// Runs the analysis on `fixture` (marker lines removed) and compares the findings' codes and
/// start columns with the `^^^ code` markers.
#[track_caller]
fn check(fixture: &str) {
    check_as(fixture, Format::Plain);
}

/// `check` for a fixture read as `format`.
#[track_caller]
fn check_as(fixture: &str, format: Format) {
    let Fixture { text, marks, .. } = Fixture::parse_lines(fixture);
    // A finding is placed by where it starts; the carets' width says nothing here.
    let mut expected: Vec<(usize, String)> = marks
        .into_iter()
        .map(|(span, code)| (span.start, code))
        .collect();
    let config = Config {
        reference_date: crate::calendar::Date::new(2016, 6, 30),
        ..Config::default()
    };
    let analysis = crate::analyze(&text, &config, format);
    let mut got: Vec<(usize, String)> = analysis
        .findings
        .iter()
        .filter(|f| {
            f.code != Code::Check(Check::DateOutsidePeriod)
                || expected
                    .iter()
                    .any(|(_, c)| c == Check::DateOutsidePeriod.as_str())
        })
        .map(|f| (f.span.start, f.code.to_string()))
        .collect();
    got.sort();
    expected.sort();
    let show = |v: &[(usize, String)]| {
        v.iter()
            .map(|(o, c)| {
                format!(
                    "{c} at {:?}",
                    &text[*o..text[*o..]
                        .find('\n')
                        .map_or(text.len(), |e| o + e)
                        .min(o + 25)]
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        show(&got),
        show(&expected),
        "findings: {:#?}",
        analysis.findings
    );
}

/// The text with the fix of every finding applied, for fixtures of quick fixes.
#[track_caller]
fn check_fix(before: &str, after: &str) {
    let config = Config {
        reference_date: crate::calendar::Date::new(2016, 6, 30),
        ..Config::default()
    };
    let analysis = crate::analyze(before, &config, Format::Plain);
    let mut text = before.to_string();
    // From the end, so that the spans before each fix stay where they are.
    for fix in analysis
        .findings
        .iter()
        .rev()
        .filter_map(|f| f.fix.as_ref())
    {
        text.replace_range(fix.span.start..fix.span.end, &fix.replacement);
    }
    assert_eq!(text, after, "findings: {:#?}", analysis.findings);
}

#[test]
fn conversion_rates_that_disagree() {
    check(
        "The fund holds 1.2 billion yuan ($178 million) in reserve. A second grant of 4.5 billion yuan ($1.1 billion) followed.
                                                                             ^^^ conversion-rate",
    );
    // 1,000 to 1,067 won per dollar: within the tolerance.
    check(
        "Losses of 1 trillion won ($1 billion), a fund of 200 billion won ($187.4 million) and 3.22 trillion won ($3.11 billion).",
    );
    // Rounding makes 2.2 billion RMB ($359 million) and 1.3 billion RMB ($200 million) agree.
    check(
        "The bridge cost 2.2 billion RMB ($359 million). The port cost 1.3 billion RMB ($200 million).",
    );
}

#[test]
fn configured_reference_rates() {
    let mut config = Config::default();
    config
        .checks
        .rates
        .push(("KRW".into(), "USD".into(), 1050.0));
    let text = "A fund of 200 billion won ($100 million).";
    let a = crate::analyze(text, &config, Format::Plain);
    assert_eq!(a.findings.len(), 1);
    assert!(
        a.findings[0].message.contains("configured rate is 1050.00"),
        "{}",
        a.findings[0].message
    );
    let text = "A fund of 200 billion won ($187.4 million).";
    assert!(
        crate::analyze(text, &config, Format::Plain)
            .findings
            .is_empty()
    );
}

#[test]
fn parts_that_exceed_their_whole() {
    check(
        "There are about 7,000 workers, including 5,500 in Yanbian and 2,500 in Dandong.
                ^^^ parts-exceed-whole",
    );
    check("There are about 7,000 workers, including 4,500 in Yanbian and 2,500 in Dandong.");
    // `about` widens the whole by the margin: 7,600 is within 7,000 + 10%.
    check("There are about 7,000 workers, including 5,100 in Yanbian and 2,500 in Dandong.");
    check(
        "The budget of $10 billion is split between $6 billion for roads and $2 billion for ports.
              ^^^ parts-exceed-whole",
    );
    // Rounding: $6 billion and $3 billion may be 6.49 and 3.49, which is within $10 billion.
    check(
        "The budget of $10 billion is split between $6 billion for roads and $3 billion for ports.",
    );
    check(
        "The budget of $10 billion is split between $6 billion for roads and $4 billion for ports.",
    );
    check(
        "Trade reached $10 billion, with exports and imports of $6 billion and $2 billion respectively.
              ^^^ parts-exceed-whole",
    );
    check(
        "Trade reached $10 billion, with exports and imports of $6 billion and $4 billion respectively.",
    );
    check(
        "Forty-four percent and 52 percent of imports are duty-free for China and Korea, respectively.",
    );
}

#[test]
fn shares_over_one_hundred_percent() {
    check(
        "Thailand buys 56 percent of the power, Vietnam 31 percent and Cambodia 22 percent.
                                                                       ^^^ shares-over-100",
    );
    check("Thailand buys 56 percent of the power, Vietnam 31 percent and Cambodia 13 percent.");
    check(
        "Textiles make up 60 percent of exports, rice 25 percent and the remaining 20 percent is other goods.
                                                                          ^^^ shares-over-100",
    );
    check(
        "Textiles make up 60 percent of exports, rice 25 percent and the remaining 15 percent is other goods.",
    );
    // Changes are not shares.
    check("Exports were 85 percent higher than last year and 18 percent higher than in 2019.");
    check(
        "Forty-four percent and 52 percent of imports are duty-free for China and Korea, respectively.",
    );
}

#[test]
fn percent_changes_that_do_not_match_their_endpoints() {
    check(
        "Exports rose from $4.6 billion to $6.9 billion, an increase of 40 percent.
                                                               ^^^ percent-change",
    );
    check("Exports rose from $4.6 billion to $6.9 billion, an increase of 50 percent.");
    check(
        "Exports rose to $6.9 billion, up from $4.6 billion a year earlier, an increase of 50 percent.",
    );
    check(
        "Imports fell 20 percent to $3 billion from $5 billion.
             ^^^ percent-change",
    );
    check("Imports fell 40 percent to $3 billion from $5 billion.");
    // Borderline: 1.5 to 1.6 is 6.7 percent, which `7 percent` rounds to.
    check("Output rose from 1.5 million tons to 1.6 million tons, or 7 percent.");
    check("The number declined by up to 50 percent from 2,000-3,000 to 1,500.");
    check(
        "Output doubled from 3 million tons to 9 million tons.
       ^^^ percent-change",
    );
    check("Output doubled from 3 million tons to 6 million tons.");
}

#[test]
fn weekdays_that_do_not_match() {
    check(
        "On Monday, Oct. 31, 2014 the talks opened.
   ^^^ weekday",
    );
    check("On Friday, Oct. 31, 2014 the talks opened.");
}

#[test]
fn dates_with_a_day_their_month_lacks() {
    check(
        "The talks ended on Feb. 30, 2019 in Seoul and resumed on 31 April 2019, not on June 31.
                   ^^^ invalid-date
                                                         ^^^ invalid-date
                                                                               ^^^ invalid-date",
    );
    check(
        "From Feb. 27-30, 2019 it rained; the log says 2019-02-29; on Saturday, Feb. 30, 2019 we met.
     ^^^ invalid-date
                                              ^^^ invalid-date
                                                             ^^^ invalid-date",
    );
    // A leap day, and February 29 without a year (the nearest leap year's), exist.
    check("They met on Feb. 29, 2020, on Feb. 29 and on 2020-02-29.");
    // Without a year, an ordinal or `on`, a month and a number are a month and a count.
    check("In February 30 soldiers died, and in April 31 villages were flooded.");
}

#[test]
fn an_invalid_date_is_fixed_when_its_weekday_names_the_day() {
    check_fix(
        "On Thursday, Feb. 30, 2019 they left; on Sunday, April 31st, 2019 they came back.",
        "On Thursday, Feb. 28, 2019 they left; on Sunday, April 28th, 2019 they came back.",
    );
    // The Saturday nearest February 30, 2019 is the 23rd, a week away: no day is clear.
    check_fix(
        "On Saturday, Feb. 30, 2019 they met.",
        "On Saturday, Feb. 30, 2019 they met.",
    );
    check_fix(
        "The talks ended on Feb. 30, 2019.",
        "The talks ended on Feb. 30, 2019.",
    );
}

#[test]
fn anniversaries_that_do_not_match() {
    check(
        "On Oct. 19, 2016 Tokyo marked the 70th anniversary of the 1956 declaration.
                                  ^^^ anniversary",
    );
    check("On Oct. 19, 2016 Tokyo marked the 60th anniversary of the 1956 declaration.");
}

#[test]
fn durations_that_do_not_match() {
    check(
        "The embassy hosted a seven-day event on Oct. 17-25, 2014.
                     ^^^ duration-span",
    );
    check("The embassy hosted a nine-day event on Oct. 17-25, 2014.");
}

#[test]
fn figures_restated_differently() {
    check(
        "The Special Fund will disburse 1.2 billion yuan this year. Later, the 1.5 billion yuan Special Fund was praised.
                                                                      ^^^ restated-figure",
    );
    check(
        "The Special Fund will disburse 1.2 billion yuan this year. Later, the 1.2 billion yuan Special Fund was praised.",
    );
}

#[test]
fn dates_outside_the_period_are_hints() {
    check(
        "Review, Sep — Dec 2014

The envoy met on Oct. 31, 2014 and again on Jan. 5, 2015.
                                            ^^^ date-outside-period",
    );
}

#[test]
fn words_read_the_same_from_either_end_as_a_split() {
    for text in [
        "",
        "  ",
        "up 12.5% from 2013, to $3.11 billion",
        "Séoul’s exports—한국 무역 (2014) rose 😀 fast",
        "l'État et 1er-2e ordre…",
        "end",
    ] {
        let split: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let forward: Vec<&str> = super::Words { text }.collect();
        let mut backward: Vec<&str> = super::Words { text }.rev().collect();
        backward.reverse();
        assert_eq!(forward, split, "{text}");
        assert_eq!(backward, split, "{text}");
    }
}

/// `find_ignore_case` finds candidates by the needle's rarest letter; it must still find the
/// first occurrence, in any case, wherever the needle's letters stand.
#[test]
fn case_blind_search_finds_the_first_occurrence() {
    for (hay, needle) in [
        ("rose 5% and 6% respectively.", "respectively"),
        ("RESPECTIVELY, then Respectively", "respectively"),
        ("respectivel respectively", "respectively"),
        ("v respectively", "respectively"),
        ("respectively", "respectively"),
        ("short", "respectively"),
        ("Each year, each month", " each "),
        ("they each rose", " each "),
        ("Séoul’s VAT, then vat", "vat"),
        ("", "vat"),
    ] {
        let naive = hay.to_ascii_lowercase().find(needle);
        assert_eq!(
            super::find_ignore_case(hay, needle),
            naive,
            "{needle:?} in {hay:?}"
        );
    }
}

mod words {
    use proptest::prelude::*;

    use super::super::{Context, Words, is_word, lowered, with_lowered};
    use crate::text::Span;

    /// Text from ASCII word and other characters and some beyond ASCII: letters (`é`, `한`,
    /// the Kelvin sign, which lower-cases to `k`), a dash, a quote and an emoji.
    fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::char::range('a', 'z'),
                2 => proptest::char::range('A', 'Z'),
                1 => proptest::char::range('0', '9'),
                3 => Just(' '),
                1 => prop::sample::select(vec![',', '.', '(', '-', '$', '%', '\n']),
                1 => prop::sample::select(vec!['é', '한', '\u{212A}', '—', '’', '😀', 'İ']),
            ],
            len,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    /// The words before an offset as `words_before` found them before it read backwards: all
    /// the window's words, without its first when the window does not start at the floor.
    fn words_before_by_collecting(
        text: &str,
        floor: usize,
        offset: usize,
        n: usize,
    ) -> Vec<String> {
        let window = offset.saturating_sub(40 * n + 40).max(floor);
        let (a, b) = (
            crate::text::floor_char_boundary(text, window),
            crate::text::floor_char_boundary(text, offset),
        );
        let mut words: Vec<String> = Words {
            text: &text[a..b.max(a)],
        }
        .map(|w| lowered(w).into_owned())
        .collect();
        if window > floor && !words.is_empty() {
            words.remove(0);
        }
        let skip = words.len().saturating_sub(n);
        words.drain(..skip);
        words
    }

    /// A window that starts inside a long word keeps no part of it, unless it starts at the floor.
    #[test]
    fn words_before_drops_a_cut_first_word() {
        let text = format!("{} end", "x".repeat(200));
        let analysis = crate::model::Analysis::default();
        let config = crate::config::Checks::default();
        let scope = super::super::Paragraph::locate(&analysis, Span::new(0, text.len()));
        let cx = Context::new(&text, &analysis, &config, &scope, Vec::new(), Vec::new());
        assert_eq!(cx.words_before(0, 200, 1).to_vec(), Vec::<&str>::new());
        assert_eq!(cx.words_before(0, text.len(), 2).to_vec(), ["end"]);
        assert_eq!(cx.words_before(150, 200, 1).to_vec(), ["x".repeat(50)]);
        for (floor, offset, n) in [(0, 200, 1), (0, text.len(), 2), (150, 200, 1)] {
            assert_eq!(
                cx.words_before(floor, offset, n).to_vec(),
                words_before_by_collecting(&text, floor, offset, n)
            );
        }
    }

    proptest! {
        #[test]
        fn words_from_either_end_are_a_split(text in text(0..60)) {
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let forward: Vec<&str> = Words { text: &text }.collect();
            let mut backward: Vec<&str> = Words { text: &text }.rev().collect();
            backward.reverse();
            prop_assert_eq!(&forward, &split);
            prop_assert_eq!(&backward, &split);
        }

        #[test]
        fn words_compare_as_their_lower_case(text in text(0..60)) {
            for w in (Words { text: &text }) {
                for lower in ["including", "of", "broken", "k", "up", "made"] {
                    prop_assert_eq!(is_word(w, lower), lowered(w) == lower, "{} {}", w, lower);
                    prop_assert_eq!(with_lowered(w, |l| l == lower), lowered(w) == lower);
                }
            }
        }

        #[test]
        fn words_before_reads_the_last_words_of_its_window(
            // Windows reach 80 to 200 bytes back from the offset.
            text in text(0..300),
            floor in 0usize..400,
            offset in 0usize..400,
            n in 1usize..4,
        ) {
            let analysis = crate::model::Analysis::default();
            let config = crate::config::Checks::default();
            let scope = super::super::Paragraph::locate(&analysis, Span::new(0, text.len()));
            let cx = Context::new(&text, &analysis, &config, &scope, Vec::new(), Vec::new());
            let (floor, offset) = (floor.min(text.len()), offset.min(text.len()));
            let got: Vec<String> = cx
                .words_before(floor, offset, n)
                .into_iter()
                .map(|w| w.into_owned())
                .collect();
            prop_assert_eq!(got, words_before_by_collecting(&text, floor, offset, n));
        }

        /// The blank-line shortcut of `same_sentence` answers as comparing the sentences does.
        #[test]
        fn same_sentence_agrees_with_the_sentences(
            text in "([A-Z][a-z]{0,6}|[0-9]{1,3}|[ .!?]|\n|\r\n|\n[ \t]*\n){0,60}",
            a in 0usize..300,
            b in 0usize..300,
        ) {
            let analysis = crate::model::Analysis::default();
            let config = crate::config::Checks::default();
            let whole = super::super::Paragraph::locate(&analysis, Span::new(0, text.len()));
            let cx = Context::new(&text, &analysis, &config, &whole, Vec::new(), Vec::new());
            let (a, b) = (a.min(text.len()), b.min(text.len()));
            prop_assert_eq!(
                cx.same_sentence(a, b),
                cx.sentence_of(a) == cx.sentence_of(b),
                "{:?} {} {}", text, a, b
            );
        }
    }
}

// The shapes of false alarms seen on real reports, in sentences of our own: each reads what the
// text claims, and a real inconsistency of the same shape is still found.

#[test]
fn a_range_with_its_average_is_no_change() {
    check("Waiting times ranged from 12% to 40% of the trip, with an average of 22%.");
    check("Yields ranging from 80% to 30%, with a median of 55%, were reported.");
    check(
        "Prices rose from $10 to $15, an increase of 20%.
                                            ^^^ percent-change",
    );
}

#[test]
fn a_percentage_of_another_quantity_is_no_change() {
    check(
        "Lowering the levy from 30% to 20% on its own would bring a budget saving of 4% through higher activity.",
    );
    check(
        "Lowering the levy from 30% to 20% is a cut of 10%.
                                              ^^^ percent-change",
    );
}

#[test]
fn a_round_stated_change_claims_only_its_digits() {
    check("Sales grew from $52.4 million in 2010 to $131.5 million in 2020, a 150% increase.");
    check(
        "Sales grew from $52.4 million in 2010 to $131.5 million in 2020, a 120% increase.
                                                                   ^^^ percent-change",
    );
}

#[test]
fn respectively_pairs_lists_and_counts_its_parts() {
    check(
        "The fees rose to $120 for adults, $80 for students, and $60 for children; before the change they had been $100, $70, and $50, respectively.",
    );
    check(
        "In 2020 and 2021 the council set the grant at $12 million each year, and spent $4 million and $5 million, respectively, on staff.",
    );
}

#[test]
fn a_new_whole_after_including_starts_its_own_parts() {
    check(
        "The program funded 70 engineers, including 25 trainees, and 40 nurses, including 10 midwives.",
    );
    check(
        "The program funded 70 engineers, including 50 trainees and 30 interns.
                   ^^^ parts-exceed-whole",
    );
    check("Two-thirds of the delegates, including 40 from Asia and 30 from Africa, voted.");
}

#[test]
fn shares_of_different_wholes_are_not_summed() {
    check("The region holds 60 percent of world output and 45 percent of the world's people.");
    check("Support reached 90% of families; 91% of health workers agreed.");
    check(
        "Thailand buys 56 percent of the exports, Vietnam 41 percent and Laos 22 percent.
                                                                     ^^^ shares-over-100",
    );
}

#[test]
fn anniversaries_count_from_a_stated_year_only() {
    // The reference date is 30 June 2016: 9/11 was fifteen years before.
    check("We are nearing the 15th anniversary of 9/11, and we remember.");
    check(
        "We are nearing the 20th anniversary of 9/11, and we remember.
                   ^^^ anniversary",
    );
    check("We marked the 200th anniversary of the treaty last year with a parade.");
    check("The accord, which marked its 15th anniversary last year, is renewed.");
}

#[test]
fn table_cells_are_never_restated_figures() {
    check_as(
        "| Account | 2025 | 2026 |\n|---|---|---|\n| Court of Appeals | $3.3 | $3.4 |\n| Court of Claims | $18.1 | $18.9 |\n| Court of Appeals | $3.5 | $3.6 |\n",
        Format::Markdown,
    );
}

#[test]
fn code_html_comments_and_link_targets_raise_nothing() {
    let wrong = "On Monday, Oct. 31, 2014 the talks opened.";
    check_as(
        &format!(
            "# Notes\n\n```\n{wrong}\n```\n\n    {wrong}\n\n<!-- {wrong} -->\n\n<div>{wrong}</div>\n\nSee `{wrong}` and [the talks](https://example.org/Monday-Oct-31-2014) or <https://example.org/Monday/2014-10-31>.\n"
        ),
        Format::Markdown,
    );
    check_as(
        &format!("# Notes\n\n{wrong}\n   ^^^ weekday\n"),
        Format::Markdown,
    );
}

#[test]
fn table_totals_must_be_the_sum_of_their_cells() {
    let table = |total: &str| {
        format!(
            "| Program | FY2025 | FY2026 |\n|---|---|---|\n| Spending limits | | |\n| Loans | $50 million | $60 million |\n| Grants and aid | | |\n| Roads | $5 million | $7 million |\n| Ports | $20 million | ($2 million) |\n| Total | $25 million | {total} |\n"
        )
    };
    // The total sums the rows after the group heading; `($2 million)` is minus two.
    check_as(&table("$5 million"), Format::Markdown);
    let wrong = table("$9 million");
    let at = wrong.find("$9 million").unwrap()
        - wrong[..wrong.find("$9 million").unwrap()]
            .rfind('\n')
            .unwrap()
        - 1;
    check_as(
        &format!("{wrong}{}^^^ table-total\n", " ".repeat(at)),
        Format::Markdown,
    );
    // Rounded cells may sum a little off their total.
    check_as(
        "| Rating | Number | Share |\n|---|---|---|\n| Good | 287 | 47.3 |\n| Fair | 263 | 43.3 |\n| Poor | 57 | 9.4 |\n| Total | 607 | 100.0 |\n",
        Format::Markdown,
    );
    // Subtotals above their own items make a hierarchy, not a list of parts.
    check_as(
        "| Account | FY2026 |\n|---|---|\n| Courts (total) | $30 |\n| Salaries | $20 |\n| Buildings | $10 |\n| Commission | $5 |\n| Total | $35 |\n",
        Format::Markdown,
    );
    // An `NA` cell leaves the column alone, and a total column after an average is no sum.
    check_as(
        "| Year | Amount | Law |\n|---|---|---|\n| 2024 | 50 | NA |\n| 2025 | NA | NA |\n| Total | 900 | NA |\n",
        Format::Markdown,
    );
    check_as(
        "| Program | FY2025 | FY2026 | Average | Total |\n|---|---|---|---|---|\n| Roads | $5 | $7 | $6 | $12 |\n",
        Format::Markdown,
    );
    check_as(
        "| Program | FY2025 | FY2026 | Total |\n|---|---|---|---|\n| Roads | $5 | $7 | $15 |\n                    ^^^ table-total\n",
        Format::Markdown,
    );
}

/// Past the 15 digits a double holds, rounding alone made these shares pass 100 percent and this
/// column miss its total; as written, both add up.
#[test]
fn figures_past_a_doubles_digits_raise_nothing_from_rounding() {
    check(
        "Textiles make up 83.900000000000000 percent of exports, rice 15.900000000000000 percent and oil 0.2000000000000000 percent.",
    );
    check_as(
        "| Fund | Amount |\n|---|---|\n| East | 10000000000000001 |\n| West | 10000000000000001 |\n| North | 10000000000000001 |\n| Total | 30000000000000003 |\n",
        Format::Markdown,
    );
}

#[test]
fn qualifiers_and_repeated_wholes_do_not_hide_a_real_inconsistency() {
    let text = "Exports rose from $4.6 billion to $6.9 billion, an increase of about 90 percent.";
    let at = text.find("90 percent").unwrap();
    check(&format!("{text}\n{}^^^ percent-change", " ".repeat(at)));
    let text = "Of those asked, 60% of respondents said yes and 50% of respondents said no.";
    let at = text.find("50%").unwrap();
    check(&format!("{text}\n{}^^^ shares-over-100", " ".repeat(at)));
}

#[test]
fn a_named_event_is_no_date_of_the_period() {
    // The hint on a real date outside the period shows the check ran; `9/11` raises none.
    let line = "Since 9/11 the rules changed, and again on Oct. 31, 2015.";
    let at = line.find("Oct. 31").unwrap();
    check(&format!(
        "Review: Sep — Dec 2014\n\n{line}\n{}^^^ date-outside-period",
        " ".repeat(at)
    ));
}

/// The same fact restated with another value in another sentence, named another way.
#[test]
fn facts_restated_through_a_possessive_or_an_acronym() {
    check(
        "
        The Gulf Coast Investment Authority (GCIA) holds $20 billion for local infrastructure in 2021.
        In a later section, the authority's $25 billion infrastructure envelope for 2021 is praised.
                                            ^^^^^^^^^^^ restated-figure",
    );
    // Across sections, and once by possessive, once by `from`.
    check(
        "
        Kenya's exports were $7 billion in 2021.
        
        Trade
        
        Exports from Kenya reached $9 billion in 2021, the ministry said.
                                   ^^^^^^^^^^ restated-figure",
    );
    // Different years.
    check(
        "Kenya's exports were $7 billion in 2021. Exports from Kenya reached $9 billion in 2022.",
    );
    // Different subjects.
    check("Kenya's exports were $7 billion in 2021. Uganda's exports reached $9 billion in 2021.");
    // Rounding: $1.2 billion is 1.15 to 1.25 billion.
    check(
        "Kenya's exports were $1.2 billion in 2021. Kenya's exports of $1,180 million in 2021 were a record.",
    );
    // A pledge is not a disbursement.
    check(
        "Japan pledged $5 billion in aid to Kenya in 2021. Japan disbursed $2 billion in aid to Kenya in 2021.",
    );
    // A forecast is not an outturn.
    check(
        "Kenya's exports are forecast to reach $9 billion in 2021. Kenya's exports were $7 billion in 2021.",
    );
    // A revision contradicts nothing.
    check(
        "Kenya's exports were $7 billion in 2021. Kenya's exports in 2021 were later revised up to $9 billion.",
    );
    // Different parts of one measure.
    check(
        "Kenya's oil exports were $7 billion in 2021. Kenya's tea exports were $1 billion in 2021.",
    );
}

/// Exports less imports against the stated surplus or deficit, across sentences.
#[test]
fn balances_that_exports_and_imports_do_not_make() {
    check(
        "
        Japan's exports to South Korea were $54.6 billion in 2021, and its imports from Korea $30.1 billion.
        That left Japan with a trade surplus with South Korea of $28.5 billion in 2021.
                                                                 ^^^^^^^^^^^^^ balance",
    );
    check(
        "Japan's exports to South Korea were $54.6 billion in 2021, and its imports from Korea $30.1 billion. That left Japan with a trade surplus with South Korea of $24.5 billion in 2021.",
    );
    // A deficit is imports less exports.
    check(
        "
        Kenya's exports were $7.1 billion in 2021.
        Kenya's imports were $19.6 billion in 2021.
        Kenya's trade deficit was $15.5 billion in 2021.
                                  ^^^^^^^^^^^^^ balance",
    );
    check(
        "Kenya's exports were $7.1 billion in 2021. Kenya's imports were $19.6 billion in 2021. Kenya's trade deficit was $12.5 billion in 2021.",
    );
    // Rounding: 19.5 - 7.5 = 12 to 20.5 - 6.5 = 14.
    check(
        "Kenya's exports were $7 billion in 2021. Kenya's imports were $20 billion in 2021. Kenya's trade deficit was $12.6 billion in 2021.",
    );
    // Different periods.
    check(
        "Kenya's exports were $7.1 billion in 2021. Kenya's imports were $19.6 billion in 2020. Kenya's trade deficit was $15.5 billion in 2021.",
    );
    // Different parties.
    check(
        "Kenya's exports were $7.1 billion in 2021. Uganda's imports were $19.6 billion in 2021. Kenya's trade deficit was $15.5 billion in 2021.",
    );
    // A forecast deficit against an outturn.
    check(
        "Kenya's exports were $7.1 billion in 2021. Kenya's imports were $19.6 billion in 2021. Kenya's trade deficit is forecast to be $15.5 billion in 2021.",
    );
    // A revision.
    check(
        "Kenya's exports were $7.1 billion in 2021. Kenya's imports were $19.6 billion in 2021. Kenya's trade deficit for 2021 was later revised to $15.5 billion.",
    );
}

/// The parties of a balance stated without an owner: the one party of the sentence before.
#[test]
fn balances_of_the_party_named_in_the_sentence_before() {
    check(
        "
        Kenya's trade in 2021. Exports were $5 billion and imports $3 billion, leaving a surplus of $4 billion.
                                                                                                    ^^^^^^^^^^ balance",
    );
    check(
        "Kenya's trade in 2021. Exports were $5 billion and imports $3 billion, leaving a surplus of $2 billion.",
    );
    check(
        "
        Kenya's exports were $5 billion in 2021. Imports were $3 billion, leaving a surplus of $4 billion.
                                                                                               ^^^^^^^^^^ balance",
    );
    // Two countries in one paragraph: no party is taken, and no two countries' flows pair.
    check(
        "Kenya and Uganda traded in 2021. Exports were $5 billion and imports $3 billion, leaving a surplus of $4 billion.",
    );
    check(
        "Kenya's exports were $5 billion in 2021. Uganda's imports were $3 billion in 2021. The surplus was $4 billion.",
    );
    // A bilateral flow against the total surplus.
    check(
        "Kenya's exports to China were $5 billion in 2021. Imports were $3 billion, leaving a surplus of $4 billion.",
    );
    check(
        "Kenya's trade in 2021. Exports to China were $5 billion and imports $3 billion, leaving a surplus of $4 billion.",
    );
    // Different years, and a sentence of another time.
    check(
        "Kenya's trade in 2021. Exports were $5 billion in 2020. Imports were $3 billion in 2021, leaving a surplus of $4 billion in 2021.",
    );
    check(
        "Kenya's exports were $5 billion in 2021. Imports are now $3 billion, leaving a surplus of $4 billion.",
    );
    // Another paragraph.
    check(
        "Kenya's trade in 2021.\n\nExports were $5 billion and imports $3 billion, leaving a surplus of $4 billion.",
    );
}

/// The fix rewrites the balance at its scale and decimals.
#[test]
fn a_balance_is_fixed_when_the_flows_are_stated_together() {
    check_fix(
        "Japan's exports to South Korea were $54.6 billion in 2021, and its imports from Korea $30.1 billion. That left Japan with a trade surplus with South Korea of $28.5 billion in 2021.\n",
        "Japan's exports to South Korea were $54.6 billion in 2021, and its imports from Korea $30.1 billion. That left Japan with a trade surplus with South Korea of $24.5 billion in 2021.\n",
    );
}

/// A stated rate against the levels of the year and the year before, in other sentences.
#[test]
fn growth_rates_that_the_levels_do_not_make() {
    check(
        "
        Vietnam's rice exports were $3.1 billion in 2020.
        
        In 2021 Vietnam's rice exports rose 25% to $3.3 billion.
                                            ^^^ growth",
    );
    check(
        "Vietnam's rice exports were $3.1 billion in 2020. In 2021 Vietnam's rice exports rose 6% to $3.3 billion.",
    );
    // Rounding: 3.25/3.5 to 3.35/2.5 allows -7% to +34%.
    check(
        "Vietnam's rice exports were $3 billion in 2020. In 2021 Vietnam's rice exports rose 12% to $3.3 billion.",
    );
    // Not the year before.
    check(
        "Vietnam's rice exports were $3.1 billion in 2019. In 2021 Vietnam's rice exports rose 25% to $3.3 billion.",
    );
    // Another subject.
    check(
        "Thailand's rice exports were $3.1 billion in 2020. In 2021 Vietnam's rice exports rose 25% to $3.3 billion.",
    );
    // Another basis.
    check(
        "Vietnam's rice exports were $3.1 billion in 2020. In 2021 Vietnam's rice exports rose 25% in volume to $3.3 billion.",
    );
    // A forecast level.
    check(
        "Vietnam's rice exports were forecast at $3.1 billion in 2020. In 2021 Vietnam's rice exports rose 25% to $3.3 billion.",
    );
    // A fall where the levels rose.
    check(
        "
        Vietnam's rice exports were $3.1 billion in 2020.
        In 2021 Vietnam's rice exports fell 5% to $3.3 billion.
                                            ^^ growth",
    );
}

/// The fix gives the rate the two levels make.
#[test]
fn a_growth_rate_is_fixed_from_the_levels() {
    check_fix(
        "Vietnam's rice exports were $3.1 billion in 2020. In 2021 Vietnam's rice exports rose 25% to $3.3 billion.\n",
        "Vietnam's rice exports were $3.1 billion in 2020. In 2021 Vietnam's rice exports rose 6.5% to $3.3 billion.\n",
    );
}

/// Parts in sentences of their own against a total of the same fact.
#[test]
fn parts_stated_apart_that_exceed_their_total() {
    // `The total` continues the measure of the sentence before, not its part.
    check(
        "
        Kenya's oil exports were $45 billion in 2021. The total was $50 billion in 2021.
                                                                    ^^^^^^^^^^^ total
        Kenya's tea exports were $9 billion in 2021.",
    );
    check(
        "Kenya's oil exports were $45 billion in 2021. The total was $50 billion in 2021. Kenya's tea exports were $4 billion in 2021.",
    );
    check(
        "
        Nigeria's exports were $50 billion in 2021.
                               ^^^^^^^^^^^ total
        Nigeria's oil exports were $45 billion in 2021.
        Nigeria's gas exports were $9 billion in 2021.",
    );
    check(
        "Nigeria's exports were $50 billion in 2021. Nigeria's oil exports were $42 billion in 2021. Nigeria's gas exports were $7 billion in 2021.",
    );
    // Rounding: 44.5 + 5.35 is under 50.5.
    check(
        "Nigeria's exports were $50 billion in 2021. Nigeria's oil exports were $45 billion in 2021. Nigeria's gas exports were $5.4 billion in 2021.",
    );
    // Different years.
    check(
        "Nigeria's exports were $50 billion in 2021. Nigeria's oil exports were $45 billion in 2020. Nigeria's gas exports were $9 billion in 2021.",
    );
    // A part restated is counted once.
    check(
        "Nigeria's exports were $50 billion in 2021. Nigeria's oil exports were $45 billion in 2021. Nigeria's oil exports, $45 billion in 2021, led.",
    );
    // A revision is no part.
    check(
        "Nigeria's exports were $50 billion in 2021. Nigeria's oil exports were $45 billion in 2021. Nigeria's non-oil exports were $9 billion in 2021 by the old definition, later revised.",
    );
    // Parts disbursed against a total pledged.
    check(
        "Japan pledged $5 billion in aid to Kenya in 2021. Japan's food aid to Kenya was $4 billion in 2021. Japan's health aid to Kenya was $3 billion in 2021.",
    );
}
