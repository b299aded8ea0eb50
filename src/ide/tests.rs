//! Fixture tests for the editor features: `$0` marks the cursor.

use expect_test::{Expect, expect};

use crate::config::Config;
use crate::fixture::Fixture;
use crate::outline::Format;

fn analyse(fixture: &str) -> (String, usize, crate::model::Analysis) {
    let Fixture { text, cursor, .. } = Fixture::parse(fixture);
    let offset = cursor.expect("a $0 cursor");
    let config = Config {
        reference_date: crate::calendar::Date::new(2014, 12, 31),
        ..Config::default()
    };
    let analysis = crate::analyze(&text, &config, Format::Plain);
    (text, offset, analysis)
}

fn check_hover(fixture: &str, expect: Expect) {
    let (text, offset, analysis) = analyse(fixture);
    expect.assert_eq(&hover_card(&text, offset, &analysis));
}

/// The hovered span and the card, as one string to compare.
fn hover_card(text: &str, offset: usize, analysis: &crate::model::Analysis) -> String {
    let index = super::Index::new(text, analysis);
    match super::hover(
        text,
        analysis,
        &index,
        offset,
        &super::HoverContext::default(),
    ) {
        Some((span, md)) => format!("{}\n---\n{md}", &text[span.start..span.end]),
        None => "(none)".into(),
    }
}

