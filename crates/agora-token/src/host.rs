//! The clock and random source of a host without an operating system (a WebAssembly build
//! without the `os` feature): the host registers them once, before the first token is built.
//! Building a token before that panics rather than use a weak salt or a made-up time.

use std::sync::OnceLock;

/// What the host provides.
#[derive(Clone, Copy, Debug)]
pub struct Sources {
    /// Seconds since the Unix epoch, truncated to u32.
    pub now: fn() -> u32,
    /// Fills the buffer from a cryptographically secure source; false when it cannot.
    pub fill_random: fn(&mut [u8]) -> bool,
}

static SOURCES: OnceLock<Sources> = OnceLock::new();

/// Registers the host's clock and random source; the first registration stays.
pub fn set_sources(sources: Sources) {
    let _ = SOURCES.set(sources);
}

fn sources() -> &'static Sources {
    SOURCES.get().expect("agora_token::host::set_sources was not called")
}

pub(crate) fn now() -> u32 {
    (sources().now)()
}

pub(crate) fn fill_random(buf: &mut [u8]) -> bool {
    (sources().fill_random)(buf)
}
