//! The LZ77 half of the deflate encoder: window, hash chains, match search, lazy evaluation.
//!
//! Reproduces zlib's `deflate_slow` at level 6 as Node.js runs it for `zlib.deflateSync` with
//! default options (deflate.c and contrib/optimizations/insert_string.h of Chromium's zlib
//! 1.3.x, the copy bundled with Node.js 18 to 24):
//! - level 6 parameters: good 8, lazy 16, nice 128, chain 128; windowBits 15 (32 KiB window
//!   in a 64 KiB buffer that slides by 32 KiB, `fill_window`); memLevel 8.
//! - Chromium's hash (`chromium_zlib_hash`, set unconditionally: no CPU feature test, so the
//!   output does not depend on the CPU): the four bytes at a position as a little-endian u32,
//!   `((v * 66521 + 66521) >> 16)` masked to 15 bits (hash_bits is forced to at least 15).
//!   Near the end of the input the fourth byte is the zeroed window after the data.
//! - `longest_match`: candidates must agree at `best_len`, `best_len - 1`, 0 and 1; byte 2 is
//!   not compared (with this hash it is equal whenever bytes 0 and 1 are); bytes after the
//!   input take part in the comparison as the window holds them (zeros, or stale data after a
//!   slide), and the result is cut to the lookahead.
//! - the lazy evaluation of `deflate_slow`, the TOO_FAR rule (a 3-byte match farther than
//!   4096 bytes is dropped), no insertion past `lookahead - 3` after a match, and a block
//!   flush whenever 16,383 symbols are buffered; the last block at the end of the input.
//! - `read_buf` copies and sums (Adler-32) the input: its SIMD paths change no output byte.
//!
//! The window and tables are reused from one stream to the next; instead of clearing the 64 KiB
//! hash table for every token (zlib's `CLEAR_HASH`), only the entries a stream used are
//! cleared after it, and only the bytes it wrote to the window. Inputs up to 2 KiB (tokens)
//! take a shorter path with the same result (`deflate_small`): their hash chains are linked
//! in one pass before the search, with heads stamped by the stream (none cleared), and
//! the block keeps only the matches: its literals are counted from the input at once and read
//! back from the window when it is written (`Block::tally_window`).

use super::bits::Bits;
use super::trees::Block;

const WSIZE: usize = 1 << 15;
const WMASK: usize = WSIZE - 1;
const WINDOW_SIZE: usize = 2 * WSIZE;
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 258;
const MIN_LOOKAHEAD: usize = MAX_MATCH + MIN_MATCH + 1;
const MAX_DIST: usize = WSIZE - MIN_LOOKAHEAD;
/// zlib zeroes this many bytes after the data it has read (`WIN_INIT`).
const WIN_INIT: usize = MAX_MATCH;
const HASH_BITS: u32 = 15;
const HASH_SIZE: usize = 1 << HASH_BITS;
const HASH_MASK: u32 = HASH_SIZE as u32 - 1;
const TOO_FAR: usize = 4096;
// configuration_table[6]
const GOOD_MATCH: usize = 8;
const MAX_LAZY: usize = 16;
const NICE_MATCH: usize = 128;
const MAX_CHAIN: u32 = 128;
/// Zero bytes after the window, for the eight-byte reads of the match comparison.
const PAD: usize = 16;
/// Inputs up to this length go through `deflate_small`, whose hash heads are in `stamped`
/// rather than in the 64 KiB `head`; both map a hash to the last position inserted with it.
const SMALL_MAX: usize = 2048;

pub(super) struct Lz {
    window: Box<[u8]>,
    prev: Box<[u16]>,
    head: Box<[u16]>,
    /// For inputs up to `SMALL_MAX` bytes: the hash heads, one per hash, each
    /// `stamp << 16 | position`; one with another stamp is free. Nothing is cleared after a
    /// stream: each stamps its heads. (Measured against a table sized to the input with open
    /// addressing and the hash as a tag: 1% faster for tokens, with no probe loop.)
    stamped: Box<[u32]>,
    /// The stamp of the current stream's heads in `stamped` (1 to 65,535: 0 is never used, so
    /// that the zeroed table is free).
    stamp: u32,
    block: Box<Block>,
    /// `window[..dirty]` may hold bytes of the previous stream; the rest is zero.
    dirty: usize,
    /// The tables hold a stream's state (it panicked, or did not clean up).
    busy: bool,
    // The stream's state, as zlib's deflate_state names it.
    strstart: usize,
    lookahead: usize,
    block_start: isize,
    match_start: usize,
    match_length: usize,
    prev_length: usize,
    prev_match: usize,
    match_available: bool,
    high_water: usize,
    slid: bool,
}

