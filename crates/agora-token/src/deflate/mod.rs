//! zlib streams for token payloads: the same bytes as Node.js's `zlib.deflateSync(payload)`.
//!
//! agora-token compresses a 007 token's payload with `zlib.deflateSync` (default options:
//! level 6, windowBits 15, memLevel 8, default strategy). Node bundles Chromium's zlib; this
//! encoder reproduces its output byte for byte, for every input length:
//! - `lz77`: window, Chromium's hash, match search and the lazy evaluation of `deflate_slow`;
//! - `trees`: the symbol buffer, Huffman trees with zlib's tie breaks and the block type choice;
//! - `bits`: the bit writer.
//!
//! Written from: Chromium's zlib "1.3.0.1-motley" as of April 2024 (deflate.c, deflate.h,
//! trees.c, contrib/optimizations/insert_string.h with its ANZAC++ hash; read from the copy in
//! AOSP's external/zlib, which tracks Chromium's), the zlib that Node 18 to 24 bundle in
//! deps/zlib under the versions below. Checked by output (`__test__/deflateExact.test.js`,
//! 1,000,000 inputs per run) against Node 20.20 (zlib "1.3.1-e00f703", the reference of
//! agora-token's strings), and with 300,000 inputs each (`scripts/test-node-versions.sh`)
//! against Node 18.20 ("1.3.0.1-motley"), 22.23 ("1.3.1-e00f703") and 24.21
//! ("1.3.2.1-motley-8002e91"): identical bytes on all four. In this zlib the hash is chosen at
//! build time for every CPU (`chromium_zlib_hash = 1`, no CPU feature test; the CRC-32C hash of
//! older Chromium zlibs was picked at run time and is gone), and the code chosen at run time
//! (SIMD Adler-32 in `read_buf`, CRC-32 for gzip only, SIMD `slide_hash`) computes the same
//! values as the portable code: the output does not depend on the CPU.
//!
//! Decompression is flate2's (zlib-rs).

mod bits;
mod lz77;
mod trees;

use flate2::{Decompress, FlushDecompress, Status};
use std::cell::RefCell;
use std::fmt;

/// Why a zlib stream could not be inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InflateError {
    /// Not a zlib stream, or a corrupt one; the inflater's message.
    Invalid(String),
    /// The stream ends before its final block.
    Truncated,
    /// The inflated bytes would exceed this limit.
    TooLarge(usize),
    /// This many bytes follow the end of the stream.
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
    static STATE: RefCell<lz77::Lz> = RefCell::new(lz77::Lz::new());
}

/// Appends the zlib stream of `input` to `out`: exactly Node's `zlib.deflateSync(input)`.
pub fn zlib_compress_into(input: &[u8], out: &mut Vec<u8>) {
    out.reserve(input.len() + input.len() / 8 + 16);
    // Header: deflate, 32 KiB window, level 6 ("default" level bits), check bits.
    out.extend_from_slice(&[0x78, 0x9c]);
    STATE.with(|s| match s.try_borrow_mut() {
        Ok(mut lz) => lz.deflate(input, out),
        Err(_) => lz77::Lz::new().deflate(input, out),
    });
    out.extend_from_slice(&adler32(input).to_be_bytes());
}

/// Adler-32 of `data` (RFC 1950).
fn adler32(data: &[u8]) -> u32 {
    const BASE: u32 = 65521;
    // The most bytes before the sums must be reduced to stay within 32 bits (zlib's NMAX).
    const NMAX: usize = 5552;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(NMAX) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= BASE;
        b %= BASE;
    }
    (b << 16) | a
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

#[cfg(test)]
mod tests;
