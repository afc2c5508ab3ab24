//! Huffman trees and block output of the deflate encoder.
//!
//! Reproduces zlib's trees.c (1.3.x, Chromium's copy as bundled with Node.js 18 to 24; the
//! file is the same as Mark Adler's here): the symbol tally and the block split when 16,383
//! symbols are buffered (`lit_bufsize - 1` with memLevel 8), `build_tree` with its heap
//! (`pqdownheap`) whose ties between equal frequencies go to the shallower subtree (`depth`),
//! `gen_bitlen` with its repair of lengths over the limit, the code-length tree (`scan_tree`,
//! `build_bl_tree`, `send_tree`, `send_all_trees`), and `_tr_flush_block`'s choice between a
//! stored, a fixed-code and a dynamic-code block, compared in whole bytes. The same trees give
//! the same bytes, so every tie and rounding is kept as zlib has it.

use super::bits::Bits;

pub(super) const LITERALS: usize = 256;
pub(super) const END_BLOCK: usize = 256;
pub(super) const L_CODES: usize = LITERALS + 1 + 29;
pub(super) const D_CODES: usize = 30;
const BL_CODES: usize = 19;
const HEAP_SIZE: usize = 2 * L_CODES + 1;
const MAX_BITS: usize = 15;
const MAX_BL_BITS: usize = 7;
const REP_3_6: usize = 16;
const REPZ_3_10: usize = 17;
const REPZ_11_138: usize = 18;

/// Symbols per block: `lit_bufsize - 1` with zlib's default memLevel 8 (`1 << (8 + 6)`).
pub(super) const SYM_END: usize = (1 << 14) - 1;

const EXTRA_LBITS: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const EXTRA_DBITS: [u8; D_CODES] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const EXTRA_BLBITS: [u8; BL_CODES] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];
const BL_ORDER: [usize; BL_CODES] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/// Length code (0..=28) of `match length - 3`, and the first `length - 3` of each code. Length
/// 258 has code 28 (not 27 with all extra bits set), as zlib overwrites it.
const LENGTH_CODE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut code = 0;
    let mut at = 0;
    while code < 28 {
        let mut k = 0;
        while k < 1 << EXTRA_LBITS[code] {
            t[at] = code as u8;
            at += 1;
            k += 1;
        }
        code += 1;
    }
    t[255] = 28;
    t
};
const BASE_LENGTH: [u8; 29] = {
    let mut t = [0u8; 29];
    let mut code = 1;
    while code < 28 {
        t[code] = t[code - 1] + (1 << EXTRA_LBITS[code - 1]);
        code += 1;
    }
    t
};
const BASE_DIST: [u16; D_CODES] = {
    let mut t = [0u16; D_CODES];
    let mut code = 1;
    while code < D_CODES {
        t[code] = t[code - 1] + (1 << EXTRA_DBITS[code - 1]);
        code += 1;
    }
    t
};

/// Distance code of `distance - 1` (zlib's `d_code`: a 512-entry table).
#[inline(always)]
fn d_code(d: u32) -> usize {
    if d < 256 {
        DIST_CODE[d as usize] as usize
    } else {
        DIST_CODE[256 + (d >> 7) as usize] as usize
    }
}

const DIST_CODE: [u8; 512] = {
    let mut t = [0u8; 512];
    let mut code = 0;
    while code < D_CODES {
        let base = BASE_DIST[code] as usize;
        let span = 1usize << EXTRA_DBITS[code];
        let mut d = base;
        while d < base + span {
            if d < 256 {
                t[d] = code as u8;
            } else {
                t[256 + (d >> 7)] = code as u8;
            }
            d += 1;
        }
        code += 1;
    }
    t
};

