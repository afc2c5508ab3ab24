//! Agora's token formats in pure Rust: AccessToken2 ("007"), AccessToken ("006"),
//! SignalingToken and the DynamicKey5 to DynamicKey channel keys, built byte for byte as the
//! official packages (`agora-token@2.0.6`, `agora-access-token@2.0.4`) build them, parsed, and
//! verified.
//!
//! Each wire format lives in one module; [`recipes`] says which services and privileges each
//! official `build*` call puts in a 007 token; [`inspect`] recognises any token and decides what
//! its signature covers. No unsafe code, no napi: the Node.js addon of this repository is a thin
//! binding over this crate.
#![forbid(unsafe_code)]

pub mod access_token;
pub mod access_token2;
pub mod bytes;
pub mod channel_key;
pub mod crypto;
#[allow(
    clippy::allow_attributes_without_reason,
    reason = "deflate.rs is rewritten by its own issue; its own attributes get their reasons there"
)]
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
