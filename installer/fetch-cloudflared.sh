#!/usr/bin/env bash
# Optional packaging step: put a checksum-verified cloudflared beside the app's jar, so the
# installed app has the tunnel program without a download on the patient's computer.
#
#   installer/fetch-cloudflared.sh --platform linux-amd64 --out target/jpackage/input [--enabled true]
#   installer/fetch-cloudflared.sh --platform linux-amd64 --out DIR --file ./cloudflared-linux-amd64
#
# The Maven profile `installer` calls it with --enabled ${cloudflared.bundle}; it does nothing
# unless that is true (mvn -P installer -Dcloudflared.bundle=true -DskipTests package).
# Platforms: linux-amd64, linux-arm64, windows-amd64, darwin-arm64, darwin-amd64.
# The version and the SHA-256 of every asset are pinned in installer/cloudflared.sha256.
#
# Exit codes and what the build does:
#   0  bundled, or skipped (not enabled, or no internet): the build goes on; without a bundled
#      cloudflared the installed app downloads the pinned release itself when the patient turns
#      the connection on (DESIGN.md section 7).
#   3  refused: the download does not match the pinned SHA-256, or no SHA-256 is pinned for the
#      asset. The build stops; nothing is written to --out.
#   2  usage error.
# --file uses a file already downloaded (e.g. on a machine without internet) instead of curl;
# it is checked against the same pin. --pins F reads other pins (tests); the environment
# variable CLOUDFLARED_RELEASES_URL replaces the https release address (tests, mirrors; only
# https is accepted).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
pins="$here/cloudflared.sha256"
platform="" out="" enabled="true" file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) platform="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --enabled) enabled="$2"; shift 2 ;;
    --file) file="$2"; shift 2 ;;
    --pins) pins="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -n "$platform" ] && [ -n "$out" ] || { echo "usage: $0 --platform P --out DIR [--enabled true|false] [--file F]" >&2; exit 2; }
if [ "$enabled" != "true" ]; then
  echo "cloudflared: not bundled (enable with -Dcloudflared.bundle=true); the app downloads it when needed"
  exit 0
fi

case "$platform" in
  linux-amd64|linux-arm64) asset="cloudflared-$platform"; target="cloudflared" ;;
  windows-amd64) asset="cloudflared-$platform.exe"; target="cloudflared.exe" ;;
  darwin-arm64|darwin-amd64) asset="cloudflared-$platform.tgz"; target="cloudflared" ;;
  *) echo "unknown platform: $platform" >&2; exit 2 ;;
esac

version="$(awk '$1 == "version" { print $2 }' "$pins")"
expected="$(awk -v a="$asset" '$1 !~ /^#/ && $2 == a { print tolower($1) }' "$pins")"
if ! [[ "$expected" =~ ^[0-9a-f]{64}$ ]]; then
  echo "cloudflared: refused: no SHA-256 pinned for $asset in $pins" >&2
  exit 3
fi

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | awk '{ print $1 }'
  else shasum -a 256 "$1" | awk '{ print $1 }'; fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "$file" ]; then
  cp "$file" "$work/$asset"
else
  base="${CLOUDFLARED_RELEASES_URL:-https://github.com/cloudflare/cloudflared/releases/download}"
  url="$base/$version/$asset"
  if ! curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
       --connect-timeout 15 --max-time 300 --output "$work/$asset" "$url"; then
    echo "cloudflared: not bundled: no download from $url (no internet?); the app downloads it when needed"
    exit 0
  fi
fi

actual="$(sha256 "$work/$asset")"
if [ "$actual" != "$expected" ]; then
  echo "cloudflared: refused: SHA-256 of $asset is $actual, pinned is $expected" >&2
  exit 3
fi

if [[ "$asset" == *.tgz ]]; then
  tar -xzf "$work/$asset" -C "$work" cloudflared
  mv "$work/cloudflared" "$work/$target.bin"
else
  mv "$work/$asset" "$work/$target.bin"
fi
mkdir -p "$out"
chmod 0755 "$work/$target.bin"
mv "$work/$target.bin" "$out/$target"
echo "cloudflared: bundled $asset $version (SHA-256 checked) into $out/$target"
