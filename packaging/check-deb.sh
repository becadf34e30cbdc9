#!/usr/bin/env bash
# Builds the .deb, installs it with apt as a user would, starts the installed program from its
# desktop entry's Exec line under a virtual display, checks the window (title, icon, class) and
# the command line, then removes the package and checks that its files are gone.
#
#   packaging/check-deb.sh                      # CI: packages the debug binary `cargo test` built
#   packaging/check-deb.sh --release            # the package of a release build (slow when cold)
#   packaging/check-deb.sh --deb FILE           # a package built elsewhere
#
# Needs root (apt-get), Xvfb/xvfb-run, xdotool, xprop, desktop-file-validate, appstreamcli;
# ImageMagick's `import` for the screenshot. Everything it leaves is in
# ${CARGO_TARGET_DIR:-target}/check-deb/ (the screenshot, the program's output), kept for a
# failed run to be looked at.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- the window check, run by this script under xvfb-run (see below) ---
if [[ "${1:-}" == "__window" ]]; then
    out="$2"
    shift 2
    "$@" >"$out/window-stdout.txt" 2>"$out/window-stderr.txt" &
    pid=$!
    status=0
    # The window's title is "台账 Taizhang · " and the plan shown; a software-rendered first
    # frame can take a while.
    if ! win=$(timeout 90 xdotool search --sync --onlyvisible --name Taizhang | head -n1) || [[ -z "$win" ]]; then
        echo "check-deb: no window named Taizhang appeared within 90 s" >&2
        status=1
    else
        sleep 3 # let it draw a few frames before the screenshot
        title=$(xdotool getwindowname "$win")
        echo "check-deb: window $win: $title"
        [[ "$title" == "台账 Taizhang · 六盘水市“十四五”新型城镇化发展规划" ]] \
            || { echo "check-deb: unexpected title: $title" >&2; status=1; }
        # The icon the window manager and taskbar show (_NET_WM_ICON: width, height, then ARGB
        # pixels): ours is 256×256, and its first row reaches the folder's red, 0xffb71c1c
        # (not eframe's default icon).
        icon=$(xprop -id "$win" -len 1024 -f _NET_WM_ICON 32c _NET_WM_ICON)
        if [[ "$icon" == *"= 256, 256,"* && "$icon" == *"$((0xffb71c1c))"* ]]; then
            echo "check-deb: window icon: Taizhang's, 256×256"
        else
            echo "check-deb: not Taizhang's 256×256 window icon: $icon" >&2
            status=1
        fi
        # The desktop entry's StartupWMClass must name the window's class, or docks show a
        # second, generic icon beside the launcher.
        class=$(xprop -id "$win" -notype WM_CLASS)
        echo "check-deb: $class"
        wm_class=$(grep -m1 '^StartupWMClass=' /usr/share/applications/taizhang.desktop | cut -d= -f2-)
        [[ "$class" == *"\"$wm_class\""* ]] || { echo "check-deb: WM_CLASS does not name $wm_class" >&2; status=1; }
    fi
    if command -v import >/dev/null 2>&1; then
        import -window root "$out/window.png" || true
    else
        xwd -root -silent >"$out/window.xwd" 2>/dev/null || true
    fi
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    else
        wait "$pid" || true
        echo "check-deb: the program exited while its window was checked" >&2
        status=1
    fi
    exit "$status"
fi

fail() {
    echo "check-deb: FAILED: $*" >&2
    echo "check-deb: kept for a look: $out" >&2
    exit 1
}

target="${CARGO_TARGET_DIR:-target}"
out="$target/check-deb"
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

deb=""
case "${1:-}" in
    --deb) deb=$(realpath "$2") ;;
    --release) packaging/deb.sh ;;
    "")
        # The binary `cargo test` built (and the tests ran), packaged as it is: no second build.
        # Fast compression: this package is installed here and thrown away, never published.
        [[ -x "$target/debug/taizhang" ]] || cargo build --locked --bin taizhang
        packaging/deb.sh --profile dev --no-build --fast
        ;;
    *) fail "unknown argument: $1" ;;
esac
version=$(cargo metadata --no-deps --format-version 1 --locked |
    grep -o '"name":"taizhang","version":"[^"]*"' | head -n1 | sed 's/.*"version":"\([^"]*\)"/\1/')
[[ -n "$version" ]] || fail "could not read the version from Cargo.toml"
if [[ -z "$deb" ]]; then
    deb=$(realpath "$target"/debian/taizhang_"$version"-*_*.deb | head -n1)
