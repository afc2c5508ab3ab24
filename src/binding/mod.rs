//! The napi binding: converts JS values to core types and core errors to JS errors. No token
//! logic lives here.

mod args;
mod builders;
mod inspect;
mod legacy;
mod read;
mod testing;
mod token2;
