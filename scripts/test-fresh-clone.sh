#!/usr/bin/env bash
# The README's set-up on a fresh machine: clones the committed HEAD of this repository into an
# empty temporary directory (nothing beside the clone) and runs `npm ci` and `npm test` there.
# Only the cargo target directory is shared with this checkout (CARGO_TARGET_DIR), so compiled
# dependencies are reused; every file the clone builds and tests comes from the clone itself.
# Uncommitted changes are not seen: commit first.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone --quiet --no-hardlinks . "$tmp/clone"
cd "$tmp/clone"
echo "== fresh clone of $(git rev-parse --short HEAD), alone in an empty directory"
test -z "$(ls -A "$tmp" | grep -v '^clone$')"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$OLDPWD/target}
npm ci --no-audit --no-fund
npm test
