//! Finding frames in a byte stream that a client may corrupt, and deciding what each frame is:
//! a message tower-lsp-server can decode, or one the transport answers itself.
//!
//! tower-lsp-server's framed reader stops for good at the first frame it cannot decode, and its
//! codec cannot find its way back after a wrong `Content-Length`; so every byte from the client
//! passes through a `Deframer` and every body through `screen` first. The deframer never holds
//! more than one header block (`MAX_HEADERS`) or one body (`max_body`), whatever the input.

use memchr::memchr;
use tower_lsp_server::jsonrpc::{Id, Request, Response};

/// The longest header block read; a line longer than this is not a header.
pub const MAX_HEADERS: usize = 8 * 1024;

/// What the deframer found.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// The body of a frame whose headers were well formed.
    Frame(Vec<u8>),
    /// Bytes that were not a frame, answered once with a parse error. The deframer is now
    /// looking for the next `Content-Length:` header.
    Bad(&'static str),
}

enum State {
    /// Reading a header block: the length seen so far, and the first fault found in it.
    Headers {
        length: Option<usize>,
        fault: Option<&'static str>,
        seen: bool,
        read: usize,
    },
    /// Reading a body of this many bytes.
    Body(usize),
    /// After a bad frame: skipping to the next `Content-Length:`, answering nothing more.
    Resync,
}

const HEADERS: State = State::Headers {
    length: None,
    fault: None,
    seen: false,
    read: 0,
};

/// Finds frames in bytes pushed in any pieces.
pub struct Deframer {
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    pos: usize,
    state: State,
    max_body: usize,
}