#[test]
fn hover_on_a_date_gives_iso_weekday_and_place_in_the_period() {
    check_hover(
        "Notes, Sep — Dec 2014\n\nWe met on Oct.$0 31 in Seoul.",
        expect![[r#"
            Oct. 31
            ---
            **2014-10-31** · Friday

            within the report period (2014-09-01 to 2014-12-31)"#]],
    );
}

#[test]
fn hover_at_the_edges_of_a_span() {
    // The first byte of a span and the byte right after it both count.
    check_hover(
        "A fund of $0$359 million.",
        expect![[r#"
            $359 million
            ---
            **$359 million** · money

            USD 359,000,000

            As written: 358,500,000 to 359,500,000"#]],
    );
    check_hover(
        "A fund of $359 million$0.",
        expect![[r#"
            $359 million
            ---
            **$359 million** · money

            USD 359,000,000

            As written: 358,500,000 to 359,500,000"#]],
    );
    check_hover("A fund of $359 million. $0", expect!["(none)"]);
}

/// A double holds 15 significant digits: 21 nines were shown as 1,000,000,000,000,000,000,000.
#[test]
fn hover_on_a_figure_past_a_doubles_digits_shows_them_as_written() {
    check_hover(
        "The fund held 999999999999$0999999999 dollars.",
        expect![[r#"
            999999999999999999999 dollars
            ---
            **999999999999999999999 dollars** · money

            USD 999999999999999999999"#]],
    );
    check_hover(
        "It weighed -999,999,999,999,999,999.5$0 million tons.",
        expect![[r#"
            -999,999,999,999,999,999.5 million tons
            ---
            **-999,999,999,999,999,999.5 million t** · quantity"#]],
    );
}

#[test]
fn hover_on_an_actor_lists_aliases_titles_and_first_mention() {
    check_hover(
        "Foreign Minister Wang Yi met Seoul's envoy. Later Wang$0 Yi left for Pyongyang.",
        expect![[r#"
            Wang Yi
            ---
            **Wang Yi** · person

            Minister of Foreign Affairs of China, 2013–2022

            Titles: Foreign Minister

            2 mentions in this report

            First mention, line 1: Foreign Minister Wang Yi met Seoul's envoy. Later Wang Yi left for Pyongyang."#]],
    );
}

#[test]
fn hover_on_money_converts_at_the_report_rate() {
    check_hover(
        "A bridge of 2.2 billion RMB ($359 million) and a port of 1.1 billion RMB$0.",
        expect![[r#"
            1.1 billion RMB
            ---
            **1.1 billion RMB** · money

            CNY 1,100,000,000

            As written: 1,050,000,000 to 1,150,000,000

            ≈ $179.5 million at 6.13 CNY per USD (the rate the report implies on line 1)"#]],
    );
}

#[test]
fn hover_converts_at_a_configured_rate_into_the_configured_currency() {
    let (text, offset, analysis) = analyse("A fund of 200 billion won$0.");
    let rates = [("KRW".to_string(), "EUR".to_string(), 1400.0)];
    let cx = super::HoverContext {
        others: &[],
        currency: "EUR",
        rates: &rates,
        ..Default::default()
    };
    let (_, md) = super::hover(
        &text,
        &analysis,
        &super::Index::new(&text, &analysis),
        offset,
        &cx,
    )
    .unwrap();
    assert!(
        md.contains("≈ 142.86 million EUR at 1,400 KRW per EUR (the configured rate)"),
        "{md}"
    );
}

#[test]
fn references_and_definition_follow_aliases() {
    let (text, offset, analysis) = analyse("North Korea said so. The DPRK$0 and Pyongyang agree.");
    let refs = super::references(&analysis, offset, usize::MAX).unwrap();
    let words: Vec<&str> = refs.iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(words, ["North Korea", "DPRK", "Pyongyang"]);
    let def = super::definition(&analysis, offset).unwrap();
    assert_eq!(&text[def.start..def.end], "North Korea");
}

#[test]
fn rename_takes_only_the_same_wording() {
    let (text, offset, analysis) =
        analyse("Kim Jong Un$0 spoke. Kim Jong Il died. Kim Jong Un left.");
    let (wording, spans) = super::edit::rename_spans(&text, &analysis, offset).unwrap();
    assert_eq!(wording, "Kim Jong Un");
    assert_eq!(spans.len(), 2);
    assert!(super::edit::prepare_rename(&analysis, offset).is_some());
    let (_, date_offset, analysis) = analyse("On Oct.$0 31 we met.");
    assert!(super::edit::prepare_rename(&analysis, date_offset).is_none());
}

#[test]
fn completion_ranks_names_used_in_the_report_first() {
    let (text, offset, analysis) = analyse("Seoul and the envoy met. Se$0");
    let (_, word) = super::edit::word_before(&text, offset).unwrap();
    assert_eq!(word, "Se");
    let got = super::edit::completions(word, &analysis, &[]);
    assert_eq!(got[0].label, "Seoul");
    assert_eq!(got[0].rank, 0);
    assert!(got.iter().any(|c| c.label == "Senegal" && c.rank == 2));
}

#[test]
fn inlay_hints_show_iso_dates_and_dollar_values() {
    let (text, _, analysis) = analyse(
        "Sep — Dec 2014\n\nOn Oct. 31 a bridge of 2.2 billion RMB ($359 million) and a port of 1.1 billion RMB.$0",
    );
    let hints = super::edit::inlay_hints(
        &text,
        &analysis,
        crate::text::Span::new(0, text.len()),
        &Config::default(),
    );
    let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
    assert_eq!(labels, [" 2014-10-31", " ≈ $179.5 million"]);
    let off = Config {
        inlay_dates: false,
        inlay_money: false,
        ..Config::default()
    };
    assert!(
        super::edit::inlay_hints(
            &text,
            &analysis,
            crate::text::Span::new(0, text.len()),
            &off
        )
        .is_empty()
    );
}

fn check_markdown_hover(fixture: &str, expect: Expect) {
    let offset = fixture.find("$0").expect("a $0 cursor");
    let text = fixture.replacen("$0", "", 1);
    let analysis = crate::analyze(&text, &Config::default(), Format::Markdown);
    expect.assert_eq(&hover_card(&text, offset, &analysis));
}

#[test]
fn hover_on_relative_wording_names_the_reports_own_date() {
    check_markdown_hover(
        "# Notes\n\n**Publication Date:** 04/13/2026\n\nThe fund grew last$0 year.\n",
        expect![[r#"
            last year
            ---
            **2025**

            Relative wording, read against 2026-04-13, the report's date, from its metadata lines"#]],
    );
    check_markdown_hover(
        "---\ndate: 2022-03-29\n---\n\nWe met on March$0 3.\n",
        expect![[r#"
            March 3
            ---
            **2022-03-03** · Thursday

            Its year is read from 2022-03-29, the report's date, from its front matter"#]],
    );
}

#[test]
fn hover_on_a_table_cell_names_its_row_and_column() {
    check_markdown_hover(
        "| Account | FY2026 | FY2027 |\n|---|---|---|\n| Court of Appeals | $3.3 | $3$0.8 |\n",
        expect![[r#"
            $3.8
            ---
            **$3.8** · money

            USD 3.8

            Row: Court of Appeals · Column: FY2027

            As written: 3.75 to 3.85"#]],
    );
}

#[test]
fn lists_in_a_card_name_a_few_and_count_the_rest() {
    let (text, offset, analysis) = analyse("Seoul$0 met Tokyo.");
    let names: Vec<String> = (0..30).map(|k| format!("r{k:02}.md")).collect();
    let others: Vec<(&str, usize)> = names.iter().map(|n| (n.as_str(), 1)).collect();
    let cx = super::HoverContext {
        others: &others,
        list_limit: 3,
        ..Default::default()
    };
    let (_, md) = super::hover(
        &text,
        &analysis,
        &super::Index::new(&text, &analysis),
        offset,
        &cx,
    )
    .unwrap();
    assert!(
        md.contains("Also in: r00.md (1), r01.md (1), r02.md (1) and 27 more"),
        "{md}"
    );
}

/// A space before the closing `**` leaves the asterisks literal: `**2 ** · count`.
#[test]
fn hover_on_a_count_titles_it_without_a_dangling_space() {
    check_hover(
        "They sent 2$0 envoys.",
        expect![[r#"
            2
            ---
            **2** · count

            As written: 1.5 to 2.5"#]],
    );
}

#[test]
fn hover_on_a_range_titles_it_as_a_range() {
    check_hover(
        "Some 2,000-3,000$0 workers left.",
        expect![[r#"
            2,000-3,000
            ---
            **2,000–3,000** · count

            Approximate: about 1,800 to 3,300 (the wording widened by 10%)"#]],
    );
}

/// Money reads first as written, then restated in its currency; the dollar figure in
/// parentheses says which amount it converts.
#[test]
fn hover_on_money_shows_it_as_written_and_a_conversion_points_back() {
    check_hover(
        "A loan of 200 billion won ($187.4 million$0) was signed.",
        expect![[r#"
            $187.4 million
            ---
            **$187.4 million** · money

            USD 187,400,000

            As written: 187,350,000 to 187,450,000

            Converts 200 billion won (KRW 200,000,000,000), at 1,067.24 KRW per USD"#]],
    );
    check_hover(
        "A loan of 200 billion won$0 ($187.4 million) was signed.",
        expect![[r#"
            200 billion won
            ---
            **200 billion won** · money

            KRW 200,000,000,000

            As written: 199,500,000,000 to 200,500,000,000

            Converted in the text: $187.4 million (USD 187,400,000), at 1,067.24 KRW per USD"#]],
    );
}

/// `more than 1 trillion won` is open above: no two-sided interval beside "a lower bound".
#[test]
fn hover_on_a_one_sided_figure_shows_one_side() {
    check_hover(
        "Trade of more than 1 trillion won$0 passed.",
        expect![[r#"
            1 trillion won
            ---
            **1 trillion won** · money

            KRW 1,000,000,000,000

            A lower bound: KRW 1,000,000,000,000 or more"#]],
    );
    check_hover(
        "Prices rose less than 20 percent$0.",
        expect![[r#"
            20 percent
            ---
            **20%** · percent

            An upper bound: 20% or less"#]],
    );
}

/// `about` widens a figure by `approx-margin`, as the checks read it.
#[test]
fn hover_on_an_approximate_figure_shows_it_widened() {
    check_hover(
        "Exports fell about 10 percent$0.",
        expect![[r#"
            10 percent
            ---
            **10%** · percent

            Approximate: about 8.55 to 11.6 (the wording widened by 10%)"#]],
    );
}

/// The gazetteer's `country; capital Pyongyang` after `· country` said "country" twice.
#[test]
fn hover_on_a_country_names_its_kind_once() {
    check_hover(
        "North Korea$0 said so.",
        expect![[r#"
            North Korea
            ---
            **North Korea** · country

            capital Pyongyang

            1 mention in this report

            First mention, line 1: North Korea said so."#]],
    );
}

/// Each other line once, a few words of it, and past the limit a count.
#[test]
fn same_date_lines_are_listed_once_each_with_a_short_excerpt_and_capped() {
    let mut text = String::from("Sep — Dec 2014\n\nWe met in October.\n");
    for k in 0..8 {
        text.push_str(&format!(
            "\nLine {k} of a long paragraph that keeps going, then in October and again in October it ends with more words after.\n"
        ));
    }
    let analysis = crate::analyze(&text, &Config::default(), Format::Plain);
    let offset = text.find("October").unwrap();
    let cx = super::HoverContext {
        list_limit: 3,
        ..Default::default()
    };
    let index = super::Index::new(&text, &analysis);
    let (_, md) = super::hover(&text, &analysis, &index, offset, &cx).unwrap();
    expect![[r#"
        **2014-10**

        within the report period (2014-09-01 to 2014-12-31)

        Same date also on 8 other lines:

        - line 5: …keeps going, then in October and again in October…
        - line 7: …keeps going, then in October and again in October…
        - line 9: …keeps going, then in October and again in October…
        - and 5 more"#]]
    .assert_eq(&md);
}

#[test]
fn inlay_hints_skip_bare_months_and_stated_years_and_mark_approximate_dates() {
    let (text, _, analysis) = analyse(
        "Sep — Dec 2014\n\nIn October we met; on Oct. 31, '14 we left; on Nov. 3 we wrote; late last month$0 we called.",
    );
    let hints = super::edit::inlay_hints(
        &text,
        &analysis,
        crate::text::Span::new(0, text.len()),
        &Config::default(),
    );
    let labels: Vec<(&str, &str)> = hints
        .iter()
        .map(|h| (&text[..h.offset], h.label.as_str()))
        .map(|(before, l)| (&before[before.len().saturating_sub(10)..], l))
        .collect();
    expect![[r#"
        [
            (
                "on Oct. 31",
                " 2014-10-31",
            ),
            (
                " on Nov. 3",
                " 2014-11-03",
            ),
            (
                "last month",
                " ≈2014-11",
            ),
        ]
    "#]]
    .assert_debug_eq(&labels);
}

/// Plain-text clients see a card without its bold markers and without the escapes that keep a
/// report's own asterisks and underscores from reading as markup.
#[test]
fn plain_text_cards_drop_the_markers_and_the_escapes() {
    assert_eq!(
        super::plain_text("**A\\*B** · organization\n\nFirst mention, line 1: a \\_b"),
        "A*B · organization\n\nFirst mention, line 1: a _b"
    );
}

/// A report's own markup in a name or an excerpt shows as written, not as emphasis.
#[test]
fn hover_escapes_the_reports_markup() {
    check_hover(
        "The Seoul$0 office_2 said <so> [sic].",
        expect![[r#"
            Seoul
            ---
            **South Korea** · country

            capital Seoul

            Also written: Seoul

            1 mention in this report

            First mention, line 1: The Seoul office\_2 said \<so\> \[sic\]."#]],
    );
}

/// A table's padding in an excerpt shows as one space.
#[test]
fn excerpts_show_runs_of_spaces_as_one() {
    check_hover(
        "Seoul$0      met     Tokyo.",
        expect![[r#"
            Seoul
            ---
            **South Korea** · country

            capital Seoul

            Also written: Seoul

            1 mention in this report

            First mention, line 1: Seoul met Tokyo."#]],
    );
}
