//! Dossier: a language server for analysts' reports. It recognises actors, dates and figures,
//! and finds the places where a report's figures disagree.
//!
//! Modules in reading order: `text` and `calendar` are the vocabulary; `recognise` finds
//! things in text; `model` holds the result; `checks` compare figures; `analysis` ties them
//! together; `ide` answers editor questions in byte offsets; `report` prints the JSON contract.
//! Only `lsp` (and the binary) know the protocol, the runtime and the file system.

pub mod analysis;
pub mod calendar;
pub mod checks;
pub mod config;
pub mod facts;
pub mod ide;
pub mod markdown;
pub mod model;
pub mod outline;
pub mod period;
pub mod recognise;
pub mod reference;
pub mod report;
pub mod text;
pub mod timeline;

pub mod cli;
pub mod host;
pub mod lsp;

#[cfg(test)]
mod fixture;

pub use analysis::analyze;
pub use config::Config;
pub use model::Analysis;
pub use outline::Format;

/// Moves the items of a scratch buffer into a vector of their exact size, leaving the buffer
/// empty with its capacity for the next paragraph: one allocation for what is kept, none for
/// growing.
pub(crate) fn take_exact<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut kept = Vec::with_capacity(buffer.len());
    kept.append(buffer);
    kept
}
