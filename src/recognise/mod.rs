//! Recognisers: each finds one kind of thing in a report's tokens and returns plain data.

pub mod actors;
pub mod dates;
pub mod figures;
pub mod gazetteer;
pub mod numbers;
pub mod token;
pub mod units;

#[cfg(test)]
mod tests;
