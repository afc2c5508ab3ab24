//! The little-endian packer and reader shared by every wire format, and the errors of reading a
//! token's base64 content that the 006, 005 and 007 parsers share.
//!
//! Strings and byte blobs are written as a u16 length followed by the bytes; integers are
//! little-endian. The reader never panics: every read checks bounds and reports where it ran out.

use std::fmt;

/// Why a value could not be packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// A length-prefixed field longer than the u16 prefix can say.
    TooLong {
        /// The length that did not fit.
        len: usize,
    },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::TooLong { len } => {
                write!(f, "is {len} bytes long in UTF-8; the token format allows at most 65535")
            }
        }
    }
}

/// Why bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Needed `need` bytes at offset `at`, only `have` remain.
    Truncated {
        /// The offset of the field.
        at: usize,
        /// The bytes the field needs.
        need: usize,
        /// The bytes left.
        have: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Truncated { at, need, have } => {
                write!(f, "truncated at byte {at}: needed {need} more byte(s), {have} left")
            }
        }
    }
}

/// Where a token's base64 is invalid, as the shared decoder reports it. Shown after "invalid
/// base64 in <format>": " at character N: why", or ": why".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base64Error {
    /// Character offset in the token, when the decoder can tell.
    pub at: Option<usize>,
    /// The decoder's message.
    pub problem: String,
}

impl From<(Option<usize>, String)> for Base64Error {
    fn from((at, problem): (Option<usize>, String)) -> Self {
        Base64Error { at, problem }
    }
}

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, " at character {at}: {}", self.problem),
            None => write!(f, ": {}", self.problem),
        }
    }
}

/// A field of a token's decoded content that ends early. Shown after "<format> content":
/// "ends inside <field>: <where and by how much>".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field being read.
    pub field: &'static str,
    /// Where (offset into the decoded content) and by how much.
    pub error: ReadError,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ends inside {}: {}", self.field, self.error)
    }
}

/// Bytes after the last field of a token's decoded content (or of a part of it), as
/// [`Reader::finish`] finds them. Shown after "<format> <part>": "has N unexpected byte(s) after
/// its last field, at content byte M".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailingBytes {
    /// Offset of the first extra byte in the decoded content.
    pub at: usize,
    /// How many bytes follow.
    pub count: usize,
}

impl fmt::Display for TrailingBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "has {} unexpected byte(s) after its last field, at content byte {}", self.count, self.at)
    }
}

/// Appends little-endian values to a byte vector.
#[derive(Debug, Default)]
pub struct Packer<'a> {
    buf: Option<&'a mut Vec<u8>>,
    own: Vec<u8>,
}

impl<'a> Packer<'a> {
    /// A packer that owns its buffer.
    pub fn new() -> Packer<'static> {
        Packer { buf: None, own: Vec::new() }
    }

    /// A packer that appends to `buf` (reused across tokens).
    pub fn on(buf: &'a mut Vec<u8>) -> Packer<'a> {
        Packer { buf: Some(buf), own: Vec::new() }
    }

    #[inline]
    fn out(&mut self) -> &mut Vec<u8> {
        match &mut self.buf {
            Some(b) => b,
            None => &mut self.own,
        }
    }

    #[inline]
    /// A little-endian u16.
    pub fn u16(&mut self, v: u16) -> &mut Self {
        self.out().extend_from_slice(&v.to_le_bytes());
        self
    }

    #[inline]
    /// A little-endian i16.
    pub fn i16(&mut self, v: i16) -> &mut Self {
        self.out().extend_from_slice(&v.to_le_bytes());
        self
    }

    #[inline]
    /// A little-endian u32.
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.out().extend_from_slice(&v.to_le_bytes());
        self
    }

    /// A u16 length then the bytes.
    #[inline]
    pub fn bytes(&mut self, v: &[u8]) -> Result<&mut Self, PackError> {
        let len = u16::try_from(v.len()).map_err(|_| PackError::TooLong { len: v.len() })?;
        self.u16(len);
        self.out().extend_from_slice(v);
        Ok(self)
    }

    /// Bytes as they are, with no length.
    pub fn raw(&mut self, v: &[u8]) -> &mut Self {
        self.out().extend_from_slice(v);
        self
    }

    /// A u16 count then `(u16 key, u32 value)` pairs, in the order given.
    pub fn u16_u32_map<I: ExactSizeIterator<Item = (u16, u32)>>(&mut self, it: I) -> Result<&mut Self, PackError> {
        let len = u16::try_from(it.len()).map_err(|_| PackError::TooLong { len: it.len() })?;
        self.u16(len);
        for (k, v) in it {
            self.u16(k).u32(v);
        }
        Ok(self)
    }

    /// The bytes written so far by an owning packer.
    pub fn into_vec(self) -> Vec<u8> {
        self.own
    }
}

