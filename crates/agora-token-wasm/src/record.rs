//! The call records of the ABI: `u32` and `f64` little-endian, byte strings as a `u32` length
//! then the bytes. The host writes a record for each call and reads one back.

use super::{invalid, Fail};

/// Reads a record the host wrote; running past its end is an `Error`, never a panic.
pub struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Fail> {
        if self.buf.len() < n {
            return Err(invalid("agora-token wasm: truncated call record"));
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    pub fn u32(&mut self) -> Result<u32, Fail> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u16(&mut self) -> Result<u16, Fail> {
        u16::try_from(self.u32()?).map_err(|_| invalid("agora-token wasm: a u16 field is out of range"))
    }

    pub fn f64(&mut self) -> Result<f64, Fail> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], Fail> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    pub fn str(&mut self) -> Result<&'a str, Fail> {
        std::str::from_utf8(self.bytes()?).map_err(|_| invalid("agora-token wasm: a string field is not UTF-8"))
    }
}

/// Writes a record for the host to read.
#[derive(Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.buf.extend_from_slice(&v.to_le_bytes());
        self
    }

    pub fn f64(&mut self, v: f64) -> &mut Self {
        self.buf.extend_from_slice(&v.to_le_bytes());
        self
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.u32(b.len() as u32).raw(b)
    }

    /// Bytes without a length (a whole output that is one string).
    pub fn raw(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }

    pub fn into_vec(self) -> Vec<u8> {
        self.buf
    }
}