impl Deframer {
    /// A deframer that refuses bodies over `max_body` bytes without reading them.
    pub fn new(max_body: usize) -> Deframer {
        Deframer {
            buf: Vec::new(),
            pos: 0,
            state: HEADERS,
            max_body,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        // A long report's frame leaves its room behind; give it back once it is mostly empty.
        if self.buf.capacity() > 1 << 20 && self.buf.len() + bytes.len() < self.buf.capacity() / 4 {
            self.buf.shrink_to(self.buf.len() + bytes.len());
        }
        self.buf.extend_from_slice(bytes);
    }

    /// How many bytes are held: at most one header block, one body and one push.
    pub fn held(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// `body`, the body `next_event` returned last, was not JSON: its declared length was
    /// wrong, so its bytes are read again, looking for the next frame's header inside them (a
    /// length one byte too long swallows the `C` of the next `Content-Length`).
    pub fn reject(&mut self, body: Vec<u8>) {
        let mut bytes = body;
        bytes.extend_from_slice(&self.buf[self.pos..]);
        self.buf = bytes;
        self.pos = 0;
        self.state = State::Resync;
    }

    /// The next frame or fault in what has been pushed, or `None` until more bytes come.
    pub fn next_event(&mut self) -> Option<Event> {
        loop {
            match &mut self.state {
                State::Resync => {
                    let rest = &self.buf[self.pos..];
                    match find_marker(rest) {
                        Some(k) => {
                            self.pos += k;
                            self.state = HEADERS;
                        }
                        None => {
                            // Keep only what could be the start of a marker cut by the push.
                            self.pos += rest.len().saturating_sub(MARKER.len() - 1);
                            return None;
                        }
                    }
                }
                State::Body(n) => {
                    let n = *n;
                    if self.buf.len() - self.pos < n {
                        return None;
                    }
                    self.state = HEADERS;
                    // A body at the front of the buffer (a long one, read in many pushes) is
                    // handed over without a copy; what follows it moves to a buffer of its own.
                    if self.pos == 0 {
                        let rest = self.buf.split_off(n);
                        return Some(Event::Frame(std::mem::replace(&mut self.buf, rest)));
                    }
                    let body = self.buf[self.pos..self.pos + n].to_vec();
                    self.pos += n;
                    return Some(Event::Frame(body));
                }
                State::Headers {
                    length,
                    fault,
                    seen,
                    read,
                } => {
                    let rest = &self.buf[self.pos..];
                    // Past the limit, the search for the next frame starts a byte on, so that
                    // a line opening with `Content-Length:` is not found again.
                    let Some(nl) = memchr(b'\n', rest) else {
                        if *read + rest.len() > MAX_HEADERS {
                            self.pos = (self.pos + 1).min(self.buf.len());
                            return Some(self.bad("a header line longer than 8 KB"));
                        }
                        return None;
                    };
                    if *read + nl > MAX_HEADERS {
                        self.pos += 1;
                        return Some(self.bad("headers longer than 8 KB"));
                    }
                    let line_start = self.pos;
                    let mut line = &rest[..nl];
                    if line.last() == Some(&b'\r') {
                        line = &line[..line.len() - 1];
                    }
                    if line.is_empty() {
                        self.pos += nl + 1;
                        if !*seen {
                            // Blank lines between frames are tolerated.
                            continue;
                        }
                        let outcome = match (*fault, *length) {
                            (Some(f), _) => Err(f),
                            (None, None) => Err("a frame without Content-Length"),
                            (None, Some(n)) if n > self.max_body => {
                                Err("a Content-Length over the limit")
                            }
                            (None, Some(n)) => Ok(n),
                        };
                        match outcome {
                            Ok(n) => self.state = State::Body(n),
                            Err(f) => return Some(self.bad(f)),
                        }
                        continue;
                    }
                    *seen = true;
                    *read += nl + 1;
                    // A header glued to the end of other bytes (a body without its blank
                    // line, stray bytes): the bytes before it are the bad frame.
                    if let Some(k) = find_marker(line).filter(|&k| k > 0) {
                        self.pos = line_start + k;
                        self.state = HEADERS;
                        return Some(Event::Bad("bytes that are not a header"));
                    }
                    let Some((name, value)) = split_header(line) else {
                        self.pos = line_start + 1;
                        return Some(self.bad("bytes that are not a header"));
                    };
                    self.pos += nl + 1;
                    if name.eq_ignore_ascii_case(b"content-length") {
                        let parsed = std::str::from_utf8(value)
                            .ok()
                            .map(str::trim)
                            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                            .map(|v| v.parse::<usize>().unwrap_or(usize::MAX));
                        match (parsed, *length) {
                            (_, Some(_)) => {
                                fault.get_or_insert("two Content-Length headers");
                            }
                            (None, None) => {
                                fault.get_or_insert("a Content-Length that is not a number");
                            }
                            (Some(n), None) => *length = Some(n),
                        }
                    }
                }
            }
        }
    }

    /// Reports a fault and starts looking for the next frame.
    fn bad(&mut self, why: &'static str) -> Event {
        self.state = State::Resync;
        Event::Bad(why)
    }
}

const MARKER: &[u8] = b"content-length:";

/// Where `content-length:` (in any case) starts in `bytes`.
fn find_marker(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = memchr::memchr2(b'c', b'C', &bytes[from..]) {
        let at = from + k;
        let candidate = bytes.get(at..at + MARKER.len())?;
        if candidate.eq_ignore_ascii_case(MARKER) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A header line as its name and value; `None` when the name is not an HTTP token.
fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = memchr(b':', line)?;
    let name = &line[..colon];
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    (!name.is_empty() && name.iter().all(token)).then(|| (name, &line[colon + 1..]))
}

/// What to do with one frame's body.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Hand it to the server: tower-lsp-server can decode it.
    Pass,
    /// Answer it with this body, and hand nothing to the server.
    Answer(Vec<u8>),
    /// Not JSON at all: answer a parse error, and read its bytes again for a frame (its length
    /// may have been wrong).
    NotJson,
}

/// The reply to bytes that were not a frame or not JSON.
pub const PARSE_ERROR: &[u8] =
    br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#;

/// Decides what a body is, after replacing lone UTF-16 surrogates in its escapes with U+FFFD.
pub fn screen(body: &mut [u8]) -> Verdict {
    replace_lone_surrogates(body);
    // tower-lsp-server reads the whole body as UTF-8 before it parses it; serde_json checks
    // only the strings it keeps, not those under keys it skips.
    let Ok(body) = std::str::from_utf8(body) else {
        return Verdict::NotJson;
    };
    let request = serde_json::from_str::<Request>(body).ok();
    if let Some(request) = request.as_ref().filter(|r| !r.method().is_empty()) {
        // A request in the `$/` namespace is the client's to send only as a notification;
        // tower-lsp-server drops it silently, so it is answered here.
        if request.method().starts_with("$/") && request.id().is_some() {
            return Verdict::Answer(error(
                request.id().cloned().unwrap_or_default(),
                -32601,
                "Method not found",
            ));
        }
        return Verdict::Pass;
    }
    // A response to one of the server's requests (`Request` reads it too, with no method).
    if serde_json::from_str::<Response>(body).is_ok() {
        return Verdict::Pass;
    }
    if let Some(request) = request {
        // `{"jsonrpc":"2.0","id":1}`: neither a request nor a response.
        return Verdict::Answer(error(
            request.id().cloned().unwrap_or_default(),
            -32600,
            "Invalid Request",
        ));
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Err(_) => Verdict::NotJson,
        Ok(value) => {
            // Only an id tower-lsp-server could have read is echoed; otherwise null.
            let id = value
                .get("id")
                .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok())
                .unwrap_or_default();
            Verdict::Answer(error(id, -32600, "Invalid Request"))
        }
    }
}

fn error(id: Id, code: i64, message: &str) -> Vec<u8> {
    serde_json::json!({
        "jsonrpc": "2.0",
        "error": { "code": code, "message": message },
        "id": id,
    })
    .to_string()
    .into_bytes()
}

/// Rewrites `\uD800`–`\uDFFF` escapes that are not half of a pair as `\uFFFD`, in place (the
/// escapes have the same length). Editors hold such text as U+FFFD too, one UTF-16 unit wide,
/// so the server's text and the client's stay in step; serde_json would refuse the message.
fn replace_lone_surrogates(body: &mut [u8]) {
    let surrogate = |b: &[u8]| -> Option<u16> {
        let hex = std::str::from_utf8(b.get(..4)?).ok()?;
        u16::from_str_radix(hex, 16)
            .ok()
            .filter(|u| (0xD800..=0xDFFF).contains(u))
    };
    let mut i = 0;
    while let Some(k) = body.get(i..).and_then(|rest| memchr(b'\\', rest)) {
        let at = i + k;
        // A backslash only ever opens an escape in valid JSON; `\\` is one escape.
        if body.get(at + 1) != Some(&b'u') {
            i = at + 2;
            continue;
        }
        match surrogate(&body[(at + 2).min(body.len())..]) {
            Some(0xD800..=0xDBFF)
                if body.get(at + 6..at + 8) == Some(b"\\u")
                    && surrogate(&body[at + 8..])
                        .is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) =>
            {
                i = at + 12;
            }
            Some(_) => {
                body[at + 2..at + 6].copy_from_slice(b"FFFD");
                i = at + 6;
            }
            None => i = at + 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    /// Everything the deframer finds in `bytes` pushed at once, rejecting bodies that are not
    /// JSON as the transport does.
    fn events(bytes: &[u8]) -> Vec<Event> {
        let mut d = Deframer::new(1 << 20);
        d.push(bytes);
        let mut out = Vec::new();
        while let Some(e) = d.next_event() {
            match e {
                Event::Frame(body)
                    if serde_json::from_slice::<serde_json::Value>(&body).is_err() =>
                {
                    d.reject(body);
                    out.push(Event::Bad("not JSON"));
                }
                e => out.push(e),
            }
        }
        out
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;

    fn good() -> Event {
        Event::Frame(GOOD.as_bytes().to_vec())
    }

    #[test]
    fn each_bad_frame_is_answered_once_and_the_next_frame_is_found() {
        let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let n = body.len();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "no length",
                format!("Content-Type: x\r\n\r\n{body}").into_bytes(),
            ),
            (
                "not a number",
                format!("Content-Length: abc\r\n\r\n{body}").into_bytes(),
            ),
            (
                "negative",
                format!("Content-Length: -5\r\n\r\n{body}").into_bytes(),
            ),
            (
                "huge",
                format!("Content-Length: 99999999999999999999\r\n\r\n{body}").into_bytes(),
            ),
            (
                "one short",
                format!("Content-Length: {}\r\n\r\n{body}", n - 1).into_bytes(),
            ),
            (
                "one long",
                format!("Content-Length: {}\r\n\r\n{body}", n + 1).into_bytes(),
            ),
            (
                "two lengths",
                format!("Content-Length: {n}\r\nContent-Length: {n}\r\n\r\n{body}").into_bytes(),
            ),
            (
                "no blank line",
                format!("Content-Length: {n}\r\n{body}").into_bytes(),
            ),
            (
                "not UTF-8",
                b"Content-\xff\xfeLength: 5\r\n\r\nhello".to_vec(),
            ),
            ("garbage", b"hello there\r\n".to_vec()),
        ];
        for (what, bad) in cases {
            let mut bytes = bad;
            bytes.extend(frame(GOOD));
            let found = events(&bytes);
            assert_eq!(found.len(), 2, "{what}: {found:?}");
            assert!(matches!(found[0], Event::Bad(_)), "{what}: {found:?}");
            assert_eq!(found[1], good(), "{what}");
        }
    }

    #[test]
    fn a_header_block_that_fills_the_limit_exactly_waits_without_failing() {
        // Lines of exactly the limit, then nothing yet: the fault is found with no byte to step
        // over, and the next push must still be read.
        let mut d = Deframer::new(1 << 20);
        let line = [b"X-A: ".as_slice(), &vec![b'a'; MAX_HEADERS - 5], b"\n"].concat();
        d.push(&line);
        while d.next_event().is_some() {}
        d.push(&frame(GOOD));
        let mut found = Vec::new();
        while let Some(e) = d.next_event() {
            found.push(e);
        }
        assert_eq!(found.last(), Some(&good()), "{found:?}");
    }

    #[test]
    fn frames_split_anywhere_are_found_whole() {
        let bytes = [frame(GOOD), frame(GOOD)].concat();
        for cut in 0..bytes.len() {
            let mut d = Deframer::new(1 << 20);
            let mut found = Vec::new();
            d.push(&bytes[..cut]);
            while let Some(e) = d.next_event() {
                found.push(e);
            }
            d.push(&bytes[cut..]);
            while let Some(e) = d.next_event() {
                found.push(e);
            }
            assert_eq!(found, vec![good(), good()], "cut at {cut}");
        }
    }

    #[test]
    fn an_endless_header_line_is_refused_without_being_held() {
        let mut d = Deframer::new(1 << 20);
        let mut bad = 0;
        for _ in 0..1000 {
            d.push(&[b'x'; 4096]);
            while let Some(e) = d.next_event() {
                assert!(matches!(e, Event::Bad(_)));
                bad += 1;
            }
            assert!(d.held() <= MAX_HEADERS + 4096, "{}", d.held());
        }
        assert_eq!(bad, 1);
        d.push(&frame(GOOD));
        assert_eq!(d.next_event(), Some(good()));
    }

    #[test]
    fn a_long_line_that_opens_like_a_header_is_answered_once() {
        for tail in ["\n", ""] {
            let mut bytes = b"Content-Length:".to_vec();
            bytes.extend(vec![b' '; 3 * MAX_HEADERS]);
            bytes.extend(tail.as_bytes());
            bytes.extend(frame(GOOD));
            let found = events(&bytes);
            assert_eq!(found.len(), 2, "{found:?}");
            assert_eq!(found[1], good());
        }
    }

    #[test]
    fn messages_that_are_not_json_rpc_are_answered_as_invalid_requests() {
        for (body, id) in [
            ("{}", serde_json::Value::Null),
            ("[]", serde_json::Value::Null),
            (
                r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
                serde_json::Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#,
                serde_json::Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
                serde_json::Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":true,"method":"shutdown"}"#,
                serde_json::Value::Null,
            ),
            (
                r#"{"jsonrpc":"2.0","id":99999999999999999999,"method":"shutdown"}"#,
                serde_json::Value::Null,
            ),
            (r#"{"jsonrpc":"1.0","id":3,"method":"shutdown"}"#, 3.into()),
            (r#"{"id":"x","method":"shutdown"}"#, "x".into()),
            (r#"{"jsonrpc":"2.0","id":4,"method":5}"#, 4.into()),
            (r#"{"jsonrpc":"2.0","id":5}"#, 5.into()),
            ("5", serde_json::Value::Null),
        ] {
            let mut bytes = body.as_bytes().to_vec();
            let Verdict::Answer(reply) = screen(&mut bytes) else {
                panic!("{body} was not answered");
            };
            let reply: serde_json::Value = serde_json::from_slice(&reply).unwrap_or_default();
            assert_eq!(reply["error"]["code"], -32600, "{body}");
            assert_eq!(reply["id"], id, "{body}");
        }
    }

    #[test]
    fn requests_in_the_dollar_namespace_are_answered_method_not_found() {
        let mut bytes = br#"{"jsonrpc":"2.0","id":7,"method":"$/anything"}"#.to_vec();
        let Verdict::Answer(reply) = screen(&mut bytes) else {
            panic!("not answered");
        };
        let reply: serde_json::Value = serde_json::from_slice(&reply).unwrap_or_default();
        assert_eq!(reply["error"]["code"], -32601);
        assert_eq!(reply["id"], 7);
        // As notifications they pass, as the specification allows.
        let mut bytes =
            br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#.to_vec();
        assert_eq!(screen(&mut bytes), Verdict::Pass);
    }

    #[test]
    fn bytes_that_are_not_utf8_under_a_key_the_server_skips_are_refused() {
        let mut bytes =
            b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"skipped\":\"\xff\"}".to_vec();
        assert_eq!(screen(&mut bytes), Verdict::NotJson);
    }

    #[test]
    fn bodies_that_end_inside_an_escape_are_not_json() {
        for body in [
            r#"{"a":"\"#,
            r#"{"a":"\u"#,
            r#"{"a":"\ud800"#,
            r#"{"a":"\ud800\"#,
            "\\",
        ] {
            let mut bytes = body.as_bytes().to_vec();
            assert_eq!(screen(&mut bytes), Verdict::NotJson, "{body}");
        }
    }

    #[test]
    fn responses_to_the_servers_requests_pass() {
        for body in [
            r#"{"jsonrpc":"2.0","id":1,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":[{"x":1}]}"#,
            r#"{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"no"}}"#,
        ] {
            let mut bytes = body.as_bytes().to_vec();
            assert_eq!(screen(&mut bytes), Verdict::Pass, "{body}");
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let mut bytes = br#"{"jsonrpc":"2.0","method":"x","params":{"t":"a\ud800b\udc00c\\ud800\ud83d\ude00\uD800"}}"#.to_vec();
        assert_eq!(screen(&mut bytes), Verdict::Pass);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(v["params"]["t"], "a\u{fffd}b\u{fffd}c\\ud800😀\u{fffd}");
    }

    mod resynchronisation {
        use super::*;
        use proptest::prelude::*;

        #[derive(Debug, Clone)]
        enum Piece {
            Request(u32),
            Garbage(Vec<u8>),
        }

        fn piece() -> impl Strategy<Value = Piece> {
            // Garbage is any bytes, weighted towards the ones framing turns on.
            let byte = prop_oneof![
                any::<u8>(),
                Just(b'\r'),
                Just(b'\n'),
                Just(b':'),
                Just(b'{'),
                Just(b'}'),
                Just(b' '),
            ];
            let garbage = proptest::collection::vec(byte, 0..120)
                .prop_filter("garbage that names no frame", |g| find_marker(g).is_none())
                .prop_map(Piece::Garbage);
            prop_oneof![any::<u32>().prop_map(Piece::Request), garbage]
        }

        /// A request, or for even ids a response to one of the server's requests.
        fn request(id: u32) -> Vec<u8> {
            if id % 2 == 0 {
                return format!(r#"{{"jsonrpc":"2.0","id":{id},"result":null}}"#).into_bytes();
            }
            format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"textDocument/hover","params":{{}}}}"#)
                .into_bytes()
        }

        /// Bytes that look like frames: headers, lengths, blank lines, bodies and escapes.
        fn framey() -> impl Strategy<Value = Vec<u8>> {
            let piece = prop_oneof![
                Just(b"Content-Length: ".to_vec()),
                Just(b"content-length:".to_vec()),
                (0usize..300).prop_map(|n| n.to_string().into_bytes()),
                Just(b"\r\n".to_vec()),
                Just(b"\n".to_vec()),
                Just(b"\r\n\r\n".to_vec()),
                Just(br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{"t":"\ud800"}}"#.to_vec()),
                Just(b"\\".to_vec()),
                Just(b"\\u".to_vec()),
                proptest::collection::vec(any::<u8>(), 0..40),
                (1usize..3).prop_map(|k| vec![b' '; k * MAX_HEADERS / 2]),
            ];
            proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(500))]

            /// Whatever the bytes, the deframer and the screen neither panic nor hold more
            /// than one header block and one body, and a request after them is found.
            #[test]
            fn any_bytes_leave_the_deframer_bounded_and_listening(
                bytes in framey(),
                cuts in proptest::collection::vec(1usize..4000, 1..8),
            ) {
                let mut d = Deframer::new(300);
                let mut tail = bytes;
                // Enough to finish any body, then a line too long to be a header.
                tail.extend(vec![b' '; 300 + MAX_HEADERS + 2]);
                tail.push(b'\n');
                tail.extend(frame(GOOD));
                let mut at = 0;
                let mut last = None;
                for cut in cuts.iter().cycle() {
                    if at >= tail.len() {
                        break;
                    }
                    let to = (at + cut).min(tail.len());
                    d.push(&tail[at..to]);
                    at = to;
                    while let Some(e) = d.next_event() {
                        if let Event::Frame(mut body) = e {
                            if screen(&mut body) == Verdict::NotJson {
                                d.reject(body);
                                continue;
                            }
                            last = Some(body);
                        }
                    }
                    prop_assert!(d.held() <= MAX_HEADERS + 300 + 4000 + 64, "{} held", d.held());
                }
                prop_assert_eq!(last, Some(GOOD.as_bytes().to_vec()));
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1000))]

            /// Whatever bytes come between them, every well-formed request is handed to the
            /// server, in order, and each run of bad bytes is answered at most once.
            #[test]
            fn every_request_after_bad_bytes_reaches_the_server(
                pieces in proptest::collection::vec(piece(), 1..12),
                cuts in proptest::collection::vec(1usize..97, 1..8),
            ) {
                let mut bytes = Vec::new();
                let mut expected = Vec::new();
                let mut runs = 0;
                for p in &pieces {
                    match p {
                        Piece::Request(id) => {
                            bytes.extend(frame(std::str::from_utf8(&request(*id)).unwrap_or("")));
                            expected.push(request(*id));
                        }
                        Piece::Garbage(g) => {
                            bytes.extend(g);
                            runs += 1;
                        }
                    }
                }
                let mut d = Deframer::new(1 << 20);
                let (mut passed, mut answered) = (Vec::new(), 0);
                let mut at = 0;
                for cut in cuts.iter().cycle() {
                    if at >= bytes.len() {
                        break;
                    }
                    let to = (at + cut).min(bytes.len());
                    d.push(&bytes[at..to]);
                    at = to;
                    while let Some(e) = d.next_event() {
                        match e {
                            Event::Frame(mut body) => match screen(&mut body) {
                                Verdict::Pass => passed.push(body),
                                Verdict::NotJson => {
                                    d.reject(body);
                                    answered += 1;
                                }
                                Verdict::Answer(_) => answered += 1,
                            },
                            Event::Bad(_) => answered += 1,
                        }
                    }
                }
                prop_assert_eq!(passed, expected);
                prop_assert!(answered <= runs, "{} answers for {} runs of garbage", answered, runs);
            }
        }
    }
}
