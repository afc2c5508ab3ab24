//! A lower bound of a dynamic block's bits from the shape of zlib's trees, found without its
//! heap: for `Block::flush`, when the cheap bound (`Block::least_dynamic`) cannot prove the
//! fixed block no longer, so that the trees need not be built as zlib builds them.
//!
//! The shape. `build_tree` takes the two nodes of least (frequency, depth) and joins them, the
//! depth being the height of a node's subtree; among nodes of the same key its heap's layout
//! decides. Which keys are joined does not depend on that layout, so the tree is followed here
//! on groups (the nodes of one key): the smallest group's nodes are joined in pairs, and when
//! their number is odd the last one is joined with a node of the next smallest group (after
//! the pairs just made have joined their group). Every group records how its nodes were made
//! (which two groups were joined, how many times). Then, from the root down, each group's nodes
//! are counted by depth: the nodes of a group made one way are alike, so each has a node of
//! each of its two groups one level down; a group whose nodes were made in several ways is
//! followed only if all its nodes are at one depth (else which node of it the heap took, and
//! so where its leaves are, would matter: this gives up). The leaves of one frequency are
//! alike too: their depths are zlib's code lengths (a length over 15 would be repaired: this
//! gives up), all but which leaves hold a length that differs (two lengths at most, in at most
//! two frequencies; else this gives up).
//!
//! The header. `scan_tree` codes the lengths of a stretch of adjacent used symbols apart from
//! the other stretches (a run of unused symbols ends every run and starts the next afresh),
//! and each run of equal lengths in it from its length alone: one code per symbol under four.
//! So the counts of code-length symbols are those of every leaf at its frequency's usual
//! length, changed by where the leaf of the other length is: the least change of each count
//! over every place it may be (two such leaves: each alone, the changes adding up, or both
//! where they meet) is added. Smaller counts never raise the Huffman cost, the extra bits or
//! the last code-length length sent (`bl_least`), so this is a lower bound of the header zlib
//! sends, wherever those leaves are. The runs of unused symbols are counted exactly. The data:
//! the tree's cost (the sum of the frequencies of its internal nodes) plus the extra bits, as
//! `build_tree` counts them. A tree of two or three leaves needs none of this (lengths 1 and
//! 1, or 1, 2 and 2).
//!
//! Most of this is done on bit sets of symbols rather than symbol by symbol: the used symbols
//! of each frequency, the symbols of each length (`counts_by_length`: runs of four or more are
//! found with shifts, and so are the places where the leaf of the other length would cut or
//! make one, counted one by one; elsewhere it changes two counts by one), and the runs of
//! unused symbols by length (a carry through a run of ones finds where it ends). With several
//! leaves of another length in one frequency, the symbols of the stretches of four or more
//! are listed and a looser bound is taken (`counts_by_stretch`, `least_change_many`).
//!
//! Checked in the tests: on every block of the deflate tests, the bound is no more than zlib's
//! `opt_len`, and where it chooses the fixed block zlib's trees make the same choice.

use super::{
    insertion_sort, next_used, put_symbol, run_limits, with_dummies, zero_run_codes, Desc, Set, Tree, BL_CODES,
    REPZ_11_138, REPZ_3_10, REP_3_6,
};

/// Beyond these, give up (a token-sized block needs far fewer).
const MAX_CLASSES: usize = 64;
const MAX_GROUPS: usize = 160;
const MAX_WAYS: usize = 3;
/// The most leaves of classes with several leaves of another length in one stretch of four or
/// more whose subsets are tried (more would cost more than building the trees); a stretch with
/// more is bounded more loosely.
const MAX_MEMBERS: usize = 4;
/// Code lengths 0 to 15: a deeper leaf means zlib repairs the lengths.
const DEPTHS: usize = 16;
/// The most symbols of a tree.
const SYMBOLS: usize = super::L_CODES;

/// The nodes of one key.
#[derive(Clone, Copy, Default)]
struct Group {
    freq: u32,
    depth: u8,
    /// Nodes not yet joined.
    left: u32,
    /// The ways its nodes were made: the two groups joined and how many times. None for the
    /// leaves of a frequency (the first groups).
    ways: [(u8, u8, u32); MAX_WAYS],
    nways: u8,
}

/// The scratch of [`Shape::tree`], kept between blocks.
pub(in crate::deflate) struct Shape {
    groups: [Group; MAX_GROUPS],
    ng: usize,
    /// The groups not yet taken are two queues, as in the two-queue Huffman algorithm: the
    /// leaves' groups `leaf_next..nc` (by increasing frequency), and the groups of joined nodes
    /// `made_head..ng`. The nodes are made in increasing order of key (the two joined are
    /// the least of all: any two joined later are no less, one by one), so a new group goes
    /// last, or its nodes join the last group, of the same key; and the groups of joined nodes
    /// are taken in the order they were made, every one after those it was made from, the root
    /// last. A leaf group and a made one never share a key (depth 0 against 1 or more).
    leaf_next: usize,
    nc: usize,
    /// The keys of both (frequency and depth as one number, `key`), each followed by
    /// `u32::MAX` after the last group, so that the least is found without a branch; a made
    /// group's key at its index.
    leaf_keys: [u32; MAX_CLASSES + 1],
    made_keys: [u32; MAX_GROUPS + 1],
    made_head: usize,
    /// Each group's nodes by depth in the tree, and the least and most depth they are at.
    at: [[u16; DEPTHS]; MAX_GROUPS],
    span: [(u8, u8); MAX_GROUPS],
    /// The frequencies of the leaves, increasing (a group each), and for each the length of
    /// most of its leaves and of the one that differs (0: none).
    freqs: [u32; MAX_CLASSES],
    /// The symbols of each code length (`counts_by_length`).
    by_len: [Set; DEPTHS],
    /// How many leaves each frequency has.
    count: [u32; MAX_CLASSES],
    /// The frequencies of 32 or more, one per leaf (sorted).
    big: [u32; MAX_CLASSES],
    /// The class of each frequency below 32.
    small_class: [u8; 32],
    /// The used symbols of each frequency below 32 (all zero between trees), and of each
    /// class, as bit sets.
    fmask: [[u64; 5]; 32],
    cmask: [[u64; 5]; MAX_CLASSES],
    /// The symbols of the stretches of four or more (`n_long`), listed: each one's class and
    /// length (of the header's placements), its stretch, and where each stretch starts.
    classes: [u8; SYMBOLS],
    lens: [u8; SYMBOLS],
    stretch_of: [u16; SYMBOLS],
    /// The symbols of one class (`members_of`).
    members: [u16; SYMBOLS],
    starts: [u16; SYMBOLS + 1],
    major: [u8; MAX_CLASSES],
    minor: [u8; MAX_CLASSES],
    /// How many leaves of the class have the `minor` length.
    minor_count: [u16; MAX_CLASSES],
}

