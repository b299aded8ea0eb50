//! The other reports of a workspace, as editor features read them: where else the actor under
//! the cursor appears, for hovers and for references across reports.

use crate::model::Analysis;
use crate::text::Span;

use super::{Target, target_at};

/// Another report: a label to show (its file name) and its analysis.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    pub label: &'a str,
    pub analysis: &'a Analysis,
}

/// The canonical name of the actor at `offset`, which is how reports recognise the same actor.
pub fn actor_name_at(analysis: &Analysis, offset: usize) -> Option<&str> {
    match target_at(analysis, offset)? {
        Target::Actor(a, _) => Some(&analysis.actors[a].name),
        _ => None,
    }
}

/// The other reports that mention the actor at `offset`, with their mention counts, sorted by
/// label: what a hover card lists under "Also in".
pub fn mentioned_in<'a>(
    analysis: &Analysis,
    offset: usize,
    others: &[Report<'a>],
) -> Vec<(&'a str, usize)> {
    let Some(name) = actor_name_at(analysis, offset) else {
        return Vec::new();
    };
    let mut out: Vec<(&'a str, usize)> = others
        .iter()
        .filter_map(|r| {
            let n: usize = r
                .analysis
                .actors
                .iter()
                .filter(|x| x.name == name)
                .map(|x| x.mentions.len())
                .sum();
            (n > 0).then_some((r.label, n))
        })
        .collect();
    out.sort();
    out
}

/// The mentions of the actor at `offset` in the other reports, as (report index, span), at most
/// `limit` of them in report order.
pub fn references_elsewhere(
    analysis: &Analysis,
    offset: usize,
    others: &[&Analysis],
    limit: usize,
) -> Vec<(usize, Span)> {
    let Some(name) = actor_name_at(analysis, offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, other) in others.iter().enumerate() {
        for actor in other.actors.iter().filter(|x| x.name == name) {
            let room = limit.saturating_sub(out.len());
            out.extend(actor.mentions.iter().take(room).map(|sp| (k, *sp)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::outline::Format;

    fn analyse(text: &str) -> Analysis {
        crate::analyze(text, &Config::default(), Format::Plain)
    }

    #[test]
    fn other_reports_are_counted_by_the_actors_canonical_name() {
        let here = analyse("China protested.\n");
        let a = analyse("China and the PRC; China again.\n");
        let b = analyse("Japan alone.\n");
        let others = [
            Report {
                label: "b.md",
                analysis: &b,
            },
            Report {
                label: "a.md",
                analysis: &a,
            },
        ];
        let counts = mentioned_in(&here, 0, &others);
        assert_eq!(counts.len(), 1);
        assert_eq!(counts[0].0, "a.md");
        assert!(counts[0].1 >= 2);
        assert!(
            mentioned_in(&here, 7, &others).is_empty(),
            "not on an actor"
        );
        let refs = references_elsewhere(&here, 0, &[&b, &a], 1);
        assert_eq!(refs, [(1, Span::new(0, 5))]);
    }
}
