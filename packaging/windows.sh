#!/usr/bin/env bash
# The Windows setup, built and run here (issue 26): cross-builds taizhang.exe for
# x86_64-pc-windows-gnu with mingw-w64, makes Taizhang_<version>_x64-setup.exe with makensis
# (packaging/windows/taizhang.nsi), then, unless --no-wine, installs it silently under Wine into
# a new prefix as a new user would and checks it: the Start-menu entry and the uninstaller in
# Apps, the installed program's commands (list, export to an XLSX with a Chinese name in a folder
# with a space and Chinese characters, template → fill in → import, notice, backup), the database
# in %APPDATA%\Taizhang\Taizhang\data, what it writes to files and to cmd's console on a Chinese
# Windows (code page 936, GBK), the window under Xvfb (DX12 fails under Wine, so the
# window must fall back to another renderer; its screenshot is kept), then the uninstaller, after
# which the program is gone and the data is still there.
#
#   packaging/windows.sh                    # release build, setup, the whole check
#   packaging/windows.sh --profile dev      # a debug build (CI: what `cargo test` built)
#   packaging/windows.sh --no-build         # package the .exe already built for that profile
#   packaging/windows.sh --no-wine          # build and package only
#   packaging/windows.sh --no-window        # everything but the window
#   packaging/windows.sh --fast             # zlib instead of solid LZMA (a larger setup, made in
#                                           # seconds; the default for a debug build)
#
# Needs: rustup's x86_64-pc-windows-gnu target and Debian's gcc-mingw-w64-x86-64, nsis, wine64
# (or wine), xvfb, python3; as root it installs the missing ones with apt-get. Everything it
# leaves is in ${CARGO_TARGET_DIR:-target}/windows/: the setup, the Wine prefix, the program's
# output, the screenshot, timings.txt.
#
# Test-only: Rust's std (1.78+) calls ProcessPrng from bcryptprimitives.dll, which Windows 10 and
# later have and Wine 8 does not. When the new prefix lacks it, a stub built here from
# packaging/windows/bcryptprimitives-stub.c is put into the prefix's system32 (never into the
# setup) so that the program can start under Wine at all.
set -euo pipefail
cd "$(dirname "$0")/.."

triple=x86_64-pc-windows-gnu
profile=release
build=1
wine_check=1
window=1
fast_setup=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --profile) profile="$2"; shift ;;
        --no-build) build=0 ;;
        --no-wine) wine_check=0 ;;
        --no-window) window=0 ;;
        --fast) fast_setup=1 ;;
        *) echo "windows.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done

target="${CARGO_TARGET_DIR:-target}"
out="$target/windows"
mkdir -p "$out"
out=$(cd "$out" && pwd)
timings="$out/timings.txt"
: >"$timings"
step_started=$SECONDS
step() { # step NAME: records how long the step before took
    local now=$SECONDS
    [[ -n "${step_name:-}" ]] && printf '%-28s %4d s\n' "$step_name" $((now - step_started)) | tee -a "$timings"
    step_name="$1"
    step_started=$now
}
fail() {
    echo "windows.sh: FAILED: $*" >&2
    echo "windows.sh: kept for a look: $out" >&2
    exit 1
}

# --- tools ---
step tools
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v makensis >/dev/null || need+=(nsis)
if [[ "$wine_check" == 1 ]]; then
    command -v wine >/dev/null || need+=(wine wine64)
    command -v xvfb-run >/dev/null || need+=(xvfb xauth)
    # Wine's Vulkan (winevulkan) draws through the system's: lavapipe without a GPU.
    [[ -e /usr/lib/x86_64-linux-gnu/libvulkan.so.1 ]] || need+=(libvulkan1 mesa-vulkan-drivers)
    # The zh_CN locale's definition, for a Chinese Windows's code page (below).
    [[ -f /usr/share/i18n/locales/zh_CN ]] || need+=(locales)
