//! The timeline as one self-contained HTML page.
