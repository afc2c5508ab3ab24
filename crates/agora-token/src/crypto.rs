//! Hashes, MACs, the OS random source and constant-time comparison, in one place.

use std::cell::RefCell;

use hmac::{Hmac, Mac};
use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::Sha256;
use zeroize::Zeroize;

/// HMAC-SHA256(key, message).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA256(key, a || b || ...), without concatenating first.
pub fn hmac_sha256_parts(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA1(key, a || b || ...).
pub fn hmac_sha1_parts(key: &[u8], parts: &[&[u8]]) -> [u8; 20] {
    let mut mac = <Hmac<Sha1> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// MD5 of the concatenated parts.
pub fn md5_parts(parts: &[&[u8]]) -> [u8; 16] {
    let mut h = Md5::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of `bytes`, appended to `out`.
pub fn hex_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len() * 2);
    // 32 bytes at a time through a buffer: one append of ASCII each.
    let mut buf = [0u8; 64];
    for chunk in bytes.chunks(32) {
        for (o, b) in buf.chunks_exact_mut(2).zip(chunk) {
            o[0] = HEX[(b >> 4) as usize];
            o[1] = HEX[(b & 15) as usize];
        }
        out.push_str(std::str::from_utf8(&buf[..2 * chunk.len()]).unwrap_or_default());
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    hex_into(bytes, &mut s);
    s
}

/// Bytes of a hex string (either case); `None` if it is not hex of even length.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    fn nib(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks(2).map(|p| Some(nib(p[0])? << 4 | nib(p[1])?)).collect()
}

/// Decodes the base64 of a token leniently, as Node's `Buffer.from(s, 'base64')` is
/// usually fed: standard or URL-safe alphabet, padding optional. `offset` is where `s` starts in
/// the token (for error positions). The error is the character offset in the token, when one
/// character is to blame or the text ends early, and what is wrong, e.g. `'*' is not a base64
/// character`.
pub fn base64_decode(s: &str, offset: usize) -> Result<Vec<u8>, (Option<usize>, String)> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::{DecodeError, Engine};
    const CFG: GeneralPurposeConfig = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    const STD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, CFG);
    const URL: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, CFG);
    let url = s.bytes().any(|b| b == b'-' || b == b'_');
    let text = s.trim_end();
    if let Some(bytes) = base64_decode_plain(text.as_bytes(), url) {
        return Ok(bytes);
    }
    let e = if url { &URL } else { &STD };
    e.decode(text).map_err(|err| match err {
        DecodeError::InvalidByte(i, b) | DecodeError::InvalidLastSymbol(i, b) => {
            // Every byte before `i` is a base64 character (ASCII), so `i` is a character offset.
            let problem = match b {
                b'=' => "'=' padding is only allowed at the end".to_owned(),
                b'+' | b'/' if url => {
                    format!("{:?} mixes the standard base64 alphabet with the URL-safe one ('-' or '_')", b as char)
                }
                0x21..=0x7e => format!("{:?} is not a base64 character", b as char),
                0x00..=0x7f => format!("byte 0x{b:02x} is not a base64 character"),
                _ => "a non-ASCII character is not base64".to_owned(),
            };
            (Some(offset + i), problem)
        }
        DecodeError::InvalidLength(_) => (
            Some(offset + text.len()),
            "the base64 text ends in the middle of a byte (the token looks cut short)".to_owned(),
        ),
        DecodeError::InvalidPadding => (None, "the '=' padding does not fit the length of the text".to_owned()),
    })
}

