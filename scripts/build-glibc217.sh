#!/usr/bin/env bash
# Builds the x86_64-unknown-linux-gnu addon as the release CI does (`napi build --use-napi-cross`:
# napi-rs's gcc toolchain with a glibc 2.17 sysroot), in its own cargo target dir (target/cross),
# smoke-tests it, and checks with scripts/check-glibc.sh that it needs no glibc newer than 2.17.
# Prints the path of the .node file last. Linux x86_64 hosts only.
#
# The toolchain comes from scripts/napi-cross-toolchain.sh (an npm package, extracted once).
set -euo pipefail
cd "$(dirname "$0")/.."

triple=x86_64-unknown-linux-gnu
if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    echo "build-glibc217: needs a Linux x86_64 host, this is $(uname -s)-$(uname -m)" >&2
    exit 2
fi
out=target/cross/out
scripts/napi-cross-toolchain.sh "$triple" >/dev/null

rm -rf "$out"
mkdir -p "$out"
npx napi build --release --platform --no-js --no-const-enum --target "$triple" --use-napi-cross \
    --target-dir target/cross --output-dir "$out" --dts native.d.ts
node=$out/agora-token-native.linux-x64-gnu.node
rm -f "$out/native.d.ts"

# It loads and builds a token that the official verifier accepts.
NAPI_RS_NATIVE_LIBRARY_PATH="$PWD/$node" node -e '
    const assert = require("assert")
    const { RtcTokenBuilder, RtcRole, AccessToken2 } = require("./index.js")
    const token = RtcTokenBuilder.buildTokenWithUid("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b", "c", 1, RtcRole.PUBLISHER, 600, 600)
    const parsed = new AccessToken2()
    assert.ok(parsed.from_string(token) && parsed.verifySignature("5CFd2fd1755d40ecb72977518be15d3b"))
'
scripts/check-glibc.sh "$node"
ls -l "$node" | awk '{ print "build-glibc217: " $5 " bytes" }'
echo "$node"
