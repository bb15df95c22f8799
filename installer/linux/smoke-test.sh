#!/usr/bin/env bash
# Smoke test of the Linux installers built by `mvn -P installer -DskipTests package`:
# proves that the app starts from the app image and from the installed .deb and shows its
# window on a virtual screen.
#
#   installer/linux/smoke-test.sh app-image [target/installer/Patientenversand]
#   installer/linux/smoke-test.sh deb [target/installer/patientenversand_*.deb]   (needs root)
#   add --cli-only to check only the command line (for builds without the desktop app)
#
# For each launcher it checks:
#   1. `--version` prints "Patientenversand <version>" and exits 0,
#   2. `init --help` prints the usage of init and exits 0,
#   2b. (when the build has `serve`) init + `serve --tunnel off` in a temp folder: it prints
#      "Listening on …" and GET /health answers ok — the trimmed runtime has every module,
#   3. started without arguments and with --data-dir in a fresh temp folder, on Xvfb :77,
#      a visible window whose title starts with "Patientenversand" appears within 90 s; a screenshot of
#      the screen goes to target/smoke/<mode>.png; the window carries the app icon; a second
#      start with the same folder ends at once, saying the running window came to the front, and
#      still one window is shown; then the app (its whole process group, started here with
#      setsid) is stopped.
# deb mode also checks that the package depends on GTK 3, installs it with dpkg -i, checks the launcher, the menu entry, its icon
# and the command /usr/bin/patientenversand, runs the checks on the installed launcher and
# removes the package again (dpkg -r), which must leave neither /opt/patientenversand nor
# the command behind.
#
# Needs: Xvfb (xvfb), xdotool, xprop (x11-utils), import (imagemagick), curl, dpkg for deb mode.
#   apt-get install xvfb xdotool x11-utils imagemagick
# Exit code 0 when every check passed, 1 otherwise (the first failure is printed).
set -euo pipefail
cd "$(dirname "$0")/../.."

mode="${1:-}"; shift || true
cli_only=false
args=()
for a in "$@"; do
  if [ "$a" = "--cli-only" ]; then cli_only=true; else args+=("$a"); fi
