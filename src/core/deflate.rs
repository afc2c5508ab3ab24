//! zlib streams for token payloads (provisional: flate2 for both directions).

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use std::cell::RefCell;
use std::fmt;

/// Why a zlib stream could not be inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    Invalid(String),
    Truncated,
    TooLarge(usize),
    Trailing(usize),
}

impl fmt::Display for InflateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InflateError::Invalid(m) => write!(f, "zlib stream invalid: {m}"),
            InflateError::Truncated => write!(f, "zlib stream truncated"),
            InflateError::TooLarge(n) => write!(f, "inflated output exceeds {n} bytes"),
            InflateError::Trailing(n) => write!(f, "{n} trailing bytes after the zlib stream"),
        }
    }
}

impl std::error::Error for InflateError {}

thread_local! {
    static COMPRESS: RefCell<Compress> = RefCell::new(Compress::new(Compression::default(), true));
}

/// Appends a complete zlib stream of `input` to `out`.
pub fn zlib_compress_into(input: &[u8], out: &mut Vec<u8>) {
    COMPRESS.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        out.reserve(input.len() + input.len() / 1000 + 64);
        loop {
            let consumed = c.total_in() as usize;
            let st = c
                .compress_vec(&input[consumed..], out, FlushCompress::Finish)
                .expect("deflate of an in-memory buffer cannot fail");
            if st == Status::StreamEnd {
                break;
            }
            out.reserve(256);
        }
    })
}

/// Inflates a zlib stream, refusing output over `max_out` bytes and bytes after the stream.
pub fn zlib_decompress(input: &[u8], max_out: usize) -> Result<Vec<u8>, InflateError> {
    let mut d = Decompress::new(true);
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(max_out).max(64));
    loop {
        let consumed = d.total_in() as usize;
        if out.len() == out.capacity() {
            if out.len() >= max_out {
                return Err(InflateError::TooLarge(max_out));
            }
            out.reserve((out.len()).max(256).min(max_out - out.len()));
        }
        let st = d
            .decompress_vec(&input[consumed..], &mut out, FlushDecompress::Finish)
            .map_err(|e| InflateError::Invalid(e.to_string()))?;
        match st {
            Status::StreamEnd => {
                let used = d.total_in() as usize;
                if used < input.len() {
                    return Err(InflateError::Trailing(input.len() - used));
                }
                return Ok(out);
            }
            _ => {
                if d.total_in() as usize == input.len() && out.len() < out.capacity() {
                    return Err(InflateError::Truncated);
                }
            }
        }
    }
}