/// Code lengths of the fixed literal/length code (RFC 1951, 3.2.6), 288 entries as zlib keeps.
const STATIC_LLEN: [u16; L_CODES + 2] = {
    let mut t = [0u16; L_CODES + 2];
    let mut n = 0;
    while n < L_CODES + 2 {
        t[n] = if n < 144 {
            8
        } else if n < 256 {
            9
        } else if n < 280 {
            7
        } else {
            8
        };
        n += 1;
    }
    t
};
const STATIC_LCODE: [u16; L_CODES + 2] = canonical(&STATIC_LLEN);
const STATIC_DLEN: [u16; D_CODES] = [5; D_CODES];
const STATIC_DCODE: [u16; D_CODES] = canonical(&STATIC_DLEN);

/// zlib's `gen_codes`: canonical codes for the lengths, bit-reversed (`bi_reverse`).
const fn canonical<const N: usize>(lens: &[u16; N]) -> [u16; N] {
    let mut count = [0u16; MAX_BITS + 1];
    let mut i = 0;
    while i < N {
        count[lens[i] as usize] += 1;
        i += 1;
    }
    count[0] = 0;
    let mut next = [0u16; MAX_BITS + 1];
    let mut code = 0u16;
    let mut b = 1;
    while b <= MAX_BITS {
        code = (code + count[b - 1]) << 1;
        next[b] = code;
        b += 1;
    }
    let mut out = [0u16; N];
    i = 0;
    while i < N {
        let l = lens[i] as u32;
        if l != 0 {
            out[i] = next[l as usize].reverse_bits() >> (16 - l);
            next[l as usize] += 1;
        }
        i += 1;
    }
    out
}

/// What `build_tree` needs to know of an alphabet (zlib's `static_tree_desc`).
struct Desc {
    static_len: Option<&'static [u16]>,
    extra: &'static [u8],
    extra_base: usize,
    elems: usize,
    max_length: usize,
}

const L_DESC: Desc = Desc {
    static_len: Some(&STATIC_LLEN),
    extra: &EXTRA_LBITS,
    extra_base: LITERALS + 1,
    elems: L_CODES,
    max_length: MAX_BITS,
};
const D_DESC: Desc =
    Desc { static_len: Some(&STATIC_DLEN), extra: &EXTRA_DBITS, extra_base: 0, elems: D_CODES, max_length: MAX_BITS };
const BL_DESC: Desc =
    Desc { static_len: None, extra: &EXTRA_BLBITS, extra_base: 0, elems: BL_CODES, max_length: MAX_BL_BITS };

/// One dynamic tree: leaves, then internal nodes (zlib's `ct_data` array; `Dad` and `Len`,
/// `Freq` and `Code` share storage there, kept apart here, which changes nothing since each is
/// written before it is read). `used` marks the leaves with a frequency (and those zlib adds
/// to make two codes): the loops over an alphabet visit those only, and between blocks every
/// other leaf has frequency and length 0.
struct Tree<const N: usize> {
    freq: [u16; N],
    len: [u16; N],
    dad: [u16; N],
    code: [u16; N],
    used: [u64; 5],
    max_code: usize,
}

impl<const N: usize> Tree<N> {
    const fn new() -> Self {
        Tree { freq: [0; N], len: [0; N], dad: [0; N], code: [0; N], used: [0; 5], max_code: 0 }
    }

    #[inline(always)]
    fn mark(&mut self, n: usize) {
        self.used[n >> 6] |= 1 << (n & 63);
    }

    /// Calls `f` with each used leaf, in increasing order.
    #[inline(always)]
    fn each_used(used: &[u64; 5], mut f: impl FnMut(usize)) {
        for (w, &word) in used.iter().enumerate() {
            let mut b = word;
            while b != 0 {
                f(w * 64 + b.trailing_zeros() as usize);
                b &= b - 1;
            }
        }
    }

    /// Back to no symbol: frequencies and lengths of the used leaves, and the guard that
    /// `scan_tree` put after the last one, return to 0.
    fn reset(&mut self) {
        let used = self.used;
        Self::each_used(&used, |n| {
            self.freq[n] = 0;
            self.len[n] = 0;
        });
        self.len[self.max_code + 1] = 0;
        self.used = [0; 5];
    }
}

