#!/usr/bin/env bash
# The .deb for another processor, run here under qemu's user emulation on Debian's own libraries
# of that architecture (issue 26): ARM64 (飞腾, 鲲鹏) and LoongArch64 (龙芯).
#
#   packaging/check-cross-deb.sh arm64               # packaging/deb.sh --arch arm64, then the check
#   packaging/check-cross-deb.sh arm64 --deb FILE    # a package built elsewhere
#   packaging/check-cross-deb.sh loong64 --deb FILE  # see packaging/loong64.sh for the build
#   ... --no-window                                  # the commands only
#
# What it does: takes the package's Depends (and, for the window, Mesa's software Vulkan and
# OpenGL) from the Debian archive this machine's apt already uses (bookworm for arm64; sid for
# loong64, which Debian 12 lacks) with an apt of its own (its own lists, cache and an empty
# dpkg status: this machine's packages are untouched), unpacks them and the package into a root
# under ${CARGO_TARGET_DIR:-target}/cross-ARCH/, and runs the installed /usr/bin/taizhang there
# with qemu (`qemu-aarch64-static -L ROOT`): --version, list, export to XLSX, notice; then the
# window under Xvfb, whose screenshot is kept. Timings in timings.txt there.
#
# qemu: Debian 12's qemu-user-static (7.2) runs ARM64; its LoongArch emulation stops with
# "Illegal instruction" in Debian's own loong64 C library, so for loong64 the qemu-user of
# bookworm-backports (10.0) is unpacked into the work folder (this machine's qemu is untouched).
set -euo pipefail
cd "$(dirname "$0")/.."

arch="${1:-}"
shift || true
deb=""
window=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --deb) deb=$(realpath "$2"); shift ;;
        --no-window) window=0 ;;
        *) echo "check-cross-deb.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
case "$arch" in
    arm64) suite=bookworm ;;
    loong64) suite=sid ;;
    *) echo "usage: check-cross-deb.sh arm64|loong64 [--deb FILE] [--no-window]" >&2; exit 2 ;;
esac

target="${CARGO_TARGET_DIR:-target}"
out="$target/cross-$arch"
mkdir -p "$out"
out=$(cd "$out" && pwd)
timings="$out/timings.txt"
: >"$timings"
step_started=$SECONDS
step() {
    local now=$SECONDS
    [[ -n "${step_name:-}" ]] && printf '%-28s %4d s\n' "$step_name" $((now - step_started)) | tee -a "$timings"
    step_name="$1"
    step_started=$now
}
fail() {
    echo "check-cross-deb.sh: FAILED: $*" >&2
    echo "check-cross-deb.sh: kept for a look: $out" >&2
    exit 1
}

# The Debian archive this machine's apt is set up with (deb822 or one-line sources).
mirror="${DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
    mirror=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1 || true)
    [[ -n "$mirror" ]] || mirror=$(grep -hs '^deb ' /etc/apt/sources.list | grep -v security | awk '{print $2}' | head -n1 || true)
fi
[[ -n "$mirror" ]] || fail "no Debian archive in /etc/apt/sources.list*; set DEBIAN_MIRROR"
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

# An apt of its own: its sources, lists, cache and dpkg status live in $out/apt.
apt_dir="$out/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
own_apt() { # own_apt ARCH SOURCES-LINE apt-get-arguments…
    local a="$1" line="$2"
    shift 2
    local dir="$apt_dir/$a-${line//[^a-z0-9]/_}"
    dir="${dir:0:200}"
    mkdir -p "$dir/lists/partial" "$dir/archives/partial"
    echo "$line" >"$dir/sources.list"
    : >"$dir/status"
    apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
        -o Dir::State::Lists="$dir/lists" -o Dir::State::status="$dir/status" \
        -o Dir::Cache="$dir" -o Dir::Cache::archives="$dir/archives" \
        -o APT::Architecture="$a" -o APT::Architectures::="$a" -o Debug::NoLocking=1 \
        -o APT::Sandbox::User=root "$@"
}

