//! Fuzzes edit application: random edits in all three position encodings, applied to a rope and
//! to a plain string model, must leave the same text; and the two ways of turning offsets into
//! positions (the rope's and the line index's) must agree at every offset of the result.

#![no_main]

use dossier::lsp::document::apply_one;
use dossier::lsp::position::{Encoding, Lines, offset, position};
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let enc = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][data[0] as usize % 3];
    let mut model = String::from("Seoul 서울 😀\r\nline two\rthree\n");
    let mut rope = Rope::from_str(&model);
    for chunk in data[1..].chunks(6) {
        if chunk.len() < 6 {
            break;
        }
        let p = |l: u8, c: u8| Position::new(u32::from(l % 6), u32::from(c % 24));
        let (a, b) = (p(chunk[0], chunk[1]), p(chunk[2], chunk[3]));
        let inserts = ["", "x", "한", "🎉", "\n", "\r\n", "\r", "Oct. 31 ", "$5"];
        let text = inserts[chunk[4] as usize % inserts.len()];
        let change = TextDocumentContentChangeEvent { range: Some(Range::new(a, b)), range_length: None, text: text.into() };
        // The model: the same clamping, on a fresh rope of the model text.
        let before = Rope::from_str(&model);
        let (x, y) = (offset(&before, a, enc), offset(&before, b, enc));
        let (x, y) = (x.min(y), x.max(y));
        model.replace_range(x..y, text);
        apply_one(&mut rope, &change, enc);
        assert_eq!(rope.to_string(), model);
    }
    let lines = Lines::new(&model);
    for o in 0..=model.len() + 1 {
        assert_eq!(lines.position(&model, o, enc), position(&rope, o, enc), "at {o}");
    }
});