/// The symbols of the current block and the trees built from them.
pub(super) struct Block {
    /// The block's symbols (zlib's `d_buf`, `l_buf`): distance (0 for a literal) and literal
    /// or match length - 3; `syms` of them.
    dist: Box<[u16; SYM_END]>,
    lc: Box<[u8; SYM_END]>,
    syms: usize,
    lt: Tree<HEAP_SIZE>,
    dt: Tree<{ 2 * D_CODES + 1 }>,
    bt: Tree<{ 2 * BL_CODES + 1 }>,
    s: Scratch,
}

/// What `build_tree` shares between the trees of a block: the heap and the bit counts.
struct Scratch {
    /// The heap, from index 1; every entry after the last is `u64::MAX` (a son that is never
    /// the smaller), so that sifting down needs no bounds test.
    heap: [u64; 4 * HEAP_SIZE + 4],
    /// The nodes by increasing frequency, from `heap_max` to the end (zlib keeps them at the
    /// end of its heap array).
    sorted: [u16; HEAP_SIZE],
    heap_max: usize,
    bl_count: [u16; MAX_BITS + 1],
    opt_len: u64,
    static_len: u64,
}

impl Block {
    pub(super) fn new() -> Box<Self> {
        let mut b = Box::new(Block {
            dist: Box::new([0; SYM_END]),
            lc: Box::new([0; SYM_END]),
            syms: 0,
            lt: Tree::new(),
            dt: Tree::new(),
            bt: Tree::new(),
            s: Scratch {
                heap: [u64::MAX; 4 * HEAP_SIZE + 4],
                sorted: [0; HEAP_SIZE],
                heap_max: 0,
                bl_count: [0; MAX_BITS + 1],
                opt_len: 0,
                static_len: 0,
            },
        });
        b.init();
        b
    }

    /// zlib's `init_block`.
    pub(super) fn init(&mut self) {
        self.lt.reset();
        self.dt.reset();
        self.bt.freq[..BL_CODES].fill(0);
        self.bt.len[..BL_CODES].fill(0);
        self.bt.used = [0; 5];
        self.lt.freq[END_BLOCK] = 1;
        self.lt.mark(END_BLOCK);
        self.s.opt_len = 0;
        self.s.static_len = 0;
        self.syms = 0;
    }

    /// `_tr_tally_lit`; true when the block is full.
    #[inline(always)]
    pub(super) fn literal(&mut self, c: u8) -> bool {
        self.dist[self.syms] = 0;
        self.lc[self.syms] = c;
        self.syms += 1;
        self.lt.freq[c as usize] += 1;
        self.lt.mark(c as usize);
        self.syms == SYM_END
    }

    /// `_tr_tally_dist` with `len` = match length - 3; true when the block is full.
    #[inline(always)]
    pub(super) fn matched(&mut self, distance: u32, len: u32) -> bool {
        self.dist[self.syms] = distance as u16;
        self.lc[self.syms] = len as u8;
        self.syms += 1;
        let l = LENGTH_CODE[len as usize] as usize + LITERALS + 1;
        let d = d_code(distance - 1);
        self.lt.freq[l] += 1;
        self.lt.mark(l);
        self.dt.freq[d] += 1;
        self.dt.mark(d);
        self.syms == SYM_END
    }

