#!/usr/bin/env bash
# Builds the Linux package: target/debian/taizhang_VERSION-1_ARCH.deb (under $CARGO_TARGET_DIR if
# that is set). Installs cargo-deb first if it is missing. Arguments go to cargo-deb, e.g.
#   packaging/deb.sh                  # a release build: what the Releases page offers
#   packaging/deb.sh --profile dev    # reuses the debug build of `cargo test` (what CI checks)
#   packaging/deb.sh --arch arm64     # cross-built for ARM64 (飞腾, 鲲鹏: Kylin V10, UOS), with
#                                     # Debian's gcc-aarch64-linux-gnu (installed if missing)
# --arch loong64 (龙芯) is not offered: no linker for loongarch64-unknown-linux-gnu could be had
# here (see packaging/release-check.sh and the README).
set -euo pipefail
cd "$(dirname "$0")/.."

arch=""
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --arch) arch="$2"; shift 2 ;;
        --arch=*) arch="${1#--arch=}"; shift ;;
        *) args+=("$1"); shift ;;
    esac
done

CARGO_DEB_VERSION=3.8.0
if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked
fi

case "$arch" in
    "" | amd64) ;;
    arm64)
        triple=aarch64-unknown-linux-gnu
        # The cross compiler and its C library's headers: the compiler alone (installed without
        # its recommends) fails on ring's C with "bits/libc-header-start.h: No such file".
        if ! command -v aarch64-linux-gnu-gcc >/dev/null || [ ! -e /usr/aarch64-linux-gnu/include/stdio.h ]; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                gcc-aarch64-linux-gnu libc6-dev-arm64-cross >/dev/null
        fi
        rustup target list --installed | grep -qx "$triple" || rustup target add "$triple"
        # The linker, and the C compiler for the C inside the tree (bundled SQLite, ring).
        export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
        export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
        export AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
        # dpkg-shlibdeps works out the package's Depends from the arm64 libraries the program
        # links, as dpkg knows them: Debian's own arm64 C library, beside this machine's (multiarch).
        if ! dpkg-query -W -f='${db:Status-Status}' libc6:arm64 2>/dev/null | grep -qx installed; then
            dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                libc6:arm64 libgcc-s1:arm64 >/dev/null
        fi
        args+=(--target "$triple")
        ;;
    *)
        echo "deb.sh: --arch takes amd64 or arm64, not $arch" >&2
        exit 2
        ;;
esac

# cargo-deb writes to target/debian by default, not under CARGO_TARGET_DIR: say where.
out="${CARGO_TARGET_DIR:-target}/debian"
mkdir -p "$out"
cargo deb --locked --output "$out" "${args[@]}"
ls -l "$out"/taizhang_*.deb
