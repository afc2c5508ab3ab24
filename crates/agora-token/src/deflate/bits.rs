//! The bit writer of the deflate encoder.
//!
//! Reproduces the bit order of zlib's `send_bits`, `bi_windup` and `put_short` (trees.c, zlib
//! 1.3.x as bundled with Node.js 18 to 24): values enter the stream least significant bit
//! first, Huffman codes are stored bit-reversed so that they come out most significant bit
//! first, and a byte boundary is reached by padding with zero bits. zlib's 16-bit `bi_buf` and
//! this 64-bit accumulator produce the same bytes.

/// Appends bits to a byte vector.
pub(super) struct Bits<'a> {
    out: &'a mut Vec<u8>,
    acc: u64,
    n: u32,
}

impl<'a> Bits<'a> {
    pub(super) fn new(out: &'a mut Vec<u8>) -> Self {
        Bits { out, acc: 0, n: 0 }
    }

    /// Writes the `len` (at most 32) low bits of `value`.
    #[inline(always)]
    pub(super) fn put(&mut self, value: u32, len: u32) {
        debug_assert!(len <= 32 && (len == 32 || value >> len == 0));
        self.acc |= (value as u64) << self.n;
        self.n += len;
        if self.n >= 32 {
            self.out.extend_from_slice(&(self.acc as u32).to_le_bytes());
            self.acc >>= 32;
            self.n -= 32;
        }
    }

    /// Pads with zero bits to a byte boundary and writes out what is pending (`bi_windup`).
    pub(super) fn align(&mut self) {
        let bytes = self.n.div_ceil(8) as usize;
        self.out.extend_from_slice(&self.acc.to_le_bytes()[..bytes]);
        self.acc = 0;
        self.n = 0;
    }

    /// Raw bytes; the writer must be byte-aligned.
    pub(super) fn bytes(&mut self, b: &[u8]) {
        debug_assert_eq!(self.n, 0);
        self.out.extend_from_slice(b);
    }
}