impl Lz {
    pub(super) fn new() -> Self {
        Lz {
            window: vec![0; WINDOW_SIZE + PAD].into_boxed_slice(),
            prev: vec![0; WSIZE].into_boxed_slice(),
            head: vec![0; HASH_SIZE].into_boxed_slice(),
            stamped: vec![0; HASH_SIZE].into_boxed_slice(),
            stamp: 0,
            block: Block::new(),
            dirty: 0,
            busy: false,
            strstart: 0,
            lookahead: 0,
            block_start: 0,
            match_start: 0,
            match_length: 0,
            prev_length: 0,
            prev_match: 0,
            match_available: false,
            high_water: 0,
            slid: false,
        }
    }

    /// Chromium's `insert_string`: hashes the four bytes at `at`, links `at` into its chain and
    /// returns the previous head of the chain.
    #[inline(always)]
    fn insert(&mut self, at: usize) -> usize {
        let ret = std::mem::replace(&mut self.head[hash(&self.window, at)], at as u16);
        self.prev[at & WMASK] = ret;
        ret as usize
    }

    /// `fill_window`: slides the window when needed and reads more input.
    fn fill_window(&mut self, input: &[u8], next_in: &mut usize) {
        loop {
            let mut more = WINDOW_SIZE - self.lookahead - self.strstart;
            if self.strstart >= WSIZE + MAX_DIST {
                self.window.copy_within(WSIZE..WINDOW_SIZE - more, 0);
                self.match_start = self.match_start.wrapping_sub(WSIZE);
                self.strstart -= WSIZE;
                self.block_start -= WSIZE as isize;
                self.slide_hash();
                more += WSIZE;
            }
            if *next_in == input.len() {
                break;
            }
            let n = (input.len() - *next_in).min(more);
            let at = self.strstart + self.lookahead;
            self.window[at..at + n].copy_from_slice(&input[*next_in..*next_in + n]);
            *next_in += n;
            self.lookahead += n;
            self.dirty = self.dirty.max(at + n);
            if self.lookahead >= MIN_LOOKAHEAD || *next_in == input.len() {
                break;
            }
        }
        if self.high_water < WINDOW_SIZE {
            let curr = self.strstart + self.lookahead;
            if self.high_water < curr {
                let init = (WINDOW_SIZE - curr).min(WIN_INIT);
                self.window[curr..curr + init].fill(0);
                self.high_water = curr + init;
            } else if self.high_water < curr + WIN_INIT {
                let init = (curr + WIN_INIT - self.high_water).min(WINDOW_SIZE - self.high_water);
                self.window[self.high_water..self.high_water + init].fill(0);
                self.high_water += init;
            }
        }
    }

    /// `slide_hash`: positions move down by 32 KiB; those that fall off become NIL.
    fn slide_hash(&mut self) {
        self.slid = true;
        for m in self.head.iter_mut().chain(self.prev.iter_mut()) {
            *m = if *m as usize >= WSIZE { *m - WSIZE as u16 } else { 0 };
        }
    }

    /// `longest_match` for the chain starting at `cur_match`.
    #[inline(always)]
    fn longest_match(&mut self, cur_match: usize) -> usize {
        longest_match(
            &self.window,
            &self.prev,
            self.strstart,
            self.prev_length,
            self.lookahead,
            cur_match,
            &mut self.match_start,
        )
    }

    /// For tests: see `Block::skip_bounds`.
    #[cfg(test)]
    pub(super) fn skip_bounds(&mut self) {
        self.block.skip_bounds();
    }

    /// For tests: the next streams' stamps are the last ones before the table is zeroed.
    #[cfg(test)]
    pub(super) fn near_stamp_wrap(&mut self) {
        self.stamp = (1 << 16) - 3;
    }

    /// For tests: the hash chains' links of the last stream of `n` bytes (`deflate_small`).
    #[cfg(test)]
    pub(super) fn links(&self, n: usize) -> &[u16] {
        &self.prev[..n.saturating_sub(MIN_MATCH - 1)]
    }

    /// For tests: see `Block::shape_decided`.
    #[cfg(test)]
    pub(super) fn shape_decided(&self) -> bool {
        self.block.shape_decided()
    }

    /// For tests: see `Block::cheap_bound_decided`.
    #[cfg(test)]
    pub(super) fn cheap_bound_decided(&self) -> bool {
        self.block.cheap_bound_decided()
    }

    /// `_tr_flush_block` of the current block, with its input if still in the window.
    fn flush(&mut self, w: &mut Bits<'_>, last: bool) {
        let stored =
            if self.block_start >= 0 { Some(&self.window[self.block_start as usize..self.strstart]) } else { None };
        self.block.flush(w, stored, last);
        self.block_start = self.strstart as isize;
    }

