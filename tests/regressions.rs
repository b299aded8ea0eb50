//! Inputs that once broke Dossier, each named after what it guards.

use dossier::{Config, Format};

fn analyse_everywhere(text: &str) {
    let config = Config {
        reference_date: dossier::calendar::Date::new(2014, 12, 31),
        ..Config::default()
    };
    for format in [Format::Plain, Format::Markdown] {
        let a = dossier::analyze(text, &config, format);
        let _ = dossier::report::to_json("regression", text, &a);
    }
}

/// Found by `cargo fuzz run analyze`: a check looked a fixed number of bytes past a figure and
/// landed inside a multi-byte character.
#[test]
fn words_after_a_figure_stop_at_a_character_boundary() {
    analyse_everywhere(
        "May\u{0}*0\u{fffd}\u{fffd}N;ov7~2\u{17}/\u{fffd}\u{fffd}\u{0}\u{0}from\u{0}\u{0}\u{0}\u{0}1\u{19}1$-1121\u{0}\u{0}-1121$\u{fffd}\u{fffd}\u{fffd}\u{fffd}fi/gm\u{0}\u{0}\u{0}\u{0}1\u{19}1$-1121\u{0}\u{0}-uI4",
    );
    analyse_everywhere("rose from $1 to $2, up 5 percent한국어");
}

/// Pathological input stays fast: a 1 MB line, a million digits, deep parentheses.
#[test]
fn pathological_lines_are_analysed() {
    analyse_everywhere(&"Seoul met Beijing on Oct. 31 over $5 million. ".repeat(22_000));
    analyse_everywhere(&"9".repeat(1_000_000));
    analyse_everywhere(&format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000)));
    analyse_everywhere(&"-".repeat(200_000));
    analyse_everywhere(&"1-".repeat(100_000));
}

/// A hover on a date that recurs on every line listed its other lines by counting the lines
/// before each mention, a scan of the text per mention: on this report, minutes for a hundred
/// hovers. The index answers each in one look-up per mention.
#[test]
fn hovers_on_a_date_on_every_line_stay_fast() {
    let text = "On Oct. 31 the envoys met again.\n".repeat(10_000);
    let config = Config {
        reference_date: dossier::calendar::Date::new(2014, 12, 31),
        ..Config::default()
    };
    let analysis = dossier::analyze(&text, &config, Format::Plain);
    let index = dossier::ide::Index::new(&text, &analysis);
    let cx = dossier::ide::HoverContext::default();
    for k in 0..100 {
        let line = k * 100;
        let offset = line * "On Oct. 31 the envoys met again.\n".len() + "On Oct".len();
        let (_, card) = dossier::ide::hover(&text, &analysis, &index, offset, &cx).unwrap();
        assert!(
            card.contains("Same date also on 9999 other lines") && card.contains("and 9987 more"),
            "{card}"
        );
    }
}
