//! The pure Rust core: wire formats, crypto and builder recipes. No napi in here.

pub mod access_token2;
pub mod bytes;
pub mod crypto;
pub mod deflate;
pub mod recipes;