    /// Writes the raw deflate stream of `input` (zlib's `deflate(strm, Z_FINISH)` at level 6).
    pub(super) fn deflate(&mut self, input: &[u8], out: &mut Vec<u8>) {
        if self.busy {
            *self = Lz::new();
        }
        self.busy = true;
        // The block is empty: `Block::new` and every flush leave it so.
        let mut w = Bits::new(out);
        if input.len() <= SMALL_MAX {
            self.deflate_small(input, &mut w);
        } else {
            self.deflate_long(input, &mut w);
        }
        self.window[..self.dirty].fill(0);
        self.dirty = 0;
        self.busy = false;
    }

    /// `deflate_slow` for an input that the first `fill_window` reads whole and that never
    /// slides (at most `SMALL_MAX` bytes, one block). Every position up to `len - 3` is
    /// inserted, in increasing order, before the search looks at it, and the search only
    /// follows chains to earlier positions: so all the chains are linked first, in one pass,
    /// and the search loop inserts nothing. The bytes after the input are zeros, as zlib's
    /// window has them (`WIN_INIT`).
    fn deflate_small(&mut self, input: &[u8], w: &mut Bits<'_>) {
        let n = input.len();
        self.window[..n].copy_from_slice(input);
        self.dirty = n;
        let ends = n.saturating_sub(MIN_MATCH - 1);
        // A new stamp frees every head; once in 65,535 streams the table is zeroed instead.
        self.stamp += 1;
        if self.stamp == 1 << 16 {
            self.stamped.fill(0);
            self.stamp = 1;
        }
        {
            let stamp = self.stamp;
            let (window, stamped) = (&self.window[..n + 3], &mut self.stamped[..]);
            for (at, link) in self.prev[..ends].iter_mut().enumerate() {
                let h = hash(window, at);
                let e = stamped[h];
                stamped[h] = stamp << 16 | at as u32;
                *link = if e >> 16 == stamp { e as u16 } else { 0 };
            }
        }

        // The block is the whole input, its literals read from the window: each byte is
        // counted as one now, and those of the matches taken back as they are found.
        self.block.tally_window(input);
        let mut strstart = 0;
        let mut match_length = MIN_MATCH - 1;
        let mut match_available = false;
        self.match_start = 0;
        while strstart < n {
            // Most positions of a token have no earlier position of the same hash: with no
            // match pending, each only passes the literal before it (already counted).
            if match_length < MIN_MATCH && match_available {
                let prev = &self.prev[..ends];
                while strstart < ends && prev[strstart] == 0 {
                    strstart += 1;
                }
            }
            let lookahead = n - strstart;
            let hash_head = if strstart < ends { self.prev[strstart] as usize } else { 0 };
            let prev_length = match_length;
            let prev_match = self.match_start;
            match_length = MIN_MATCH - 1;
            // No distance exceeds MAX_DIST in a window that never slides.
            if hash_head != 0 && prev_length < MAX_LAZY {
                match_length = longest_match(
                    &self.window,
                    &self.prev,
                    strstart,
                    prev_length,
                    lookahead,
                    hash_head,
                    &mut self.match_start,
                );
                if match_length == MIN_MATCH && strstart - self.match_start > TOO_FAR {
                    match_length = MIN_MATCH - 1;
                }
            }
            if prev_length >= MIN_MATCH && match_length <= prev_length {
                let (distance, len) = ((strstart - 1 - prev_match) as u32, (prev_length - MIN_MATCH) as u32);
                self.block.matched_at(&self.window, strstart - 1, distance, len);
                strstart += prev_length - 1;
                match_available = false;
                match_length = MIN_MATCH - 1;
            } else {
                // (The literal before, if one is pending, is already counted.)
                match_available = true;
                strstart += 1;
            }
        }
        self.block.flush(w, Some(&self.window[..n]), true);
    }

