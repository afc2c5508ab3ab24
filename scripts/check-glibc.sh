#!/usr/bin/env bash
# Checks that a linux-gnu .node file loads on glibc 2.17 (AWS Lambda's Amazon Linux 2, CentOS 7):
# prints the newest GLIBC symbol version its dynamic symbols need, and exits 1 if that is newer
# than MAX_GLIBC (default 2.17), listing the symbols that need more. Reads the dynamic symbol
# table with readelf (the versions `objdump -T` shows), which reads any architecture's ELF, so an
# x64 host checks the aarch64 binary too.
#   scripts/check-glibc.sh agora-token-native.linux-x64-gnu.node
set -euo pipefail

file=${1:?usage: check-glibc.sh FILE.node}
max=${MAX_GLIBC:-2.17}
command -v readelf >/dev/null || { echo "check-glibc: readelf not found (binutils)" >&2; exit 2; }

# "VERSION SYMBOL" for every dynamic symbol bound to a glibc version (what the loader checks).
pairs=$(readelf -W --dyn-syms "$file" | sed -n 's/.* \([^ @]*\)@\{1,2\}GLIBC_\([0-9][0-9.]*\).*/\2 \1/p')
if [ -z "$pairs" ]; then
    echo "check-glibc: $file has no versioned glibc symbol (not a linux-gnu binary?)" >&2
    exit 2
fi
newer() { [ "$1" != "$max" ] && [ "$(printf '%s\n%s\n' "$1" "$max" | sort -V | tail -n 1)" = "$1" ]; }

newest=$(printf '%s\n' "$pairs" | cut -d' ' -f1 | sort -uV | tail -n 1)
echo "$file: newest GLIBC symbol version $newest (limit $max)"
if newer "$newest"; then
    echo "check-glibc: needs glibc $newest, newer than $max, for:" >&2
    printf '%s\n' "$pairs" | while read -r version symbol; do
        if newer "$version"; then echo "  $symbol (GLIBC_$version)" >&2; fi
    done
    exit 1
fi