impl Shape {
    pub(in crate::deflate) fn new() -> Box<Self> {
        Box::new(Shape {
            groups: [Group::default(); MAX_GROUPS],
            ng: 0,
            leaf_next: 0,
            nc: 0,
            leaf_keys: [0; MAX_CLASSES + 1],
            made_keys: [0; MAX_GROUPS + 1],
            made_head: 0,
            at: [[0; DEPTHS]; MAX_GROUPS],
            span: [(0, 0); MAX_GROUPS],
            freqs: [0; MAX_CLASSES],
            big: [0; MAX_CLASSES],
            count: [0; MAX_CLASSES],
            by_len: [[0; 5]; DEPTHS],
            small_class: [0; 32],
            fmask: [[0; 5]; 32],
            cmask: [[0; 5]; MAX_CLASSES],
            classes: [0; SYMBOLS],
            lens: [0; SYMBOLS],
            stretch_of: [0; SYMBOLS],
            members: [0; SYMBOLS],
            starts: [0; SYMBOLS + 1],
            major: [0; MAX_CLASSES],
            minor: [0; MAX_CLASSES],
            minor_count: [0; MAX_CLASSES],
        })
    }

    /// For one tree: adds the least counts of the code-length symbols its lengths take to
    /// `bl`, and returns its data bits as `build_tree` adds them to `opt_len`; None when the
    /// shape cannot be told without the heap.
    pub(in crate::deflate) fn tree(
        &mut self,
        freqs: &[u16],
        used: &[u64; 5],
        desc: &Desc,
        bl: &mut [u32; BL_CODES],
    ) -> Option<u64> {
        let (used, dummies) = with_dummies(used);
        // The extra bits, of the few symbols that have them.
        let mut xbits = 0u64;
        Tree::<0>::each_used(&from(&used, desc.extra_from), |n| {
            xbits += u64::from(freqs[n]) * u64::from(desc.xbits[n]);
        });
        if let Some((leaves, n)) = few(&used) {
            // Two or three leaves (the distance tree of most tokens): the lengths are 1 and 1,
            // or 1, 2 and 2 with the 1 for a most frequent leaf (whichever it is, the cost is
            // the same), each sent as one code after the unused symbols before it.
            let mut at = 0;
            let (mut sum, mut most) = (0u64, 0u64);
            for &s in &leaves[..n] {
                gap((s - at) as u32, bl);
                at = s + 1;
                let f = u64::from(freqs[s].max(1));
                sum += f;
                most = most.max(f);
            }
            let cost = if n == 2 {
                bl[1] += 2;
                sum
            } else {
                bl[1] += 1;
                bl[2] += 2;
                2 * sum - most
            };
            return Some(cost + xbits - dummies);
        }
        // The leaves' frequencies (an added code has frequency 1): the small ones counted and
        // as sets of symbols, the larger ones listed.
        let mut small = [0u32; 32];
        let mut small_used = 0u32;
        let mut nc = 0;
        Tree::<0>::each_used(&used, |n| {
            let f = u32::from(freqs[n]).max(1);
            if f < 32 {
                small[f as usize] += 1;
                small_used |= 1 << f;
                put_symbol(&mut self.fmask[f as usize], n);
            } else if nc < MAX_CLASSES {
                // Larger frequencies are few: listed, sorted below.
                self.big[nc] = f;
                nc += 1;
            } else {
                nc = MAX_CLASSES + 1;
            }
        });
        // The groups of leaves, by increasing frequency: the small ones, then the big ones.
        // (At most 31 small frequencies: no more than MAX_CLASSES.)
        let mut ng = 0;
        while small_used != 0 {
            let f = small_used.trailing_zeros() as usize;
            small_used &= small_used - 1;
            self.cmask[ng] = std::mem::take(&mut self.fmask[f]);
            self.leaf(ng, f as u32, small[f]);
            self.small_class[f] = ng as u8;
            ng += 1;
        }
        if nc > MAX_CLASSES {
            return None;
        }
        let big = nc;
        insertion_sort(&mut self.big[..big]);
        for i in 0..big {
            let f = self.big[i];
            if ng > 0 && self.freqs[ng - 1] == f {
                self.groups[ng - 1].left += 1;
                self.count[ng - 1] += 1;
            } else if ng == MAX_CLASSES {
                return None;
            } else {
                self.cmask[ng] = [0; 5];
                self.leaf(ng, f, 1);
                ng += 1;
            }
        }
        let nc = ng;
        if big > 0 {
            Tree::<0>::each_used(&used, |n| {
                if freqs[n] >= 32 {
                    let c = self.class_of(freqs[n].into(), nc);
                    put_symbol(&mut self.cmask[c], n);
                }
            });
        }
        self.leaf_keys[nc] = u32::MAX;
        self.made_keys[nc] = u32::MAX;
        self.ng = nc;
        self.nc = nc;
        self.leaf_next = 0;
        self.made_head = nc;
        let leaves = self.count[..nc].iter().sum();
        let cost = self.join_all(leaves)?;
        self.depths(nc)?;
        self.header(&used, leaves, freqs, nc, bl)?;
        Some(cost + xbits - dummies)
    }

    /// The group of the `count` leaves of frequency `f`, the `c`th.
    #[inline(always)]
    fn leaf(&mut self, c: usize, f: u32, count: u32) {
        self.freqs[c] = f;
        self.count[c] = count;
        self.groups[c] = Group { freq: f, depth: 0, left: count, ..Group::default() };
        self.leaf_keys[c] = key(f, 0);
    }

    /// The class of a used symbol of frequency `f` (at least 1).
    #[inline(always)]
    fn class_of(&self, f: u32, nc: usize) -> usize {
        if f < 32 {
            usize::from(self.small_class[f as usize])
        } else {
            self.freqs[..nc].binary_search(&f).unwrap_or(0)
        }
    }