    /// `_tr_flush_block`: writes the block in the shortest of the three forms as zlib picks it.
    /// `stored` is the block's input if it is still in the window (`buf != NULL`).
    pub(super) fn flush(&mut self, w: &mut Bits<'_>, stored: Option<&[u8]>, last: bool) {
        build_tree(&mut self.lt, &L_DESC, &mut self.s);
        build_tree(&mut self.dt, &D_DESC, &mut self.s);
        let max_blindex = self.build_bl_tree();
        let mut opt_lenb = (self.s.opt_len.wrapping_add(3 + 7)) >> 3;
        let static_lenb = (self.s.static_len.wrapping_add(3 + 7)) >> 3;
        if static_lenb <= opt_lenb {
            opt_lenb = static_lenb;
        }
        let last_bit = last as u32;
        match stored {
            Some(buf) if buf.len() as u64 + 4 <= opt_lenb => {
                w.put(last_bit, 3);
                w.align();
                let n = buf.len() as u16;
                w.bytes(&n.to_le_bytes());
                w.bytes(&(!n).to_le_bytes());
                w.bytes(buf);
            }
            _ if static_lenb == opt_lenb => {
                w.put((1 << 1) + last_bit, 3);
                self.compress(w, &STATIC_LCODE, &STATIC_LLEN, &STATIC_DCODE, &STATIC_DLEN);
            }
            _ => {
                w.put((2 << 1) + last_bit, 3);
                gen_codes(&mut self.lt);
                gen_codes(&mut self.dt);
                gen_codes(&mut self.bt);
                self.send_all_trees(w, self.lt.max_code + 1, self.dt.max_code + 1, max_blindex + 1);
                self.compress(w, &self.lt.code, &self.lt.len, &self.dt.code, &self.dt.len);
            }
        }
        self.init();
        if last {
            w.align();
        }
    }

    /// `compress_block`.
    fn compress(&self, w: &mut Bits<'_>, lcode: &[u16], llen: &[u16], dcode: &[u16], dlen: &[u16]) {
        for (&dist, &lc) in self.dist[..self.syms].iter().zip(&self.lc[..self.syms]) {
            if dist == 0 {
                w.put(lcode[lc as usize] as u32, llen[lc as usize] as u32);
            } else {
                let code = LENGTH_CODE[lc as usize] as usize;
                let sym = code + LITERALS + 1;
                w.put(lcode[sym] as u32, llen[sym] as u32);
                let extra = EXTRA_LBITS[code] as u32;
                if extra != 0 {
                    w.put(lc as u32 - BASE_LENGTH[code] as u32, extra);
                }
                let d = dist as u32 - 1;
                let code = d_code(d);
                w.put(dcode[code] as u32, dlen[code] as u32);
                let extra = EXTRA_DBITS[code] as u32;
                if extra != 0 {
                    w.put(d - BASE_DIST[code] as u32, extra);
                }
            }
        }
        w.put(lcode[END_BLOCK] as u32, llen[END_BLOCK] as u32);
    }

    /// `build_bl_tree`: the code-length tree; returns the index in `BL_ORDER` of the last
    /// length to send (at least 3).
    fn build_bl_tree(&mut self) -> usize {
        scan_tree(&mut self.bt.freq, &mut self.lt.len, &self.lt.used, self.lt.max_code);
        scan_tree(&mut self.bt.freq, &mut self.dt.len, &self.dt.used, self.dt.max_code);
        for n in 0..BL_CODES {
            if self.bt.freq[n] != 0 {
                self.bt.mark(n);
            }
        }
        build_tree(&mut self.bt, &BL_DESC, &mut self.s);
        let mut max_blindex = BL_CODES - 1;
        while max_blindex >= 3 && self.bt.len[BL_ORDER[max_blindex]] == 0 {
            max_blindex -= 1;
        }
        self.s.opt_len = self.s.opt_len.wrapping_add(3 * (max_blindex as u64 + 1) + 5 + 5 + 4);
        max_blindex
    }

    /// `send_all_trees`.
    fn send_all_trees(&self, w: &mut Bits<'_>, lcodes: usize, dcodes: usize, blcodes: usize) {
        w.put(lcodes as u32 - 257, 5);
        w.put(dcodes as u32 - 1, 5);
        w.put(blcodes as u32 - 4, 4);
        for &sym in &BL_ORDER[..blcodes] {
            w.put(self.bt.len[sym] as u32, 3);
        }
        self.send_tree(w, &self.lt.len, &self.lt.used, lcodes - 1);
        self.send_tree(w, &self.dt.len, &self.dt.used, dcodes - 1);
    }

