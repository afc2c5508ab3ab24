#!/usr/bin/env bash
# Installs with apt-get (Debian 12 "bookworm" or newer) the Debian packages the cross builds need,
# and only those not installed yet: nothing is downloaded when all are there. Needs root (CI runs
# as root) or sudo when something is missing. Each argument names a set:
#   rust   Debian's Rust 1.96 (rustc-web, cargo-web, rust-web-src: the std sources that
#          `cargo -Zbuild-std` compiles for targets rustup has no std for here) and lld-22.
#          They install /usr/bin/rustc and /usr/bin/cargo, behind rustup's on PATH.
#   arm64  qemu-user-static (runs aarch64 Linux programs on an x86_64 host) and Debian's arm64
#          cross glibc and libstdc++ (the loader and libraries an arm64 node needs under qemu).
#   scripts/install-cross-toolchain.sh rust arm64
set -euo pipefail

packages=()
for set in "$@"; do
    case $set in
        rust) packages+=(rustc-web cargo-web rust-web-src lld-22) ;;
        arm64) packages+=(qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross) ;;
        *) echo "install-cross-toolchain: unknown set '$set' (rust, arm64)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "install-cross-toolchain: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-cross-toolchain: needs root or sudo to install ${missing[*]}" >&2; exit 2; }
    sudo=(sudo)
fi
# Waits for another apt run to release its lock rather than failing at once.
apt_get=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q)
"${apt_get[@]}" update
"${apt_get[@]}" install -y --no-install-recommends "${missing[@]}"