    /// Follows `build_tree` on the groups until one node is left; returns the sum of the
    /// frequencies of the nodes made (the tree's cost).
    fn join_all(&mut self, mut nodes: u32) -> Option<u64> {
        let mut cost = 0u64;
        while nodes > 1 {
            let g = self.smallest()?;
            self.take(g);
            let Group { freq, depth, left, .. } = self.groups[g];
            self.groups[g].left = 0;
            let pairs = left / 2;
            if pairs > 0 {
                self.add(2 * freq, depth + 1, (g as u8, g as u8, pairs))?;
                cost += 2 * u64::from(freq) * u64::from(pairs);
                nodes -= pairs;
            }
            if left % 2 == 1 {
                // The odd one, joined with a node of the next group. Which node of a group of
                // nodes made in different ways either is does not matter if all the group's
                // nodes end at one depth; `depths` gives up otherwise.
                let h = self.smallest()?;
                let next = self.groups[h];
                self.groups[h].left -= 1;
                if next.left == 1 {
                    self.take(h);
                }
                self.add(freq + next.freq, depth.max(next.depth) + 1, (g as u8, h as u8, 1))?;
                cost += u64::from(freq + next.freq);
                nodes -= 1;
            }
        }
        // The root: the last group made.
        (self.smallest()? == self.ng - 1).then_some(cost)
    }

    /// The pending group of least key: the front of one of the two queues.
    #[inline(always)]
    fn smallest(&self) -> Option<usize> {
        // Which queue's front is smaller follows no pattern: chosen without a branch.
        let (leaf, made) = (self.leaf_keys[self.leaf_next], self.made_keys[self.made_head]);
        if leaf == u32::MAX && made == u32::MAX {
            return None;
        }
        Some(std::hint::select_unpredictable(leaf < made, self.leaf_next, self.made_head))
    }

    /// Takes `g`, the front of its queue, out of it.
    #[inline(always)]
    fn take(&mut self, g: usize) {
        let leaf = g < self.nc;
        self.leaf_next += usize::from(leaf);
        self.made_head += usize::from(!leaf);
    }

    /// `count` nodes of (`freq`, `depth`) made the way `way` says: into the last group if it
    /// is pending and of that key, else a new one.
    #[inline(always)]
    fn add(&mut self, freq: u32, depth: u8, way: (u8, u8, u32)) -> Option<()> {
        if usize::from(depth) >= DEPTHS {
            return None;
        }
        let k = key(freq, depth);
        let last = self.ng - 1;
        if self.made_head <= last && self.made_keys[last] == k {
            let g = &mut self.groups[last];
            g.left += way.2;
            let n = usize::from(g.nways);
            match g.ways[..n].iter_mut().find(|w| (w.0, w.1) == (way.0, way.1)) {
                Some(w) => w.2 += way.2,
                None if n < MAX_WAYS => {
                    g.ways[n] = way;
                    g.nways += 1;
                }
                None => return None,
            }
            return Some(());
        }
        debug_assert!(self.made_head > last || self.made_keys[last] < k);
        if self.ng == MAX_GROUPS {
            return None;
        }
        let g = self.ng;
        self.ng += 1;
        // (Only the ways `nways` counts are read: the others are left as they are.)
        let group = &mut self.groups[g];
        (group.freq, group.depth, group.left, group.nways) = (freq, depth, way.2, 1);
        group.ways[0] = way;
        self.made_keys[g] = k;
        self.made_keys[g + 1] = u32::MAX;
        Some(())
    }

    /// Counts each group's nodes by depth, from the root down, and gives each frequency its
    /// lengths (`major`, `minor`).
    fn depths(&mut self, nc: usize) -> Option<()> {
        for g in 0..self.ng {
            self.at[g] = [0; DEPTHS];
            self.span[g] = (DEPTHS as u8, 0);
        }
        self.put(self.ng - 1, 0, 1);
        for g in (nc..self.ng).rev() {
            let (lo, hi) = (self.span[g].0 as usize, self.span[g].1 as usize);
            if lo > hi || hi + 1 >= DEPTHS {
                return None;
            }
            let Group { ways, nways, .. } = self.groups[g];
            if nways == 1 {
                // Alike nodes: each has one node of each son group one level down.
                let (a, b, _) = ways[0];
                for d in lo..=hi {
                    let n = self.at[g][d];
                    if n != 0 {
                        self.put(a as usize, d + 1, n);
                        self.put(b as usize, d + 1, n);
                    }
                }
            } else {
                // Nodes made in different ways: only if they are all at one depth.
                if lo != hi {
                    return None;
                }
                for &(a, b, k) in &ways[..usize::from(nways)] {
                    self.put(a as usize, lo + 1, k as u16);
                    self.put(b as usize, lo + 1, k as u16);
                }
            }
        }
        for c in 0..nc {
            let (lo, hi) = (self.span[c].0 as usize, self.span[c].1 as usize);
            if lo > hi {
                return None;
            }
            let (n_lo, n_hi) = (self.at[c][lo], self.at[c][hi]);
            if (lo + 1..hi).any(|d| self.at[c][d] != 0) {
                return None;
            }
            (self.major[c], self.minor[c], self.minor_count[c]) = match (lo == hi, n_lo, n_hi) {
                (true, _, _) => (lo as u8, 0, 0),
                (false, _, 1) => (lo as u8, hi as u8, 1),
                (false, 1, _) => (hi as u8, lo as u8, 1),
                (false, _, _) if n_lo >= n_hi => (lo as u8, hi as u8, n_hi),
                (false, _, _) => (hi as u8, lo as u8, n_lo),
            };
        }
        Some(())
    }

    /// `n` nodes of group `g` at depth `d`.
    #[inline(always)]
    fn put(&mut self, g: usize, d: usize, n: u16) {
        self.at[g][d] += n;
        let span = &mut self.span[g];
        span.0 = span.0.min(d as u8);
        span.1 = span.1.max(d as u8);
    }

