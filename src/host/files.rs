//! Reading reports and configuration files as text, bounded in size and refusing what is not a
//! regular file, with the reason a file cannot be read.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing exists at the path.
    Missing,
    /// A folder, FIFO, socket or device: reading one may block or never end.
    NotRegular,
    /// More bytes than the limit; `size` is known when the file system says it, not for a stream.
    TooLarge { size: Option<u64>, limit: u64 },
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    NotUtf8 { offset: usize },
    /// Any other failure of the operating system, such as a permission.
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::Missing
        } else {
            ReadError::Io(e)
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => write!(f, "no such file or directory"),
            ReadError::NotRegular => write!(f, "not a regular file"),
            ReadError::TooLarge {
                size: Some(size),
                limit,
            } => write!(f, "{size} bytes, over the {limit} byte limit"),
            ReadError::TooLarge { size: None, limit } => {
                write!(f, "over the {limit} byte limit")
            }
            ReadError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset})")
            }
            ReadError::Io(e) => write!(f, "cannot read: {}", lower(&e.to_string())),
        }
    }
}

/// The text of a regular file of at most `limit` bytes. The file type and size are looked at
/// before the file is opened, because opening a FIFO blocks until someone writes to it, and a
/// device such as `/dev/zero` has no end; the read itself stops after `limit + 1` bytes in case
/// the file grows in between.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    read_bounded(fs::File::open(path)?, limit)
}

/// Standard input as text of at most `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<String, ReadError> {
    read_bounded(io::stdin().lock(), limit)
}

/// Reads no more than one byte past `limit`, which is enough to tell that the input is too large.
fn read_bounded(input: impl Read, limit: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
