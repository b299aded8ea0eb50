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
    match super::hover(text, analysis, offset, &super::HoverContext::default()) {
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
        **359,000,000 USD** · money

        As written: 358,500,000 to 359,500,000"#]],
    );
    check_hover(
        "A fund of $359 million$0.",
        expect![[r#"
        $359 million
        ---
        **359,000,000 USD** · money

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
            **999999999999999999999 USD** · money"#]],
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
            **1,100,000,000 CNY** · money

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
    let (_, md) = super::hover(&text, &analysis, offset, &cx).unwrap();
    assert!(
        md.contains("≈ 142.86 million EUR at 1400.00 KRW per EUR (the configured rate)"),
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
            **3.8 USD** · money

            Row: Court of Appeals · Column: FY2027

            As written: 3.75 to 3.85"#]],
    );
}

#[test]
fn lists_in_a_card_name_a_few_and_count_the_rest() {
    let (text, offset, analysis) = analyse("Seoul$0 met Tokyo.");
    let others: Vec<(String, usize)> = (0..30).map(|k| (format!("r{k:02}.md"), 1)).collect();
    let cx = super::HoverContext {
        others: &others,
        list_limit: 3,
        ..Default::default()
    };
    let (_, md) = super::hover(&text, &analysis, offset, &cx).unwrap();
    assert!(
        md.contains("Also in: r00.md (1), r01.md (1), r02.md (1) and 27 more"),
        "{md}"
    );
}
