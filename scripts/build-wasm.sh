#!/usr/bin/env bash
# Builds lib/wasm/agora_token.wasm: the core (crates/agora-token-wasm) for wasm32-unknown-unknown.
#
# The rustup toolchain may have no wasm32 std, so this uses Debian's Rust, which builds std from
# its own source (-Zbuild-std; std's dependencies come from the crates registry) and links with
# lld-22's wasm-ld. A fresh Debian or Ubuntu machine needs only apt-get: the packages are
# installed when missing (as root, or through sudo). Debian's rustc and cargo stand behind
# rustup's on PATH, so they are found through dpkg.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(rustc-web cargo-web rust-web-src lld-22 binaryen)
if ! dpkg -s "${PACKAGES[@]}" >/dev/null 2>&1; then
    SUDO=()
    [ "$(id -u)" = 0 ] || SUDO=(sudo)
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
fi
rustc_bin=$(dpkg -L rustc-web | grep -m1 '/bin/rustc$')
cargo_bin=$(dpkg -L cargo-web | grep -m1 '/bin/cargo$')
# rustc's default linker for the target, rust-lld, is in rust-web-llvm (which pulls in all of
# LLVM 22); lld-22's wasm-ld is the same linker, named so that rustc gives it the wasm flavour.
wasm_ld=$(dpkg -L lld-22 | grep -m1 '/bin/wasm-ld$')

# Its own target directory: another rustc's fingerprints would force rebuilds both ways.
# A panic aborts at once (no formatting machinery, no file names or lines in the module); the
# core does not panic on any input, and an abort traps (a WebAssembly.RuntimeError in JS).
# Derived Debug output is cut to type names (messages quote strings with str's own Debug).
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=shallow" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$wasm_ld" RUSTC="$rustc_bin" RUSTC_BOOTSTRAP=1 "$cargo_bin" build -Zbuild-std=std,panic_abort \
    --target wasm32-unknown-unknown --profile wasm -p agora-token-wasm --target-dir target/wasm
out=lib/wasm/agora_token.wasm
# wasm-opt (binaryen) at -O3: the module a tenth smaller than rustc's, and tokens 3 to 9% faster
# than with -Oz for 2 KB more (measured); the features are those rustc enables by default.
wasm-opt -O3 --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals \
    --enable-reference-types --enable-multivalue target/wasm/wasm32-unknown-unknown/wasm/agora_token_wasm.wasm -o "$out"
echo "build-wasm: $out, $(wc -c <"$out") bytes"
# The ESM entries of the edge runtimes over it (lib/edge, package.json's workerd, edge-light,
# deno, browser and worker conditions).
node scripts/build-edge.js
