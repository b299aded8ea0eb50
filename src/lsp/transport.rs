//! Framing in front of the server: malformed frames are answered with a JSON-RPC parse error
//! here, so that one bad message cannot end the session (the framed reader inside
//! tower-lsp-server stops at its first decoding error).

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// One frame: its body, or `None` when the headers named no usable length.
async fn read_frame<R: AsyncRead + Unpin>(
    r: &mut BufReader<R>,
) -> std::io::Result<Option<Option<Vec<u8>>>> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length.filter(|&n| n <= 256 << 20) else {
        return Ok(Some(None));
    };
    let mut body = vec![0; length];
    r.read_exact(&mut body).await?;
    Ok(Some(Some(body)))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

const PARSE_ERROR: &[u8] =
    br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null}"#;

/// Copies well-formed frames from `input` to `to_server`; answers malformed ones on `errors`.
pub async fn filter_input<R, W>(input: R, mut to_server: W, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(input);
    loop {
        match read_frame(&mut r).await {
            Ok(Some(Some(body))) => {
                if serde_json::from_slice::<serde_json::Value>(&body)
                    .is_ok_and(|v| v.is_object() || v.is_array())
                {
                    if to_server.write_all(&frame(&body)).await.is_err()
                        || to_server.flush().await.is_err()
                    {
                        return;
                    }
                } else {
                    eprintln!(
                        "dossier: malformed message ({} bytes), answered with a parse error",
                        body.len()
                    );
                    let _ = errors.send(frame(PARSE_ERROR));
                }
            }
            Ok(Some(None)) => {
                eprintln!("dossier: a message without Content-Length, answered with a parse error");
                let _ = errors.send(frame(PARSE_ERROR));
            }
            Ok(None) | Err(_) => return,
        }
    }
}

/// Writes whole frames from the server and from the input filter to `output`, never
/// interleaving two frames.
pub async fn merge_output<R, W>(
    from_server: R,
    mut errors: mpsc::UnboundedReceiver<Vec<u8>>,
    mut output: W,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(from_server);
    loop {
        tokio::select! {
            frame_in = read_frame(&mut r) => match frame_in {
                Ok(Some(Some(body))) => {
                    // Large results stand in the server's frames as placeholders (`raw`).
                    let body = super::raw::replace(&body).unwrap_or(body);
                    if output.write_all(&frame(&body)).await.is_err() || output.flush().await.is_err() {
                        return;
                    }
                }
                Ok(Some(None)) => {}
                Ok(None) | Err(_) => break,
            },
            Some(err) = errors.recv() => {
                if output.write_all(&err).await.is_err() || output.flush().await.is_err() {
                    return;
                }
            }
        }
    }
    // The server has finished; flush any parse errors still queued.
    while let Ok(err) = errors.try_recv() {
        let _ = output.write_all(&err).await;
    }
    let _ = output.flush().await;
}
