//! zlib streams for token payloads.
//!
//! Payloads up to [`FAST_LIMIT`] bytes (every ordinary token: 100 to 350 bytes) are deflated
//! here into one final block, the shortest of three as zlib chooses: fixed Huffman codes
//! (BTYPE=01), codes fitted to the payload (dynamic, BTYPE=10) or stored (BTYPE=00). LZ77 is
//! greedy, over the whole input, with short hash chains on the stack; the fixed block is
//! written during the same pass. Building dynamic codes costs more than all the rest, so it is
//! skipped where an estimate says the fixed block is clearly shorter: most tokens, whose
//! 32-byte signature is random. Hex- and UUID-heavy payloads get a dynamic block, as on Node.
//! Longer payloads go through flate2 (zlib-rs). Decompression is always flate2.
//!
//! Node's zlib hashes four bytes and never finds three-byte matches. With the fixed codes they
//! pay, so tokens from here are often a few characters shorter than agora-token's; with
//! dynamic codes three literals are often cheaper, so a parse without them is tried as well.

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

/// The largest input deflated here; longer ones go to flate2.
///
/// Measured against Node's output on 50,000 payloads (every builder with random inputs, UUID and
/// hex accounts, word lists, random text): up to 512 bytes, tokens from here are at median 0 to
/// 12 base64 characters shorter than agora-token's and never more than 8 longer. From about
/// 768 bytes on, long repetitive text (RTM2 permission lists, long channel names built from
/// words) compresses better with zlib's lazy matching over long chains, which flate2
/// reproduces: at 1 to 4 KiB this encoder's tokens are at median 4 to 12 characters longer.
/// 512 bytes holds every token with names of up to about 300 bytes.
pub const FAST_LIMIT: usize = 512;

thread_local! {
    static COMPRESS: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(7), true));
}

/// Appends a complete zlib stream of `input` to `out`.
pub fn zlib_compress_into(input: &[u8], out: &mut Vec<u8>) {
    if input.len() <= FAST_LIMIT {
        fast_zlib(input, out);
    } else {
        flate2_zlib(input, out);
    }
}

/// zlib-rs at level 7 with the header of level 6. Node's zlib at its default level 6 searches
/// with lazy matching (`deflate_slow`: good 8, lazy 16, nice 128, chain 128). zlib-rs, like
/// zlib-ng, runs its `deflate_medium` at level 6 and `deflate_slow` from 7 (good 8, lazy 32,
/// nice 128, chain 256): on 8,000 payloads of 0.5 to 4 KiB, level 7 reproduces Node's stream
/// for 78% against 19% at level 6, and for 99.5% against 91% of 53,000 smaller ones. The level
/// bits of the header are only a hint, so the header Node writes (0x78 0x9c) is kept.
fn flate2_zlib(input: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
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
    });
    // FLEVEL 2 (default) instead of 3 (maximum); the check bits stay valid: 0x789c % 31 == 0.
    out[start + 1] = 0x9c;
}

// ---------------------------------------------------------------------------------------------
// Code tables (RFC 1951, 3.2.5 to 3.2.7). Huffman codes enter the stream most significant bit
// first, everything else least significant bit first, so codes are kept bit-reversed and packed
// with their length: `bits | length << 24`.

const fn reverse(code: u32, len: u32) -> u32 {
    code.reverse_bits() >> (32 - len)
}

const fn pack(bits: u32, len: u32) -> u32 {
    bits | (len << 24)
}

#[inline(always)]
fn code_bits(c: u32) -> u64 {
    (c & 0xFF_FFFF) as u64
}

#[inline(always)]
fn code_len(c: u32) -> u32 {
    c >> 24
}

/// Literal/length symbols: 256 literals, end of block, 29 length codes.
const LIT_CODES: usize = 286;
const DIST_CODES: usize = 30;
/// Code-length symbols: lengths 0..=15, and the repeat codes 16, 17, 18.
const CL_CODES: usize = 19;
const END_OF_BLOCK: usize = 256;

/// Canonical codes (packed, bit-reversed) for code lengths.
const fn canonical<const N: usize>(lens: &[u8; N]) -> [u32; N] {
    let mut count = [0u32; 16];
    let mut i = 0;
    while i < N {
        count[lens[i] as usize] += 1;
        i += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    let mut code = 0;
    let mut b = 1;
    while b < 16 {
        code = (code + count[b - 1]) << 1;
        next[b] = code;
        b += 1;
    }
    let mut out = [0u32; N];
    i = 0;
    while i < N {
        let l = lens[i] as u32;
        if l != 0 {
            out[i] = pack(reverse(next[l as usize], l), l);
            next[l as usize] += 1;
        }
        i += 1;
    }
    out
}

/// The fixed literal/length code: 8 bits for 0..=143, 9 for 144..=255, 7 for 256..=279, 8 for
/// 280..=287 (the last two are never sent, but take part in the canonical numbering).
static FIXED_LIT: [u32; LIT_CODES] = {
    let mut lens = [0u8; 288];
    let mut i = 0;
    while i < 288 {
        lens[i] = match i {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
        i += 1;
    }
    let all = canonical(&lens);
    let mut t = [0u32; LIT_CODES];
    i = 0;
    while i < LIT_CODES {
        t[i] = all[i];
        i += 1;
    }
    t
};

/// The fixed distance code: five bits each.
static FIXED_DIST: [u32; DIST_CODES] = canonical(&[5; DIST_CODES]);

const LENGTH_BASE: [u32; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u32; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u32; DIST_CODES] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u32; DIST_CODES] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

/// For a match length 3..=258: its length code (0..=28) in the low byte, the number of extra
/// bits in the next, and their value from bit 16.
static LENGTH_CODE: [u32; MAX_MATCH + 1] = {
    let mut t = [0u32; MAX_MATCH + 1];
    let mut code = 0;
    let mut len = 3;
    while len <= MAX_MATCH {
        while code < 28 && LENGTH_BASE[code + 1] <= len as u32 {
            code += 1;
        }
        t[len] = code as u32 | (LENGTH_EXTRA[code] << 8) | ((len as u32 - LENGTH_BASE[code]) << 16);
        len += 1;
    }
    t
};

/// Distance codes: of `d` at `d - 1` for `d <= 256`, else at `256 + ((d - 1) >> 7)` (zlib's
/// `d_code`).
static DIST_CODE: [u8; 512] = {
    let mut t = [0u8; 512];
    let mut code = 0;
    let mut i = 0;
    while i < 512 {
        let d = if i < 256 { i as u32 + 1 } else { (((i - 256) as u32) << 7) + 1 };
        while code < 29 && DIST_BASE[code + 1] <= d {
            code += 1;
        }
        t[i] = code as u8;
        i += 1;
    }
    t
};

/// The distance code of a distance 1..=32768.
#[inline(always)]
fn dist_code(d: usize) -> usize {
    DIST_CODE[if d <= 256 { d - 1 } else { 256 + ((d - 1) >> 7) }] as usize
}

/// Extra bits after the code-length symbols 16 (repeat the last length 3..=6 times), 17 (3..=10
/// zeros) and 18 (11..=138 zeros).
const CL_EXTRA: [u32; CL_CODES] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];

