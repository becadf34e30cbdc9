#!/usr/bin/env bash
# Renders the application icon from its SVG sources into the PNG sizes, the Windows .ico and the
# macOS .icns kept in assets/icon/. Run it after changing an SVG and commit the results; builds
# and CI use the committed files and do not need these tools.
# Tools (Debian): librsvg2-bin (rsvg-convert), icoutils (icotool), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"

for size in 16 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" taizhang.svg -o "taizhang-$size.png"
done
# taizhang.svg is drawn on a 16-unit grid, which falls between pixels at 24 px.
rsvg-convert -w 24 -h 24 taizhang-24.svg -o taizhang-24.png

# Windows: the small sizes as bitmaps, 256 as PNG (as Windows Vista and later read it).
icotool -c -o taizhang.ico taizhang-16.png taizhang-24.png taizhang-32.png taizhang-48.png \
    taizhang-64.png taizhang-128.png --raw=taizhang-256.png
# macOS: png2icns takes the sizes the format has slots for.
png2icns taizhang.icns taizhang-16.png taizhang-32.png taizhang-48.png taizhang-128.png \
    taizhang-256.png taizhang-512.png >/dev/null
