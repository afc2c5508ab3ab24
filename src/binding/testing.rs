//! Internal, for the differential tests only (not in index.d.ts): the deflate encoder on many
//! inputs in one call.

use napi::bindgen_prelude::*;
use napi_derive::napi;

/// Deflates each of the inputs that `lengths` cut `data` into; returns the zlib streams, each
/// preceded by its length (u32 little-endian).
#[napi(js_name = "__deflateBatchForTests")]
pub fn deflate_batch_for_tests(data: Buffer, lengths: Uint32Array) -> Result<Buffer> {
    let data: &[u8] = &data;
    let mut out = Vec::with_capacity(data.len() + lengths.len() * 16);
    let mut at = 0usize;
    for &n in lengths.iter() {
        let end = at.checked_add(n as usize).filter(|&e| e <= data.len());
        let Some(end) = end else {
            return Err(Error::new(Status::InvalidArg, "lengths: they add up to more than data holds"));
        };
        let len_at = out.len();
        out.extend_from_slice(&[0; 4]);
        agora_token::deflate::zlib_compress_into(&data[at..end], &mut out);
        let z = (out.len() - len_at - 4) as u32;
        out[len_at..len_at + 4].copy_from_slice(&z.to_le_bytes());
        at = end;
    }
    Ok(out.into())
}
