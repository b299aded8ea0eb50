//! Configuration problems the user is shown: each problem of the editor settings or of a
//! `dossier.toml` once in a message when it appears, and a file's problems as diagnostics on
//! that file while it is open. Stderr alone is a log few users read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::ConfigError;
use crate::host::{ReadConfig, format_config_error};

#[derive(Debug, Default)]
pub struct Problems {
    /// The problems of the editor settings as last applied.
    settings: Vec<ConfigError>,
    /// Each `dossier.toml` read: its text and its problems as last read.
    files: HashMap<PathBuf, (String, Vec<ConfigError>)>,
    /// Messages not yet shown.
    pending: Vec<String>,
    /// Files whose problems may have changed since their diagnostics were last published.
    changed: Vec<PathBuf>,
}

impl Problems {
    /// Takes the problems of the settings just applied; those the settings did not have before
    /// are queued to be shown. Problems are told apart by their message, so that the same
    /// setting applied again (each `workspace/configuration` answer) is not shown again.
    pub fn settings(&mut self, problems: Vec<ConfigError>) {
        let new: Vec<String> = problems
            .iter()
            .filter(|p| !self.settings.iter().any(|q| q.message == p.message))
            .map(|p| format!("settings: {}", p.message))
            .collect();
        for m in &new {
            eprintln!("dossier: {m}");
        }
        self.pending.extend(combine(new));
        self.settings = problems;
    }

    /// Takes the problems of a `dossier.toml` just read, as `settings` takes the settings'.
    pub fn file(&mut self, read: ReadConfig) {
        let before = self.files.get(&read.path).map(|(_, p)| p.as_slice());
        let new: Vec<String> = read
            .problems
            .iter()
            .filter(|p| before.is_none_or(|b| !b.iter().any(|q| q.message == p.message)))
            .map(|p| format_config_error(&read.path, p))
            .collect();
        for m in &new {
            eprintln!("dossier: {m}");
        }
        self.pending.extend(combine(new));
        self.changed.push(read.path.clone());
        self.files.insert(read.path, (read.text, read.problems));
    }

    /// The messages to show now, each once.
    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.pending)
    }

    /// The files whose diagnostics are to be published again.
    pub fn take_changed(&mut self) -> Vec<PathBuf> {
        let mut changed = std::mem::take(&mut self.changed);
        changed.sort();
        changed.dedup();
        changed
    }

    /// A file's text and problems as last read.
    pub fn of_file(&self, path: &Path) -> Option<(&str, &[ConfigError])> {
        self.files
            .get(path)
            .map(|(text, problems)| (text.as_str(), problems.as_slice()))
    }

    /// Marks a file for its diagnostics to be published, as when it is opened.
    pub fn touch(&mut self, path: &Path) {
        self.changed.push(path.to_path_buf());
    }
}

/// New problems of one reading, in one message: a file with five mistakes is one pop-up.
fn combine(new: Vec<String>) -> Option<String> {
    match new.len() {
        0 => None,
        1 => new.into_iter().next(),
        n => Some(format!("{n} configuration problems: {}", new.join("; "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: usize, message: &str) -> ConfigError {
        ConfigError {
            line,
            column: 0,
            message: message.into(),
        }
    }

    fn read(problems: Vec<ConfigError>) -> ReadConfig {
        ReadConfig {
            path: PathBuf::from("/r/dossier.toml"),
            text: String::new(),
            problems,
        }
    }

    #[test]
    fn a_problem_is_shown_when_it_appears_and_not_on_each_reading() {
        let mut p = Problems::default();
        p.file(read(vec![problem(2, "unknown key `colour`")]));
        assert_eq!(
            p.take_messages(),
            ["/r/dossier.toml:2: unknown key `colour`"]
        );
        // Read again, the line moved: the same problem, not shown again.
        p.file(read(vec![problem(3, "unknown key `colour`")]));
        assert!(p.take_messages().is_empty());
        // Fixed, then made again: shown again.
        p.file(read(Vec::new()));
        p.file(read(vec![problem(2, "unknown key `colour`")]));
        assert_eq!(p.take_messages().len(), 1);
        assert_eq!(p.take_changed(), [PathBuf::from("/r/dossier.toml")]);
    }

    #[test]
    fn settings_problems_are_shown_once_and_several_in_one_message() {
        let mut p = Problems::default();
        let bad = vec![problem(0, "one"), problem(0, "two")];
        p.settings(bad.clone());
        assert_eq!(
            p.take_messages(),
            ["2 configuration problems: settings: one; settings: two"]
        );
        p.settings(bad);
        assert!(p.take_messages().is_empty());
    }
}
