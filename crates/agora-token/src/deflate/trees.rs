//! Huffman trees and block output of the deflate encoder.
//!
//! Reproduces zlib's trees.c (1.3.x, Chromium's copy as bundled with Node.js 18 to 24; the
//! file is the same as Mark Adler's here): the symbol tally and the block split when 16,383
//! symbols are buffered (`lit_bufsize - 1` with memLevel 8), `build_tree` with its heap
//! (`pqdownheap`) whose ties between equal frequencies go to the shallower subtree (`depth`),
//! `gen_bitlen` with its repair of lengths over the limit, the code-length tree (`scan_tree`,
//! `build_bl_tree`, `send_tree`, `send_all_trees`), and `_tr_flush_block`'s choice between a
//! stored, a fixed-code and a dynamic-code block, compared in whole bytes. The same trees give
//! the same bytes, so every tie and rounding is kept as zlib has it. The trees are built only
//! when the choice needs them: a lower bound of the dynamic block's bits, from the symbol
//! frequencies (Huffman costs, which do not depend on tie breaks), often proves the fixed or
//! stored block no longer, and then zlib's choice is made without them (`Block::least_dynamic`,
//! `Block::bl_least`); where it does not, a tighter bound from the shape zlib's trees take,
//! followed without the heap (`shape`), mostly does. The bytes are the same.

use super::bits::Bits;

mod shape;

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

/// What `build_tree` needs to know of an alphabet (zlib's `static_tree_desc`): the extra bits
/// of each symbol (`extra_bits` from `extra_base` on, here per symbol). (The fixed code's
/// lengths are summed as the symbols are tallied: `Block::static_bits`.)
struct Desc {
    xbits: &'static [u8],
    /// The first symbol with extra bits.
    extra_from: usize,
    elems: usize,
    max_length: usize,
}

/// The extra bits of each literal/length symbol.
const L_XBITS: [u8; L_CODES] = {
    let mut t = [0u8; L_CODES];
    let mut n = 0;
    while n < 29 {
        t[LITERALS + 1 + n] = EXTRA_LBITS[n];
        n += 1;
    }
    t
};

const L_DESC: Desc = Desc { xbits: &L_XBITS, extra_from: LITERALS + 1 + 8, elems: L_CODES, max_length: MAX_BITS };
const D_DESC: Desc = Desc { xbits: &EXTRA_DBITS, extra_from: 4, elems: D_CODES, max_length: MAX_BITS };
const BL_DESC: Desc = Desc { xbits: &EXTRA_BLBITS, extra_from: REP_3_6, elems: BL_CODES, max_length: MAX_BL_BITS };

/// One dynamic tree: leaves, then internal nodes (zlib's `ct_data` array; `Dad` and `Len`,
/// `Freq` and `Code` share storage there, kept apart here, which changes nothing since each is
/// written before it is read). `used` marks the leaves with a frequency (and those zlib adds
/// to make two codes): the loops over an alphabet visit those only, and between blocks every
/// other leaf has frequency and length 0. (The literals are marked when the block is flushed,
/// from `Block::seen`.)
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
        put_symbol(&mut self.used, n);
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

    /// Back to no symbol: frequencies and lengths of the leaves of an alphabet of `leaves`
    /// symbols, and the guard that `scan_tree` put after the last one, return to 0. (All of
    /// them, in one copy from zeros: faster than visiting the used ones, whose number and
    /// places vary, and than a fill, which the WebAssembly build, optimised for size, does one
    /// entry at a time.)
    fn reset(&mut self, leaves: usize) {
        self.freq[..leaves].copy_from_slice(&ZEROS[..leaves]);
        self.len[..=leaves].copy_from_slice(&ZEROS[..=leaves]);
        self.used = [0; 5];
    }
}

/// A set of symbols of an alphabet (up to 320), a bit each.
type Set = [u64; 5];

/// Adds symbol `n` to the set.
#[inline(always)]
fn put_symbol(set: &mut Set, n: usize) {
    set[n >> 6] |= 1 << (n & 63);
}

/// The codes of the literals `lits`, two at a time (at most 30 bits): half the writer's tests
/// of a full word, which follow no pattern.
#[inline(always)]
fn literals(w: &mut Bits<'_>, lits: &[u8], lcode: &[u16], llen: &[u16]) {
    let (pairs, last) = lits.as_chunks::<2>();
    for &[a, b] in pairs {
        let (a, b) = (a as usize, b as usize);
        w.put(lcode[a] as u32 | (lcode[b] as u32) << llen[a], llen[a] as u32 + llen[b] as u32);
    }
    if let [c] = last {
        w.put(lcode[*c as usize] as u32, llen[*c as usize] as u32);
    }
}

