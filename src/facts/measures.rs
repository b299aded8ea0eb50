//! The vocabulary of measures: the words around a figure that say what it is a value of
//! (`exports`, `gross domestic product`), normalised to one name each.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap as HashMap;

use crate::config::Config;
use crate::text::Span;

/// Forms (lower-case, words joined by one space) to measure names, and the most words a form
/// has.
pub(super) struct Vocabulary {
    shipped: &'static Table,
    configured: Table,
    longest: usize,
}

#[derive(Default)]
struct Table {
    forms: HashMap<String, Cow<'static, str>>,
    /// The first word of every form, so that a word no form starts with costs one look-up,
    /// not one for every phrase length.
    starts: rustc_hash::FxHashSet<String>,
    longest: usize,
}

impl Table {
    fn add(&mut self, form: &str, name: Cow<'static, str>) {
        let key = normalise(form);
        if key.is_empty() {
            return;
        }
        self.longest = self.longest.max(key.split(' ').count());
        if let Some(first) = key.split(' ').next() {
            self.starts.insert(first.to_owned());
        }
        self.forms.entry(key).or_insert(name);
    }
}

/// Hyphens and runs of white space become one space, as the words of the text are joined.
fn normalise(form: &str) -> String {
    form.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

static SHIPPED: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table::default();
    for line in include_str!("../../data/measures.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((name, forms)) = line.split_once('\t') else {
            continue;
        };
        for form in forms.split(';') {
            t.add(form, Cow::Borrowed(name));
        }
    }
    t
});

impl Vocabulary {
    /// The shipped measures with the configured ones (`[measures]`), which come first.
    pub(super) fn new(config: &Config) -> Vocabulary {
        let mut configured = Table::default();
        for (name, forms) in &config.measures {
            // The name itself names the measure too.
            configured.add(name, Cow::Owned(name.clone()));
            for form in forms {
                configured.add(form, Cow::Owned(name.clone()));
            }
        }
        let shipped = &*SHIPPED;
        Vocabulary {
            longest: shipped.longest.max(configured.longest),
            shipped,
            configured,
        }
    }

    fn get(&self, key: &str) -> Option<&Cow<'static, str>> {
        self.configured
            .forms
            .get(key)
            .or_else(|| self.shipped.forms.get(key))
    }

    /// The measures named in `words` (spans of the words of a sentence, in order), longest form
    /// first, each with the span of its words.
    /// `lowered` holds the words lowered, so that each is lowered once, not once for every
    /// phrase length tried at every word.
    pub(super) fn find_into(
        &self,
        text: &str,
        words: &[Span],
        lowered: &[&str],
        out: &mut Vec<(Span, Cow<'static, str>)>,
    ) {
        out.clear();
        let mut key = String::new();
        let mut i = 0;
        while i < words.len() {
            if !self.shipped.starts.contains(lowered[i])
                && (self.configured.starts.is_empty()
                    || !self.configured.starts.contains(lowered[i]))
            {
                i += 1;
                continue;
            }
            // A phrase's words stand apart by spaces or hyphens only: the words joined so to
            // the one at `i` bound the phrases tried.
            let mut run = 1;
            while run < self.longest.min(words.len() - i)
                && text.as_bytes()[words[i + run - 1].end..words[i + run].start]
                    .iter()
                    .all(|&b| b == b' ' || b == b'-')
            {
                run += 1;
            }
            let mut matched = None;
            for n in (1..=run).rev() {
                key.clear();
                for (j, w) in lowered[i..i + n].iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                    }
                    key.push_str(w);
                }
                if let Some(name) = self.get(&key) {
                    matched = Some((n, name.clone()));
                    break;
                }
            }
            match matched {
                Some((n, name)) => {
                    out.push((Span::new(words[i].start, words[i + n - 1].end), name));
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}