done
out="target/smoke"; mkdir -p "$out"
display_no=77
fail() { echo "SMOKE FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

need() { command -v "$1" >/dev/null || fail "missing tool $1 (apt-get install $2)"; }

check_cli() {
  local launcher="$1" v
  v="$("$launcher" --version 2>/dev/null)" || fail "$launcher --version exited with $?"
  [[ "$v" == Patientenversand\ * ]] || fail "--version printed '$v'"
  ok "--version: $v"
  "$launcher" init --help 2>/dev/null | grep -q 'Usage: patientenversand init' || fail "init --help printed no usage"
  ok "init --help shows the usage"
}

serve_pgid=""
check_serve() {
  # the trimmed runtime must carry every module the server needs (SQLite, Undertow, Argon2…)
  local launcher="$1" d url=""
  if ! "$launcher" --help 2>/dev/null | grep -qE '^ +serve '; then
    echo "skip: this build has no serve command yet"; return
  fi
  need curl curl
  d="$(mktemp -d)"
  printf '%s\n' 'smoke test password, long enough to pass' > "$d/pass"
  "$launcher" init --data-dir "$d/v" --new-passphrase-file "$d/pass" >/dev/null 2>&1 || fail "init failed"
  : >"$d/serve.out"   # made here: the background job may open it only after the first read below
  setsid "$launcher" serve --data-dir "$d/v" --tunnel off >"$d/serve.out" 2>&1 &
  serve_pgid=$!
  for _ in $(seq 1 60); do
    url="$(sed -n 's/^Listening on \(http[^ ]*\).*/\1/p' "$d/serve.out" | head -1)"
    [ -n "$url" ] && break
    kill -0 "$serve_pgid" 2>/dev/null || fail "serve exited: $(tail -3 "$d/serve.out")"
    sleep 1
  done
  [ -n "$url" ] || fail "serve printed no 'Listening on' within 60 s"
  [ "$(curl -fsS "$url/health")" = ok ] || fail "GET $url/health did not answer ok"
  ok "serve listens on $url and /health answers ok"
  kill -TERM -- "-$serve_pgid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$serve_pgid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$serve_pgid" 2>/dev/null || true
  serve_pgid=""
  rm -rf "$d"
}

xvfb_pid=""
app_pgid=""
data=""
cleanup() {
  if [ -n "$serve_pgid" ]; then kill -KILL -- "-$serve_pgid" 2>/dev/null || true; fi
  if [ -n "$app_pgid" ]; then kill -TERM -- "-$app_pgid" 2>/dev/null || true; sleep 2; kill -KILL -- "-$app_pgid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  if [ -n "$data" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

start_xvfb() {
  need Xvfb xvfb; need xdotool xdotool; need /usr/bin/import imagemagick
  if ! xdpyinfo -display ":$display_no" >/dev/null 2>&1; then
    Xvfb ":$display_no" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 50); do xdpyinfo -display ":$display_no" >/dev/null 2>&1 && break; sleep 0.2; done
  fi
  export DISPLAY=":$display_no"
}

check_window() {
  local launcher="$1" shot="$2" wid="" log
  data="$(mktemp -d)"; log="$out/$(basename "$shot" .png).log"
  setsid "$launcher" --data-dir "$data/vault" >"$log" 2>&1 &
  app_pgid=$!
  for _ in $(seq 1 90); do
    # only a mapped window counts: JavaFX makes a hidden 10x10 helper window with the same
    # title before the stage is shown
    wid="$(xdotool search --onlyvisible --name '^Patientenversand' 2>/dev/null | head -1 || true)"
    [ -n "$wid" ] && break
    kill -0 "$app_pgid" 2>/dev/null || fail "the app exited before showing a window (log: $log)"
    sleep 1
  done
  [ -n "$wid" ] || fail "no window titled Patientenversand… within 90 s (log: $log)"
  sleep 3   # let the first frame paint
  local size
  size="$(xwininfo -id "$wid" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w "x" h}')"
  ok "window \"$(xdotool getwindowname "$wid")\" is shown ($size)"
  /usr/bin/import -display "$DISPLAY" -window root "$shot"
  ok "screenshot $shot"
  # GTK may set the icon property a moment after the window is mapped: look for up to 10 s
  local icon=""
  for _ in $(seq 1 20); do
    if xprop -id "$wid" _NET_WM_ICON 2>/dev/null | grep -q '^_NET_WM_ICON(CARDINAL) = '; then icon=yes; break; fi
    sleep 0.5
  done
  [ -n "$icon" ] || fail "the window carries no icon (_NET_WM_ICON) within 10 s"
  ok "the window carries the app icon (_NET_WM_ICON)"
  # one app per vault: a second start hands over to the running one and ends
  local second windows
  second="$(timeout 30 "$launcher" --data-dir "$data/vault" 2>/dev/null)" || fail "the second start did not end cleanly"
  [[ "$second" == *"läuft bereits"* || "$second" == *"already running"* ]] || fail "the second start said '$second'"
  windows="$(xdotool search --onlyvisible --name '^Patientenversand' 2>/dev/null | wc -l)"
  [ "$windows" = 1 ] || fail "after a second start $windows windows are shown"
  ok "a second start brings the running window to the front: \"$second\""
  kill -TERM -- "-$app_pgid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$app_pgid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$app_pgid" 2>/dev/null || true
  app_pgid=""
  rm -rf "$data"; data=""
}

case "$mode" in
  app-image)
    image="${args[0]:-target/installer/Patientenversand}"
    launcher="$image/bin/Patientenversand"
    [ -x "$launcher" ] || fail "no launcher at $launcher (build with mvn -P installer -DskipTests package)"
    echo "app image: $image ($(du -sh "$image" | cut -f1))"
    check_cli "$launcher"
    check_serve "$launcher"
    if ! $cli_only; then start_xvfb; check_window "$launcher" "$out/app-image.png"; fi
    ;;
  deb)
    need dpkg dpkg
    [ "$(id -u)" = 0 ] || fail "deb mode installs a package: run as root"
    deb="${args[0]:-$(ls target/installer/patientenversand_*.deb 2>/dev/null | head -1)}"
    [ -f "$deb" ] || fail "no .deb found (build with mvn -P installer -DskipTests package)"
    echo "package: $deb ($(du -h "$deb" | cut -f1))"
    # A machine without a desktop menu (no /usr/share/desktop-directories, like a server or this
    # CI container) skips the menu registration. To test it anyway, the folder is made for the
    # test and removed again afterwards.
    made_menu_dir=""
    if [ ! -d /usr/share/desktop-directories ]; then
      mkdir /usr/share/desktop-directories; made_menu_dir=yes
    fi
    drop_menu_dir() { if [ -n "$made_menu_dir" ]; then rmdir /usr/share/desktop-directories 2>/dev/null || true; made_menu_dir=""; fi; }
    # JavaFX needs GTK 3, which jpackage cannot find by itself: the package must ask for it, so
    # that apt brings it along on a computer without it
    dpkg-deb -f "$deb" Depends | grep -q 'libgtk-3-0' || fail "the package does not depend on GTK 3 (libgtk-3-0)"
    ok "the package depends on GTK 3: $(dpkg-deb -f "$deb" Depends | grep -o 'libgtk-3-0[^,]*')"
    dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb failed"
    trap 'dpkg -r patientenversand >/dev/null 2>&1 || true; drop_menu_dir; cleanup' EXIT
    ok "installed with dpkg -i"
    launcher=/opt/patientenversand/bin/Patientenversand
    [ -x "$launcher" ] || fail "no launcher at $launcher"
    desktop="$(dpkg -L patientenversand | grep '\.desktop$' | head -1)"
    [ -n "$desktop" ] || fail "the package has no menu entry (.desktop file)"
    grep -q '^Categories=.*Office' "$desktop" || fail "menu entry $desktop is not in the Office category"
    icon="$(sed -n 's/^Icon=//p' "$desktop")"
    [ -f "$icon" ] || fail "menu entry's icon $icon is missing"
    ok "menu entry $desktop (icon $icon)"
    if command -v desktop-file-validate >/dev/null; then
      desktop-file-validate "$desktop" | grep -v ': hint: ' | grep . && fail "menu entry does not validate"
      ok "menu entry validates (desktop-file-validate)"
    fi
    registered=/usr/share/applications/patientenversand-Patientenversand.desktop
    [ -f "$registered" ] || fail "the menu entry was not registered ($registered missing)"
    ok "menu entry registered: $registered"
    [ -L /usr/bin/patientenversand ] || fail "no command /usr/bin/patientenversand"
    ok "command /usr/bin/patientenversand -> $(readlink /usr/bin/patientenversand)"
    check_cli "$launcher"
    check_serve "$launcher"
    if ! $cli_only; then start_xvfb; check_window "$launcher" "$out/deb-installed.png"; fi
    dpkg -r patientenversand >/dev/null || fail "dpkg -r patientenversand failed"
    [ ! -e /opt/patientenversand ] || fail "/opt/patientenversand is still there after dpkg -r"
    [ ! -L /usr/bin/patientenversand ] || fail "/usr/bin/patientenversand is still there after dpkg -r"
    [ ! -e "$registered" ] || fail "the menu entry is still registered after dpkg -r"
    drop_menu_dir
    trap cleanup EXIT
    ok "removed with dpkg -r"
    ;;
  *) echo "usage: $0 app-image|deb [PATH] [--cli-only]" >&2; exit 2 ;;
esac
echo "SMOKE OK ($mode)"