/// The codes of a match of `len` (length - 3) at `dist`, with their extra bits.
#[inline(always)]
fn match_code(w: &mut Bits<'_>, dist: u32, len: u32, lcode: &[u16], llen: &[u16], dcode: &[u16], dlen: &[u16]) {
    let code = LENGTH_CODE[len as usize] as usize;
    let sym = code + LITERALS + 1;
    w.put(lcode[sym] as u32, llen[sym] as u32);
    let extra = EXTRA_LBITS[code] as u32;
    if extra != 0 {
        w.put(len - BASE_LENGTH[code] as u32, extra);
    }
    let d = dist - 1;
    let code = d_code(d);
    w.put(dcode[code] as u32, dlen[code] as u32);
    let extra = EXTRA_DBITS[code] as u32;
    if extra != 0 {
        w.put(d - BASE_DIST[code] as u32, extra);
    }
}

/// Zeros for `Tree::reset`, as many as the longest alphabet has symbols and a guard.
static ZEROS: [u16; L_CODES + 1] = [0; L_CODES + 1];

/// The symbols of the current block and the trees built from them.
pub(super) struct Block {
    /// The block's symbols (zlib's `d_buf`, `l_buf`): distance (0 for a literal) and literal
    /// or match length - 3; `syms` of them.
    dist: Box<[u16; SYM_END]>,
    lc: Box<[u8; SYM_END]>,
    syms: usize,
    /// A block of one whole input in the window (`tally_window`): the symbols above are its
    /// matches only, the `i`th starting at `starts[i]`, and its literals are the input's other
    /// bytes, `window_literals` of them, read from the window when the block is written.
    windowed: bool,
    starts: Vec<u16>,
    window_literals: usize,
    /// The block's bits in the fixed code, extra bits included (`static_len`), summed as the
    /// symbols are tallied.
    static_bits: u64,
    lt: Tree<HEAP_SIZE>,
    dt: Tree<{ 2 * D_CODES + 1 }>,
    /// 1 for each literal of the block (marked in `used` at the flush): a store, where setting
    /// its bit in `used` would wait on the last literal's (a token's literals mostly fall in
    /// one or two words); zero between blocks.
    seen: [u8; LITERALS],
    bt: Tree<{ 2 * BL_CODES + 1 }>,
    s: Scratch,
    shape: Box<shape::Shape>,
    /// For `flush`: how many blocks of each symbol count (modulo `MISSES`) the cheap bound
    /// failed to decide, in a row, and the blocks flushed since the bound last ran anyway.
    misses: [u8; MISSES],
    skipped: u32,
    /// The same for the shape's bound.
    shape_misses: [u8; MISSES],
    shape_skipped: u32,
    #[cfg(test)]
    last_decided: bool,
    #[cfg(test)]
    last_shaped: bool,
}

/// See `Block::misses`: the slots, the failures in a row after which the bound is skipped,
/// and how often it still runs then (to notice when it would decide again).
const MISSES: usize = 1024;
const SKIP_AFTER: u8 = 3;
const RETRY_EVERY: u32 = 64;

/// What `build_tree` shares between the trees of a block: the heap and the bit counts.
struct Scratch {
    /// The heap, from index 1; every entry after the last is `u64::MAX` (a son that is never
    /// the smaller), so that sifting down needs no bounds test.
    heap: [u64; HEAP_ARRAY],
    /// The nodes by increasing frequency, from `heap_max` to the end (zlib keeps them at the
    /// end of its heap array).
    sorted: [u16; HEAP_SIZE],
    heap_max: usize,
    bl_count: [u16; MAX_BITS + 1],
    opt_len: u64,
    /// For `huffman_cost`: the leaves' frequencies, grouped, and the internal nodes.
    leaves: [(u32, u32); HEAP_SIZE],
    nodes: [(u32, u32); HEAP_SIZE],
}

impl Block {
    pub(super) fn new() -> Box<Self> {
        let mut b = Box::new(Block {
            dist: Box::new([0; SYM_END]),
            lc: Box::new([0; SYM_END]),
            syms: 0,
            windowed: false,
            starts: Vec::new(),
            window_literals: 0,
            static_bits: 0,
            lt: Tree::new(),
            dt: Tree::new(),
            bt: Tree::new(),
            s: Scratch {
                heap: [u64::MAX; HEAP_ARRAY],
                sorted: [0; HEAP_SIZE],
                heap_max: 0,
                bl_count: [0; MAX_BITS + 1],
                opt_len: 0,
                leaves: [(0, 0); HEAP_SIZE],
                nodes: [(0, 0); HEAP_SIZE],
            },
            shape: shape::Shape::new(),
            misses: [0; MISSES],
            skipped: 0,
            seen: [0; LITERALS],
            shape_misses: [0; MISSES],
            shape_skipped: 0,
            #[cfg(test)]
            last_decided: false,
            #[cfg(test)]
            last_shaped: false,
        });
        b.init();
        b
    }