    /// The least code-length symbol counts of the tree's lengths (see the module's header),
    /// from bit sets: of the runs of unused symbols, counted by length, and of the used
    /// symbols, by length (`counts_by_length`) when at most one leaf has another length than
    /// its frequency's, else by stretch (`counts_by_stretch`).
    fn header(&mut self, used: &Set, leaves: u32, freqs: &[u16], nc: usize, bl: &mut [u32; BL_CODES]) -> Option<()> {
        let u = *used;
        let top = (0..5).rev().find(|&i| u[i] != 0)?;
        let last = top * 64 + 63 - u[top].leading_zeros() as usize;
        // The unused symbols below the last used one.
        let mut z = [0u64; 5];
        for i in 0..top {
            z[i] = !u[i];
        }
        z[top] = !u[top] & ((1u64 << (63 - u[top].leading_zeros())) - 1);
        // The runs of unused symbols: those of three or more and of eleven or more, and the
        // zeros of the shorter ones, sent one by one. A run longer than 138 holds a whole
        // word: then each run is coded apart.
        if z.contains(&!0) {
            let gap_starts = std::array::from_fn(|i| run_starts(&z, i));
            Tree::<0>::each_used(&gap_starts, |g| gap((next_used(&u, g) - g) as u32, bl));
        } else {
            let (starts3, starts11) = zero_runs(&z);
            let (n3, n11) = (ones(starts3), ones(starts11));
            // (The unused symbols below the last used one: all but the leaves.)
            bl[0] += last as u32 + 1 - leaves - ones(in_runs(&z, &starts3));
            bl[REPZ_3_10] += n3 - n11;
            bl[REPZ_11_138] += n11;
        }
        // The frequencies with leaves of another length (at most two handled).
        let mut odd = [0u8; 2];
        let mut n_odd = 0;
        for c in 0..nc {
            if self.minor[c] != 0 {
                if n_odd == 2 {
                    return None;
                }
                odd[n_odd] = c as u8;
                n_odd += 1;
            }
        }
        let odd = &odd[..n_odd];
        let single = odd.iter().all(|&c| self.minor_count[c as usize] == 1);
        let counts =
            if single { self.counts_by_length(&u, nc, odd)? } else { self.counts_by_stretch(&u, freqs, nc, odd) };
        // Both ways count the same where the first applies.
        #[cfg(test)]
        if single {
            assert_eq!(counts, self.counts_by_stretch(&u, freqs, nc, odd), "counts by length and by stretch");
        }
        for (b, &c) in bl.iter_mut().zip(&counts) {
            *b += c.max(0) as u32;
        }
        Some(())
    }

    /// The counts of the used symbols' lengths, from the set of the symbols of each length
    /// (each leaf at its frequency's usual length): one code per symbol, but for the runs of
    /// four or more equal lengths (`run_codes`). `scan_tree` codes each run of equal lengths
    /// from its length alone: a run starts afresh after a different length or an unused
    /// symbol. With `odd`, the class with one leaf of another length: where that leaf is
    /// changes the counts by one less of its usual length and one more of its own, unless it
    /// is in a run of four or more or would make one with its neighbours: those places are
    /// counted one by one (`change_at`), and the least change of each count is added.
    fn counts_by_length(&mut self, used: &Set, nc: usize, odd: &[u8]) -> Option<[i32; 17]> {
        // The sets of the lengths in `present`; the others are stale.
        let by_len = &mut self.by_len;
        let mut present = 0u32;
        let mut counts = [0i32; 17];
        for c in 0..nc {
            let l = usize::from(self.major[c]);
            by_len[l] = if present >> l & 1 == 1 { or(by_len[l], self.cmask[c]) } else { self.cmask[c] };
            present |= 1 << l;
            counts[l] += self.count[c] as i32;
        }
        let by_len = &self.by_len;
        let set = |l: usize| if present >> l & 1 == 1 { by_len[l] } else { [0; 5] };
        let mut p = present;
        while p != 0 {
            let l = p.trailing_zeros() as usize;
            p &= p - 1;
            let s = by_len[l];
            Tree::<0>::each_used(&long_starts(&s), |at| {
                let r = run_end(&s, at) - at;
                let (n_len, n_rep) = run_codes(r as u32);
                counts[l] -= (r as u32 - n_len) as i32;
                counts[REP_3_6] += n_rep as i32;
            });
        }
        if odd.is_empty() {
            return Some(counts);
        }
        let mut change = [[i32::MAX; 17]; 2];
        for (i, &c) in odd.iter().enumerate() {
            let c = usize::from(c);
            let (major, minor) = (usize::from(self.major[c]), usize::from(self.minor[c]));
            let t = set(minor);
            let places = self.cmask[c];
            let special = special_places(&places, &by_len[major], &t);
            if !empty(&and(places, not(special))) {
                let mut d = [0i32; 17];
                d[major] -= 1;
                d[minor] += 1;
                least(&mut change[i], &d);
            }
            Tree::<0>::each_used(&special, |at| {
                least(&mut change[i], &change_one(&by_len[major], &t, at, major, minor));
            });
        }
        let mut total = change[0];
        if let [c0, c1] = *odd {
            // Both leaves: where their windows (see `window`) are apart, the changes add up;
            // they meet where the two are next to each other, or one apart by a used symbol,
            // or apart by a run of equal lengths: counted one by one.
            let (c0, c1) = (usize::from(c0), usize::from(c1));
            let (p0, p1) = (self.cmask[c0], self.cmask[c1]);
            let to = |c: usize| self.minor[c];
            let mut both = [i32::MAX; 17];
            let mut equal = [0u64; 5];
            let mut q = present;
            while q != 0 {
                let s = by_len[q.trailing_zeros() as usize];
                q &= q - 1;
                for i in 0..5 {
                    equal[i] |= s[i] & after(&s, i, 1);
                }
            }
            // The places whose k - 1 symbols before are used and, from k = 3, of one length.
            let mut between = [!0u64; 5];
            for k in 1.. {
                if k == 2 {
                    between = and(between, shl(*used, 1));
                } else if k > 2 {
                    between = and(between, shl(equal, k as u32 - 1));
                }
                if empty(&between) {
                    break;
                }
                if k == 64 {
                    // Two leaves that may meet across a run of 63 equal lengths or more: not
                    // followed (the shifts go up to 63); give up.
                    return None;
                }
                let after0 = and(and(p1, shl(p0, k as u32)), between);
                let after1 = and(and(p0, shl(p1, k as u32)), between);
                Tree::<0>::each_used(&after0, |b| {
                    least(&mut both, &change_at(by_len, present, [(b - k, to(c0)), (b, to(c1))]));
                });
                Tree::<0>::each_used(&after1, |a| {
                    least(&mut both, &change_at(by_len, present, [(a - k, to(c1)), (a, to(c0))]));
                });
            }
            for ((t, &a), &b) in total.iter_mut().zip(&change[1]).zip(&both) {
                *t = t.saturating_add(a).min(b);
            }
        }
        for (n, &d) in counts.iter_mut().zip(&total) {
            *n += d;
        }
        Some(counts)
    }

