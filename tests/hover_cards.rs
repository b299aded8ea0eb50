//! Every hover card of a few whole reports, rendered by a CommonMark renderer as an editor
//! renders them: what a reader sees holds no stray markup, no float noise, no interval that
//! contradicts a bound and no word said twice.

use dossier::{Config, Format};

/// The text a reader sees of a card: rendered by a CommonMark renderer to HTML, its tags
/// dropped and its entities read.
fn rendered_text(md: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(md));
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every card of a report: one per figure, per date and per actor.
fn every_card(text: &str, analysis: &dossier::Analysis) -> Vec<String> {
    let cx = dossier::ide::HoverContext::default();
    let index = dossier::ide::Index::new(text, analysis);
    let mut at: Vec<usize> = analysis.figures.iter().map(|f| f.span.start).collect();
    at.extend(analysis.dates.iter().map(|d| d.span.start));
    at.extend(
        analysis
            .actors
            .iter()
            .filter_map(|a| a.mentions.first().map(|m| m.start)),
    );
    at.iter()
        .filter_map(|&o| dossier::ide::hover(text, analysis, &index, o, &cx).map(|(_, md)| md))
        .collect()
}

/// Cards as VS Code shows them: each renders with its title bold and no markup left over, no
/// two-sided interval beside a one-sided bound, no float noise, no kind said twice.
#[test]
fn every_card_of_the_sample_and_test_reports_renders_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The shared sample and corpus are read when they are there; the project's own reports
    // always are.
    let mut paths = vec![
        (root.join("../shared/samples/china-korea-2014.txt"), false),
        (
            root.join("../shared/corpus/crs/IF10491v14-australia-background-and-u-s-relations.md"),
            false,
        ),
        (root.join("examples/mekong-2019.txt"), true),
        (root.join("examples/south-asia-trade-2021.md"), true),
    ];
    for name in ["planted-aid.md", "planted-energy.md", "clean-security.txt"] {
        paths.push((root.join("tests/reports").join(name), true));
    }
    let float_noise = regex::Regex::new(r"\.\d*(000|999)\d").unwrap();
    let mut cards = 0;
    for (path, ours) in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if *ours => panic!("{}: {e}", path.display()),
            Err(_) => continue,
        };
        let name = path.to_string_lossy();
        let config = Config {
            reference_date: dossier::calendar::Date::new(2024, 1, 1),
            ..Config::default()
        };
        let analysis = dossier::analyze(&text, &config, Format::from_path(&name));
        for md in every_card(&text, &analysis) {
            cards += 1;
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
            assert!(html.starts_with("<p><strong>"), "{name}: {md}\n{html}");
            let shown = rendered_text(&md);
            assert!(!shown.contains('*'), "{name}: literal asterisks in\n{md}");
            let bounded = shown.contains("lower bound") || shown.contains("upper bound");
            assert!(
                !(bounded && shown.contains("As written:")),
                "{name}: a bound and a two-sided interval in\n{md}"
            );
            assert!(
                !float_noise.is_match(&shown),
                "{name}: float noise in\n{md}"
            );
            let mut paras = shown.lines().filter(|l| !l.is_empty());
            if let (Some(first), Some(second)) = (paras.next(), paras.next())
                && let Some((_, kind)) = first.rsplit_once(" · ")
            {
                let word = second.split([';', ' ', ',']).next().unwrap_or("");
                assert!(
                    !word.eq_ignore_ascii_case(kind),
                    "{name}: the kind twice in\n{md}"
                );
            }
        }
    }
    assert!(cards > 100, "only {cards} cards");
}