/// The order in which the code-length code's lengths are sent.
const CL_ORDER: [usize; CL_CODES] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

// ---------------------------------------------------------------------------------------------
// LZ77.

const MAX_MATCH: usize = 258;
/// Earlier occurrences tried per position. Token payloads repeat little: up to 512 bytes, 4,
/// 8 and 128 tries give the same sizes.
const MAX_CHAIN: usize = 8;

#[inline(always)]
fn read_u32(s: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(s[i..i + 4].try_into().unwrap())
}

#[inline(always)]
fn read_u64(s: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(s[i..i + 8].try_into().unwrap())
}

/// How many bytes from `a` and `b` agree, up to `max` (`a < b`, `b + max <= s.len()`).
#[inline(always)]
fn common(s: &[u8], a: usize, b: usize, max: usize) -> usize {
    let mut n = 0;
    while n + 8 <= max {
        let x = read_u64(s, a + n) ^ read_u64(s, b + n);
        if x != 0 {
            return n + (x.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while n < max && s[a + n] == s[b + n] {
        n += 1;
    }
    n
}

/// What the LZ77 pass produces: the items (a literal byte below 256, or a match
/// `length << 16 | distance`), how often each symbol occurs (end of block included), the bits
/// of the matches' extra fields (the same under any code), and the size of the fixed-code
/// block when it wrote one.
struct Parse<'a> {
    lit: [u16; LIT_CODES],
    dist: [u16; DIST_CODES],
    /// For the estimate of a dynamic block: literal/length symbols sent, distinct ones, and the
    /// sum of `f log2 f` over their counts `f` (1/65536 bits).
    symbols: usize,
    distinct: usize,
    f_log_f: u64,
    extra: u64,
    items: &'a [u32],
    fixed_bits: u64,
}

/// Greedy LZ77 over the whole input (the window) with matches of at least `MIN` bytes (3 or 4).
/// Records the items in `items` (at least the input length) and, with `EMIT`, writes the
/// fixed-code block into `fixed` (at least [`fixed_bound`] bytes). `H`, the hash table size,
/// is a power of two; `S` is at least the input length.
fn lz77<'a, const H: usize, const S: usize, const MIN: usize, const EMIT: bool>(
    input: &[u8],
    items: &'a mut [u32],
    fixed: &mut [u8],
) -> Parse<'a> {
    let shift = 32 - H.trailing_zeros();
    let mask = if MIN == 3 { 0xFF_FFFF } else { u32::MAX };
    // Hash chains: the latest position of each hash of the first MIN bytes, and each position's
    // predecessor with its hash. 0 is also "none": a candidate is always compared with the input,
    // so a wrong one costs a compare.
    let mut head = [0u16; H];
    let mut prev = [0u16; S];
    let mut lit = [0u16; LIT_CODES];
    let mut dist = [0u16; DIST_CODES];
    let mut w = Bits { buf: fixed, pos: 0, acc: 0, n: 0 };
    if EMIT {
        // BFINAL = 1, BTYPE = 01 (fixed codes).
        w.put(0b011, 3);
    }
    let (mut symbols, mut distinct, mut f_log_f, mut extra) = (0, 0, 0, 0);
    // Counts a literal/length symbol.
    let mut count = |lit: &mut [u16; LIT_CODES], sym: usize| {
        let f = lit[sym];
        lit[sym] = f + 1;
        symbols += 1;
        distinct += (f == 0) as usize;
        f_log_f += F_LOG_F_STEP[f as usize] as u64;
    };
    let len = input.len();
    // Positions with four readable bytes are looked up.
    let hashed = len.saturating_sub(3);
    let (mut i, mut n) = (0, 0);
    while i < hashed {
        let cur = read_u32(input, i) & mask;
        let h = (cur.wrapping_mul(0x9E37_79B1) >> shift) as usize;
        let p = head[h] as usize;
        prev[i] = p as u16;
        head[h] = i as u16;
        // The chain is followed only when its latest position matches: most positions have
        // no match, so this branch is predictable (checking one more candidate here gives
        // tokens 0.07 characters shorter on average and costs a fifth more time).
        let (mut best, mut from) = (MIN - 1, 0);
        if read_u32(input, p) & mask == cur && i > 0 {
            let max = (len - i).min(MAX_MATCH);
            let mut p = p;
            for _ in 0..MAX_CHAIN {
                if read_u32(input, p) & mask == cur {
                    let l = MIN + common(input, p + MIN, i + MIN, max - MIN);
                    if l > best {
                        (best, from) = (l, p);
                        if l == max {
                            break;
                        }
                    }
                }
                if p == 0 {
                    break;
                }
                p = prev[p] as usize;
            }
        }
        if best >= MIN {
            let d = i - from;
            let lc = LENGTH_CODE[best];
            let (sym, ln) = (257 + (lc & 0xFF) as usize, (lc >> 8) & 0xFF);
            let dc = dist_code(d);
            count(&mut lit, sym);
            dist[dc] += 1;
            extra += (ln + DIST_EXTRA[dc]) as u64;
            if EMIT {
                let c = FIXED_LIT[sym];
                w.put(code_bits(c) | ((lc >> 16) as u64) << code_len(c), code_len(c) + ln);
                w.put(code_bits(FIXED_DIST[dc]) | ((d as u32 - DIST_BASE[dc]) as u64) << 5, 5 + DIST_EXTRA[dc]);
            }
            items[n] = (best << 16 | d) as u32;
            n += 1;
            // Index the positions inside the match, so later repeats find the nearest copy.
            #[allow(clippy::needless_range_loop)] // j is a position: in the input and in prev
            for j in i + 1..(i + best).min(hashed) {
                let h = ((read_u32(input, j) & mask).wrapping_mul(0x9E37_79B1) >> shift) as usize;
                prev[j] = head[h];
                head[h] = j as u16;
            }
            i += best;
        } else {
            let b = input[i];
            count(&mut lit, b as usize);
            if EMIT {
                let c = FIXED_LIT[b as usize];
                w.put(code_bits(c), code_len(c));
            }
            items[n] = b as u32;
            n += 1;
            i += 1;
        }
    }
    for &b in &input[i..] {
        count(&mut lit, b as usize);
        if EMIT {
            let c = FIXED_LIT[b as usize];
            w.put(code_bits(c), code_len(c));
        }
        items[n] = b as u32;
        n += 1;
    }
    count(&mut lit, END_OF_BLOCK);
    let mut fixed_bits = 0;
    if EMIT {
        let c = FIXED_LIT[END_OF_BLOCK];
        w.put(code_bits(c), code_len(c));
        fixed_bits = w.pos as u64 * 8 + w.n as u64;
        w.finish();
    }
    Parse { lit, dist, symbols, distinct, f_log_f, extra, items: &items[..n], fixed_bits }
}