    /// `deflate_slow` with `fill_window`, for inputs of any length.
    fn deflate_long(&mut self, input: &[u8], w: &mut Bits<'_>) {
        self.strstart = 0;
        self.lookahead = 0;
        self.block_start = 0;
        self.match_start = 0;
        self.match_length = MIN_MATCH - 1;
        self.prev_length = MIN_MATCH - 1;
        self.prev_match = 0;
        self.match_available = false;
        self.high_water = 0;
        self.slid = false;
        let mut next_in = 0;
        loop {
            if self.lookahead < MIN_LOOKAHEAD {
                // fill_window has nothing to do once the input is read, unless the window must
                // slide or bytes after the data are still to be zeroed.
                let curr = self.strstart + self.lookahead;
                if next_in < input.len()
                    || self.strstart >= WSIZE + MAX_DIST
                    || self.high_water < (curr + WIN_INIT).min(WINDOW_SIZE)
                {
                    self.fill_window(input, &mut next_in);
                }
                if self.lookahead == 0 {
                    break;
                }
            }
            let mut hash_head = 0;
            if self.lookahead >= MIN_MATCH {
                hash_head = self.insert(self.strstart);
            }
            self.prev_length = self.match_length;
            self.prev_match = self.match_start;
            self.match_length = MIN_MATCH - 1;
            if hash_head != 0 && self.prev_length < MAX_LAZY && self.strstart - hash_head <= MAX_DIST {
                self.match_length = self.longest_match(hash_head);
                if self.match_length == MIN_MATCH && self.strstart.wrapping_sub(self.match_start) > TOO_FAR {
                    self.match_length = MIN_MATCH - 1;
                }
            }
            if self.prev_length >= MIN_MATCH && self.match_length <= self.prev_length {
                let max_insert = self.strstart + self.lookahead - MIN_MATCH;
                let distance = self.strstart.wrapping_sub(1).wrapping_sub(self.prev_match) as u32;
                let full = self.block.matched(distance, (self.prev_length - MIN_MATCH) as u32);
                self.lookahead -= self.prev_length - 1;
                for _ in 0..self.prev_length - 2 {
                    self.strstart += 1;
                    if self.strstart <= max_insert {
                        self.insert(self.strstart);
                    }
                }
                self.match_available = false;
                self.match_length = MIN_MATCH - 1;
                self.strstart += 1;
                if full {
                    self.flush(w, false);
                }
            } else if self.match_available {
                if self.block.literal(self.window[self.strstart - 1]) {
                    self.flush(w, false);
                }
                self.strstart += 1;
                self.lookahead -= 1;
            } else {
                self.match_available = true;
                self.strstart += 1;
                self.lookahead -= 1;
            }
        }
        if self.match_available {
            self.block.literal(self.window[self.strstart - 1]);
            self.match_available = false;
        }
        self.flush(w, true);
        // The hash heads back to 0 (zlib's `CLEAR_HASH` for the next stream).
        if self.slid {
            self.head.fill(0);
        } else {
            for at in 0..input.len().saturating_sub(MIN_MATCH - 1) {
                self.head[hash(&self.window, at)] = 0;
            }
        }
    }
}

/// `longest_match` at `scan` for the chain starting at `cur_match`: sets `match_start` when
/// it finds a match longer than `prev_length`, returns the best length cut to the lookahead.
/// Candidates must agree at `best_len`, `best_len - 1`, 0 and 1 (byte 2 is not compared).
#[inline(always)]
fn longest_match(
    w: &[u8],
    prev: &[u16],
    scan: usize,
    prev_length: usize,
    lookahead: usize,
    mut cur_match: usize,
    match_start: &mut usize,
) -> usize {
    let mut chain = MAX_CHAIN;
    let mut best_len = prev_length;
    let nice = NICE_MATCH.min(lookahead);
    let limit = scan.saturating_sub(MAX_DIST);
    if prev_length >= GOOD_MATCH {
        chain >>= 2;
    }
    let (s0, s1) = (w[scan], w[scan + 1]);
    let mut scan_end1 = w[scan + best_len - 1];
    let mut scan_end = w[scan + best_len];
    loop {
        let m = cur_match;
        if w[m + best_len] == scan_end && w[m + best_len - 1] == scan_end1 && w[m] == s0 && w[m + 1] == s1 {
            let len = 3 + common(w, scan + 3, m + 3, MAX_MATCH - 3);
            if len > best_len {
                *match_start = cur_match;
                best_len = len;
                if len >= nice {
                    break;
                }
                scan_end1 = w[scan + best_len - 1];
                scan_end = w[scan + best_len];
            }
        }
        cur_match = prev[cur_match & WMASK] as usize;
        chain -= 1;
        if cur_match <= limit || chain == 0 {
            break;
        }
    }
    best_len.min(lookahead)
}

/// Chromium's multiplicative hash of four bytes (insert_string.h).
#[inline(always)]
fn hash(w: &[u8], at: usize) -> usize {
    let v = u32::from_le_bytes(w[at..at + 4].try_into().unwrap());
    ((v.wrapping_mul(66521).wrapping_add(66521) >> 16) & HASH_MASK) as usize
}

/// Length of the common prefix of `w[a..]` and `w[b..]`, at most `max`.
#[inline(always)]
fn common(w: &[u8], a: usize, b: usize, max: usize) -> usize {
    let mut n = 0;
    while n < max {
        let x = u64::from_le_bytes(w[a + n..a + n + 8].try_into().unwrap());
        let y = u64::from_le_bytes(w[b + n..b + n + 8].try_into().unwrap());
        let d = x ^ y;
        if d != 0 {
            return (n + (d.trailing_zeros() / 8) as usize).min(max);
        }
        n += 8;
    }
    max
}