    /// The counts by stretch of used symbols: those of fewer than four by class (one code per
    /// symbol), and those of four or more listed with each symbol's class and length and
    /// counted from their lengths; and the least change of the leaves of another length.
    fn counts_by_stretch(&mut self, u: &Set, freqs: &[u16], nc: usize, odd: &[u8]) -> [i32; 17] {
        // Stretches of four used symbols or more, and the others.
        let long = in_runs(u, &long_starts(u));
        let short = and(*u, not(long));
        // Every leaf at its class's usual length: the short stretches by class, the long ones
        // listed with each symbol's class and length, stretch by stretch.
        let mut counts = [0i32; 17];
        for c in 0..nc {
            counts[usize::from(self.major[c])] += ones(and(self.cmask[c], short)) as i32;
        }
        let (mut n_long, mut n_stretches, mut next) = (0, 0, usize::MAX);
        Tree::<0>::each_used(&long, |s| {
            if s != next {
                self.starts[n_stretches] = n_long as u16;
                n_stretches += 1;
            }
            let c = self.class_of(u32::from(freqs[s]).max(1), nc);
            self.classes[n_long] = c as u8;
            self.lens[n_long] = self.major[c];
            self.stretch_of[n_long] = n_stretches as u16 - 1;
            n_long += 1;
            next = s + 1;
        });
        self.starts[n_stretches] = n_long as u16;
        for t in 0..n_stretches {
            let (from, to) = (self.starts[t] as usize, self.starts[t + 1] as usize);
            codes(&self.lens[from..to], &mut counts, 1);
        }
        // The least change of each count that placing the leaves of another length anywhere
        // makes.
        if odd.is_empty() {
            return counts;
        }
        // (Single leaves of another length only come here in the tests, to check
        // `counts_by_length`.)
        #[cfg(test)]
        let change = if odd.iter().all(|&c| self.minor_count[c as usize] == 1) {
            self.least_change(odd, n_long, &short)
        } else {
            self.least_change_many(odd, n_long, n_stretches, &short)
        };
        #[cfg(not(test))]
        let change = self.least_change_many(odd, n_long, n_stretches, &short);
        for (c, &d) in counts.iter_mut().zip(&change) {
            *c += d;
        }
        counts
    }

    /// The least change of each count over where the leaf of the other length of each class
    /// of `odd` may be (see `header`), by stretch: what `counts_by_length` finds by length.
    #[cfg(test)]
    fn least_change(&mut self, odd: &[u8], n_long: usize, short: &Set) -> [i32; 17] {
        let mut delta = [[i32::MAX; 17]; 2];
        for (i, &c) in odd.iter().enumerate() {
            for m in 0..self.members_of(c, n_long) {
                let k = self.members[m] as usize;
                let (from, to) = self.stretch(k);
                let d = self.change(from, to, k, None);
                least(&mut delta[i], &d);
            }
            if ones(and(self.cmask[c as usize], *short)) != 0 {
                // One code per symbol: the leaf's length instead of the usual one.
                let mut d = [0i32; 17];
                d[self.major[c as usize] as usize] -= 1;
                d[self.minor[c as usize] as usize] += 1;
                least(&mut delta[i], &d);
            }
        }
        let mut total = delta[0];
        if odd.len() == 2 {
            // Each in its own stretch or a short one (the changes add up), or both in one long
            // stretch.
            let mut both = [i32::MAX; 17];
            for a in 0..n_long {
                let (from, to) = self.stretch(a);
                if self.classes[a] != odd[0] {
                    continue;
                }
                for b in from..to {
                    if self.classes[b] == odd[1] {
                        let d = self.change(from, to, a, Some(b));
                        least(&mut both, &d);
                    }
                }
            }
            for ((t, &a), &b) in total.iter_mut().zip(&delta[1]).zip(&both) {
                *t = t.saturating_add(a).min(b);
            }
        }
        total
    }

    /// The same when a class has several leaves of the other length: less tight. The leaves
    /// in stretches of fewer than four change one count each, those in a longer stretch
    /// together: so the least over how many are in short stretches, plus for each long stretch
    /// the least over which of its leaves (of each class, no more than it has) change; a long
    /// stretch with more than `MAX_MEMBERS` such leaves, as though its codes could all go.
    // (Out of line: the usual blocks do not need it, and inlined it slows them.)
    #[inline(never)]
    fn least_change_many(&mut self, odd: &[u8], n_long: usize, n_stretches: usize, short: &Set) -> [i32; 17] {
        let mut total = [0i32; 17];
        for &c in odd {
            let c = c as usize;
            let k = i32::from(self.minor_count[c]);
            let in_short = ones(and(self.cmask[c], *short)) as i32;
            let in_long = self.members_of(c as u8, n_long) as i32;
            total[self.major[c] as usize] -= k.min(in_short);
            total[self.minor[c] as usize] += (k - in_long).max(0);
        }
        let mut members = [0usize; MAX_MEMBERS];
        for t in 0..n_stretches {
            let (from, to) = (self.starts[t] as usize, self.starts[t + 1] as usize);
            let (mut n, mut crowded) = (0, false);
            for s in from..to {
                if odd.contains(&self.classes[s]) {
                    if n == MAX_MEMBERS {
                        crowded = true;
                        break;
                    }
                    members[n] = s;
                    n += 1;
                }
            }
            if n == 0 {
                continue;
            }
            let (from, to) =
                if crowded { (from, to) } else { window(&self.lens, from, to, members[0], members[n - 1]) };
            let mut base = [0i32; 17];
            codes(&self.lens[from..to], &mut base, 1);
            if crowded {
                // Too many to try each subset: the stretch's counts may fall to nothing
                // (looser, still a lower bound: no count of it goes below zero).
                for (t, &b) in total.iter_mut().zip(&base) {
                    *t -= b;
                }
                continue;
            }
            let mut least_t = [0i32; 17];
            for mask in 1u32..1 << n {
                // No more leaves of a class than it has.
                let mut taken = [0u16; 2];
                for (i, &s) in members[..n].iter().enumerate() {
                    if mask >> i & 1 == 1 {
                        let which = usize::from(self.classes[s] != odd[0]);
                        taken[which] += 1;
                    }
                }
                if odd.iter().zip(&taken).any(|(&c, &t)| t > self.minor_count[c as usize]) {
                    continue;
                }
                for (i, &s) in members[..n].iter().enumerate() {
                    if mask >> i & 1 == 1 {
                        self.lens[s] = self.minor[self.classes[s] as usize];
                    }
                }
                let mut d = [0i32; 17];
                codes(&self.lens[from..to], &mut d, 1);
                for (i, &s) in members[..n].iter().enumerate() {
                    if mask >> i & 1 == 1 {
                        self.lens[s] = self.major[self.classes[s] as usize];
                    }
                }
                for ((l, &d), &b) in least_t.iter_mut().zip(&d).zip(&base) {
                    *l = (*l).min(d - b);
                }
            }
            for (t, &l) in total.iter_mut().zip(&least_t) {
                *t += l;
            }
        }
        total
    }