/// An upper bound of a fixed block's bytes: at most 9 bits an input byte, as literals or in
/// matches, plus block header and end of block.
const fn fixed_bound(len: usize) -> usize {
    (3 + 9 * len + 7).div_ceil(8)
}

// ---------------------------------------------------------------------------------------------
// Symbol statistics and Huffman codes.

/// How often each symbol of an `N`-symbol alphabet occurs, and the used symbols in ascending
/// order. Loops run over the used symbols (a few dozen in a token), not the whole alphabet.
#[derive(Clone)]
struct Alphabet<const N: usize> {
    freq: [u16; N],
    used: [u16; N],
    n: usize,
}

impl<const N: usize> Alphabet<N> {
    fn new(freq: [u16; N]) -> Self {
        let mut used = [0u16; N];
        let mut n = 0;
        for (s, &f) in freq.iter().enumerate() {
            // Written always, kept when used: no branch. `n <= s`, so this stays in bounds.
            used[n] = s as u16;
            n += (f != 0) as usize;
        }
        Alphabet { freq, used, n }
    }

    fn used(&self) -> &[u16] {
        &self.used[..self.n]
    }

    /// Marks the lowest unused symbols used (frequency 0) until two are: a one-symbol code is
    /// incomplete, which inflaters refuse for some trees. zlib does the same.
    fn ensure_two(&mut self) {
        let mut s = 0;
        while self.n < 2 {
            if self.freq[s] == 0 && !self.used().contains(&(s as u16)) {
                self.used[self.n] = s as u16;
                self.n += 1;
                self.used[..self.n].sort_unstable();
            }
            s += 1;
        }
    }

    /// One more than the highest used symbol.
    fn end(&self) -> usize {
        self.used[self.n - 1] as usize + 1
    }

    /// Bits of all occurrences under the code lengths `lens`.
    fn cost(&self, lens: &[u8; N]) -> u64 {
        self.used().iter().map(|&s| self.freq[s as usize] as u64 * lens[s as usize] as u64).sum()
    }

    /// Optimal code lengths of at most `max` bits for the used symbols (at least two), and how
    /// many codes have each length.
    fn lengths(&self, max: u32) -> ([u8; N], [u32; 16]) {
        let n = self.n;
        debug_assert!(n >= 2);
        // The used symbols by ascending frequency, as `frequency << 16 | symbol`.
        let mut keys = [0u32; N];
        for (k, &s) in keys.iter_mut().zip(self.used()) {
            *k = (self.freq[s as usize] as u32) << 16 | s as u32;
        }
        let keys = &mut keys[..n];
        keys.sort_unstable();
        let mut depth = [0u32; N];
        for (d, k) in depth.iter_mut().zip(keys.iter()) {
            *d = k >> 16;
        }
        let depth = &mut depth[..n];
        minimum_redundancy(depth);
        // Codes per length; the lengths run from the longest (the least frequent symbol's) down.
        let mut count = [0u32; 33];
        let mut at = 0;
        while at < n {
            let d = depth[at];
            let run = depth[at..].iter().take_while(|&&e| e == d).count();
            count[(d as usize).min(32)] += run as u32;
            at += run;
        }
        let max = max as usize;
        if depth[0] as usize > max {
            // Too long: fold the lengths over `max` back (miniz's method).
            let over: u32 = count[max + 1..].iter().sum();
            count[max] += over;
            count[max + 1..].fill(0);
            let mut total: u32 = (1..=max).map(|i| count[i] << (max - i)).sum();
            while total != 1 << max {
                count[max] -= 1;
                for i in (1..max).rev() {
                    if count[i] != 0 {
                        count[i] -= 1;
                        count[i + 1] += 2;
                        break;
                    }
                }
                total -= 1;
            }
        }
        // Hand the lengths out longest first to the least frequent symbols.
        let mut lens = [0u8; N];
        let mut j = 0;
        for l in (1..=max).rev() {
            for &k in &keys[j..j + count[l] as usize] {
                lens[(k & 0xFFFF) as usize] = l as u8;
            }
            j += count[l] as usize;
        }
        let mut per_length = [0u32; 16];
        per_length.copy_from_slice(&count[..16]);
        (lens, per_length)
    }

