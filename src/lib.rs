//! agora-token-native: Agora's token formats for Node.js.
//!
//! The token logic lives in the `agora-token` crate (`crates/agora-token`), plain Rust with no
//! napi in its dependency tree. This crate is the binding: it converts JS values to core types
//! and core errors to JS errors, and nothing else.

// napi-derive registers nothing in a unit-test build; the binding is tested from JS.
#[cfg(not(test))]
mod binding;