/// The usual case of [`base64_decode`] in one pass: every character of the alphabet (`url`:
/// URL-safe), then no padding or the canonical one. `None` for anything else, which the
/// `base64` crate then decodes or explains; what both decode, they decode alike (trailing bits
/// ignored).
fn base64_decode_plain(text: &[u8], url: bool) -> Option<Vec<u8>> {
    const fn table(url: bool) -> [u8; 256] {
        let mut t = [0xff; 256];
        let alphabet: &[u8; 64] = if url {
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        } else {
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        };
        let mut i = 0;
        while i < 64 {
            t[alphabet[i] as usize] = i as u8;
            i += 1;
        }
        t
    }
    static STANDARD: [u8; 256] = table(false);
    static URL_SAFE: [u8; 256] = table(true);
    let t = if url { &URL_SAFE } else { &STANDARD };
    let body = text.iter().rposition(|&b| b != b'=').map_or(0, |i| i + 1);
    let padding = text.len() - body;
    if (padding > 0 && (padding > 2 || !text.len().is_multiple_of(4))) || body % 4 == 1 {
        return None;
    }
    let whole = body / 4;
    // Room for the last two bytes too; the whole quads are written in place.
    let mut out = Vec::with_capacity(whole * 3 + 2);
    out.resize(whole * 3, 0);
    let chunks = text[..body].chunks_exact(4);
    let rest = chunks.remainder();
    for (c, o) in chunks.zip(out.chunks_exact_mut(3)) {
        let (a, b, c, d) = (t[c[0] as usize], t[c[1] as usize], t[c[2] as usize], t[c[3] as usize]);
        if (a | b | c | d) & 0xc0 != 0 {
            return None;
        }
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        o.copy_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let mut n = 0u32;
    for &ch in rest {
        let v = t[ch as usize];
        if v == 0xff {
            return None;
        }
        n = n << 6 | u32::from(v);
    }
    match rest.len() {
        2 => out.push((n >> 4) as u8),
        3 => out.extend_from_slice(&[(n >> 10) as u8, (n >> 2) as u8]),
        _ => {}
    }
    Some(out)
}

/// Equality in time independent of where the inputs differ (lengths are not secret).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut d = 0u8;
    for (x, y) in a.iter().zip(b) {
        d |= x ^ y;
    }
    // black_box keeps the optimiser from turning the fold into an early exit.
    std::hint::black_box(d) == 0
}

/// How many OS random bytes are fetched at a time, for 128 draws. A `getrandom` call costs about
/// as much per byte for 256 bytes as for 1,024 (a system call: 0.8 and 2.9 us measured); the
/// WebAssembly build's host source (Node's `crypto.randomFillSync`) about 2 us a call for
/// either.
const POOL: usize = 1024;

/// OS random bytes, fetched `POOL` at a time. The pool belongs to the process that filled it:
/// a child made by `fork()` without exec (possible in Rust programs using this crate, never in
/// Node) starts with a copy, so a draw in another process id refills it first. Bytes are wiped as
/// they are used, and the rest when the thread ends.
#[derive(Clone)]
struct RandomPool {
    buf: [u8; POOL],
    pos: usize,
    /// The process id that filled `buf` (0: never filled).
    pid: u32,
}

