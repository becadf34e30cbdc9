#!/usr/bin/env bash
# The LoongArch64 (龙芯) package: target/debian/taizhang_VERSION-1_loong64.deb (under
# $CARGO_TARGET_DIR if set). Then `packaging/check-cross-deb.sh loong64 --deb FILE` runs it.
#
# Two things make this build unusual, both because of what this machine can reach:
# - Debian 12 has no LoongArch cross compiler: zig (PyPI `ziglang`) links and compiles the C inside
#   the tree (bundled SQLite, ring), through cargo-zigbuild (PyPI `cargo-zigbuild`, a prebuilt
#   program). Both are installed with pip if missing.
# - rustup serves no prebuilt standard library for loongarch64-unknown-linux-gnu here (404), so
#   std is compiled from rustup's `rust-src` with `-Z build-std`, which stable cargo allows only
#   with RUSTC_BOOTSTRAP=1. The compiler itself is the same stable release.
# The binary is for the "new world" LoongArch ABI (upstream glibc 2.36+, as Debian loong64,
# AOSC, Kylin V10 SP3 and UOS V20 1070+ on 3A6000 use); "old world" systems (early UOS/Kylin on
# 3A5000) need their liblol compatibility layer.
#
# dpkg-shlibdeps cannot read loong64 libraries on this machine, so the package's Depends gets
# what it would have found (libc6, libgcc-s1) by hand, checked against what the program links.
set -euo pipefail
cd "$(dirname "$0")/.."

triple=loongarch64-unknown-linux-gnu
ZIG_VERSION=0.17.0
ZIGBUILD_VERSION=0.24.0
command -v cargo-zigbuild >/dev/null || pip install -q "ziglang==$ZIG_VERSION" "cargo-zigbuild==$ZIGBUILD_VERSION"
python3 -m ziglang version >/dev/null 2>&1 || pip install -q "ziglang==$ZIG_VERSION"
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --version 3.8.0 --locked
fi

# --package-only: package the program already built (the build takes 55 min on 2 loaded cores).
if [[ "${1:-}" != "--package-only" ]]; then
    RUSTC_BOOTSTRAP=1 cargo zigbuild --locked --release --target "$triple" -Z build-std=std,panic_abort --bin taizhang
fi

target="${CARGO_TARGET_DIR:-target}"
out="$target/debian"
mkdir -p "$out"
version=$(cargo metadata --no-deps --format-version 1 --locked |
    grep -o '"name":"taizhang","version":"[^"]*"' | head -n1 | sed 's/.*"version":"\([^"]*\)"/\1/')
deb="$out/taizhang_${version}-1_loong64.deb"
rm -f "$deb"
# cargo-deb warns that dpkg-shlibdeps found no loong64 libraries and leaves $auto out.
# The host's strip cannot read a LoongArch program; zig's linker has stripped it already
# (`file` says "stripped"), so cargo-deb is told not to.
cargo deb --locked --no-build --no-strip --target "$triple" --output "$deb"
# Put back what $auto would have said: the libraries the program links (readelf lists them).
needed=$(readelf -d "$target/$triple/release/taizhang" | grep -o 'NEEDED.*\[.*\]' | sed 's/.*\[\(.*\)\]/\1/' | tr '\n' ' ')
echo "loong64.sh: the program links: $needed"
for lib in $needed; do
    case "$lib" in
        libc.so.6 | libm.so.6 | libdl.so.2 | libpthread.so.0 | librt.so.1 | ld-linux-loongarch-lp64d.so.1) ;;
        libgcc_s.so.1) ;;
        *) echo "loong64.sh: $lib is linked but not named in Depends: add it here" >&2; exit 1 ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -R "$deb" "$work/pkg"
sed -i 's/^Depends: /Depends: libc6 (>= 2.36), libgcc-s1, /' "$work/pkg/DEBIAN/control"
grep -q '^Depends: libc6' "$work/pkg/DEBIAN/control" || { echo "loong64.sh: no Depends line to complete" >&2; exit 1; }
dpkg-deb --root-owner-group -Zxz -b "$work/pkg" "$deb" >/dev/null
dpkg-deb -f "$deb" Package Version Architecture Depends
ls -l "$deb"
