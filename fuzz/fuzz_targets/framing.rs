//! Fuzzes the transport with the real server behind it: arbitrary bytes from the client, then a
//! resynchronisation point and a well-formed request, which must be answered. The server must
//! neither exit nor stop reading, whatever came before.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The largest body the fuzzer may declare, so that the tail can always complete it.
const DECLARED: usize = 4096;

fuzz_target!(|data: &[u8]| {
    let lower = data.to_ascii_lowercase();
    // `exit` ends the server by right; nothing else may.
    if lower.windows(4).any(|w| w == b"exit") {
        return;
    }
    // A body declared longer than the tail would swallow the probe, as it should.
    let marker = b"content-length:";
    for (at, _) in lower.windows(marker.len()).enumerate().filter(|(_, w)| *w == marker) {
        let digits: String = lower[at + marker.len()..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        if digits.parse::<usize>().map_or(digits.len() > 0, |n| n > DECLARED) {
            return;
        }
    }
    let mut input = data.to_vec();
    // The resynchronisation point: bytes that end any declared body, then a header line too
    // long to be one, then the probe.
    input.extend(std::iter::repeat_n(b' ', DECLARED + dossier::lsp::framing::MAX_HEADERS + 2));
    input.push(b'\n');
    let probe = br#"{"jsonrpc":"2.0","id":"probe","method":"workspace/symbol","params":{"query":""}}"#;
    input.extend(format!("Content-Length: {}\r\n\r\n", probe.len()).as_bytes());
    input.extend(probe);

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let (mut client_in, server_in) = tokio::io::duplex(1 << 16);
        let (server_out, mut client_out) = tokio::io::duplex(1 << 16);
        let server = tokio::spawn(dossier::lsp::serve(server_in, server_out));
        let writer = tokio::spawn(async move {
            let _ = client_in.write_all(&input).await;
            // Keep the input open: the end of input would end the server.
            std::future::pending::<()>().await;
        });
        let mut seen = Vec::new();
        let mut chunk = vec![0; 1 << 16];
        let answered = tokio::time::timeout(std::time::Duration::from_secs(10), async {
            loop {
                let n = client_out.read(&mut chunk).await.unwrap_or(0);
                assert!(n > 0, "the server stopped writing before it answered the probe");
                seen.extend_from_slice(&chunk[..n]);
                if seen.windows(7).any(|w| w == b"\"probe\"") {
                    return;
                }
            }
        })
        .await;
        assert!(answered.is_ok(), "the probe was not answered");
        assert!(!server.is_finished(), "the server exited");
        writer.abort();
        server.abort();
    });
});