impl Drop for RandomPool {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

thread_local! {
    static RANDOM: RefCell<RandomPool> = const { RefCell::new(RandomPool { buf: [0; POOL], pos: POOL, pid: 0 }) };
}

impl RandomPool {
    /// A u64 drawn in the process `pid`.
    fn draw(&mut self, pid: u32) -> u64 {
        if self.pid != pid || self.pos + 8 > self.buf.len() {
            if !fill_random(&mut self.buf) {
                // The OS source does not fail on supported platforms; never fall back to a weak one.
                panic!("the operating system's random source is unavailable");
            }
            self.pos = 0;
            self.pid = pid;
        }
        let at = self.pos;
        self.pos += 8;
        let bytes = &mut self.buf[at..at + 8];
        let v = u64::from_le_bytes((&*bytes).try_into().unwrap());
        bytes.zeroize();
        v
    }
}

/// The id of this process, so that a pool copied by `fork()` is refilled in the child.
#[cfg(feature = "os")]
fn process_id() -> u32 {
    std::process::id()
}

/// A WebAssembly instance has no processes to fork.
#[cfg(not(feature = "os"))]
fn process_id() -> u32 {
    0
}

#[cfg(feature = "os")]
fn fill_random(buf: &mut [u8]) -> bool {
    getrandom::fill(buf).is_ok()
}

#[cfg(not(feature = "os"))]
fn fill_random(buf: &mut [u8]) -> bool {
    crate::host::fill_random(buf)
}

/// A u64 from the OS random source.
fn random_u64() -> u64 {
    RANDOM.with(|pool| pool.borrow_mut().draw(process_id()))
}

/// A u32 from the OS random source, uniform in `lo..=hi`.
pub fn random_in(lo: u32, hi: u32) -> u32 {
    debug_assert!(lo <= hi);
    let span = (hi - lo) as u64 + 1;
    // Rejection sampling on u64 keeps the draw uniform.
    let zone = u64::MAX - (u64::MAX % span);
    loop {
        let v = random_u64();
        if v < zone {
            return lo + (v % span) as u32;
        }
    }
}

/// CRC-32 (IEEE, as zlib and the `crc-32` npm package compute it), eight bytes a step
/// ("slicing-by-8": `TABLES[k]` is the CRC of a byte followed by `k` zero bytes).
pub fn crc32(data: &[u8]) -> u32 {
    static TABLES: [[u32; 256]; 8] = {
        let mut t = [[0u32; 256]; 8];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[0][i] = c;
            i += 1;
        }
        let mut k = 1;
        while k < 8 {
            let mut i = 0;
            while i < 256 {
                let prev = t[k - 1][i];
                t[k][i] = t[0][(prev & 0xff) as usize] ^ (prev >> 8);
                i += 1;
            }
            k += 1;
        }
        t
    };
    let t = &TABLES;
    let mut c = !0u32;
    let mut chunks = data.chunks_exact(8);
    for b in &mut chunks {
        let lo = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        c = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][b[4] as usize]
            ^ t[2][b[5] as usize]
            ^ t[1][b[6] as usize]
            ^ t[0][b[7] as usize];
    }
    for &b in chunks.remainder() {
        c = t[0][((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        // RFC 4231 test case 2.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // RFC 2202 test case 2.
        assert_eq!(
            hex(&hmac_sha1_parts(b"Jefe", &[b"what do ya want ", b"for nothing?"])),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        assert_eq!(hex(&md5_parts(&[b"a", b"bc"])), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base64_in_one_pass_decodes_as_the_base64_crate_or_leaves_it_to_it() {
        use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
        use base64::Engine;
        const CFG: GeneralPurposeConfig = GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true);
        let engines = [
            (false, GeneralPurpose::new(&base64::alphabet::STANDARD, CFG)),
            (true, GeneralPurpose::new(&base64::alphabet::URL_SAFE, CFG)),
        ];
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= *";
        let mut seed = 7u32;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 8) as usize % n
        };
        let mut plain = 0;
        for _ in 0..20_000 {
            let len = next(14);
            let mut text: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            // Mostly valid text: the characters of one alphabet, padded or not.
            if next(3) > 0 {
                text.retain(|&b| b.is_ascii_alphanumeric());
                let padding = (4 - text.len() % 4) % 4 * next(2);
                text.resize(text.len() + padding, b'=');
            }
            for (url, engine) in &engines {
                if let Some(bytes) = base64_decode_plain(&text, *url) {
                    plain += 1;
                    assert_eq!(engine.decode(&text).ok(), Some(bytes), "{:?}", String::from_utf8_lossy(&text));
                }
            }
        }
        assert!(plain > 10_000, "{plain}");
        assert_eq!(base64_decode("aGk=", 0).unwrap(), b"hi");
        assert_eq!(base64_decode("aGk", 0).unwrap(), b"hi");
        assert_eq!(base64_decode("-_8", 0).unwrap(), [0xfb, 0xff]);
        assert!(base64_decode("aG*k", 3).unwrap_err().1.contains("'*' is not a base64 character"));
    }

    #[test]
    fn crc32_eight_bytes_a_step_is_the_bitwise_crc_at_every_length_and_offset() {
        let bitwise = |data: &[u8]| {
            let mut c = !0u32;
            for &b in data {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                }
            }
            !c
        };
        let data: Vec<u8> = (0..100u32).map(|i| (i * 167 + 13) as u8).collect();
        for start in 0..9 {
            for end in start..data.len() {
                assert_eq!(crc32(&data[start..end]), bitwise(&data[start..end]), "{start}..{end}");
            }
        }
    }

    #[test]
    fn hex_round_trip_and_ct_eq() {
        assert_eq!(unhex("00ffA0").unwrap(), vec![0, 255, 160]);
        assert!(unhex("0g").is_none() && unhex("abc").is_none());
        assert!(ct_eq(b"abc", b"abc") && !ct_eq(b"abc", b"abd") && !ct_eq(b"ab", b"abc"));
    }

    #[test]
    fn base64_errors_say_where_and_what() {
        assert_eq!(base64_decode("AQID", 3).unwrap(), vec![1, 2, 3]);
        assert_eq!(base64_decode("-_8", 0).unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64_decode("+/8=\n", 0).unwrap(), vec![0xfb, 0xff]);
        let e = |s: &str| base64_decode(s, 3).unwrap_err();
        assert_eq!(e("AQ*D"), (Some(5), "'*' is not a base64 character".to_owned()));
        assert_eq!(e("AQ\tD"), (Some(5), "byte 0x09 is not a base64 character".to_owned()));
        assert_eq!(e("AQé"), (Some(5), "a non-ASCII character is not base64".to_owned()));
        assert_eq!(e("A=QD"), (Some(4), "'=' padding is only allowed at the end".to_owned()));
        assert_eq!(
            e("AQ+_"),
            (Some(5), "'+' mixes the standard base64 alphabet with the URL-safe one ('-' or '_')".to_owned())
        );
        assert_eq!(
            e("AQIDB"),
            (Some(8), "the base64 text ends in the middle of a byte (the token looks cut short)".to_owned())
        );
    }

    #[test]
    fn random_stays_in_range() {
        for _ in 0..1000 {
            let v = random_in(1, 99_999_999);
            assert!((1..=99_999_999).contains(&v));
        }
        assert_eq!(random_in(7, 7), 7);
        // Across several refills of the pool, no draw repeats.
        let mut seen: Vec<u32> = (0..600).map(|_| random_in(0, u32::MAX)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 600);
    }

    #[test]
    fn a_forked_pool_is_refilled_in_the_child() {
        // A fork without exec copies the pool: the same process id would draw the same values
        // in parent and child; a draw under another process id refills first.
        let mut parent = RandomPool { buf: [0; POOL], pos: POOL, pid: 0 };
        parent.draw(100);
        let mut child = parent.clone();
        let mut same = parent.clone();
        let next: Vec<u64> = (0..POOL / 8 - 1).map(|_| parent.draw(100)).collect();
        assert_eq!((0..POOL / 8 - 1).map(|_| same.draw(100)).collect::<Vec<_>>(), next);
        let drawn: Vec<u64> = (0..POOL / 8 - 1).map(|_| child.draw(101)).collect();
        assert_eq!(child.pid, 101);
        assert_ne!(drawn, next);
        // The parent's own pool is refilled when it runs out, still under its id.
        assert_eq!((parent.pid, parent.pos), (100, POOL));
        parent.draw(100);
        assert_eq!((parent.pid, parent.pos), (100, 8));
    }

    #[test]
    fn drawn_random_bytes_are_wiped() {
        let mut pool = RandomPool { buf: [0; POOL], pos: POOL, pid: 0 };
        pool.draw(7);
        pool.draw(7);
        assert_eq!(&pool.buf[..16], &[0; 16]);
        assert_ne!(&pool.buf[16..], &[0; POOL - 16][..]);
    }
}