    /// zlib's `init_block`.
    pub(super) fn init(&mut self) {
        self.lt.reset(L_CODES);
        self.dt.reset(D_CODES);
        self.bt.reset(BL_CODES);
        self.lt.freq[END_BLOCK] = 1;
        self.lt.mark(END_BLOCK);
        self.s.opt_len = 0;
        self.syms = 0;
        self.windowed = false;
        self.starts.clear();
        self.window_literals = 0;
        self.static_bits = u64::from(STATIC_LLEN[END_BLOCK]);
    }

    /// `_tr_tally_lit`; true when the block is full.
    #[inline(always)]
    pub(super) fn literal(&mut self, c: u8) -> bool {
        self.dist[self.syms] = 0;
        self.lc[self.syms] = c;
        self.syms += 1;
        self.lt.freq[c as usize] += 1;
        self.seen[c as usize] = 1;
        self.static_bits += u64::from(STATIC_LLEN[c as usize]);
        self.syms == SYM_END
    }

    /// `_tr_tally_dist` with `len` = match length - 3; true when the block is full.
    #[inline(always)]
    pub(super) fn matched(&mut self, distance: u32, len: u32) -> bool {
        self.dist[self.syms] = distance as u16;
        self.lc[self.syms] = len as u8;
        self.syms += 1;
        let code = LENGTH_CODE[len as usize] as usize;
        let l = code + LITERALS + 1;
        let d = d_code(distance - 1);
        self.static_bits += u64::from(STATIC_LLEN[l] + STATIC_DLEN[d]) + u64::from(EXTRA_LBITS[code] + EXTRA_DBITS[d]);
        self.lt.freq[l] += 1;
        self.lt.mark(l);
        self.dt.freq[d] += 1;
        self.dt.mark(d);
        self.syms == SYM_END
    }

    /// Starts a windowed block of all of `input` (see `Block::windowed`): every byte counted
    /// as a literal, until `matched_at` takes those of a match back. (The same counts as
    /// `literal` for each byte not in a match, without a symbol stored for each.)
    #[inline(always)]
    pub(super) fn tally_window(&mut self, input: &[u8]) {
        debug_assert_eq!(self.syms, 0);
        self.windowed = true;
        self.window_literals = input.len();
        let Block { lt, seen, .. } = self;
        // Their fixed-code bits: 8 each, 9 from 144 on.
        let mut nines = 0u32;
        for &c in input {
            lt.freq[c as usize] += 1;
            seen[c as usize] = 1;
            nines += u32::from(c >= 144);
        }
        self.static_bits += 8 * input.len() as u64 + u64::from(nines);
    }

    /// `matched` in a windowed block, for the match of `window[at..]`: its bytes are no
    /// longer literals.
    #[inline(always)]
    pub(super) fn matched_at(&mut self, window: &[u8], at: usize, distance: u32, len: u32) {
        debug_assert!(self.windowed);
        self.starts.push(at as u16);
        self.matched(distance, len);
        let n = len as usize + 3;
        self.window_literals -= n;
        for &c in &window[at..at + n] {
            let f = &mut self.lt.freq[c as usize];
            *f -= 1;
            self.seen[c as usize] = u8::from(*f != 0);
            self.static_bits -= u64::from(STATIC_LLEN[c as usize]);
        }
    }