    /// Lists the symbols of class `c` in the long stretches in `members`; returns how many.
    /// (Without a branch on each symbol's class, which follows no pattern.)
    fn members_of(&mut self, c: u8, n_long: usize) -> usize {
        let mut n = 0;
        for k in 0..n_long {
            self.members[n] = k as u16;
            n += usize::from(self.classes[k] == c);
        }
        n
    }

    /// The symbols of the stretch that holds symbol `k`.
    #[cfg(test)]
    fn stretch(&self, k: usize) -> (usize, usize) {
        let t = self.stretch_of[k] as usize;
        (self.starts[t] as usize, self.starts[t + 1] as usize)
    }

    /// The change of the counts of the stretch `from..to` when the leaves `a` (and `b`) take
    /// their other length.
    #[cfg(test)]
    fn change(&mut self, from: usize, to: usize, a: usize, b: Option<usize>) -> [i32; 17] {
        let mut d = [0i32; 17];
        let b = b.unwrap_or(a);
        let (from, to) = window(&self.lens, from, to, a.min(b), a.max(b));
        codes(&self.lens[from..to], &mut d, -1);
        self.lens[a] = self.minor[self.classes[a] as usize];
        self.lens[b] = self.minor[self.classes[b] as usize];
        codes(&self.lens[from..to], &mut d, 1);
        self.lens[a] = self.major[self.classes[a] as usize];
        self.lens[b] = self.major[self.classes[b] as usize];
        d
    }
}

/// The part of the stretch `from..to` of `lens` whose counts change when the lengths at `lo`
/// to `hi` (no others) change: from the start of the run of equal lengths that holds `lo - 1`
/// to the end of the one that holds `hi + 1`. `codes` counts each run of equal lengths by its
/// length alone (what precedes it differs from it, before and after the change), so the
/// counts of the runs outside stay as they are.
fn window(lens: &[u8], from: usize, to: usize, lo: usize, hi: usize) -> (usize, usize) {
    let mut start = lo.saturating_sub(1).max(from);
    while start > from && lens[start - 1] == lens[start] {
        start -= 1;
    }
    let mut end = (hi + 2).min(to);
    while end < to && lens[end] == lens[end - 1] {
        end += 1;
    }
    (start, end)
}

#[cfg_attr(target_family = "wasm", inline(never))]
fn and(a: Set, b: Set) -> Set {
    std::array::from_fn(|i| a[i] & b[i])
}

#[cfg_attr(target_family = "wasm", inline(never))]
fn not(a: Set) -> Set {
    a.map(|w| !w)
}

/// Word `i` of `a` moved down by `k` (1 to 63): the bit of symbol s says whether s + k is in
/// `a`. (The set operations below work a word at a time with these two: in the WebAssembly
/// build each call of an operation on whole sets passes them through memory.)
#[inline(always)]
fn after(a: &Set, i: usize, k: u32) -> u64 {
    a[i] >> k | if i < 4 { a[i + 1] << (64 - k) } else { 0 }
}

/// Word `i` of `shl(a, k)`: the bit of symbol s says whether s - k (`k` 1 to 63) is in `a`.
#[inline(always)]
fn before(a: &Set, i: usize, k: u32) -> u64 {
    a[i] << k | if i > 0 { a[i - 1] >> (64 - k) } else { 0 }
}

/// Word `i` of the symbols of `a` that do not follow one of `a`: where its runs start.
#[inline(always)]
fn run_starts(a: &Set, i: usize) -> u64 {
    a[i] & !before(a, i, 1)
}

/// The symbols of the runs of `a` that start at `starts`: a bit added at the start of a run
/// of ones (the sum as one 320-bit number) clears the run.
#[cfg_attr(target_family = "wasm", inline(never))]
fn in_runs(a: &Set, starts: &Set) -> Set {
    let mut carry = false;
    std::array::from_fn(|i| {
        let (s, c1) = a[i].overflowing_add(starts[i]);
        let (s, c2) = s.overflowing_add(u64::from(carry));
        carry = c1 | c2;
        a[i] & !s
    })
}

/// The starts of the runs of unused symbols `z` (no word all ones) of three or more, and of
/// eleven or more.
#[cfg_attr(target_family = "wasm", inline(never))]
fn zero_runs(z: &Set) -> (Set, Set) {
    // The symbols followed by one more.
    let z2: Set = std::array::from_fn(|i| z[i] & after(z, i, 1));
    let (mut starts3, mut starts11) = ([0; 5], [0; 5]);
    for i in 0..5 {
        let gap_start = run_starts(z, i);
        // Followed by seven more.
        let z8 = z2[i] & after(&z2, i, 2) & after(&z2, i, 4) & after(&z2, i, 6);
        starts3[i] = gap_start & after(&z2, i, 1);
        starts11[i] = gap_start & z8 & after(&z2, i, 8) & after(z, i, 10);
    }
    (starts3, starts11)
}

/// The symbols of `a` from `k` on.
fn from(a: &Set, k: usize) -> Set {
    std::array::from_fn(|i| {
        if i * 64 >= k {
            a[i]
        } else if (i + 1) * 64 <= k {
            0
        } else {
            a[i] & !0u64 << (k & 63)
        }
    })
}

fn empty(a: &Set) -> bool {
    a.iter().fold(0, |m, &w| m | w) == 0
}

#[cfg_attr(target_family = "wasm", inline(never))]
fn or(a: Set, b: Set) -> Set {
    std::array::from_fn(|i| a[i] | b[i])
}

/// Each symbol's bit moved to the symbol `k` (1 to 63) after.
#[cfg_attr(target_family = "wasm", inline(never))]
fn shl(a: Set, k: u32) -> Set {
    std::array::from_fn(|i| before(&a, i, k))
}

/// The symbols of `s` followed by three more of `s`: where its runs of four or more start,
/// and the next places of those longer than four.
#[inline(always)]
fn fours(s: &Set, i: usize) -> u64 {
    s[i] & after(s, i, 1) & after(s, i, 2) & after(s, i, 3)
}

/// Where the runs of four or more of `s` start.
#[cfg_attr(target_family = "wasm", inline(never))]
fn long_starts(s: &Set) -> Set {
    std::array::from_fn(|i| fours(s, i) & run_starts(s, i))
}