    /// Canonical codes (packed, bit-reversed) for the used symbols under `lens`, of which
    /// `count[l]` have length `l`.
    fn codes(&self, lens: &[u8; N], count: &[u32; 16]) -> [u32; N] {
        let mut next = [0u32; 16];
        let mut code = 0;
        for b in 1..16 {
            code = (code + count[b - 1]) << 1;
            next[b] = code;
        }
        let mut codes = [0u32; N];
        for &s in self.used() {
            let l = lens[s as usize] as u32;
            codes[s as usize] = pack(reverse(next[l as usize], l), l);
            next[l as usize] += 1;
        }
        codes
    }
}

/// Moffat and Katajainen's in-place minimum-redundancy code: `a` holds ascending frequencies
/// (at least two) and receives the optimal code lengths, longest first.
fn minimum_redundancy(a: &mut [u32]) {
    let n = a.len();
    // Phase 1: build the tree; internal node weights, then parent indexes, in a[..n - 1].
    a[0] += a[1];
    let (mut root, mut leaf) = (0, 2);
    for next in 1..n - 1 {
        if leaf >= n || a[root] < a[leaf] {
            a[next] = a[root];
            a[root] = next as u32;
            root += 1;
        } else {
            a[next] = a[leaf];
            leaf += 1;
        }
        if leaf >= n || (root < next && a[root] < a[leaf]) {
            a[next] += a[root];
            a[root] = next as u32;
            root += 1;
        } else {
            a[next] += a[leaf];
            leaf += 1;
        }
    }
    // Phase 2: depths of the internal nodes.
    a[n - 2] = 0;
    for next in (0..n - 2).rev() {
        a[next] = a[a[next] as usize] + 1;
    }
    // Phase 3: depths of the leaves.
    let (mut avail, mut used, mut depth) = (1usize, 0usize, 0u32);
    let (mut root, mut next) = (n as isize - 2, n as isize - 1);
    while avail > 0 {
        while root >= 0 && a[root as usize] == depth {
            used += 1;
            root -= 1;
        }
        while avail > used {
            a[next as usize] = depth;
            next -= 1;
            avail -= 1;
        }
        avail = 2 * used;
        depth += 1;
        used = 0;
    }
}

/// The code lengths of a dynamic block, run-length coded (RFC 1951, 3.2.7), as zlib codes them:
/// zeros with 17 and 18, other lengths once and then with 16.
struct Lengths {
    /// Code-length symbol in the low byte, the value of its extra bits above.
    items: [u16; LIT_CODES + DIST_CODES],
    n: usize,
    freq: [u16; CL_CODES],
}

impl Lengths {
    #[inline(always)]
    fn push(&mut self, sym: usize, extra: usize) {
        self.items[self.n] = (sym | extra << 8) as u16;
        self.n += 1;
        self.freq[sym] += 1;
    }

    /// `run` times the length `value` (not 0).
    fn repeat(&mut self, value: u8, mut run: usize) {
        if run == 0 {
            return;
        }
        self.push(value as usize, 0);
        run -= 1;
        while run >= 3 {
            let k = run.min(6);
            self.push(16, k - 3);
            run -= k;
        }
        for _ in 0..run {
            self.push(value as usize, 0);
        }
    }

    /// `run` zeros.
    fn zeros(&mut self, mut run: usize) {
        while run >= 11 {
            let k = run.min(138);
            self.push(18, k - 11);
            run -= k;
        }
        if run >= 3 {
            self.push(17, run - 3);
            run = 0;
        }
        for _ in 0..run {
            self.push(0, 0);
        }
    }
}

/// A dynamic-Huffman block (BTYPE=10): the code lengths and the header.
struct Dynamic {
    lit: Alphabet<LIT_CODES>,
    dist: Alphabet<DIST_CODES>,
    lit_lens: ([u8; LIT_CODES], [u32; 16]),
    dist_lens: ([u8; DIST_CODES], [u32; 16]),
    cl: Alphabet<CL_CODES>,
    cl_lens: ([u8; CL_CODES], [u32; 16]),
    lengths: Lengths,
    hlit: usize,
    hdist: usize,
    hclen: usize,
    /// Bits of the block without the extra bits of matches.
    bits: u64,
}

impl Dynamic {
    fn new(mut lit: Alphabet<LIT_CODES>, mut dist: Alphabet<DIST_CODES>) -> Self {
        lit.ensure_two();
        dist.ensure_two();
        let lit_lens = lit.lengths(15);
        let dist_lens = dist.lengths(15);
        // The end of block is always used, so hlit >= 257.
        let (hlit, hdist) = (lit.end(), dist.end());
        // The lengths of symbols 0..hlit, then of distances 0..hdist, as one sequence (a run
        // may cross from one part to the other); between used symbols they are 0.
        let mut l = Lengths { items: [0; LIT_CODES + DIST_CODES], n: 0, freq: [0; CL_CODES] };
        let (mut at, mut value, mut run) = (0, 0, 0);
        let lit_part = lit.used().iter().map(|&s| (s as usize, lit_lens.0[s as usize]));
        let dist_part = dist.used().iter().map(|&s| (hlit + s as usize, dist_lens.0[s as usize]));
        for (pos, len) in lit_part.chain(dist_part) {
            let gap = pos - at;
            at = pos + 1;
            if gap == 0 && len == value {
                run += 1;
            } else {
                l.repeat(value, run);
                l.zeros(gap);
                (value, run) = (len, 1);
            }
        }
        l.repeat(value, run);
        let mut cl = Alphabet::new(l.freq);
        cl.ensure_two();
        let cl_lens = cl.lengths(7);
        let hclen = CL_ORDER.iter().rposition(|&s| cl_lens.0[s] != 0).map_or(0, |i| i + 1).max(4);
        let header = 3
            + 14
            + 3 * hclen as u64
            + cl.cost(&cl_lens.0)
            + (16..CL_CODES).map(|s| cl.freq[s] as u64 * CL_EXTRA[s] as u64).sum::<u64>();
        let bits = header + lit.cost(&lit_lens.0) + dist.cost(&dist_lens.0);
        Dynamic { lit, dist, lit_lens, dist_lens, cl, cl_lens, lengths: l, hlit, hdist, hclen, bits }
    }

