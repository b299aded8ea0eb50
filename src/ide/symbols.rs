//! Symbols in editor terms: the outline of a report, its folds, and the workspace search that
//! finds actors and sections across reports, ranked.

use crate::model::{ActorKind, Analysis};
use crate::text::{LineIndex, Span};

/// What an outline entry or a search result stands for; the LSP layer picks its icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// The report's title, standing for its opening paragraphs.
    Title,
    Section,
    Actor(ActorKind),
    Date,
    Figure,
}

/// One entry of a report's outline: a section with its subsections and entities, or an actor,
/// date or figure of a section.
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole section, or the mention.
    pub span: Span,
    /// The heading's title, or the mention.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// Past this size the outline keeps to sections, so that it stays instant to build and to show.
const ENTITY_OUTLINE_LIMIT: usize = 256 * 1024;

/// The sections as a tree: each holds the sections of a deeper level that follow it, then (for
/// reports of ordinary size) its own actors (first mention), dates and figures. Text before the
/// first heading comes first, under the report's title or as "Opening", with its entities.
pub fn outline(text: &str, analysis: &Analysis) -> Vec<Symbol> {
    let sections = &analysis.sections;
    let opening = crate::outline::opening(text, sections);
    let containers: Vec<Span> = opening
        .iter()
        .map(|o| o.span)
        .chain(sections.iter().map(|s| s.span))
        .collect();
    let mut entities = if text.len() <= ENTITY_OUTLINE_LIMIT {
        section_entities(text, analysis, &containers)
    } else {
        vec![Vec::new(); containers.len()]
    };
    let mut out = Vec::new();
    if let Some(o) = opening {
        let children = std::mem::take(&mut entities[0]);
        out.push(match o.title {
            Some(t) => Symbol {
                name: readable(&text[t.start..t.end]),
                detail: Some("title".into()),
                kind: SymbolKind::Title,
                span: o.span,
                selection: t,
                children,
            },
            None => Symbol {
                name: "Opening".into(),
                detail: Some("before the first heading".into()),
                kind: SymbolKind::Section,
                span: o.span,
                selection: o.first_line,
                children,
            },
        });
        entities.remove(0);
    }
    let mut k = 0;
    while k < sections.len() {
        let level = sections[k].level;
        out.extend(subtree(analysis, &mut entities, &mut k, level));
    }
    out
}

/// An outline entry as a flat list gives it (`SymbolInformation`): a name that says what it
/// is, since such lists show little else, and the name of the entry that holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatSymbol {
    pub name: String,
    pub kind: SymbolKind,
    pub span: Span,
    pub container: Option<String>,
}

/// The outline in text order, for clients that cannot show a tree: `Title: …`, sections by
/// their titles, and actors, dates and figures with what they are (`Wang Yi (person)`,
/// `Oct. 31 (2014-10-31)`), each naming its section.
pub fn flat_outline(tree: Vec<Symbol>) -> Vec<FlatSymbol> {
    fn walk(symbols: Vec<Symbol>, container: Option<&str>, out: &mut Vec<FlatSymbol>) {
        for s in symbols {
            let name = match (s.kind, &s.detail) {
                (SymbolKind::Title, _) => format!("Title: {}", s.name),
                (_, Some(detail)) if !detail.is_empty() => format!("{} ({detail})", s.name),
                _ => s.name.clone(),
            };
            out.push(FlatSymbol {
                name,
                kind: s.kind,
                span: s.span,
                container: container.map(String::from),
            });
            walk(s.children, Some(&s.name), out);
        }
    }
    let mut out = Vec::new();
    walk(tree, None, &mut out);
    out
}

