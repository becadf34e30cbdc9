#!/usr/bin/env bash
# Builds the Linux package: target/debian/taizhang_VERSION-1_ARCH.deb (under $CARGO_TARGET_DIR if
# that is set). Installs cargo-deb first if it is missing. Arguments go to cargo-deb, e.g.
#   packaging/deb.sh                  # a release build: what the Releases page offers
#   packaging/deb.sh --profile dev    # reuses the debug build of `cargo test` (what CI checks)
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --version "$CARGO_DEB_VERSION" --locked
fi

# cargo-deb writes to target/debian by default, not under CARGO_TARGET_DIR: say where.
out="${CARGO_TARGET_DIR:-target}/debian"
mkdir -p "$out"
cargo deb --locked --output "$out" "$@"
ls -l "$out"/taizhang_*.deb
