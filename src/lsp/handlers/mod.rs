//! One module per family of requests and notifications. Each handler converts the params in
//! (`from_proto`), calls one function of `ide` or the core, and converts the answer out
//! (`to_proto`); a handler that grows logic is a feature that belongs in `ide`.

pub mod commands;
pub mod diagnostics;
pub mod edits;
pub mod lifecycle;
pub mod navigation;
pub mod symbols;
pub mod sync;
pub mod tokens;