fi
[[ -f "$deb" ]] || fail "no package at $deb"
echo "check-deb: $deb ($(du -h "$deb" | cut -f1))"

# The package's own version records agree with Cargo.toml.
grep -q "^taizhang ($version-" packaging/linux/changelog ||
    fail "packaging/linux/changelog has no entry for $version"
grep -q "<release version=\"$version\"" packaging/linux/io.github.taizhang.Taizhang.metainfo.xml ||
    fail "the metainfo has no <release version=\"$version\">"

# --- install, as a user would ---
if dpkg-query -W -f='${db:Status-Status}' taizhang 2>/dev/null | grep -qx installed; then
    apt-get remove -y -qq taizhang >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$out/apt-install.txt" 2>&1 ||
    fail "apt-get install $deb (see $out/apt-install.txt)"
dpkg -L taizhang >"$out/files.txt"

for f in /usr/bin/taizhang /usr/share/applications/taizhang.desktop \
    /usr/share/metainfo/io.github.taizhang.Taizhang.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/taizhang.svg /usr/share/doc/taizhang/copyright \
    /usr/share/man/man1/taizhang.1.gz; do
    [[ -f "$f" ]] || fail "not installed: $f"
done
for size in 16 24 32 48 64 128 256 512; do
    icon="/usr/share/icons/hicolor/${size}x${size}/apps/taizhang.png"
    [[ -f "$icon" ]] || fail "not installed: $icon"
    file "$icon" | grep -q "$size x $size" || fail "$icon is not $size×$size: $(file "$icon")"
done
grep -q "MIT License" /usr/share/doc/taizhang/copyright || fail "the copyright file lacks the licence"
desktop-file-validate /usr/share/applications/taizhang.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/io.github.taizhang.Taizhang.metainfo.xml >"$out/appstream.txt" ||
    { cat "$out/appstream.txt"; fail "appstreamcli validate"; }
[[ "$(command -v taizhang)" == /usr/bin/taizhang ]] || fail "taizhang on PATH is $(command -v taizhang)"
[[ "$(taizhang --version)" == "taizhang $version" ]] || fail "taizhang --version says $(taizhang --version)"

# --- the window, started as the desktop starts it ---
exec_line=$(grep -m1 '^Exec=' /usr/share/applications/taizhang.desktop | cut -d= -f2-)
# Drop the field codes (%f, %U, …) a launcher would fill in; this entry takes no files.
read -r -a command <<<"${exec_line//%[fFuUdDnNickvm]/}"
echo "check-deb: starting Exec=$exec_line"
home="$out/home"
mkdir -p "$home"
# A fresh user: the database is created and seeded in the data folder at the first start.
if ! HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    xvfb-run -a -s "-screen 0 1366x768x24" "$0" __window "$out" "${command[@]}"; then
    echo "--- the program's standard error:" >&2
    tail -n 30 "$out/window-stderr.txt" >&2 || true
    fail "the installed program's window (screenshot: $out/window.png)"
fi
[[ -f "$home/.local/share/taizhang/taizhang.db" ]] ||
    fail "the first start made no database in the data folder ($home/.local/share/taizhang/)"

# --- the command line, with a database of its own ---
taizhang --db "$out/list.db" list --format json >"$out/list.json" 2>"$out/list-stderr.txt" ||
    fail "taizhang list (see $out/list-stderr.txt)"
rows=$(grep -o '"id":' "$out/list.json" | wc -l)
[[ "$(head -c1 "$out/list.json")" == "[" && "$rows" -ge 300 ]] ||
    fail "taizhang list --format json gave $rows projects (the plan has 359)"
echo "check-deb: taizhang list --format json: $rows projects"

# --- remove, and nothing of the package stays ---
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq taizhang >"$out/apt-remove.txt" 2>&1 ||
    fail "apt-get remove taizhang"
dpkg-query -W -f='${db:Status-Status}' taizhang 2>/dev/null | grep -qx installed &&
    fail "taizhang is still installed"
left=0
while read -r path; do
    if [[ -f "$path" || -L "$path" ]]; then
        echo "check-deb: left behind: $path" >&2
        left=1
    fi
done <"$out/files.txt"
[[ "$left" == 0 ]] || fail "files left behind after apt-get remove"
hash -r # bash remembers where it found taizhang
command -v taizhang >/dev/null && fail "taizhang is still on PATH: $(command -v taizhang)"
echo "check-deb: installed, started, listed and removed $(basename "$deb")"
