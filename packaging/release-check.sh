#!/usr/bin/env bash
# Before a release: every installer the Releases page offers, except the macOS .dmg (no Mac
# here), is built as released and run on this machine (issue 26). Report its summary in the
# release note. The release workflow (.github/workflows/release.yml) runs the same scripts.
#
#   packaging/release-check.sh            # all of it (cold: about an hour on 2 cores)
#   packaging/release-check.sh windows    # or any of: windows arm64 loong64 deb wintests
#
# - windows:  packaging/windows.sh — release taizhang.exe (mingw-w64), the NSIS setup, installed,
#             run (commands and window) and uninstalled under Wine
# - arm64:    packaging/check-cross-deb.sh arm64 — the release ARM64 .deb run under qemu on
#             Debian's arm64 libraries (commands and window)
# - loong64:  packaging/loong64.sh, then check-cross-deb.sh loong64 — the same for LoongArch64
# - deb:      packaging/check-deb.sh --release — the x86-64 release .deb installed with apt
# - wintests: the test suite compiles for Windows (cargo test --no-run); it is not run
# Each part's time and result go to ${CARGO_TARGET_DIR:-target}/release-check.txt.
set -uo pipefail
cd "$(dirname "$0")/.."

parts=("$@")
[[ ${#parts[@]} -gt 0 ]] || parts=(wintests windows arm64 loong64 deb)
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target"
summary="$target/release-check.txt"
echo "release-check $(date -u +%FT%TZ), $(git rev-parse --short HEAD 2>/dev/null)" >"$summary"

failed=0
for part in "${parts[@]}"; do
    case "$part" in
        windows) cmd=(packaging/windows.sh) ;;
        arm64) cmd=(packaging/check-cross-deb.sh arm64) ;;
        loong64) cmd=(bash -c 'packaging/loong64.sh && packaging/check-cross-deb.sh loong64 --deb "$(ls -t "${CARGO_TARGET_DIR:-target}"/debian/taizhang_*_loong64.deb | head -n1)"') ;;
        deb) cmd=(packaging/check-deb.sh --release) ;;
        wintests) cmd=(env CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
            cargo test --locked --no-run --target x86_64-pc-windows-gnu) ;;
        *) echo "release-check: unknown part $part" >&2; exit 2 ;;
    esac
    echo "=== release-check: $part: ${cmd[*]}"
    started=$SECONDS
    if "${cmd[@]}"; then result=ok; else result=FAILED; failed=1; fi
    printf '%-10s %-6s %5d s\n' "$part" "$result" $((SECONDS - started)) | tee -a "$summary"
done
cat "$summary"
exit "$failed"