/// The places among `places` (of symbols of length `major`, the symbols of `run`) where a
/// leaf of length `minor` (the symbols of `other`) would cut or make a run of four or more:
/// in a run of four or more of `major`, or with three neighbours of `minor` on one side, two
/// on one and one on the other, or more.
#[cfg_attr(target_family = "wasm", inline(never))]
fn special_places(places: &Set, run: &Set, other: &Set) -> Set {
    let f: Set = std::array::from_fn(|i| fours(run, i));
    std::array::from_fn(|i| {
        let in_fours = f[i] | before(&f, i, 1) | before(&f, i, 2) | before(&f, i, 3);
        // At least k neighbours of `minor` before (`bk`), at least k after (`ak`).
        let b1 = before(other, i, 1);
        let b2 = b1 & before(other, i, 2);
        let b3 = b2 & before(other, i, 3);
        let a1 = after(other, i, 1);
        let a2 = a1 & after(other, i, 2);
        let a3 = a2 & after(other, i, 3);
        places[i] & (in_fours | b3 | a3 | b2 & a1 | b1 & a2)
    })
}

/// The symbols of `s` and how many, if it has two or three.
fn few(s: &Set) -> Option<([usize; 3], usize)> {
    let mut found = [0usize; 3];
    let mut n = 0;
    for (w, &word) in s.iter().enumerate() {
        let mut b = word;
        while b != 0 {
            if n == 3 {
                return None;
            }
            found[n] = w * 64 + b.trailing_zeros() as usize;
            n += 1;
            b &= b - 1;
        }
    }
    (n >= 2).then_some((found, n))
}

/// The first symbol after `at` (in `s`) that is not in `s`.
fn run_end(s: &Set, at: usize) -> usize {
    let mut w = at >> 6;
    let mut b = !s[w] & (!0u64 << (at & 63));
    while b == 0 {
        w += 1;
        if w == 5 {
            return 5 * 64;
        }
        b = !s[w];
    }
    w * 64 + b.trailing_zeros() as usize
}

/// How `scan_tree` codes a run of `r` (at least four) equal nonzero lengths that follows
/// another length or an unused symbol: how many codes of the length and how many codes 16.
/// The first seven (or fewer) take the length and a 16; then each six or fewer, after the
/// same length, a 16, or if fewer than three, a code each.
#[cfg_attr(target_family = "wasm", inline(never))]
fn run_codes(r: u32) -> (u32, u32) {
    let (mut n_len, mut n_rep) = (1, 1);
    let mut rest = r.saturating_sub(7);
    while rest > 0 {
        let k = rest.min(6);
        if k < 3 {
            n_len += k;
        } else {
            n_rep += 1;
        }
        rest -= k;
    }
    (n_len, n_rep)
}

/// The change of the counts when the symbol `at`, in `run` (the symbols of length `major`),
/// takes the length `minor` (`other`: the symbols of that length): its run of `major` is cut
/// in two, and it makes one run with the runs of `minor` it then touches.
#[cfg_attr(target_family = "wasm", inline(never))]
fn change_one(run: &Set, other: &Set, at: usize, major: usize, minor: usize) -> [i32; 17] {
    let (start, end) = (run_start(run, at), run_end(run, at));
    let before = if at == start && at > 0 && has(other, at - 1) { at - run_start(other, at - 1) } else { 0 };
    let after = if at + 1 == end && has(other, end) { run_end(other, end) - end } else { 0 };
    let mut d = [0i32; 17];
    let mut add = |len: usize, r: usize, sign: i32| {
        let (n_len, n_rep) = run_cost(r as u32);
        d[len] += sign * n_len as i32;
        d[REP_3_6] += sign * n_rep as i32;
    };
    add(major, end - start, -1);
    add(major, at - start, 1);
    add(major, end - at - 1, 1);
    add(minor, before, -1);
    add(minor, after, -1);
    add(minor, before + 1 + after, 1);
    d
}

/// Whether symbol `i` is in `s`.
fn has(s: &Set, i: usize) -> bool {
    i < 5 * 64 && s[i >> 6] >> (i & 63) & 1 == 1
}

/// The first symbol of the run of `s` that holds `at`.
fn run_start(s: &Set, at: usize) -> usize {
    let mut w = at >> 6;
    let mut b = !s[w] & ((1u64 << (at & 63)) - 1);
    while b == 0 {
        if w == 0 {
            return 0;
        }
        w -= 1;
        b = !s[w];
    }
    w * 64 + 64 - b.leading_zeros() as usize
}

/// `scan_tree`'s codes of a run of `r` equal nonzero lengths after another length or an unused
/// symbol (none for 0): one per symbol under four, else `run_codes`.
#[cfg_attr(target_family = "wasm", inline(never))]
fn run_cost(r: u32) -> (u32, u32) {
    if r < 4 {
        (r, 0)
    } else {
        run_codes(r)
    }
}

/// The change of the counts when the two symbols of `changes`, in one stretch of used symbols,
/// take their lengths, every other symbol at the length of its set in `by_len` (`present`:
/// the lengths with a set): the counts of their window (see `window`) before and after.
fn change_at(by_len: &[Set; DEPTHS], present: u32, changes: [(usize, u8); 2]) -> [i32; 17] {
    let mut lens = [0u8; 5 * 64];
    let mut p = present;
    while p != 0 {
        let l = p.trailing_zeros();
        p &= p - 1;
        Tree::<0>::each_used(&by_len[l as usize], |i| lens[i] = l as u8);
    }
    // The stretch of used symbols that holds them, and its window.
    let (lo, hi) = (changes[0].0.min(changes[1].0), changes[0].0.max(changes[1].0));
    let mut from = lo;
    while from > 0 && lens[from - 1] != 0 {
        from -= 1;
    }
    let mut to = hi + 1;
    while to < lens.len() && lens[to] != 0 {
        to += 1;
    }
    let (from, to) = window(&lens, from, to, lo, hi);
    let mut d = [0i32; 17];
    codes(&lens[from..to], &mut d, -1);
    for (at, len) in changes {
        lens[at] = len;
    }
    codes(&lens[from..to], &mut d, 1);
    d
}

/// How many symbols `a` holds.
#[cfg(not(all(target_arch = "x86_64", not(target_feature = "popcnt"))))]
fn ones(a: Set) -> u32 {
    a.iter().map(|w| w.count_ones()).sum()
}