    /// Writes the block: header, `items`, end of block.
    fn write(&self, w: &mut Bits<'_>, items: &[u32]) {
        // BFINAL = 1, BTYPE = 10.
        w.put(0b101, 3);
        w.put(((self.hlit - 257) | (self.hdist - 1) << 5 | (self.hclen - 4) << 10) as u64, 14);
        for &s in &CL_ORDER[..self.hclen] {
            w.put(self.cl_lens.0[s] as u64, 3);
        }
        let cl = self.cl.codes(&self.cl_lens.0, &self.cl_lens.1);
        for &item in &self.lengths.items[..self.lengths.n] {
            let sym = (item & 0xFF) as usize;
            let c = cl[sym];
            w.put(code_bits(c) | ((item >> 8) as u64) << code_len(c), code_len(c) + CL_EXTRA[sym]);
        }
        let lit = self.lit.codes(&self.lit_lens.0, &self.lit_lens.1);
        let dist = self.dist.codes(&self.dist_lens.0, &self.dist_lens.1);
        write_items(w, items, &lit, &dist);
    }
}

/// `log2(x)` in 1/65536 bits, for `x >= 1`.
const fn log2_q16(x: u64) -> u64 {
    let k = 63 - x.leading_zeros() as u64;
    // x / 2^k in [1, 2), 32 fraction bits; squaring moves one bit of the logarithm up at a time.
    let mut y = ((x as u128) << 32) >> k;
    let mut frac = 0;
    let mut i = 0;
    while i < 16 {
        y = (y * y) >> 32;
        frac <<= 1;
        if y >= 2 << 32 {
            y >>= 1;
            frac |= 1;
        }
        i += 1;
    }
    (k << 16) | frac
}

/// `f log2 f` in 1/65536 bits, for every symbol count a fast-path block can have.
static F_LOG_F: [u32; FAST_LIMIT + 2] = {
    let mut t = [0u32; FAST_LIMIT + 2];
    let mut f = 1;
    while f < FAST_LIMIT + 2 {
        t[f] = (f as u64 * log2_q16(f as u64)) as u32;
        f += 1;
    }
    t
};

/// How much `f log2 f` grows from `f` to `f + 1` (1/65536 bits).
static F_LOG_F_STEP: [u32; FAST_LIMIT + 1] = {
    let mut t = [0u32; FAST_LIMIT + 1];
    let mut f = 0;
    while f <= FAST_LIMIT {
        t[f] = F_LOG_F[f + 1] - F_LOG_F[f];
        f += 1;
    }
    t
};

/// An estimate of a dynamic block's bits without the extra bits of matches, to skip building
/// its codes where the fixed block is clearly shorter (most tokens: the signature is random).
///
/// The symbols cost about their entropy (an optimal code spends less than 0.1 bit a symbol more
/// on token payloads); the header about 289 bits and 2.7 bits for each used literal/length
/// symbol. The two constants come from a least-squares fit to the exact sizes of 53,000 token
/// payloads of up to 512 bytes (every builder with random inputs, UUID accounts, long texts).
/// The estimate is within 105 bits of the exact size on all of them, and with
/// [`ESTIMATE_MARGIN`] skipped no block that would have been shorter.
fn estimate_dynamic(parse: &Parse<'_>) -> u64 {
    let lit_q16 = F_LOG_F[parse.symbols] as u64 - parse.f_log_f;
    let dist_total: usize = parse.dist.iter().map(|&f| f as usize).sum();
    let dist_q16 = F_LOG_F[dist_total] as u64 - parse.dist.iter().map(|&f| F_LOG_F[f as usize] as u64).sum::<u64>();
    ((lit_q16 + dist_q16) >> 16) + 289 + (27 * parse.distinct as u64) / 10
}

/// Build the dynamic codes when the estimate is less than this many bits above the fixed block.
const ESTIMATE_MARGIN: u64 = 64;

// ---------------------------------------------------------------------------------------------
// The encoder.

/// Least-significant-bit-first bit writer into a slice with room for the whole block.
struct Bits<'a> {
    buf: &'a mut [u8],
    pos: usize,
    acc: u64,
    n: u32,
}

impl Bits<'_> {
    /// Appends the `n <= 32` low bits of `v` (higher bits must be zero).
    #[inline(always)]
    fn put(&mut self, v: u64, n: u32) {
        self.acc |= v << self.n;
        self.n += n;
        if self.n >= 32 {
            self.buf[self.pos..self.pos + 4].copy_from_slice(&(self.acc as u32).to_le_bytes());
            self.pos += 4;
            self.acc >>= 32;
            self.n -= 32;
        }
    }

    /// Pads to a byte boundary and returns the number of bytes written.
    fn finish(mut self) -> usize {
        while self.n > 0 {
            self.buf[self.pos] = self.acc as u8;
            self.pos += 1;
            self.acc >>= 8;
            self.n = self.n.saturating_sub(8);
        }
        self.pos
    }
}