/// Reads little-endian values from a byte slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0 }
    }

    /// Offset of the next byte to read.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> &'a [u8] {
        &self.data[self.pos..]
    }

    /// True when every byte was read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// Ok when every byte has been read; else where the rest starts and how long it is, with
    /// `base` (where this reader's bytes start in the decoded content) added to the offset.
    pub fn finish(&self, base: usize) -> Result<(), TrailingBytes> {
        match self.remaining().len() {
            0 => Ok(()),
            count => Err(TrailingBytes { at: base + self.position(), count }),
        }
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8], ReadError> {
        let have = self.data.len() - self.pos;
        if have < n {
            return Err(ReadError::Truncated { at: self.pos, need: n, have });
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// A little-endian u16.
    pub fn u16(&mut self) -> Result<u16, ReadError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }

    /// A little-endian i16.
    pub fn i16(&mut self) -> Result<i16, ReadError> {
        Ok(self.u16()? as i16)
    }

    /// A little-endian u32.
    pub fn u32(&mut self) -> Result<u32, ReadError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    /// A u16 length then that many bytes.
    pub fn bytes(&mut self) -> Result<&'a [u8], ReadError> {
        let len = self.u16()? as usize;
        self.take(len)
    }

    /// A u16 count then `(u16, u32)` pairs.
    pub fn u16_u32_map(&mut self) -> Result<Vec<(u16, u32)>, ReadError> {
        let n = self.u16()? as usize;
        let mut out = Vec::with_capacity(n.min(self.data.len() / 6 + 1));
        for _ in 0..n {
            let k = self.u16()?;
            let v = self.u32()?;
            out.push((k, v));
        }
        Ok(out)
    }
}

/// Sets `id` to `value` in a list of `(id, value)` pairs kept sorted by id: replaces an earlier
/// value (as the official object maps do) or inserts in order. The privilege maps of 006 and 007
/// tokens are kept this way.
pub fn set_sorted(pairs: &mut Vec<(u16, u32)>, id: u16, value: u32) {
    match pairs.binary_search_by_key(&id, |p| p.0) {
        Ok(i) => pairs[i].1 = value,
        Err(i) => pairs.insert(i, (id, value)),
    }
}

/// The indices of `keys` in increasing key order, equal keys in their order (a stable sort):
/// two counting passes, on the low byte then the high one. Linear in the number of keys, and
/// one small function for every list the formats sort (the standard library's sorts are kilobytes
/// of code per element type in the WebAssembly build). Indices are u32, half the scratch of
/// usize: a token's lists are far shorter than 2^32.
pub fn stable_order(keys: &[u16]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    let mut next = vec![0; keys.len()];
    for shift in [0, 8] {
        let byte = |i: u32| usize::from(keys[i as usize] >> shift & 0xff);
        let mut at = [0usize; 256];
        for &i in &order {
            at[byte(i)] += 1;
        }
        let mut sum = 0;
        for a in at.iter_mut() {
            (*a, sum) = (sum, sum + *a);
        }
        for &i in &order {
            next[at[byte(i)]] = i;
            at[byte(i)] += 1;
        }
        std::mem::swap(&mut order, &mut next);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_order_sorts_by_key_keeping_equal_keys_in_order() {
        assert_eq!(stable_order(&[]), Vec::<u32>::new());
        assert_eq!(stable_order(&[7, 0x0102, 3, 7, 0x0201, 0, 3, 0xffff]), [5, 2, 6, 0, 3, 1, 4, 7]);
        let mut rng = crate::testing::Rng(0x51ab_1e5e);
        for n in [1, 2, 17, 300, 5000] {
            let keys: Vec<u16> =
                (0..n).map(|_| rng.next_u64() as u16 & if n < 300 { 0x0f0f } else { 0xffff }).collect();
            let mut want: Vec<u32> = (0..n as u32).collect();
            want.sort_by_key(|&i| keys[i as usize]);
            assert_eq!(stable_order(&keys), want);
        }
    }

    #[test]
    fn packs_little_endian_and_length_prefixes() {
        let mut p = Packer::new();
        p.u16(0x0102).u32(0x03040506).i16(-1);
        p.bytes(b"ab").unwrap();
        p.u16_u32_map([(1u16, 600u32)].into_iter()).unwrap();
        assert_eq!(p.into_vec(), vec![2, 1, 6, 5, 4, 3, 0xff, 0xff, 2, 0, b'a', b'b', 1, 0, 1, 0, 0x58, 2, 0, 0]);
    }

    #[test]
    fn rejects_strings_over_u16() {
        let mut p = Packer::new();
        assert_eq!(p.bytes(&vec![0u8; 65536]).unwrap_err(), PackError::TooLong { len: 65536 });
        assert!(p.bytes(&vec![0u8; 65535]).is_ok());
    }

    #[test]
    fn reader_round_trips_and_reports_truncation() {
        let data = [2u8, 1, 6, 5, 4, 3, 2, 0, b'a', b'b', 5, 0, b'x'];
        let mut r = Reader::new(&data);
        assert_eq!(r.u16().unwrap(), 0x0102);
        assert_eq!(r.u32().unwrap(), 0x03040506);
        assert_eq!(r.bytes().unwrap(), b"ab");
        assert_eq!(r.bytes().unwrap_err(), ReadError::Truncated { at: 12, need: 5, have: 1 });
        assert_eq!(
            ReadError::Truncated { at: 12, need: 5, have: 1 }.to_string(),
            "truncated at byte 12: needed 5 more byte(s), 1 left"
        );
    }
}