# --- the package ---
step package
version=$(cargo metadata --no-deps --format-version 1 --locked |
    grep -o '"name":"taizhang","version":"[^"]*"' | head -n1 | sed 's/.*"version":"\([^"]*\)"/\1/')
if [[ -z "$deb" ]]; then
    [[ "$arch" == arm64 ]] || fail "give the loong64 package with --deb (packaging/loong64.sh builds it)"
    packaging/deb.sh --arch "$arch"
    deb=$(realpath "$target/debian/taizhang_${version}-1_${arch}.deb")
fi
[[ -f "$deb" ]] || fail "no package at $deb"
[[ "$(dpkg-deb -f "$deb" Architecture)" == "$arch" ]] || fail "$deb is for $(dpkg-deb -f "$deb" Architecture), not $arch"
echo "check-cross-deb.sh: $deb ($(du -h "$deb" | cut -f1)); Depends: $(dpkg-deb -f "$deb" Depends)"

# --- Debian's libraries for that architecture, and the package, unpacked into a root ---
step "libraries ($suite $arch)"
line="deb [arch=$arch] $mirror $suite main"
own_apt "$arch" "$line" update >"$out/apt-update.txt" 2>&1 || { cat "$out/apt-update.txt"; fail "apt-get update ($line)"; }
extra=()
# The window draws with Mesa's software Vulkan (lavapipe) or OpenGL (llvmpipe).
[[ "$window" == 1 ]] && extra=(mesa-vulkan-drivers libegl1 libegl-mesa0 libgl1-mesa-dri libgl1 libglx-mesa0)
own_apt "$arch" "$line" install --download-only --no-install-recommends -y "$deb" "${extra[@]}" \
    >"$out/apt-download.txt" 2>&1 || { tail -n 20 "$out/apt-download.txt"; fail "apt-get could not resolve the package's Depends for $arch"; }