/// How many symbols `a` holds, on the x86-64 baseline, which has no population count
/// instruction (there `count_ones` is a dozen instructions for each word): one count for the
/// five words, each word's bits summed by twos, fours and eights, the eights of the five
/// words added (at most 40 each), by pairs, and those summed by a multiplication.
#[cfg(all(target_arch = "x86_64", not(target_feature = "popcnt")))]
fn ones(a: Set) -> u32 {
    const M1: u64 = 0x5555_5555_5555_5555;
    const M2: u64 = 0x3333_3333_3333_3333;
    const M4: u64 = 0x0f0f_0f0f_0f0f_0f0f;
    let bytes = a.iter().fold(0u64, |sum, &w| {
        let x = w - (w >> 1 & M1);
        let x = (x & M2) + (x >> 2 & M2);
        sum + ((x + (x >> 4)) & M4)
    });
    // Pairs of eights (at most 80: a sum of four fits in 16 bits, not of eight in 8).
    let pairs = (bytes & 0x00ff_00ff_00ff_00ff) + (bytes >> 8 & 0x00ff_00ff_00ff_00ff);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32
}

/// Lowers each entry of `m` to `d`'s.
#[cfg_attr(target_family = "wasm", inline(never))]
fn least(m: &mut [i32; 17], d: &[i32; 17]) {
    for (m, &d) in m.iter_mut().zip(d) {
        *m = (*m).min(d);
    }
}

/// A group's key: by frequency, then depth (below `DEPTHS`), as zlib's heap orders nodes.
fn key(freq: u32, depth: u8) -> u32 {
    freq << 4 | u32::from(depth)
}

/// `scan_tree`'s counts for a stretch of nonzero lengths that follows an unused symbol (or
/// starts the tree) and is followed by one (or ends it), added to `counts` times `sign`:
/// lengths 1 to 15 and code 16.
#[cfg_attr(target_family = "wasm", inline(never))]
fn codes(lens: &[u8], counts: &mut [i32; 17], sign: i32) {
    // Without a branch on where runs end (random lengths follow no pattern): every step adds
    // what a run that ends there adds, times whether it ends there.
    let mut prevlen = 0u8;
    let mut count = 0u32;
    let (mut max_count, mut min_count) = (7, 4);
    let n = lens.len();
    for i in 0..n {
        let curlen = lens[i];
        let nextlen = if i + 1 < n { lens[i + 1] } else { 0 };
        count += 1;
        let same = curlen == nextlen;
        let end = !((count < max_count) & same);
        let short = count < min_count;
        let e = sign * i32::from(end);
        let add = if short { count as i32 } else { i32::from(curlen != prevlen) };
        counts[curlen as usize] += e * add;
        counts[REP_3_6] += e * i32::from(!short);
        // The next run's limits (lengths are never 0 inside a stretch: `run_limits` with
        // `next_zero` only applies after the last, where the loop ends).
        let (next_max, next_min) = run_limits(false, same);
        count *= u32::from(!end);
        prevlen = if end { curlen } else { prevlen };
        max_count = if end { next_max } else { max_count };
        min_count = if end { next_min } else { min_count };
    }
}

/// `scan_tree`'s counts for `r` unused symbols, added to `bl`.
fn gap(r: u32, bl: &mut [u32; BL_CODES]) {
    let [zeros, rep_zeros, long_zeros] = zero_run_codes(r);
    bl[0] += zeros;
    bl[REPZ_3_10] += rep_zeros;
    bl[REPZ_11_138] += long_zeros;
}

#[cfg(test)]
mod tests {
    use super::{codes, ones, run_codes, shl, window};
    use crate::testing::Rng;

    /// A run of equal lengths as `codes` counts it.
    #[test]
    fn run_codes_counts_a_run_as_scan_tree_does() {
        for r in 4..=300u32 {
            let mut counts = [0i32; 17];
            codes(&vec![5u8; r as usize], &mut counts, 1);
            assert_eq!(run_codes(r), (counts[5] as u32, counts[16] as u32), "run of {r}");
        }
        // 7: the length and one 16; 8: and the eighth alone; 10: and a 16 for the last three.
        assert_eq!((run_codes(7), run_codes(8), run_codes(10), run_codes(13)), ((1, 1), (2, 1), (1, 2), (1, 2)));
    }

    #[test]
    fn ones_counts_the_symbols() {
        let mut rng = Rng(0x7f4a_7c15);
        for i in 0..10_000 {
            let a: [u64; 5] = std::array::from_fn(|_| if i % 3 == 0 { !0 } else { rng.next_u64() & rng.next_u64() });
            assert_eq!(ones(a), a.iter().map(|w| w.count_ones()).sum::<u32>());
        }
        assert_eq!(ones([!0; 5]), 320);
    }

    #[test]
    fn shl_moves_each_bit_k_places_up() {
        let mut rng = Rng(0x9e37_79b9);
        for _ in 0..1000 {
            let a: [u64; 5] = std::array::from_fn(|_| rng.next_u64());
            for k in 1..64u32 {
                let b = shl(a, k);
                for i in 0..320 {
                    let want = i >= k as usize && a[(i - k as usize) >> 6] >> ((i - k as usize) & 63) & 1 == 1;
                    assert_eq!(b[i >> 6] >> (i & 63) & 1 == 1, want);
                }
            }
        }
    }

    /// The counts' change over the window is their change over the whole stretch, for every
    /// pair of changed places of random stretches of few distinct lengths (long runs).
    #[test]
    fn the_window_holds_every_count_that_changes() {
        let mut rng = Rng(0x2545_f491);
        let mut next = |n: u32| rng.below(n as usize) as u32;
        for _ in 0..20_000 {
            let len = 1 + next(40) as usize;
            let values = 1 + next(3) as u8;
            let lens: Vec<u8> = (0..len).map(|_| 1 + next(u32::from(values)) as u8).collect();
            let (a, b) = (next(len as u32) as usize, next(len as u32) as usize);
            let (lo, hi) = (a.min(b), a.max(b));
            let mut changed = lens.clone();
            changed[a] = 1 + next(4) as u8;
            changed[b] = 1 + next(4) as u8;
            let (mut whole, mut part) = ([0i32; 17], [0i32; 17]);
            codes(&lens, &mut whole, -1);
            codes(&changed, &mut whole, 1);
            let (from, to) = window(&lens, 0, len, lo, hi);
            codes(&lens[from..to], &mut part, -1);
            codes(&changed[from..to], &mut part, 1);
            assert_eq!(whole, part, "{lens:?} -> {changed:?}, window {from}..{to}");
        }
    }
}
