//! The byte streams around the server: every frame from the client is screened
//! (`framing`) before tower-lsp-server sees it, because its reader stops for good at the first
//! message it cannot decode; what the screen answers itself is merged into the server's output.

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use super::framing::{self, Deframer, Event, PARSE_ERROR, Verdict};

/// The largest frame read from the client. Reports are refused well below this
/// (`max-file-size`), but a `didOpen` carries its text escaped, which can take several times
/// the bytes of the file.
pub const MAX_FRAME: usize = 256 << 20;

/// Replies the screen may queue while the server's output is not being read; past this the
/// input is no longer read either, so a client that does not read cannot grow the server.
pub const QUEUED_REPLIES: usize = 64;

/// Faults logged before the log falls silent, so that a flood of bad frames cannot fill it.
const LOGGED_FAULTS: usize = 100;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn log_fault(logged: &mut usize, what: &str) {
    *logged += 1;
    if *logged <= LOGGED_FAULTS {
        eprintln!("dossier: {what}, answered with an error");
    }
    if *logged == LOGGED_FAULTS {
        eprintln!("dossier: further malformed messages are answered without a log line");
    }
}

/// Copies the frames tower-lsp-server can decode from `input` to `to_server`, and answers the
/// others on `replies`.
pub async fn filter_input<R, W>(mut input: R, mut to_server: W, replies: mpsc::Sender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut deframer = Deframer::new(MAX_FRAME);
    let mut chunk = vec![0; 64 << 10];
    let mut logged = 0;
    loop {
        while let Some(event) = deframer.next_event() {
            let reply = match event {
                // A fault in the screen must not end the session: the body is then refused.
                Event::Frame(mut body) => {
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        framing::screen(&mut body)
                    }))
                    .unwrap_or(Verdict::NotJson)
                    {
                        Verdict::Pass => {
                            // The header and the body apart: a long report's body is not copied.
                            let header = format!("Content-Length: {}\r\n\r\n", body.len());
                            if to_server.write_all(header.as_bytes()).await.is_err()
                                || to_server.write_all(&body).await.is_err()
                                || to_server.flush().await.is_err()
                            {
                                return;
                            }
                            continue;
                        }
                        Verdict::Answer(reply) => {
                            log_fault(&mut logged, "a message that is not a JSON-RPC request");
                            reply
                        }
                        Verdict::NotJson => {
                            let what = format!("a message that is not JSON ({} bytes)", body.len());
                            log_fault(&mut logged, &what);
                            deframer.reject(body);
                            PARSE_ERROR.to_vec()
                        }
                    }
                }
                Event::Bad(why) => {
                    log_fault(&mut logged, why);
                    PARSE_ERROR.to_vec()
                }
            };
            if replies.send(frame(&reply)).await.is_err() {
                return;
            }
        }
        match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => deframer.push(&chunk[..n]),
        }
    }
}

/// Writes whole frames from the server and from the input filter to `output`, never
/// interleaving two frames.
pub async fn merge_output<R, W>(
    mut from_server: R,
    mut replies: mpsc::Receiver<Vec<u8>>,
    mut output: W,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    // The server writes well-formed frames; the deframer only cuts them apart.
    let mut deframer = Deframer::new(usize::MAX);
    let mut chunk = vec![0; 64 << 10];
    loop {
        while let Some(event) = deframer.next_event() {
            if let Event::Frame(body) = event {
                // Large results stand in the server's frames as placeholders (`raw`).
                let body = super::raw::replace(&body).unwrap_or(body);
                if output.write_all(&frame(&body)).await.is_err() || output.flush().await.is_err() {
                    return;
                }
            }
        }
        tokio::select! {
            read = from_server.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => deframer.push(&chunk[..n]),
            },
            Some(reply) = replies.recv() => {
                if output.write_all(&reply).await.is_err() || output.flush().await.is_err() {
                    return;
                }
            }
        }
    }
    // The server has finished; write the replies still queued.
    while let Ok(reply) = replies.try_recv() {
        let _ = output.write_all(&reply).await;
    }
    let _ = output.flush().await;
}
