#!/usr/bin/env bash
# Makes sure napi-rs's prebuilt gcc cross toolchain for TRIPLE (an x86_64 Linux host's gcc 4.8.5
# with a glibc 2.17 sysroot, from the npm package @napi-rs/cross-toolchain-x64-target-<arch>) is
# extracted, and prints its directory. It lives where `napi build --use-napi-cross` looks for it,
# ~/.napi-rs/cross-toolchain/<version>/TRIPLE (about 210 MB; later builds work offline), <version>
# being the @napi-rs/cross-toolchain version the installed @napi-rs/cli asks for. napi fetches it
# itself with `npm pack` of the toolchain package of that version; when the registry in use lacks
# that version (a partial mirror), this script extracts the registry's latest one there instead.
#   scripts/napi-cross-toolchain.sh aarch64-unknown-linux-gnu
set -euo pipefail
cd "$(dirname "$0")/.."

triple=${1:?usage: napi-cross-toolchain.sh TRIPLE (x86_64-unknown-linux-gnu, aarch64-unknown-linux-gnu)}
pkg=@napi-rs/cross-toolchain-x64-target-${triple%%-*}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/agora-token-native

version=$(node -p "require(require.resolve('@napi-rs/cross-toolchain/package.json', { paths: [require.resolve('@napi-rs/cli/package.json')] })).version")
toolchain="$HOME/.napi-rs/cross-toolchain/$version/$triple"
if [ ! -f "$toolchain/package.json" ]; then
    fetch=$version
    if ! npm view --silent "$pkg@$version" version >/dev/null 2>&1; then
        fetch=$(npm view --silent "$pkg" version)
        echo "napi-cross-toolchain: the registry has no $pkg@$version; extracting $fetch into $toolchain" >&2
    fi
    npm install --prefix "$cache/cross-toolchain-$fetch" --no-save --no-package-lock --no-audit --no-fund \
        --loglevel=error "@napi-rs/cross-toolchain@$fetch" >&2
    mkdir -p "$toolchain"
    (cd "$cache/cross-toolchain-$fetch" && npm_config_loglevel=error node -e '
        require("./node_modules/@napi-rs/cross-toolchain").download("x64", process.argv[1]).unpack(process.argv[2])
    ' "$triple" "$toolchain" >/dev/null)
fi
echo "$toolchain"
