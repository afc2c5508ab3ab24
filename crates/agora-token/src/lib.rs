//! Agora's token formats in pure Rust: AccessToken2 ("007"), AccessToken ("006"),
//! SignalingToken and the DynamicKey5 to DynamicKey channel keys, built byte for byte as the
//! official packages (`agora-token@2.0.6`, `agora-access-token@2.0.4`) build them, parsed, and
//! verified.
//!
//! Each wire format lives in one module; [`recipes`] says which services and privileges each
//! official `build*` call puts in a 007 token; [`inspect`] recognises any token and decides what
//! its signature covers. No unsafe code, no napi: the Node.js addon of this repository is a thin
//! binding over this crate.
//!
//! ```
//! use agora_token::inspect::{self, Expected, User};
//! use agora_token::recipes;
//!
//! let app_id = "970CA35de60c44645bbae8a215061b33";
//! let certificate = "5CFd2fd1755d40ecb72977518be15d3b";
//! // RtcTokenBuilder.buildTokenWithUid(appId, certificate, "room", 42, RtcRole.PUBLISHER, 3600, 3600)
//! let token = recipes::rtc_token(app_id, b"room", b"42", true, 3600, 3600).build(certificate)?;
//! let token = token.expect("an appId and a certificate of 32 hex characters");
//! assert!(token.starts_with("007"));
//!
//! // What a server would check before accepting it: nothing to say means valid.
//! let parsed = inspect::inspect(&token)?;
//! let expected = Expected { channel_name: Some("room"), user: Some(User::Uid(42)), service: None };
//! assert_eq!(inspect::verify(&parsed, certificate, &expected), vec![]);
//! let elsewhere = Expected { channel_name: Some("lobby"), ..expected };
//! assert_eq!(inspect::verify(&parsed, certificate, &elsewhere)[0].code(), "channel-mismatch");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod access_token;
pub mod access_token2;
pub mod bytes;
pub mod channel_key;
pub mod crypto;
pub mod deflate;
pub mod dynamic_key1;
pub mod dynamic_key2;
pub mod dynamic_key3;
pub mod dynamic_key4;
pub mod dynamic_key5;
pub mod dynamic_key_text;
#[cfg(not(feature = "os"))]
pub mod host;
pub mod inspect;
pub mod inspection;
pub mod recipes;
pub mod signaling;
#[cfg(test)]
pub mod testing;
