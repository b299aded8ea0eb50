//! Property test: after any sequence of edits (multi-byte characters, CRLF and lone CR, joined
//! and split lines, empty edits, full replacements) in any position encoding, the rope equals the
//! client's text and the analysis equals a fresh analysis of that text.

use dossier::lsp::document::apply_one;
use dossier::lsp::position::{Encoding, offset};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

#[derive(Clone, Debug)]
enum Edit {
    Ranged {
        a: (u32, u32),
        b: (u32, u32),
        text: String,
    },
    Full(String),
}

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "x",
        "한국",
        "😀",
        "\n",
        "\r\n",
        "\r",
        "Oct. 31 ",
        "$5 million ",
        "Seoul ",
        "President Xi ",
        "Monday, ",
        "40 percent",
        "# Heading\n",
        "\n\n",
        "Foreign Minister Wang Yi said ",
        "Wang ",
        "Asian Infrastructure Investment Bank (AIIB) ",
        "the AIIB ",
        "3 trillion won ($3 billion) ",
        "4 trillion won ($3 billion). ",
        "Tuesday, Oct. 31, 2014 ",
        "60 percent and 50 percent of the total. ",
    ])
    .prop_map(String::from)
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        8 => ((0u32..8, 0u32..30), (0u32..8, 0u32..30), prop::collection::vec(piece(), 0..3))
            .prop_map(|(a, b, t)| Edit::Ranged { a, b, text: t.concat() }),
        1 => prop::collection::vec(piece(), 0..6).prop_map(|t| Edit::Full(t.concat())),
    ]
}

/// The client's view: the same edit applied to a plain string with the protocol's clamping.
fn model_apply(model: &mut String, e: &Edit, enc: Encoding) {
    match e {
        Edit::Full(t) => *model = t.clone(),
        Edit::Ranged { a, b, text } => {
            let rope = Rope::from_str(model);
            let x = offset(&rope, Position::new(a.0, a.1), enc);
            let y = offset(&rope, Position::new(b.0, b.1), enc);
            model.replace_range(x.min(y)..x.max(y), text);
        }
    }
}

fn change(e: &Edit) -> TextDocumentContentChangeEvent {
    match e {
        Edit::Full(t) => TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: t.clone(),
        },
        Edit::Ranged { a, b, text } => TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
            range_length: None,
            text: text.clone(),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_rope_never_drifts_from_the_client(
        enc in prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32]),
        start in prop::collection::vec(piece(), 0..8),
        edits in prop::collection::vec(edit(), 1..25),
    ) {
        let mut model = start.concat();
        let config = dossier::Config { reference_date: dossier::calendar::Date::new(2014, 12, 31), ..Default::default() };
        let mut doc = dossier::lsp::document::Document::new(&model, 1, dossier::Format::Markdown, &config);
        for (v, e) in edits.iter().enumerate() {
            model_apply(&mut model, e, enc);
            doc.apply(&[change(e)], enc);
            doc.version = v as i32 + 2;
            doc.reanalyze(&config);
            prop_assert_eq!(doc.rope.to_string(), model.clone());
        }
        let fresh = dossier::host::analyze(&model, &config, dossier::Format::Markdown);
        prop_assert_eq!(&*doc.snapshot.analysis, &fresh);
    }
}

#[test]
fn edits_at_line_breaks_and_past_the_end_clamp() {
    let mut rope = Rope::from_str("a\r\nb");
    // A position inside the CRLF pair clamps to the end of the line's content.
    apply_one(
        &mut rope,
        &change(&Edit::Ranged {
            a: (0, 5),
            b: (0, 9),
            text: "X".into(),
        }),
        Encoding::Utf16,
    );
    assert_eq!(rope.to_string(), "aX\r\nb");
    apply_one(
        &mut rope,
        &change(&Edit::Ranged {
            a: (9, 0),
            b: (9, 0),
            text: "!".into(),
        }),
        Encoding::Utf8,
    );
    assert_eq!(rope.to_string(), "aX\r\nb!");
}

/// Edits spread over real reports, each re-analysed through the same per-paragraph caches as an
/// editor session, give exactly a fresh analysis: people, acronyms and findings that link
/// paragraphs included.
#[test]
fn editing_reports_paragraph_by_paragraph_matches_fresh_analyses() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reports");
    let mut reports: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/reports")
        .map(|e| e.expect("entry").path())
        .collect();
    reports.sort();
    let config = dossier::Config {
        reference_date: dossier::calendar::Date::new(2019, 3, 31),
        ..Default::default()
    };
    let inserts = [
        "Wang ",
        "President Park ",
        "the AIIB ",
        "\n\n",
        "4 trillion won ($3 billion). ",
        "x",
    ];
    for path in reports {
        let mut text = std::fs::read_to_string(&path).expect("report");
        let format = dossier::Format::from_path(&path.to_string_lossy());
        let mut doc = dossier::lsp::document::Document::new(&text, 1, format, &config);
        for (k, at) in (0..text.len()).step_by(text.len() / 12 + 1).enumerate() {
            let mut at = at;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            let piece = inserts[k % inserts.len()];
            let rope = Rope::from_str(&text);
            let line = rope.byte_to_line(at);
            let col = rope.byte_to_char(at) - rope.line_to_char(line);
            let p = Position::new(line as u32, col as u32);
            text.insert_str(at, piece);
            doc.apply(
                &[TextDocumentContentChangeEvent {
                    range: Some(Range::new(p, p)),
                    range_length: None,
                    text: piece.into(),
                }],
                Encoding::Utf32,
            );
            doc.reanalyze(&config);
            let fresh = dossier::host::analyze(&text, &config, format);
            assert_eq!(
                *doc.snapshot.analysis,
                fresh,
                "{} after inserting {piece:?} at {at}",
                path.display()
            );
        }
    }
}

/// An amount in a currency word several countries share takes the country named before it in
/// its section, so editing one paragraph can change the findings of another whose text did not
/// change: here the parts of `500 rupees` become comparable with it once Pakistan is no longer
/// named. The cached findings must follow.
#[test]
fn findings_follow_currencies_resolved_outside_their_paragraph() {
    let config = dossier::Config::default();
    let report = |first: &str| {
        format!(
            "# Budget\n\n{first}\n\nThe plan: 500 rupees, of which India gave 300 rupees and 400 rupees.\n"
        )
    };
    let (a, b) = (
        report("Pakistan set its budget."),
        report("Nobody set its budget."),
    );
    let codes = |an: &dossier::Analysis| -> Vec<&'static str> {
        an.findings.iter().map(|f| f.code.as_str()).collect()
    };
    let fresh_a = dossier::analyze(&a, &config, dossier::Format::Markdown);
    let fresh_b = dossier::analyze(&b, &config, dossier::Format::Markdown);
    assert!(
        !codes(&fresh_a).contains(&"parts-exceed-whole")
            && codes(&fresh_b).contains(&"parts-exceed-whole"),
        "the example must change its findings: {:?} / {:?}",
        codes(&fresh_a),
        codes(&fresh_b)
    );
    let mut cache = dossier::analysis::Cache::default();
    for text in [&a, &b, &a, &b] {
        let incremental =
            dossier::analysis::analyze_with(text, &config, dossier::Format::Markdown, &mut cache);
        let fresh = dossier::analyze(text, &config, dossier::Format::Markdown);
        assert_eq!(incremental, fresh, "{text}");
    }
}