    /// `_tr_flush_block`: writes the block in the shortest of the three forms as zlib picks it.
    /// `stored` is the block's input if it is still in the window (`buf != NULL`).
    pub(super) fn flush(&mut self, w: &mut Bits<'_>, stored: Option<&[u8]>, last: bool) {
        // The literals into `used`, eight at a time: in bytes of 0 or 1, the multiplication
        // moves byte j's bit to bit 56 + j (the partial products land on distinct bits).
        for (word, seen) in self.lt.used.iter_mut().zip(self.seen.as_chunks_mut::<64>().0) {
            for (k, eight) in seen.as_chunks_mut::<8>().0.iter_mut().enumerate() {
                let x = u64::from_le_bytes(std::mem::take(eight));
                *word |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
            }
        }
        // The cheap bound costs about a sixth of a token's deflate; where it has failed for
        // the last blocks of this many symbols (the same kind of payload, as a server makes
        // them), only the fixed code's bits are summed, and the bound runs again now and then.
        // Either way the bytes are the same: the bound only spares building the trees.
        let slot = (self.syms + self.window_literals) % MISSES;
        let try_bound = self.misses[slot] < SKIP_AFTER || {
            self.skipped += 1;
            self.skipped.is_multiple_of(RETRY_EVERY)
        };
        // `static_len` as `build_tree` sums it (the codes zlib adds to a tree of fewer than two
        // cost as many fixed-code bits as it takes away for them).
        let static_len = self.static_bits;
        let least = if try_bound { self.least_dynamic() } else { 0 };
        let static_lenb = (static_len + 3 + 7) >> 3;
        // When even the least a dynamic block could take is no fewer bytes than the fixed
        // one, zlib's choice is between stored and fixed: its trees are not needed.
        let decided = try_bound && (least + 3 + 7) >> 3 >= static_lenb;
        if try_bound {
            self.misses[slot] = if decided { 0 } else { self.misses[slot].saturating_add(1) };
        }
        #[cfg(test)]
        {
            self.last_decided = decided;
        }
        // Else the tighter bound of the trees' shape, followed without zlib's heap, skipped
        // as the cheap one is where it has failed in a row.
        let try_shape = !decided
            && (self.shape_misses[slot] < SKIP_AFTER || {
                self.shape_skipped += 1;
                self.shape_skipped.is_multiple_of(RETRY_EVERY)
            });
        let shaped = if try_shape { self.shape_least() } else { None };
        let shape_decided = shaped.is_some_and(|least| (least + 3 + 7) >> 3 >= static_lenb);
        if try_shape {
            self.shape_misses[slot] = if shape_decided { 0 } else { self.shape_misses[slot].saturating_add(1) };
        }
        let decided = decided || shape_decided;
        #[cfg(test)]
        {
            self.last_shaped = false;
            if let Some(least) = shaped.filter(|_| decided) {
                self.last_shaped = true;
                self.check_shape(least, static_lenb);
            }
        }
        let (opt_lenb, max_blindex) = if decided {
            (static_lenb, 0)
        } else {
            build_tree(&mut self.lt, &L_DESC, &mut self.s);
            build_tree(&mut self.dt, &D_DESC, &mut self.s);
            scan_tree(&mut self.bt.freq, &mut self.lt.len, &self.lt.used, self.lt.max_code);
            scan_tree(&mut self.bt.freq, &mut self.dt.len, &self.dt.used, self.dt.max_code);
            // The same test with the data bits now exact: the code-length tree costs at least
            // the Huffman cost of its symbols.
            if (self.s.opt_len.wrapping_add(self.bl_least()) + 3 + 7) >> 3 >= static_lenb {
                (static_lenb, 0)
            } else {
                let max_blindex = self.build_bl_tree();
                #[cfg(test)]
                if let Some(least) = shaped {
                    assert!(least <= self.s.opt_len, "shape bound {least} over opt_len {}", self.s.opt_len);
                }
                ((self.s.opt_len.wrapping_add(3 + 7) >> 3).min(static_lenb), max_blindex)
            }
        };
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
                self.compress(w, stored, &STATIC_LCODE, &STATIC_LLEN, &STATIC_DCODE, &STATIC_DLEN);
            }
            _ => {
                w.put((2 << 1) + last_bit, 3);
                gen_codes(&mut self.lt);
                gen_codes(&mut self.dt);
                gen_codes(&mut self.bt);
                self.send_all_trees(w, self.lt.max_code + 1, self.dt.max_code + 1, max_blindex + 1);
                self.compress(w, stored, &self.lt.code, &self.lt.len, &self.dt.code, &self.dt.len);
            }
        }
        self.init();
        if last {
            w.align();
        }
    }

    /// A lower bound of the block's `opt_len` after `build_bl_tree` (the bits of a dynamic
    /// block), from the frequencies alone:
    /// - the data: zlib's trees are Huffman trees (its tie breaks choose among optimal ones;
    ///   a repair of lengths over the limit only adds bits), so each costs at least the
    ///   Huffman cost of its leaves, the codes zlib adds to a tree of fewer than two included
    ///   (each counted as its length - 1, as zlib counts it); plus the extra bits;
    /// - the header: 5 + 5 + 4 bits and at least four 3-bit code-length code lengths;
    /// - the code lengths, coded as `scan_tree` counts them: the runs of unused symbols are
    ///   known from the used ones (codes 0, 17 and 18 with their extra bits); a stretch of k
    ///   used symbols takes k codes among 1 to 15 if k < 4 (one per symbol), else at least
    ///   ceil(k / 7) codes among 1 to 16. The Huffman cost of
    ///   these counts, those of 1 to 16 taken together as one symbol (merging two symbols
    ///   never raises a Huffman cost, nor does a smaller count), bounds the code-length
    ///   tree's bits.
    fn least_dynamic(&mut self) -> u64 {
        let mut runs = RunCounts::default();
        let lt_least = leaves_bound(&self.lt, &L_DESC, &mut self.s, &mut runs);
        let dt_least = leaves_bound(&self.dt, &D_DESC, &mut self.s, &mut runs);
        5 + 5 + 4 + 3 * 4 + lt_least + dt_least + runs.bound()
    }

    /// The bound of [`shape::Shape`]: the least bits of a dynamic block from the shape of
    /// zlib's trees, when it can be told without the heap.
    fn shape_least(&mut self) -> Option<u64> {
        let mut bl = [0; BL_CODES];
        let lt = self.shape.tree(&self.lt.freq, &self.lt.used, &L_DESC, &mut bl)?;
        let dt = self.shape.tree(&self.dt.freq, &self.dt.used, &D_DESC, &mut bl)?;
        Some(lt + dt + bl_least(&bl))
    }

    /// For tests: where the shape's bound chose the fixed block, the trees as zlib builds them
    /// cost at least as much (and at least the bound).
    #[cfg(test)]
    fn check_shape(&mut self, least: u64, static_lenb: u64) {
        build_tree(&mut self.lt, &L_DESC, &mut self.s);
        build_tree(&mut self.dt, &D_DESC, &mut self.s);
        scan_tree(&mut self.bt.freq, &mut self.lt.len, &self.lt.used, self.lt.max_code);
        scan_tree(&mut self.bt.freq, &mut self.dt.len, &self.dt.used, self.dt.max_code);
        self.build_bl_tree();
        let exact = self.s.opt_len;
        assert!(least <= exact, "shape bound {least} over opt_len {exact}");
        assert!((exact + 3 + 7) >> 3 >= static_lenb, "a dynamic block of {exact} bits would be chosen");
    }

    /// For tests: the next `RETRY_EVERY - 2` blocks skip both bounds, whatever their size
    /// (then they are retried as usual): their trees are built as zlib builds them.
    #[cfg(test)]
    pub(super) fn skip_bounds(&mut self) {
        self.misses = [u8::MAX; MISSES];
        self.skipped = 1;
        self.shape_misses = [u8::MAX; MISSES];
        self.shape_skipped = 1;
    }

    /// For tests: whether the shape's bound decided the last block flushed.
    #[cfg(test)]
    pub(super) fn shape_decided(&self) -> bool {
        self.last_shaped
    }

    /// For tests: whether the cheap bound decided the last block flushed.
    #[cfg(test)]
    pub(super) fn cheap_bound_decided(&self) -> bool {
        self.last_decided
    }

    /// `compress_block`; `window` is the input of a windowed block.
    fn compress(
        &self,
        w: &mut Bits<'_>,
        window: Option<&[u8]>,
        lcode: &[u16],
        llen: &[u16],
        dcode: &[u16],
        dlen: &[u16],
    ) {
        if self.windowed {
            let window = window.expect("a windowed block is in the window");
            let mut at = 0;
            for (i, &start) in self.starts.iter().enumerate() {
                let start = usize::from(start);
                literals(w, &window[at..start], lcode, llen);
                let len = u32::from(self.lc[i]);
                match_code(w, u32::from(self.dist[i]), len, lcode, llen, dcode, dlen);
                at = start + len as usize + 3;
            }
            literals(w, &window[at..], lcode, llen);
            w.put(lcode[END_BLOCK] as u32, llen[END_BLOCK] as u32);
            return;
        }
        let (dists, lcs) = (&self.dist[..self.syms], &self.lc[..self.syms]);
        let mut i = 0;
        while i < dists.len() {
            // The run of literals from here (distance 0), then the match after it.
            let run = dists[i..].iter().position(|&d| d != 0).unwrap_or(dists.len() - i);
            literals(w, &lcs[i..i + run], lcode, llen);
            i += run;
            if i < dists.len() {
                match_code(w, u32::from(dists[i]), u32::from(lcs[i]), lcode, llen, dcode, dlen);
                i += 1;
            }
        }
        w.put(lcode[END_BLOCK] as u32, llen[END_BLOCK] as u32);
    }

    /// A lower bound of what `build_bl_tree` adds to `opt_len`, from the code-length symbols
    /// that `scan_tree` counted: the header bits for the lengths up to the last used symbol in
    /// `BL_ORDER`, the extra bits, and the Huffman cost of the counts (zlib's tree is a Huffman
    /// tree unless lengths over 7 were repaired, which only adds bits). 0 when fewer than two
    /// symbols are used (zlib adds codes then).
    fn bl_least(&self) -> u64 {
        let mut freq = [0; BL_CODES];
        for (f, &b) in freq.iter_mut().zip(&self.bt.freq) {
            *f = u32::from(b);
        }
        bl_least(&freq)
    }

    /// `build_bl_tree` after the two `scan_tree`: the code-length tree; returns the index in
    /// `BL_ORDER` of the last length to send (at least 3).
    fn build_bl_tree(&mut self) -> usize {
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
        (max_count, min_count) = run_limits(nextlen == 0, curlen == nextlen);
    }
}