/// Writes `items` and the end of block with the codes `lit` and `dist`.
fn write_items(w: &mut Bits<'_>, items: &[u32], lit: &[u32; LIT_CODES], dist: &[u32; DIST_CODES]) {
    for &it in items {
        if it < 256 {
            let c = lit[it as usize];
            w.put(code_bits(c), code_len(c));
        } else {
            let (m, d) = ((it >> 16) as usize, (it & 0xFFFF) as usize);
            let lc = LENGTH_CODE[m];
            let c = lit[257 + (lc & 0xFF) as usize];
            w.put(code_bits(c) | ((lc >> 16) as u64) << code_len(c), code_len(c) + ((lc >> 8) & 0xFF));
            let dc = dist_code(d);
            let c = dist[dc];
            w.put(code_bits(c) | ((d as u32 - DIST_BASE[dc]) as u64) << code_len(c), code_len(c) + DIST_EXTRA[dc]);
        }
    }
    let c = lit[END_OF_BLOCK];
    w.put(code_bits(c), code_len(c));
}

/// Adler-32 of `data` (RFC 1950).
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    // The largest n with 255 n (n + 1) / 2 + (n + 1) (MOD - 1) < 2^32.
    const NMAX: usize = 5552;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(NMAX) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// The fast path: zlib header, one final block (the shortest of fixed, dynamic and stored, as
/// zlib chooses), Adler-32.
fn fast_zlib(input: &[u8], out: &mut Vec<u8>) {
    if input.len() <= 256 {
        encode::<2048, 256>(input, out)
    } else {
        encode::<4096, FAST_LIMIT>(input, out)
    }
}

