//! agora-token-native: Agora's token formats for Node.js.
//!
//! `core` is plain Rust (wire formats, crypto, builder recipes); `binding` converts JS values
//! to core types and core errors to JS errors, and nothing else.

pub mod core;

#[cfg(not(feature = "noop"))]
mod binding;
