//! What hover cards look up about a whole report, computed once per analysis: the line of any
//! offset and, for each date, the other mentions of the same date, so that a card costs the
//! same on a long report as on a short one.

use rustc_hash::FxHashMap;

use crate::model::Analysis;
use crate::text::LineIndex;

/// Lines and groups of equal dates of one text and its analysis.
#[derive(Clone, Debug)]
pub struct Index {
    lines: LineIndex,
    /// For each date of the analysis, the group of dates with the same value.
    group_of: Vec<u32>,
    /// Each group's dates: indices into the analysis's dates, in the order of the text.
    groups: Vec<Vec<u32>>,
}

impl Index {
    pub fn new(text: &str, analysis: &Analysis) -> Index {
        let mut by_value = FxHashMap::default();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut group_of = Vec::with_capacity(analysis.dates.len());
        for (k, d) in analysis.dates.iter().enumerate() {
            let g = *by_value.entry(d.value).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(k as u32);
            group_of.push(g as u32);
        }
        for g in &mut groups {
            g.sort_by_key(|&k| analysis.dates[k as usize].span.start);
        }
        Index {
            lines: LineIndex::new(text),
            group_of,
            groups,
        }
    }

    /// The one-based line of an offset.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.line_of(offset) + 1
    }

    /// Where the line holding `offset` starts and ends (before its line break).
    pub fn line_bounds(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        let end = if line + 1 < self.lines.line_count() {
            self.lines.line_start(line + 1)
        } else {
            text.len()
        };
        let end = text[start..end].trim_end_matches(['\n', '\r']).len() + start;
        (start, end)
    }

    /// The dates with the same value as date `k` (itself included), in the order of the text.
    pub fn same_date(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        let group = self
            .group_of
            .get(k)
            .map_or(&[][..], |&g| &self.groups[g as usize]);
        group.iter().map(|&k| k as usize)
    }
}
