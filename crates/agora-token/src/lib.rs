//! The pure Rust core: wire formats, crypto and builder recipes. No napi in here.

pub mod access_token;
pub mod access_token2;
pub mod bytes;
pub mod crypto;
pub mod deflate;
pub mod dynamic_key1;
pub mod dynamic_key2;
pub mod dynamic_key3;
pub mod dynamic_key4;
pub mod dynamic_key5;
pub mod dynamic_key_text;
pub mod inspect;
pub mod recipes;
pub mod signaling;
#[cfg(test)]
pub mod testing;