root="$out/root"
rm -rf "$root"
mkdir -p "$root"
archives="$apt_dir/$arch-${line//[^a-z0-9]/_}"
archives="${archives:0:200}/archives"
count=0
for pkg in "$archives"/*.deb; do
    dpkg-deb -x "$pkg" "$root"
    count=$((count + 1))
done
# The package as dpkg installs it (it has no maintainer scripts to run).
dpkg-deb -x "$deb" "$root"
# Merged /usr, as a Debian system has it: the loader is asked for by /lib… paths.
for d in lib lib64; do
    if [[ ! -e "$root/$d" && -d "$root/usr/$d" ]]; then ln -s "usr/$d" "$root/$d"; fi
done
echo "check-cross-deb.sh: $count Debian $suite $arch packages unpacked into $root"

# --- qemu ---
step qemu
case "$arch" in
    arm64)
        command -v qemu-aarch64-static >/dev/null ||
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static >/dev/null
        qemu=$(command -v qemu-aarch64-static)
        ;;
    loong64)
        qemu=$(command -v qemu-loongarch64 || command -v qemu-loongarch64-static || true)
        major=0
        [[ -n "$qemu" ]] && major=$("$qemu" --version | head -n1 | grep -o '[0-9]\+\.[0-9]\+' | head -n1 | cut -d. -f1)
        if [[ "$major" -lt 8 ]]; then
            bpo="deb $mirror ${codename}-backports main"
            own_apt amd64 "$bpo" update >"$out/apt-bpo.txt" 2>&1 || fail "apt-get update ($bpo)"
            qdir="$apt_dir/qemu"
            mkdir -p "$qdir"
            (cd "$qdir" && own_apt amd64 "$bpo" download qemu-user >>"$out/apt-bpo.txt" 2>&1) ||
                fail "no qemu-user in ${codename}-backports"
            dpkg-deb -x "$(ls "$qdir"/qemu-user_*.deb | tail -n1)" "$qdir/x"
            qemu="$qdir/x/usr/bin/qemu-loongarch64"
        fi
        ;;
esac
echo "check-cross-deb.sh: $("$qemu" --version | head -n1)"
run() { "$qemu" -L "$root" "$root/usr/bin/taizhang" "$@"; }

# --- the installed program's commands ---
step commands
file "$root/usr/bin/taizhang" | tee "$out/file.txt"
[[ "$(run --version)" == "taizhang $version" ]] || fail "taizhang --version says $(run --version)"
db="$out/taizhang.db"
rm -f "$db" "$db"-* "$out"/*.xlsx "$out"/*.docx
started=$SECONDS
run --db "$db" list --format json >"$out/list.json" 2>"$out/list-stderr.txt" || fail "list (see $out/list-stderr.txt)"
rows=$(grep -c '"id":' "$out/list.json" || true)
[[ "$rows" -ge 300 ]] || fail "list --format json gave $rows projects"
echo "check-cross-deb.sh: list: $rows projects ($((SECONDS - started)) s, a new database seeded)"
started=$SECONDS
run --db "$db" export --place 钟山区 --format xlsx -o "$out/钟山区调度表.xlsx" >"$out/export.txt" 2>&1 ||
    { cat "$out/export.txt"; fail export; }
python3 - "$out/钟山区调度表.xlsx" <<'PY' || fail "the exported XLSX does not read back"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    # The rows stream as inline strings (constant-memory mode): read the sheets and the table.
    text = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                   if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/sheet"))
    assert "钟山区" in text and "项目名称" in text
PY
echo "check-cross-deb.sh: export: 钟山区调度表.xlsx ($((SECONDS - started)) s)"
started=$SECONDS
run --db "$db" notice --month 2025-12 -o "$out/2025年12月通报.docx" >"$out/notice.txt" 2>&1 ||
    { cat "$out/notice.txt"; fail notice; }
[[ -s "$out/2025年12月通报.docx" ]] || fail "no 通报 written"
echo "check-cross-deb.sh: notice: 2025年12月通报.docx ($((SECONDS - started)) s)"

# --- the window under Xvfb (software rendering, emulated: slow) ---
if [[ "$window" == 1 ]]; then
    step window
    rm -f "$out/window.png"
    command -v xvfb-run >/dev/null || fail "xvfb-run is missing (apt-get install xvfb xauth)"
    # qemu -L finds a file in the root before the machine's, but a folder that both have is
    # listed from the machine's: the Vulkan loader would see only this machine's x86-64 drivers
    # in /usr/share/vulkan/icd.d. Name the root's software driver (an artefact of the emulation;
    # an installed system lists its own folder).
    # (None for a port whose Mesa has no Vulkan driver: the program then draws with OpenGL.)
    icd=$(cd "$root" && ls usr/share/vulkan/icd.d/lvp_icd.*.json 2>/dev/null | head -n1 || true)
    if timeout "${WINDOW_TIMEOUT:-900}" xvfb-run -a -s "-screen 0 1280x800x24" \
        env RUST_LOG=taizhang=info ${icd:+VK_ICD_FILENAMES=/$icd} "$qemu" -L "$root" "$root/usr/bin/taizhang" --db "$out/window.db" \
        --screenshot "$out/window.png" >"$out/window-stdout.txt" 2>"$out/window-stderr.txt" &&
        [[ -s "$out/window.png" ]]; then
        drawn=$(grep -o 'the window is drawn with .*' "$out/window-stderr.txt" | head -n1 || true)
        echo "check-cross-deb.sh: window: ${drawn:-drawn}; screenshot $out/window.png"
    else
        tail -n 15 "$out/window-stderr.txt" >&2
        fail "the window gave no screenshot within ${WINDOW_TIMEOUT:-900} s (see $out/window-stderr.txt)"
    fi
fi
step done
echo "check-cross-deb.sh: the $arch package ran under $(basename "$qemu") on Debian $suite's $arch libraries"