    /// `send_tree`: the lengths of one tree in the code-length code (the guard entry after
    /// `max_code` was set by `scan_tree`).
    fn send_tree(&self, w: &mut Bits<'_>, len: &[u16], used: &[u64; 5], max_code: usize) {
        let bl = |w: &mut Bits<'_>, sym: usize| w.put(self.bt.code[sym] as u32, self.bt.len[sym] as u32);
        runs(len, used, max_code, |run| match run {
            Run::Plain(curlen, count) => {
                for _ in 0..count {
                    bl(w, curlen);
                }
            }
            Run::Repeat(curlen, count, send_first) => {
                if send_first {
                    bl(w, curlen);
                }
                bl(w, REP_3_6);
                w.put(count - 3, 2);
            }
            Run::Zeros(count) if count <= 10 => {
                bl(w, REPZ_3_10);
                w.put(count - 3, 3);
            }
            Run::Zeros(count) => {
                bl(w, REPZ_11_138);
                w.put(count - 11, 7);
            }
        });
    }
}

/// One step of zlib's run-length coding of code lengths (shared by `scan_tree` and
/// `send_tree`, which walk the lengths the same way).
enum Run {
    /// `count` (< min_count) copies of a length, sent one by one.
    Plain(usize, u32),
    /// A nonzero length repeated: itself first if it differs from the previous length, then
    /// code 16 for `count` (3..=6) more.
    Repeat(usize, u32, bool),
    /// A run of zero lengths: code 17 (3..=10) or 18 (11..=138).
    Zeros(u32),
}

fn runs(len: &[u16], used: &[u64; 5], max_code: usize, mut f: impl FnMut(Run)) {
    let mut prevlen: i32 = -1;
    let mut count = 0u32;
    let (mut max_count, mut min_count) = (7, 4);
    let mut n = 0;
    while n <= max_code {
        let curlen = len[n] as i32;
        if curlen == 0 {
            // A stretch of unused symbols always starts a run (the run before it ended at its
            // first zero), and zlib codes it in runs of at most 138 whatever follows: so it is
            // sent from its length, found in the bitmap, and the next run starts as zlib's
            // does after a zero followed by a nonzero length.
            let end = next_used(used, n);
            let mut r = (end - n) as u32;
            while r > 0 {
                let take = r.min(138);
                f(if take < 3 { Run::Plain(0, take) } else { Run::Zeros(take) });
                r -= take;
            }
            prevlen = 0;
            (max_count, min_count) = (7, 4);
            n = end;
            continue;
        }
        let nextlen = len[n + 1] as i32;
        count += 1;
        n += 1;
        if count < max_count && curlen == nextlen {
            continue;
        } else if count < min_count {
            f(Run::Plain(curlen as usize, count));
        } else {
            let first = curlen != prevlen;
            f(Run::Repeat(curlen as usize, if first { count - 1 } else { count }, first));
        }
        count = 0;
        prevlen = curlen;
        (max_count, min_count) = if nextlen == 0 {
            (138, 3)
        } else if curlen == nextlen {
            (6, 3)
        } else {
            (7, 4)
        };
    }
}

/// The first used symbol after `n` (there is one: the last symbol sent is used).
#[inline(always)]
fn next_used(used: &[u64; 5], n: usize) -> usize {
    let from = n + 1;
    let mut w = from >> 6;
    let mut b = used[w] & (!0u64 << (from & 63));
    while b == 0 {
        w += 1;
        b = used[w];
    }
    w * 64 + b.trailing_zeros() as usize
}

/// `scan_tree`: counts the code-length symbols that `send_tree` will send.
fn scan_tree(bl_freq: &mut [u16], len: &mut [u16], used: &[u64; 5], max_code: usize) {
    len[max_code + 1] = 0xffff; // guard
    runs(len, used, max_code, |run| match run {
        Run::Plain(curlen, count) => bl_freq[curlen] += count as u16,
        Run::Repeat(curlen, _, first) => {
            if first {
                bl_freq[curlen] += 1;
            }
            bl_freq[REP_3_6] += 1;
        }
        Run::Zeros(count) if count <= 10 => bl_freq[REPZ_3_10] += 1,
        Run::Zeros(_) => bl_freq[REPZ_11_138] += 1,
    });
}