/// A name as one line: a mention broken across lines, or a heading's runs of spaces, read as
/// single spaces.
fn readable(name: &str) -> String {
    let squeezed = name
        .split(' ')
        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
    if squeezed {
        name.to_string()
    } else {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The sections from `k` on of at least `level`, each with its subsections and entities.
fn subtree(
    analysis: &Analysis,
    entities: &mut [Vec<Symbol>],
    k: &mut usize,
    level: u32,
) -> Vec<Symbol> {
    let sections = &analysis.sections;
    let mut out = Vec::new();
    while *k < sections.len() && sections[*k].level >= level {
        let index = *k;
        let s = &sections[index];
        *k += 1;
        let mut children = subtree(analysis, entities, k, s.level + 1);
        children.append(&mut entities[index]);
        out.push(Symbol {
            name: if s.title.is_empty() {
                "(untitled)".into()
            } else {
                s.title.clone()
            },
            detail: None,
            kind: SymbolKind::Section,
            span: s.span,
            selection: s.heading,
            children,
        });
    }
    out
}

/// The actors (first mention), dates and figures of each container (the opening, then the
/// sections, in text order), not counting those of its subsections: one pass over the entities,
/// each placed in its innermost container by binary search, then each one's in text order.
fn section_entities(text: &str, a: &Analysis, containers: &[Span]) -> Vec<Vec<Symbol>> {
    let mut out: Vec<Vec<(usize, Symbol)>> = vec![Vec::new(); containers.len()];
    let innermost = |offset: usize| -> Option<usize> {
        let k = containers.partition_point(|s| s.start <= offset);
        (0..k).rev().find(|&j| containers[j].end > offset)
    };
    let leaf = |name: String, detail: String, kind: SymbolKind, span: Span| Symbol {
        name: readable(&name),
        detail: Some(detail.trim_end().to_string()),
        kind,
        span,
        selection: span,
        children: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for (n, actor) in a.actors.iter().enumerate() {
        for m in &actor.mentions {
            if let Some(k) = innermost(m.start)
                && seen.insert((n, k))
            {
                let kind = SymbolKind::Actor(actor.kind);
                let symbol = leaf(actor.name.to_string(), actor.kind.as_str().into(), kind, *m);
                out[k].push((m.start, symbol));
            }
        }
    }
    for d in &a.dates {
        if let Some(k) = innermost(d.span.start) {
            let name = text[d.span.start..d.span.end].to_string();
            out[k].push((
                d.span.start,
                leaf(name, d.value.iso(), SymbolKind::Date, d.span),
            ));
        }
    }
    for f in &a.figures {
        if let Some(k) = innermost(f.span.start) {
            let detail = format!(
                "{} {}",
                super::figure_number(text, f),
                f.unit.clone().unwrap_or_default()
            );
            let name = text[f.span.start..f.span.end].to_string();
            out[k].push((f.span.start, leaf(name, detail, SymbolKind::Figure, f.span)));
        }
    }
    out.into_iter()
        .map(|mut v| {
            v.sort_by_key(|(o, _)| *o);
            v.into_iter().map(|(_, s)| s).collect()
        })
        .collect()
}

/// A section an editor can fold: from its heading's line to its last line that is not blank
/// (zero-based lines), so the blank line before the next heading stays visible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    pub start_line: usize,
    pub end_line: usize,
    pub title: String,
}

/// The sections that span more than one line, as folds.
pub fn folds(text: &str, analysis: &Analysis, lines: &LineIndex) -> Vec<Fold> {
    let line_text = |line: usize| {
        let start = lines.line_start(line);
        let end = if line + 1 < lines.line_count() {
            lines.line_start(line + 1)
        } else {
            text.len()
        };
        &text[start.min(text.len())..end.min(text.len())]
    };
    analysis
        .sections
        .iter()
        .filter_map(|sec| {
            let start = lines.line_of(sec.span.start);
            let last = sec.span.end.saturating_sub(1).max(sec.span.start);
            let mut end = lines.line_of(last.min(text.len()));
            while end > start && line_text(end).chars().all(char::is_whitespace) {
                end -= 1;
            }
            (end > start).then(|| Fold {
                start_line: start,
                end_line: end,
                title: sec.title.clone(),
            })
        })
        .collect()
}

/// A symbol a workspace search found in one of the reports it was given.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Index of the report in the slice searched.
    pub report: usize,
    pub name: String,
    pub kind: SymbolKind,
    /// An actor's first mention, or a section's heading.
    pub span: Span,
    /// `person`, `country`… for actors, `section` for sections.
    pub container: &'static str,
}

/// Actors (by name or any alias) and section titles that match `query` fuzzily, best first:
/// `kju` finds `Kim Jong Un`. Equal scores keep the order of the reports, actors before
/// sections; an empty query lists everything in that order.
pub fn workspace_symbols(query: &str, reports: &[&Analysis]) -> Vec<Found> {
    let mut search = Search::new(query);
    let mut out: Vec<(u32, Found)> = Vec::new();
    for (report, analysis) in reports.iter().enumerate() {
        for actor in &analysis.actors {
            let score = std::iter::once(actor.name.as_ref())
                .chain(actor.aliases.iter().map(String::as_str))
                .filter_map(|name| search.score(name))
                .max();
            let (Some(score), Some(first)) = (score, actor.mentions.first()) else {
                continue;
            };
            out.push((
                score,
                Found {
                    report,
                    name: actor.name.to_string(),
                    kind: SymbolKind::Actor(actor.kind),
                    span: *first,
                    container: actor.kind.as_str(),
                },
            ));
        }
        for sec in &analysis.sections {
            if let Some(score) = search.score(&sec.title) {
                out.push((
                    score,
                    Found {
                        report,
                        name: sec.title.clone(),
                        kind: SymbolKind::Section,
                        span: sec.heading,
                        container: "section",
                    },
                ));
            }
        }
    }
    // A stable sort: equal scores keep the order above.
    out.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    out.into_iter().map(|(_, f)| f).collect()
}

/// A fuzzy query compiled once for many names: case-insensitive, accents folded, each word of
/// the query matched on its own.
struct Search {
    pattern: Option<nucleo_matcher::pattern::Pattern>,
    matcher: nucleo_matcher::Matcher,
    buf: Vec<char>,
}

impl Search {
    fn new(query: &str) -> Search {
        use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
        let pattern = (!query.trim().is_empty()).then(|| {
            Pattern::new(
                query,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            )
        });
        Search {
            pattern,
            matcher: nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    /// The score of `name`, higher for a closer match, or `None` when it does not match.
    fn score(&mut self, name: &str) -> Option<u32> {
        let Some(pattern) = &self.pattern else {
            return Some(0);
        };
        let haystack = nucleo_matcher::Utf32Str::new(name, &mut self.buf);
        pattern.score(haystack, &mut self.matcher)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::outline::Format;

    fn analyse(text: &str) -> Analysis {
        let config = Config {
            reference_date: crate::calendar::Date::new(2016, 6, 30),
            ..Config::default()
        };
        crate::analyze(text, &config, Format::Markdown)
    }

    fn names(found: &[Found]) -> Vec<&str> {
        found.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn a_search_finds_initials_in_order_and_ranks_the_closest_first() {
        let a = analyse("# Korea talks\n\nKim Jong Un met Xi Jinping in Beijing.\n");
        let found = workspace_symbols("kju", &[&a]);
        assert_eq!(names(&found), ["Kim Jong Un"]);
        let found = workspace_symbols("talks", &[&a]);
        assert_eq!(names(&found), ["Korea talks"]);
        assert_eq!(found[0].container, "section");
        // An empty query lists every actor and section, actors first.
        let all = workspace_symbols("", &[&a]);
        assert_eq!(all.last().map(|f| f.name.as_str()), Some("Korea talks"));
        assert!(workspace_symbols("zzz", &[&a]).is_empty());
    }

    #[test]
    fn a_search_ranks_an_exact_name_above_a_scattered_match() {
        let one = analyse("Kim Jong Un met officials.\n");
        let two = analyse("China's envoy arrived.\n");
        let found = workspace_symbols("china", &[&one, &two]);
        assert_eq!(
            found.first().map(|f| (f.report, f.name.as_str())),
            Some((1, "China"))
        );
    }

    #[test]
    fn the_outline_nests_subsections_and_lists_each_sections_entities_in_text_order() {
        let text = "# Aid\n\nChina gave $5 million on 3 May 2016.\n\n## Later\n\nJapan too.\n";
        let a = analyse(text);
        let tree = outline(text, &a);
        let shape: Vec<(String, Vec<String>)> = tree
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.children.iter().map(|c| c.name.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [(
                "Aid".to_string(),
                vec![
                    "Later".to_string(),
                    "China".to_string(),
                    "$5 million".to_string(),
                    "3 May 2016".to_string()
                ]
            )]
        );
        assert_eq!(tree[0].children[0].children[0].name, "Japan");
    }

    /// The outline as `kind name [detail]` lines, children indented, for a whole report.
    fn outline_text(text: &str, format: Format) -> String {
        fn walk(symbols: &[Symbol], depth: usize, out: &mut String) {
            for s in symbols {
                let detail = s
                    .detail
                    .as_deref()
                    .map(|d| format!(" [{d}]"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{}{:?} {}{detail}\n",
                    "  ".repeat(depth),
                    s.kind,
                    s.name
                ));
                walk(&s.children, depth + 1, out);
            }
        }
        let config = Config {
            reference_date: crate::calendar::Date::new(2014, 12, 31),
            ..Config::default()
        };
        let a = crate::analyze(text, &config, format);
        let mut out = String::new();
        walk(&outline(text, &a), 0, &mut out);
        out
    }

    #[test]
    fn a_plain_reports_title_and_opening_paragraph_come_first() {
        let text = "Korea briefing\n\nDecember 2014\n\nOn Friday, Oct. 31 Foreign Minister Wang Yi met the envoy in Seoul.\n\nTrade\n\nTrade reached $229 billion in 2013.\n";
        expect_test::expect![[r#"
            Title Korea briefing [title]
              Actor(Country) South Korea [country]
              Date December 2014 [2014-12]
              Date Friday, Oct. 31 [2014-10-31]
              Actor(Person) Wang Yi [person]
              Actor(Place) Seoul [place]
            Section Trade
              Figure $229 billion [229,000,000,000 USD]
              Date 2013 [2013]
        "#]]
        .assert_eq(&outline_text(text, Format::Plain));
    }

    #[test]
    fn untitled_opening_paragraphs_of_markdown_have_an_entry_of_their_own() {
        let text = "On Friday, Oct. 31 the envoys met in Seoul.\n\n# Talks\n\nMore talks.\n";
        expect_test::expect![[r#"
            Section Opening [before the first heading]
              Date Friday, Oct. 31 [2014-10-31]
              Actor(Place) Seoul [place]
            Section Talks
        "#]]
        .assert_eq(&outline_text(text, Format::Markdown));
    }

    #[test]
    fn a_flat_outline_says_what_each_entry_is_and_what_holds_it() {
        let text = "Envoy briefing\n\nWang Yi spoke.\n\nTrade\n\nTrade reached $229 billion.\n";
        let a = crate::analyze(text, &Config::default(), Format::Plain);
        let flat: Vec<(String, Option<String>)> = flat_outline(outline(text, &a))
            .into_iter()
            .map(|f| (f.name, f.container))
            .collect();
        let expected = [
            ("Title: Envoy briefing", None),
            ("Wang Yi (person)", Some("Envoy briefing")),
            ("Trade", None),
            ("$229 billion (229,000,000,000 USD)", Some("Trade")),
        ];
        let expected: Vec<(String, Option<String>)> = expected
            .iter()
            .map(|(n, c)| (n.to_string(), c.map(String::from)))
            .collect();
        assert_eq!(flat, expected);
        assert!(flat.iter().all(|(name, _)| !name.trim().is_empty()));
    }

    #[test]
    fn folds_end_on_the_last_line_that_is_not_blank() {
        let text = "# One\r\n\r\ntext\r\n\r\n# Two\n\nmore\n\n\n# Three\n";
        let a = analyse(text);
        let lines = LineIndex::new(text);
        let found = folds(text, &a, &lines);
        let folds: Vec<(usize, usize, &str)> = found
            .iter()
            .map(|f| (f.start_line, f.end_line, f.title.as_str()))
            .collect();
        assert_eq!(folds, [(0, 2, "One"), (4, 6, "Two")]);
    }
}