/// `scan_tree`'s `max_count` and `min_count` for the run after one that ended before a zero
/// length, or before the same length (cut at `max_count`), or before another one.
#[inline(always)]
fn run_limits(next_zero: bool, next_same: bool) -> (u32, u32) {
    if next_zero {
        (138, 3)
    } else if next_same {
        (6, 3)
    } else {
        (7, 4)
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

/// What `scan_tree` is known to count from the used symbols alone.
#[derive(Default)]
struct RunCounts {
    /// Zero lengths sent one by one (code 0), codes 17 and 18.
    zeros: u32,
    rep_zeros: u32,
    long_zeros: u32,
    /// The fewest codes 1 to 16 that the stretches of used symbols take.
    lengths: u32,
}

impl RunCounts {
    /// A stretch of `r` unused symbols, as `runs` codes it.
    fn gap(&mut self, r: u32) {
        let [zeros, rep_zeros, long_zeros] = zero_run_codes(r);
        self.zeros += zeros;
        self.rep_zeros += rep_zeros;
        self.long_zeros += long_zeros;
    }

    /// The least bits of the code lengths coded with the code-length tree.
    fn bound(&self) -> u64 {
        let mut counts = [self.zeros, self.rep_zeros, self.long_zeros, self.lengths];
        insertion_sort(&mut counts);
        let first = counts.iter().position(|&c| c != 0).unwrap_or(4);
        let counts = &counts[first..];
        let extra = 3 * self.rep_zeros as u64 + 7 * self.long_zeros as u64;
        let codes = if counts.len() < 2 {
            // One code (or none): zlib gives it one bit.
            counts.iter().map(|&c| c as u64).sum()
        } else {
            let mut nodes = [(0, 0); 4];
            let mut leaves = [(0, 0); 4];
            for (l, &c) in leaves.iter_mut().zip(counts) {
                *l = (c, 1);
            }
            huffman_cost(&mut leaves[..counts.len()], &mut nodes)
        };
        codes + extra
    }
}

/// How `scan_tree` codes a run of `r` unused symbols: how many zero lengths it sends one by
/// one, how many codes 17 and how many codes 18. Whole codes of 138 first (rare), then the rest
/// without a branch: how long the runs of unused symbols are follows no pattern.
fn zero_run_codes(mut r: u32) -> [u32; 3] {
    let mut long = 0;
    while r > 138 {
        long += 1;
        r -= 138;
    }
    [if r <= 2 { r } else { 0 }, u32::from((3..=10).contains(&r)), long + u32::from(r >= 11)]
}

/// The Huffman cost (sum over leaves of frequency × depth) of leaves given as (frequency,
/// count) groups in increasing order of frequency, with at least two leaves in all. Works on
/// groups: the two smallest nodes are merged as in the two-queue algorithm, a group of equal
/// nodes in pairs at once. `nodes` holds the internal nodes, as groups too (they are made in
/// increasing order).
fn huffman_cost(leaves: &mut [(u32, u32)], nodes: &mut [(u32, u32)]) -> u64 {
    let mut total: u32 = leaves.iter().map(|g| g.1).sum();
    let (mut li, mut ni, mut nend) = (0, 0, 0);
    let mut cost = 0u64;
    // The smallest node's group: true if it is a group of leaves.
    let front = |li: usize, ni: usize, nend: usize, leaves: &[(u32, u32)], nodes: &[(u32, u32)]| {
        li < leaves.len() && (ni == nend || leaves[li].0 <= nodes[ni].0)
    };
    let push = |nodes: &mut [(u32, u32)], nend: &mut usize, ni: usize, f: u32, c: u32| {
        if *nend > ni && nodes[*nend - 1].0 == f {
            nodes[*nend - 1].1 += c;
        } else {
            nodes[*nend] = (f, c);
            *nend += 1;
        }
    };
    while total > 1 {
        let in_leaves = front(li, ni, nend, leaves, nodes);
        let g = if in_leaves { &mut leaves[li] } else { &mut nodes[ni] };
        let f = g.0;
        if g.1 >= 2 {
            let pairs = g.1 / 2;
            g.1 -= 2 * pairs;
            if g.1 == 0 {
                if in_leaves {
                    li += 1;
                } else {
                    ni += 1;
                }
            }
            cost += 2 * f as u64 * pairs as u64;
            total -= pairs;
            push(nodes, &mut nend, ni, 2 * f, pairs);
        } else {
            if in_leaves {
                li += 1;
            } else {
                ni += 1;
            }
            let in_leaves = front(li, ni, nend, leaves, nodes);
            let g = if in_leaves { &mut leaves[li] } else { &mut nodes[ni] };
            let f2 = g.0;
            g.1 -= 1;
            if g.1 == 0 {
                if in_leaves {
                    li += 1;
                } else {
                    ni += 1;
                }
            }
            cost += f as u64 + f2 as u64;
            total -= 1;
            push(nodes, &mut nend, ni, f + f2, 1);
        }
    }
    cost
}

/// The used leaves of a tree with the codes `build_tree` adds to a tree of fewer than two
/// (frequency 1, 0 in `tree.freq`), and how many it adds.
fn with_dummies(used: &[u64; 5]) -> ([u64; 5], u64) {
    let mut used = *used;
    let count: u32 = used.iter().map(|w| w.count_ones()).sum();
    let mut dummies = 0;
    if count < 2 {
        let mut max_code = used
            .iter()
            .enumerate()
            .rev()
            .find(|(_, &w)| w != 0)
            .map_or(-1, |(i, &w)| (i * 64 + 63 - w.leading_zeros() as usize) as i32);
        for _ in count..2 {
            let node = if max_code < 2 {
                max_code += 1;
                max_code as usize
            } else {
                0
            };
            put_symbol(&mut used, node);
            dummies += 1;
        }
    }
    (used, dummies)
}

/// See `Block::bl_least`: the same bound from code-length symbol counts. (The counts
/// follow no pattern: they are sorted and their Huffman cost found without a branch on how
/// they compare.)
fn bl_least(freq: &[u32; BL_CODES]) -> u64 {
    // The used counts, each with its index below it (no two alike), then each one's place in
    // increasing order: how many are smaller.
    let mut used = [0u32; BL_CODES];
    let mut n = 0;
    for (i, &f) in freq.iter().enumerate() {
        used[n] = f << 5 | i as u32;
        n += usize::from(f != 0);
    }
    if n < 2 {
        return 0;
    }
    let mut sorted = [u32::MAX; BL_CODES + 1];
    for &key in &used[..n] {
        let place = used[..n].iter().map(|&other| usize::from(other < key)).sum::<usize>();
        sorted[place] = key >> 5;
    }
    // The two-queue Huffman algorithm: the leaves in `sorted`, the joined nodes in `nodes`
    // (made in increasing order), each queue ended by `u32::MAX`.
    let mut nodes = [u32::MAX; BL_CODES + 1];
    let (mut li, mut ni) = (0, 0);
    let mut cost = 0u64;
    for made in 0..n - 1 {
        let mut least = || {
            let (leaf, node) = (sorted[li], nodes[ni]);
            let is_leaf = leaf <= node;
            li += usize::from(is_leaf);
            ni += usize::from(!is_leaf);
            std::hint::select_unpredictable(is_leaf, leaf, node)
        };
        let joined = least() + least();
        cost += u64::from(joined);
        nodes[made] = joined;
    }
    let mut max_blindex = BL_CODES - 1;
    while max_blindex >= 3 && freq[BL_ORDER[max_blindex]] == 0 {
        max_blindex -= 1;
    }
    let extra = 2 * freq[REP_3_6] as u64 + 3 * freq[REPZ_3_10] as u64 + 7 * freq[REPZ_11_138] as u64;
    cost + extra + 3 * (max_blindex as u64 + 1) + 5 + 5 + 4
}

/// Sorts the few entries of a token-sized block's lists (frequencies of 32 or more, counts)
/// in place: less code than the standard library's sorts, which matters in the WebAssembly
/// module.
fn insertion_sort<T: Ord + Copy>(v: &mut [T]) {
    for i in 1..v.len() {
        let x = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// For `Block::least_dynamic`: the least data bits of one tree (its Huffman cost over the leaves
/// `build_tree` would have, minus one per code it adds, plus the extra bits); the runs of its
/// code lengths go into `runs`.
fn leaves_bound<const N: usize>(tree: &Tree<N>, desc: &Desc, s: &mut Scratch, runs: &mut RunCounts) -> u64 {
    let (used, dummies) = with_dummies(&tree.used);
    // Frequencies below 32 counted; larger ones listed (few in a token-sized block).
    let mut hist = [0u32; 32];
    hist[1] = dummies as u32;
    let mut big = 0;
    let mut xbits = 0u64;
    // The runs of the code lengths: used symbols have a nonzero length, up to the last one.
    let (mut next, mut stretch) = (0usize, 0u32);
    Tree::<N>::each_used(&used, |n| {
        if n == next {
            stretch += 1;
        } else {
            runs.lengths += if stretch < 4 { stretch } else { stretch.div_ceil(7) };
            runs.gap((n - next) as u32);
            stretch = 1;
        }
        next = n + 1;
        let f = tree.freq[n] as u32;
        if f < 32 {
            hist[f as usize] += 1;
        } else {
            s.nodes[big] = (f, 1);
            big += 1;
        }
        xbits += f as u64 * desc.xbits[n] as u64;
    });
    runs.lengths += if stretch < 4 { stretch } else { stretch.div_ceil(7) };

    // hist[0] counts the added codes, whose frequency is 1 (counted in hist[1]).
    let mut groups = 0;
    for (f, &c) in hist.iter().enumerate().skip(1) {
        if c != 0 {
            s.leaves[groups] = (f as u32, c);
            groups += 1;
        }
    }
    let big_list = &mut s.nodes[..big];
    insertion_sort(big_list);
    for &(f, _) in big_list.iter() {
        if groups > 0 && s.leaves[groups - 1].0 == f {
            s.leaves[groups - 1].1 += 1;
        } else {
            s.leaves[groups] = (f, 1);
            groups += 1;
        }
    }
    huffman_cost(&mut s.leaves[..groups], &mut s.nodes) - dummies + xbits
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

/// The heap's array: room for the sons and grandsons of every entry.
const HEAP_ARRAY: usize = 4 * HEAP_SIZE + 4;
const LOW: u64 = (1 << NODE_BITS) - 1;

/// `pqdownheap`, with `u64::MAX` after the last entry standing for missing sons. `a >> NODE_BITS
/// <= b >> NODE_BITS` is written `a <= b | LOW`. Two levels per turn: the four grandsons are
/// loaded with the sons, before the comparisons that choose among them (the same moves as one
/// level at a time, with half the waiting on memory).
#[inline(always)]
fn pqdownheap(heap: &mut [u64; HEAP_ARRAY], mut k: usize) {
    let v = heap[k];
    loop {
        let j = k << 1;
        let (left, right) = (heap[j], heap[j + 1]);
        let g = j << 1;
        let (g0, g1, g2, g3) = (heap[g], heap[g + 1], heap[g + 2], heap[g + 3]);
        let take_right = right <= left | LOW;
        let c = if take_right { right } else { left };
        if v <= c | LOW {
            break;
        }
        heap[k] = c;
        k = j + take_right as usize;
        let (left, right) = if take_right { (g2, g3) } else { (g0, g1) };
        let take_right = right <= left | LOW;
        let c = if take_right { right } else { left };
        if v <= c | LOW {
            break;
        }
        heap[k] = c;
        k = (k << 1) + take_right as usize;
    }
    heap[k] = v;
}

/// `build_tree` followed by `gen_bitlen`; adds to the block's `opt_len` (its `static_len` is
/// `Block::static_bits`).
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
        let xbits = desc.xbits[n] as u64;
        let f = tree.freq[n] as u64;
        s.opt_len = s.opt_len.wrapping_add(f * (bits + xbits));
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

#[cfg(test)]
mod tests {
    use super::{bl_least, huffman_cost, BL_CODES};
    use crate::testing::Rng;

    /// The Huffman cost of the code-length counts as `huffman_cost` finds it from groups
    /// sorted one by one, for random counts (many equal, many zero).
    #[test]
    fn bl_least_costs_the_counts_as_huffman_cost_does() {
        let mut rng = Rng(0x2f6b_9d31);
        for i in 0..50_000 {
            let spread = [3, 20, 300][i % 3];
            let freq: [u32; BL_CODES] =
                std::array::from_fn(|_| if rng.below(3) == 0 { 0 } else { rng.below(spread) as u32 });
            let mut leaves: Vec<(u32, u32)> = freq.iter().filter(|&&f| f != 0).map(|&f| (f, 1)).collect();
            leaves.sort();
            let fixed = if leaves.len() < 2 {
                0
            } else {
                let mut nodes = [(0, 0); BL_CODES];
                let mut max_blindex = BL_CODES - 1;
                while max_blindex >= 3 && freq[super::BL_ORDER[max_blindex]] == 0 {
                    max_blindex -= 1;
                }
                let extra = 2 * freq[16] as u64 + 3 * freq[17] as u64 + 7 * freq[18] as u64;
                huffman_cost(&mut leaves, &mut nodes) + extra + 3 * (max_blindex as u64 + 1) + 14
            };
            assert_eq!(bl_least(&freq), fixed, "{freq:?}");
        }
    }
}