/// A heap entry: the node with its frequency and depth, so that zlib's `smaller` (by
/// frequency, ties to the shallower subtree or equal depth: `<=`) is one comparison of
/// `entry >> NODE_BITS`. A node's frequency and depth do not change while it is in the heap.
const NODE_BITS: u32 = 10;

#[inline(always)]
fn entry(freq: u16, depth: u8, node: usize) -> u64 {
    ((freq as u64) << 8 | depth as u64) << NODE_BITS | node as u64
}

#[inline(always)]
fn node_of(e: u64) -> usize {
    (e & ((1 << NODE_BITS) - 1)) as usize
}

/// `pqdownheap`, with `u64::MAX` after the last entry standing for missing sons. Two levels
/// per turn: the four grandsons are loaded with the sons, before the comparisons that choose
/// among them (the same moves as one level at a time, with half the waiting on memory).
#[inline(always)]
fn pqdownheap(heap: &mut [u64], mut k: usize) {
    let v = heap[k];
    let key = v >> NODE_BITS;
    loop {
        let j = k << 1;
        let (left, right) = (heap[j], heap[j + 1]);
        let g = j << 1;
        let (g0, g1, g2, g3) = (heap[g], heap[g + 1], heap[g + 2], heap[g + 3]);
        let take_right = right >> NODE_BITS <= left >> NODE_BITS;
        let c = if take_right { right } else { left };
        if key <= c >> NODE_BITS {
            break;
        }
        heap[k] = c;
        k = j + take_right as usize;
        let (left, right) = if take_right { (g2, g3) } else { (g0, g1) };
        let take_right = right >> NODE_BITS <= left >> NODE_BITS;
        let c = if take_right { right } else { left };
        if key <= c >> NODE_BITS {
            break;
        }
        heap[k] = c;
        k = (k << 1) + take_right as usize;
    }
    heap[k] = v;
}

/// `build_tree` followed by `gen_bitlen` and `gen_codes`; adds to the block's `opt_len` and
/// `static_len`.
fn build_tree<const N: usize>(tree: &mut Tree<N>, desc: &Desc, s: &mut Scratch) {
    let elems = desc.elems;
    let mut max_code: i32 = -1;
    let mut heap_len = 0;
    // The used leaves in increasing order, as zlib's loop over all of them finds them (the
    // others have length 0 already).
    let used = tree.used;
    Tree::<N>::each_used(&used, |n| {
        heap_len += 1;
        s.heap[heap_len] = entry(tree.freq[n], 0, n);
        max_code = n as i32;
    });
    // At least two codes, so that every code has at least one bit.
    while heap_len < 2 {
        let node = if max_code < 2 {
            max_code += 1;
            max_code as usize
        } else {
            0
        };
        heap_len += 1;
        s.heap[heap_len] = entry(1, 0, node);
        tree.freq[node] = 1;
        tree.mark(node);
        s.opt_len = s.opt_len.wrapping_sub(1);
        if let Some(st) = desc.static_len {
            s.static_len = s.static_len.wrapping_sub(st[node] as u64);
        }
    }
    let max_code = max_code as usize;
    tree.max_code = max_code;
    for n in (1..=heap_len / 2).rev() {
        pqdownheap(&mut s.heap, n);
    }
    let mut heap_max = HEAP_SIZE;
    let mut node = elems;
    loop {
        // pqremove
        let n = s.heap[1];
        s.heap[1] = s.heap[heap_len];
        s.heap[heap_len] = u64::MAX;
        heap_len -= 1;
        pqdownheap(&mut s.heap, 1);
        let m = s.heap[1];
        s.sorted[heap_max - 1] = node_of(n) as u16;
        s.sorted[heap_max - 2] = node_of(m) as u16;
        heap_max -= 2;
        // The new node's frequency and depth come from its sons' entries (zlib keeps them in
        // its tree and depth arrays; nothing else reads those of internal nodes).
        let freq = (n >> (NODE_BITS + 8)) + (m >> (NODE_BITS + 8));
        let depth = ((n >> NODE_BITS) & 0xff).max((m >> NODE_BITS) & 0xff) + 1;
        tree.dad[node_of(n)] = node as u16;
        tree.dad[node_of(m)] = node as u16;
        s.heap[1] = ((freq << 8 | depth) << NODE_BITS) | node as u64;
        node += 1;
        pqdownheap(&mut s.heap, 1);
        if heap_len < 2 {
            break;
        }
    }
    heap_max -= 1;
    s.sorted[heap_max] = node_of(s.heap[1]) as u16;
    s.heap[1] = u64::MAX;
    s.heap_max = heap_max;

    gen_bitlen(tree, desc, max_code, s);
}