fi
if [[ ${#need[@]} -gt 0 ]]; then
    [[ "$(id -u)" == 0 ]] || fail "missing: ${need[*]} (apt-get install them)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
rustup target list --installed | grep -qx "$triple" || rustup target add "$triple"

version=$(cargo metadata --no-deps --format-version 1 --locked |
    grep -o '"name":"taizhang","version":"[^"]*"' | head -n1 | sed 's/.*"version":"\([^"]*\)"/\1/')
[[ -n "$version" ]] || fail "could not read the version from Cargo.toml"

# --- the program ---
step "build ($profile)"
dir=$profile
[[ "$profile" == dev ]] && dir=debug
exe="$target/$triple/$dir/taizhang.exe"
if [[ "$build" == 1 ]]; then
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        cargo build --locked --profile "$profile" --target "$triple" --bin taizhang
fi
[[ -f "$exe" ]] || fail "no program at $exe (build it, or leave out --no-build)"
file "$exe" | grep -q "PE32+ executable (GUI) x86-64" || fail "not a 64-bit Windows GUI program: $(file "$exe")"

# --- the setup ---
step makensis
# The program as shipped: without its symbol table (80 MB → about 20 MB for a release build).
shipped="$out/taizhang.exe"
x86_64-w64-mingw32-strip -o "$shipped" "$exe"
setup="$out/Taizhang_${version}_x64-setup.exe"
rm -f "$setup"
fast=()
[[ "$profile" == release && "$fast_setup" == 0 ]] || fast=(-DFAST)
makensis -V2 "${fast[@]}" -DVERSION="$version" -DEXE="$shipped" -DOUTFILE="$setup" -DROOT="$(pwd)" \
    packaging/windows/taizhang.nsi >"$out/makensis.txt" 2>&1 || { cat "$out/makensis.txt"; fail makensis; }
file "$setup" | grep -q "PE32+ executable (GUI) x86-64" || fail "the setup is not a 64-bit Windows program: $(file "$setup")"
echo "windows.sh: $setup ($(du -h "$setup" | cut -f1))"
if [[ "$wine_check" == 0 ]]; then
    step done
    exit 0
fi

# --- a new Wine prefix, as a new user's Windows ---
step "wine prefix"
export WINEPREFIX="$out/wineprefix"
# Wine links the Windows user's Documents and Desktop to $HOME: a home of its own keeps this
# machine's untouched.
export HOME="$out/home"
rm -rf "$HOME"
mkdir -p "$HOME"
export WINEDEBUG=-all
# No desktop entries in this machine's menus (winemenubuilder), no Mono or Gecko downloads.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
# A Chinese Windows: Wine takes its code pages from the locale, zh_CN gives 936 (GBK) for ANSI,
# OEM and the console. When this machine has no zh_CN.UTF-8, it is made here in a folder of its
# own (localedef from Debian's `locales` definitions, 2 s) and given to Wine by LOCPATH.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
    export LOCPATH="$out/locale"
    if [[ ! -f "$LOCPATH/zh_CN.UTF-8/LC_CTYPE" ]]; then
        mkdir -p "$LOCPATH"
        localedef -i zh_CN -f UTF-8 "$LOCPATH/zh_CN.UTF-8" >"$out/localedef.txt" 2>&1 || true
        [[ -f "$LOCPATH/zh_CN.UTF-8/LC_CTYPE" ]] || fail "could not make the zh_CN.UTF-8 locale (see $out/localedef.txt)"
    fi
fi
# (This shell itself cannot take a locale from LOCPATH and would warn; the programs it starts do.)
{ export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8; } 2>/dev/null
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
# A virtual display for everything Wine does (wineboot and the setup open windows of their own).
if [[ -z "${DISPLAY:-}" ]]; then
    for n in $(seq 90 120); do [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || break; done
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$out/xvfb.txt" 2>&1 &
    xvfb_pid=$!
    export DISPLAY=":$n"
    trap 'wineserver -k 2>/dev/null || true; kill "$xvfb_pid" 2>/dev/null || true' EXIT
    sleep 1
else
    trap 'wineserver -k 2>/dev/null || true' EXIT
fi
wineboot -i >"$out/wineboot.txt" 2>&1 || fail "wineboot (see $out/wineboot.txt)"
wineserver -w
winvar() { wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; }
appdata_win=$(winvar APPDATA)
localappdata_win=$(winvar LOCALAPPDATA)
userprofile_win=$(winvar USERPROFILE)
appdata=$(winepath -u "$appdata_win" 2>/dev/null)
localappdata=$(winepath -u "$localappdata_win" 2>/dev/null)
[[ -d "$appdata" && -d "$localappdata" ]] || fail "no %APPDATA% ($appdata_win) in the new prefix"
system32="$WINEPREFIX/drive_c/windows/system32"
if [[ ! -f "$system32/bcryptprimitives.dll" ]]; then
    x86_64-w64-mingw32-gcc -shared -O2 -o "$out/bcryptprimitives.dll" \
        packaging/windows/bcryptprimitives-stub.c -ladvapi32
    cp "$out/bcryptprimitives.dll" "$system32/"
    echo "windows.sh: this Wine has no bcryptprimitives.dll (ProcessPrng): a test-only stub is in the prefix"
fi

# --- install, silently, as an administrator's script would ---
step "install (/S)"
wine "$setup" /S >"$out/setup.txt" 2>&1 || fail "the setup failed (see $out/setup.txt)"
wineserver -w
instdir="$localappdata/Programs/Taizhang"
installed="$instdir/taizhang.exe"
[[ -f "$installed" ]] || fail "not installed: $installed"
cmp -s "$installed" "$shipped" || fail "the installed taizhang.exe is not the one built"
for f in uninstall.exe LICENSE.txt OFL-NotoSansSC.txt taizhang.ico; do
    [[ -f "$instdir/$f" ]] || fail "not installed: $instdir/$f"
done
shortcut="$appdata/Microsoft/Windows/Start Menu/Programs/台账 Taizhang.lnk"
[[ -f "$shortcut" ]] || fail "no Start-menu entry: $shortcut"
python3 - "$shortcut" <<'PY' || fail "the Start-menu entry does not start taizhang.exe"
import sys
data = open(sys.argv[1], "rb").read().lower()
assert b"taizhang.exe" in data or "taizhang.exe".encode("utf-16-le") in data
PY
uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Taizhang'
wine reg query "$uninst_key" >"$out/uninstall-key.txt" 2>&1 || fail "no uninstaller entry in Apps ($uninst_key)"
grep -q 'uninstall.exe' "$out/uninstall-key.txt" || fail "the Apps entry names no uninstaller"
grep -q "$version" "$out/uninstall-key.txt" || fail "the Apps entry does not say version $version"
echo "windows.sh: installed into ${localappdata_win}\\Programs\\Taizhang; Start menu: 台账 Taizhang.lnk; Apps entry with its uninstaller"

# --- the installed program's commands, on the default database in %APPDATA% ---
step commands
tz() { wine "$installed" "$@"; }
[[ "$(tz --version | tr -d '\r')" == "taizhang $version" ]] || fail "taizhang.exe --version says $(tz --version)"
tz list --format json >"$out/list.json" 2>"$out/list-stderr.txt" || fail "list (see $out/list-stderr.txt)"
rows=$(grep -c '"id":' "$out/list.json" || true)
[[ "$rows" -ge 300 ]] || fail "list --format json gave $rows projects (the plan has 359)"
data="$appdata/Taizhang/Taizhang/data"
[[ -f "$data/taizhang.db" ]] || fail "no database in %APPDATA%\\Taizhang\\Taizhang\\data (see $out/list-stderr.txt)"
echo "windows.sh: list: $rows projects; the database is ${appdata_win}\\Taizhang\\Taizhang\\data\\taizhang.db"

docs="$(winepath -u "$userprofile_win")/Documents/审核 文件"
mkdir -p "$docs"
docs_win="${userprofile_win}\\Documents\\审核 文件"
tz export --place 钟山区 --format xlsx -o "$docs_win\\钟山区调度表.xlsx" >"$out/export.txt" 2>&1 ||
    { cat "$out/export.txt"; fail "export to $docs_win\\钟山区调度表.xlsx"; }
python3 - "$docs/钟山区调度表.xlsx" <<'PY' || fail "the exported XLSX does not read back"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = z.namelist()
    assert "xl/workbook.xml" in names, names
    # The review sheet's rows stream to the file as inline strings (constant-memory mode): its
    # words are in the sheet parts as well as in the shared-string table.
    text = "".join(z.read(n).decode("utf-8") for n in names
                   if n == "xl/sharedStrings.xml" or n.startswith("xl/worksheets/sheet"))
    assert "钟山区" in text and "项目名称" in text, "no Chinese text in the sheet"
PY
echo "windows.sh: export: $docs_win\\钟山区调度表.xlsx ($(du -h "$docs/钟山区调度表.xlsx" | cut -f1), reads back with its Chinese)"

tz template --place 钟山区 -o "$docs_win\\钟山区填报表.xlsx" >"$out/template.txt" 2>&1 ||
    { cat "$out/template.txt"; fail template; }
# The district fills in the first project's row: 状态 在建 and its 形象进度.
python3 - "$docs/钟山区填报表.xlsx" <<'PY' || fail "could not fill in the template"
import re, shutil, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    parts = {name: z.read(name) for name in z.namelist()}
sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
strings = re.findall(r"<si>(.*?)</si>", parts["xl/sharedStrings.xml"].decode("utf-8"))
header = {}
for ref, idx in re.findall(r'<c r="([A-Z]+)3"[^>]*t="s"><v>(\d+)</v>', sheet):
    header[re.sub(r"<[^>]+>", "", strings[int(idx)])] = ref
def fill(col, text):
    global sheet
    cell = re.compile(r'<c r="%s4"( s="\d+")?/>' % col)
    assert cell.search(sheet), (col, "row 4 is not blank there")
    sheet = cell.sub(lambda m: '<c r="%s4"%s t="inlineStr"><is><t>%s</t></is></c>' % (col, m.group(1) or "", text), sheet, count=1)
fill(header["状态"], "在建")
fill(header["形象进度"], "主体结构施工中（Wine 测试）")
parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
with zipfile.ZipFile(path + ".new", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
shutil.move(path + ".new", path)
PY
tz import "$docs_win\\钟山区填报表.xlsx" >"$out/import.txt" 2>&1 || { cat "$out/import.txt"; fail import; }
# What the commands say to a file is in the code page, GBK (checked below).
gbk() { iconv -f GBK -t UTF-8 "$1"; }
gbk "$out/import.txt" | grep -q "1 行有修改" || { gbk "$out/import.txt"; fail "the filled-in row was not imported"; }
tz list --status under_construction --place 钟山区 --format json >"$out/list-after-import.json" 2>&1 ||
    fail "list after the import"
grep -q '"under_construction"' "$out/list-after-import.json" || fail "the imported status 在建 is not in the list"
echo "windows.sh: template → filled in → import: $(gbk "$out/import.txt" | head -n1 | tr -d '\r')"

tz notice --month 2025-12 -o "$docs_win\\2025年12月通报.docx" >"$out/notice.txt" 2>&1 ||
    { cat "$out/notice.txt"; fail notice; }
[[ -s "$docs/2025年12月通报.docx" ]] || fail "no 通报 written"
tz backup >"$out/backup.txt" 2>&1 || { cat "$out/backup.txt"; fail backup; }
ls "$data"/backups/*manual* >/dev/null 2>&1 || fail "no backup in %APPDATA%\\Taizhang\\Taizhang\\data\\backups"
echo "windows.sh: notice and backup: $(ls "$data"/backups | tr '\n' ' ')"

# A database on another drive letter, as an office's shared drive is mapped (Wine's Z: is this
# machine's root): made there, listed, backed up beside it, in a folder with a space and Chinese.
shared="$out/共享 盘/台账"
mkdir -p "$shared"
shared_win="Z:$(echo "$shared" | tr '/' '\\')"
tz --db "$shared_win\\科室台账.db" --create list --format json >"$out/list-shared.json" 2>"$out/list-shared.txt" ||
    { cat "$out/list-shared.txt"; fail "a database at $shared_win"; }
[[ -f "$shared/科室台账.db" ]] || fail "no database at $shared_win\\科室台账.db"
tz --db "$shared_win\\科室台账.db" backup >"$out/backup-shared.txt" 2>&1 || { cat "$out/backup-shared.txt"; fail "backup on $shared_win"; }
ls "$shared"/backups/* >/dev/null 2>&1 || fail "no backup beside the database on $shared_win"
echo "windows.sh: a database on a drive letter: $shared_win\\科室台账.db ($(grep -c '"id":' "$out/list-shared.json") projects, backed up beside it)"

# --- the code page: what a user of a Chinese Windows (936, GBK) sees ---
step "code page 936"
# Sent to a file or a pipe, the words are in GBK, so cmd's `type`, findstr, PowerShell 5 and
# Excel read them (UTF-8 would be 涓撴爮 for 专栏 there); an error too; JSON stays UTF-8.
tz list --place 钟山区 >"$out/list-gbk.txt" 2>"$out/list-gbk-stderr.txt" || fail "list --place 钟山区 to a file"
gbk "$out/list-gbk.txt" >"$out/list-gbk-read.txt" || fail "list to a file is not GBK (see $out/list-gbk.txt)"
grep -q '钟山区供水管网建设改造' "$out/list-gbk-read.txt" || fail "list to a file: no 钟山区供水管网建设改造 in it"
if grep -q '钟山区' "$out/list-gbk.txt"; then fail "list to a file wrote UTF-8 on a code page 936 Windows"; fi
grep -q '"钟山区"' "$out/list.json" || fail "list --format json is not UTF-8"
if tz list --place 不存在的地方 >/dev/null 2>"$out/error-gbk.txt"; then fail "an unknown place was not refused"; fi
gbk "$out/error-gbk.txt" | grep -q '未知地点' || fail "an error sent to a file is not in GBK (see $out/error-gbk.txt)"
# JSON and the error it ends with, both to one file (`> f 2>&1`): one encoding, the JSON's
# UTF-8 (a hostile pass found the JSON in UTF-8 and the error after it in GBK, which no reader
# reads whole: a JSON command's lines on standard error are UTF-8 now). A dry run of a ledger with figures but no month prints its drafts, then fails.
printf '项目名称,建设地点,总投资(万元)\n道路工程,钟山区,10\n' >"$out/no-month.csv"
if tz plan import "$(winepath -w "$out/no-month.csv")" --from 2026 --to 2030 --dry-run --format json \
    >"$out/json-and-error.txt" 2>&1; then fail "a ledger with figures but no month was not refused"; fi
grep -q '"道路工程"' "$out/json-and-error.txt" || fail "plan import --format json: no draft (see $out/json-and-error.txt)"
iconv -f UTF-8 -t UTF-8 "$out/json-and-error.txt" >/dev/null ||
    fail "JSON and its error sent to one file are in two encodings (see $out/json-and-error.txt)"
# A pipe closed early (`| head`, `| more` quit) is no failure: under Wine the write fails with
# os error 233 (管道未连接, ERROR_PIPE_NOT_CONNECTED), which Rust does not count as a broken pipe
# and main.rs does.
if ! (tz list 2>"$out/pipe-stderr.txt" | head -n 1 >/dev/null); then
    fail "list | head -n 1 failed: $(gbk "$out/pipe-stderr.txt")"
fi
# In a console: cmd.exe in a terminal (`script` gives Wine one; its console hands this side
# UTF-8): the program's own words, then cmd's `type` of the file it wrote above, then, after
# `chcp 65001`, the same list to a file in UTF-8. The batch file is in GBK, as cmd reads it.
head -n 3 "$out/list-gbk.txt" >"$out/list-gbk-3.txt"
installed_win=$(winepath -w "$installed")
{
    printf '@echo off\r\n'
    printf '"%s" list --place 钟山区 --category pipes\r\n' "$installed_win"
    printf 'type "%s"\r\n' "$(winepath -w "$out/list-gbk-3.txt")"
    printf 'chcp 65001 >nul\r\n'
    printf '"%s" list --category pipes > "%s"\r\n' "$installed_win" "$(winepath -w "$out/list-utf8.txt")"
} | iconv -f UTF-8 -t GBK >"$out/console.bat"
rm -f "$out/list-utf8.txt"
timeout 120 script -qec "wine cmd /c '$(winepath -w "$out/console.bat")'" "$out/console.txt" >/dev/null 2>&1 ||
    fail "cmd.exe in a console (see $out/console.txt)"
grep -q '钟山区供水管网建设改造' "$out/console.txt" || fail "the console does not show the list's Chinese (see $out/console.txt)"
grep -q '大河镇三产融合类小镇' "$out/console.txt" || fail "cmd's type of the GBK file does not show its Chinese (see $out/console.txt)"
grep -q '钟山区供水管网建设改造' "$out/list-utf8.txt" || fail "after chcp 65001 the list to a file is not UTF-8"
echo "windows.sh: code page 936: to a file GBK ($(wc -l <"$out/list-gbk-read.txt") lines of 钟山区), errors GBK, JSON UTF-8; in cmd's console the Chinese shows, and cmd types the GBK file; chcp 65001 → UTF-8"

# --- the window: DX12 fails under Wine, the next renderer must draw it ---
if [[ "$window" == 1 ]]; then
    step window
    rm -f "$out/window.png"
    if ! timeout 300 wine "$installed" --screenshot "$(winepath -w "$out/window.png")" \
        >"$out/window-stdout.txt" 2>"$out/window-stderr.txt"; then
        tail -n 20 "$out/window-stderr.txt" >&2
        fail "the window did not start (see $out/window-stderr.txt)"
    fi
    [[ -s "$out/window.png" ]] || fail "no screenshot of the window"
    drawn=$(grep -o 'the window is drawn with .*' "$out/window-stderr.txt" | head -n1 || true)
    fallback=$(grep -o '[A-Za-z0-9]* could not start the window' "$out/window-stderr.txt" | tr '\n' ' ' || true)
    echo "windows.sh: window: ${fallback:+$fallback→ }${drawn:-drawn with the first renderer tried}; screenshot $out/window.png"
    # A renderer forced by the option, as the README tells a user whose window does not open.
    if ! timeout 300 env RUST_LOG=taizhang=info wine "$installed" --renderer gl \
        --screenshot "$(winepath -w "$out/window-gl.png")" >/dev/null 2>"$out/window-gl-stderr.txt"; then
        tail -n 20 "$out/window-gl-stderr.txt" >&2
        fail "the window did not start with --renderer gl"
    fi
    grep -q 'the window is drawn with OpenGL' "$out/window-gl-stderr.txt" ||
        fail "--renderer gl did not draw with OpenGL (see $out/window-gl-stderr.txt)"
    echo "windows.sh: window with --renderer gl: $(grep -o 'the window is drawn with .*' "$out/window-gl-stderr.txt")"
fi

# --- uninstall: the program goes, the data stays ---
step uninstall
wine "$instdir/uninstall.exe" /S >"$out/uninstall.txt" 2>&1 || fail "the uninstaller failed"
wineserver -w
# The uninstaller runs from a copy in %TEMP% and may still be finishing.
for _ in $(seq 1 30); do [[ -e "$instdir" ]] || break; sleep 1; done
[[ ! -e "$installed" ]] || fail "taizhang.exe is still there after uninstalling"
[[ ! -e "$instdir" ]] || fail "the program's folder is still there: $(ls -A "$instdir")"
[[ ! -e "$shortcut" ]] || fail "the Start-menu entry is still there"
wine reg query "$uninst_key" >/dev/null 2>&1 && fail "the Apps entry is still there"
[[ -f "$data/taizhang.db" ]] || fail "uninstalling removed the database"
[[ -f "$docs/钟山区调度表.xlsx" ]] || fail "uninstalling removed the user's files"
echo "windows.sh: uninstalled; the database and backups in %APPDATA%\\Taizhang stay"
step done
echo "windows.sh: the setup installed, ran, drew its window and uninstalled under Wine: $(basename "$setup")"