/// [`fast_zlib`] with a hash table of `H` entries, for inputs of at most `S` bytes. Eight
/// entries a byte keep collisions rare: a collision at the latest position hides a match
/// (half as many entries: 45% more tokens 4 characters longer than agora-token's).
fn encode<const H: usize, const S: usize>(input: &[u8], out: &mut Vec<u8>) {
    let len = input.len();
    debug_assert!(len <= S);
    let stored = 5 + len;
    let room = fixed_bound(len).max(stored);
    out.reserve(2 + room + 4);
    // CMF: deflate, 32 KiB window; FLG: default level, check bits (what zlib writes).
    out.extend_from_slice(&[0x78, 0x9c]);
    let start = out.len();
    out.resize(start + room, 0);
    let block = &mut out[start..];

    let mut buf = [0u32; S];
    let parse = lz77::<H, S, 3, true>(input, &mut buf, block);
    let mut bytes = parse.fixed_bits.div_ceil(8) as usize;
    if estimate_dynamic(&parse) + parse.extra < parse.fixed_bits + ESTIMATE_MARGIN {
        // Close: build the dynamic codes. Three-byte matches pay with the fixed codes; with codes
        // fitted to the data three literals are often cheaper (zlib, hashing four bytes, does
        // not find them at all), so a parse without them is tried too.
        let mut buf4 = [0u32; S];
        let parse4 = (parse.lit[257] != 0).then(|| lz77::<H, S, 4, false>(input, &mut buf4, &mut []));
        let mut best = None;
        for p in std::iter::once(&parse).chain(parse4.as_ref()) {
            let d = Dynamic::new(Alphabet::new(p.lit), Alphabet::new(p.dist));
            let b = (d.bits + p.extra).div_ceil(8) as usize;
            if b < bytes {
                bytes = b;
                best = Some((d, p));
            }
        }
        if let Some((d, p)) = best {
            let mut w = Bits { buf: block, pos: 0, acc: 0, n: 0 };
            d.write(&mut w, p.items);
            let written = w.finish();
            debug_assert_eq!(written, bytes);
        }
    }
    if stored <= bytes {
        // BFINAL = 1, BTYPE = 00, padding; LEN, NLEN; the bytes.
        block[0] = 1;
        block[1..3].copy_from_slice(&(len as u16).to_le_bytes());
        block[3..5].copy_from_slice(&(!(len as u16)).to_le_bytes());
        block[5..stored].copy_from_slice(input);
        bytes = stored;
    }
    out.truncate(start + bytes);
    out.extend_from_slice(&adler32(input).to_be_bytes());
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
mod tests {
    use super::*;
    use crate::access_token2::{AccessToken2, Rtm2Permissions};
    use crate::crypto::hex;
    use crate::recipes::{self, Extra, RtcPrivileges, RtcRtm2};

    #[expect(clippy::too_many_arguments, reason = "the positional form these tests were written with")]
    fn rtm2<'a>(
        app_id: &'a str,
        channel: &'a [u8],
        rtc_account: &'a [u8],
        publisher: bool,
        rtc_token_expire: u32,
        privileges: RtcPrivileges,
        rtm_user_id: &'a [u8],
        rtm_token_expire: u32,
        extra: Extra,
    ) -> RtcRtm2<'a> {
        RtcRtm2 {
            app_id,
            channel,
            rtc_account,
            publisher,
            rtc_token_expire,
            privileges,
            rtm_user_id,
            rtm_token_expire,
            extra,
        }
    }
    use std::borrow::Cow;

    /// xorshift64*: deterministic, so a failing case can be reproduced from its seed.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn chance(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }

        fn fill(&mut self, out: &mut Vec<u8>, n: usize) {
            out.extend((0..n).map(|_| self.next() as u8));
        }

        fn hex(&mut self, n: usize, upper: bool) -> String {
            let digits: &[u8] = if upper { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
            (0..n).map(|_| digits[self.below(16)] as char).collect()
        }

        fn uuid(&mut self) -> String {
            let h = self.hex(32, false);
            format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
        }

        /// A string as apps use them for channels, accounts and resources.
        fn text(&mut self, long: bool) -> String {
            const WORDS: [&str; 10] =
                ["room", "channel", "user", "live", "game", "lobby", "team", "chat", "中文", "😀"];
            let max = if long { 600 } else { 40 };
            match self.below(9) {
                0 => String::new(),
                1 => self.next().to_string(),
                2 => (self.next() as u32).to_string(),
                3 => self.uuid(),
                4 => {
                    let upper = self.chance(50);
                    self.hex(32, upper)
                }
                5 => {
                    let n = self.below(max) + 1;
                    (0..n).map(|_| (0x21 + self.below(94) as u8) as char).collect()
                }
                6 => {
                    let n = self.below(max / 4 + 1) + 1;
                    let mut s = String::new();
                    for _ in 0..n {
                        s.push_str(WORDS[self.below(WORDS.len())]);
                        s.push(['-', '_', '/', '.'][self.below(4)]);
                        s.push_str(&self.below(1000).to_string());
                    }
                    s
                }
                7 => "x".repeat(self.below(max) + 1),
                _ => format!("user-{}", self.below(100)),
            }
        }
    }

    /// Compresses `input` after a marker byte (the stream is appended), checks the header and
    /// that flate2 inflates it to `input` exactly. Returns the stream's length.
    fn round_trip(input: &[u8], out: &mut Vec<u8>) -> usize {
        out.clear();
        out.push(0xA5);
        zlib_compress_into(input, out);
        assert_eq!(out[0], 0xA5, "the bytes before the stream are kept");
        let z = &out[1..];
        assert_eq!(&z[..2], &[0x78, 0x9c]);
        match zlib_decompress(z, 1 << 20) {
            Ok(back) => assert!(back == input, "round trip differs for {}", hex(input)),
            Err(e) => panic!("{e} for {}", hex(input)),
        }
        z.len()
    }

    /// BTYPE of a fast-path stream's only block.
    fn block_type(z: &[u8]) -> u8 {
        (z[2] >> 1) & 3
    }

    #[test]
    fn known_streams() {
        let mut out = Vec::new();
        for (input, stream) in [
            // As zlib writes them.
            (&b""[..], "789c030000000001"),
            (b"a", "789c4b040000620062"),
            // zlib sends two literals first ("4b4c8401"): it never matches against position 0.
            (b"aaaaaaaaaa", "789c4b84030014e103cb"),
        ] {
            out.clear();
            zlib_compress_into(input, &mut out);
            assert_eq!(hex(&out), stream);
        }
    }

    #[test]
    fn the_shortest_block_type_is_chosen() {
        let mut rng = Rng(7);
        let mut out = Vec::new();
        // Random bytes do not compress: stored, 11 bytes of framing.
        let mut random = Vec::new();
        rng.fill(&mut random, 300);
        assert_eq!(round_trip(&random, &mut out), 300 + 11);
        assert_eq!(block_type(&out[1..]), 0);
        // Repeats and a few symbols: fixed codes.
        round_trip(&[0; 400], &mut out);
        assert_eq!(block_type(&out[1..]), 1);
        // Hex text: codes fitted to the 16 digits beat the fixed 8 bits each.
        let text = rng.hex(400, false);
        round_trip(text.as_bytes(), &mut out);
        assert_eq!(block_type(&out[1..]), 2);
        assert!(out.len() - 1 < 400 * 5 / 8 + 40, "{}", out.len());
    }

    #[test]
    fn both_sides_of_the_limit() {
        let mut rng = Rng(11);
        let mut out = Vec::new();
        for len in FAST_LIMIT - 3..=FAST_LIMIT + 3 {
            for kind in 0..4 {
                let input: Vec<u8> = match kind {
                    0 => vec![0; len],
                    1 => rng.hex(len, true).into_bytes(),
                    2 => (0..len).map(|i| (i % 7) as u8).collect(),
                    _ => {
                        let mut v = Vec::new();
                        rng.fill(&mut v, len);
                        v
                    }
                };
                round_trip(&input, &mut out);
            }
        }
    }

    #[test]
    fn code_lengths_are_limited_and_complete() {
        // Fibonacci counts make the deepest Huffman trees.
        let mut fib = [1u16; DIST_CODES];
        for i in 2..DIST_CODES {
            fib[i] = fib[i - 1].saturating_add(fib[i - 2]).min(30_000);
        }
        let mut cl = [0u16; CL_CODES];
        cl.copy_from_slice(&fib[..CL_CODES]);
        for (lens, max) in
            [(Alphabet::new(cl).lengths(7).0.to_vec(), 7), (Alphabet::new(fib).lengths(15).0.to_vec(), 15)]
        {
            assert!(lens.iter().all(|&l| (1..=max).contains(&l)), "{lens:?}");
            let kraft: u64 = lens.iter().map(|&l| 1u64 << (max - l)).sum();
            assert_eq!(kraft, 1 << max, "{lens:?}");
        }
        // One used symbol still gets a complete code of two one-bit codes.
        let mut one = Alphabet::new({
            let mut f = [0u16; DIST_CODES];
            f[5] = 9;
            f
        });
        one.ensure_two();
        let (lens, _) = one.lengths(15);
        assert_eq!((lens[0], lens[5], lens.iter().filter(|&&l| l != 0).count()), (1, 1, 2));
    }

    #[test]
    fn random_bytes_round_trip() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut input, mut out) = (Vec::new(), Vec::new());
        for _ in 0..400_000 {
            input.clear();
            let len = rng.below(FAST_LIMIT + 200);
            // Random bytes, or drawn from a few values so that matches occur.
            match rng.below(3) {
                0 => rng.fill(&mut input, len),
                1 => input.extend((0..len).map(|_| b"ab0\x00"[rng.below(4)])),
                _ => input.extend((0..len).map(|_| rng.below(20) as u8 + b'a')),
            }
            round_trip(&input, &mut out);
        }
    }

    #[test]
    fn token_like_payloads_round_trip() {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        let (mut input, mut out) = (Vec::new(), Vec::new());
        for _ in 0..300_000 {
            input.clear();
            let target = rng.below(FAST_LIMIT + 250);
            while input.len() < target {
                match rng.below(7) {
                    // A u16-prefixed random signature.
                    0 => {
                        input.extend_from_slice(&[32, 0]);
                        rng.fill(&mut input, 32);
                    }
                    1 => {
                        let upper = rng.chance(50);
                        input.extend_from_slice(rng.hex(32, upper).as_bytes())
                    }
                    2 => input.extend_from_slice(rng.uuid().as_bytes()),
                    3 => input.extend_from_slice(&(rng.below(100_000) as u32).to_le_bytes()),
                    4 => input.extend_from_slice(&[rng.below(5) as u8, 0]),
                    // A copy of something earlier.
                    5 if !input.is_empty() => {
                        let from = rng.below(input.len());
                        let n = rng.below(input.len() - from).min(300) + 1;
                        input.extend_from_within(from..from + n);
                    }
                    _ => input.extend_from_slice(rng.text(false).as_bytes()),
                }
            }
            input.truncate(target);
            round_trip(&input, &mut out);
        }
    }

    #[test]
    fn every_builder_payload_round_trips() {
        let mut rng = Rng(0x5851_F42D_4C95_7F2D);
        let mut out = Vec::new();
        let (mut fast, mut slow) = (0, 0);
        for i in 0..300_000 {
            let (upper_app, upper_cert) = (rng.chance(50), rng.chance(50));
            let app = rng.hex(32, upper_app);
            let cert = rng.hex(32, upper_cert);
            let long = rng.chance(10);
            let (a, b) = (rng.text(long), rng.text(false));
            let (a, b) = (a.as_bytes(), b.as_bytes());
            let e = |rng: &mut Rng| if rng.chance(10) { rng.next() as u32 } else { rng.below(172_800) as u32 };
            let (e1, e2) = (e(&mut rng), e(&mut rng));
            let privileges = RtcPrivileges { join: e1, audio: e2, video: e(&mut rng), data: e(&mut rng) };
            let mut perms = Rtm2Permissions::new();
            let mut t: AccessToken2 = match i % 15 {
                0 => recipes::rtc_token(&app, a, b, rng.chance(50), e1, e2),
                1 => recipes::rtc_token_with_privileges(&app, a, b, e1, privileges),
                2 => recipes::rtc_token_with_rtm(&app, a, b, rng.chance(50), e1, e2),
                3 => recipes::rtc_token_with_rtm2(&rtm2(&app, a, b, true, e1, privileges, b, e2, Extra::None)),
                4 => recipes::rtc_token_with_rtm2(&rtm2(&app, a, b, false, e1, privileges, a, e2, Extra::ConvoAi)),
                5 => recipes::rtc_token_with_rtm2(&rtm2(&app, a, b, true, e1, privileges, b, e2, Extra::Stt)),
                6 => recipes::rtm_token(&app, a, e1),
                7 => {
                    // Up to 60 resources: both sides of the limit.
                    for resource_type in 0..=rng.below(5) as u16 {
                        let mut by_permission = std::collections::BTreeMap::new();
                        for permission in 0..=rng.below(2) as u16 {
                            let list = (0..rng.below(12)).map(|_| Cow::Owned(rng.text(false).into_bytes())).collect();
                            by_permission.insert(permission, list);
                        }
                        perms.insert(resource_type, by_permission);
                    }
                    recipes::rtm2_token(&app, a, perms, e1)
                }
                8 => recipes::chat_user_token(&app, a, e1),
                9 => recipes::chat_app_token(&app, e1),
                10 => recipes::apaas_room_user_token(&app, a, b, [1, 2, 3, -1][rng.below(4)], e1),
                11 => recipes::apaas_user_token(&app, a, e1),
                12 => recipes::apaas_app_token(&app, e1),
                13 => recipes::fpa_token(&app),
                _ => recipes::rtc_token(&app, a, b, true, e1, e1),
            };
            t.issue_ts = rng.next() as u32;
            t.salt = rng.below(99_999_999) as u32 + 1;
            let payload = t.payload(&cert).unwrap();
            if payload.len() <= FAST_LIMIT {
                fast += 1;
            } else {
                slow += 1;
            }
            round_trip(&payload, &mut out);
        }
        assert!(fast > 250_000 && slow > 5_000, "{fast} {slow}");
    }

    #[test]
    fn the_estimate_skips_no_shorter_dynamic_block() {
        // On token payloads, where the estimate says the fixed block is clearly shorter, the
        // exact dynamic block is not shorter (by more than a byte; none was in the fit).
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut block = vec![0u8; fixed_bound(FAST_LIMIT)];
        let (mut skipped, mut built) = (0, 0);
        for i in 0..20_000 {
            let app = rng.hex(32, false);
            let (a, b) = (rng.text(false), rng.text(false));
            let mut t = match i % 3 {
                0 => recipes::rtc_token(&app, a.as_bytes(), b.as_bytes(), true, 3600, 3600),
                1 => recipes::apaas_room_user_token(&app, a.as_bytes(), b.as_bytes(), 1, 3600),
                _ => recipes::rtm_token(&app, a.as_bytes(), 3600),
            };
            t.salt = rng.below(99_999_999) as u32 + 1;
            let payload = t.payload(&rng.hex(32, false)).unwrap();
            if payload.len() > FAST_LIMIT {
                continue;
            }
            let mut items = [0u32; FAST_LIMIT];
            let parse = lz77::<2048, FAST_LIMIT, 3, true>(&payload, &mut items, &mut block);
            let exact = Dynamic::new(Alphabet::new(parse.lit), Alphabet::new(parse.dist)).bits + parse.extra;
            if estimate_dynamic(&parse) + parse.extra >= parse.fixed_bits + ESTIMATE_MARGIN {
                skipped += 1;
                assert!(exact + 8 >= parse.fixed_bits, "{} {} {}", exact, parse.fixed_bits, hex(&payload));
            } else {
                built += 1;
            }
        }
        assert!(skipped > 10_000 && built > 1_000, "{skipped} {built}");
    }
}