/// `gen_codes`: canonical codes for the lengths (bit-reversed, as they are sent). Only a
/// dynamic block needs them, so they are made when one is written.
fn gen_codes<const N: usize>(tree: &mut Tree<N>) {
    let used = tree.used;
    let mut bl_count = [0u16; MAX_BITS + 1];
    Tree::<N>::each_used(&used, |n| bl_count[tree.len[n] as usize] += 1);
    let mut next = [0u16; MAX_BITS + 1];
    let mut code = 0u16;
    for (bits, next) in next.iter_mut().enumerate().skip(1) {
        code = (code + bl_count[bits - 1]) << 1;
        *next = code;
    }
    Tree::<N>::each_used(&used, |n| {
        let l = tree.len[n] as u32;
        tree.code[n] = next[l as usize].reverse_bits() >> (16 - l);
        next[l as usize] += 1;
    });
}

/// `gen_bitlen`: lengths from the tree, limited to `max_length` as zlib repairs them.
fn gen_bitlen<const N: usize>(tree: &mut Tree<N>, desc: &Desc, max_code: usize, s: &mut Scratch) {
    let max_length = desc.max_length;
    s.bl_count = [0; MAX_BITS + 1];
    tree.len[s.sorted[s.heap_max] as usize] = 0;
    let mut overflow = 0i32;
    for h in s.heap_max + 1..HEAP_SIZE {
        let n = s.sorted[h] as usize;
        let bits = tree.len[tree.dad[n] as usize] + 1;
        overflow += (bits as usize > max_length) as i32;
        tree.len[n] = bits.min(max_length as u16);
    }
    // The sums over the leaves (zlib adds them in the loop above; the order does not matter).
    let used = tree.used;
    Tree::<N>::each_used(&used, |n| {
        let bits = tree.len[n] as u64;
        s.bl_count[bits as usize] += 1;
        let xbits = if n >= desc.extra_base { desc.extra[n - desc.extra_base] as u64 } else { 0 };
        let f = tree.freq[n] as u64;
        s.opt_len = s.opt_len.wrapping_add(f * (bits + xbits));
        if let Some(st) = desc.static_len {
            s.static_len = s.static_len.wrapping_add(f * (st[n] as u64 + xbits));
        }
    });
    if overflow == 0 {
        return;
    }
    loop {
        let mut bits = max_length - 1;
        while s.bl_count[bits] == 0 {
            bits -= 1;
        }
        s.bl_count[bits] -= 1;
        s.bl_count[bits + 1] += 2;
        s.bl_count[max_length] -= 1;
        overflow -= 2;
        if overflow <= 0 {
            break;
        }
    }
    let mut h = HEAP_SIZE;
    for bits in (1..=max_length).rev() {
        let mut n = s.bl_count[bits];
        while n != 0 {
            h -= 1;
            let m = s.sorted[h] as usize;
            if m > max_code {
                continue;
            }
            if tree.len[m] as usize != bits {
                s.opt_len = s
                    .opt_len
                    .wrapping_add((bits as u64).wrapping_sub(tree.len[m] as u64).wrapping_mul(tree.freq[m] as u64));
                tree.len[m] = bits as u16;
            }
            n -= 1;
        }
    }
}
