#!/usr/bin/env bash
# Builds every icon file from the two SVG masters. Run it after changing an SVG and commit
# the results (the build does not run it, so a build machine needs none of these tools).
#
#   patientenversand.svg        master, used for 24 px and up
#   patientenversand-small.svg  simplified drawing for 16 px (every edge on the pixel grid)
#
# Needs Debian tools:  apt-get install librsvg2-bin imagemagick icnsutils
#   rsvg-convert  (librsvg2-bin)  SVG -> PNG
#   /usr/bin/convert (imagemagick) PNGs -> .ico, enlarged previews for docs/screenshots/
#   png2icns      (icnsutils)     PNGs -> .icns (macOS)
# ImageMagick is called by its full path on purpose: another `convert` may come first on PATH.
#
# Writes:
#   icons/png/patientenversand-<size>.png    16 24 32 48 64 128 256 512 1024
#   icons/patientenversand.png               512 px, the Linux installer icon (jpackage --icon)
#   icons/patientenversand.ico               Windows (16..256 in one file)
#   icons/patientenversand.icns              macOS (16..1024)
#   src/main/resources/icons/app-<size>.png  16 32 64 256: window and tray icons for the app
#   docs/screenshots/icon-<size>.png         16 32 256 enlarged (nearest neighbour) to look at
set -euo pipefail
cd "$(dirname "$0")"
IM=/usr/bin/convert
for tool in rsvg-convert "$IM" png2icns; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool (see the header of this script)" >&2; exit 1; }
done

mkdir -p png ../src/main/resources/icons ../docs/screenshots
for size in 16 24 32 48 64 128 256 512 1024; do
  src=patientenversand.svg
  [ "$size" -le 24 ] && src=patientenversand-small.svg
  rsvg-convert --width "$size" --height "$size" "$src" --output "png/patientenversand-$size.png"
done
cp png/patientenversand-512.png patientenversand.png

# Windows: one .ico with the sizes Explorer and the taskbar ask for.
"$IM" png/patientenversand-{16,24,32,48,64,128,256}.png patientenversand.ico

# macOS: png2icns knows 16, 32, 48, 128, 256, 512 and 1024.
png2icns patientenversand.icns png/patientenversand-{16,32,48,128,256,512,1024}.png >/dev/null

# The running app's window and tray icons.
for size in 16 32 64 256; do
  cp "png/patientenversand-$size.png" "../src/main/resources/icons/app-$size.png"
done

# Enlarged copies to judge the small sizes by eye (nearest neighbour keeps the pixels).
"$IM" png/patientenversand-16.png -filter point -resize 256x256 ../docs/screenshots/icon-16.png
"$IM" png/patientenversand-32.png -filter point -resize 256x256 ../docs/screenshots/icon-32.png
cp png/patientenversand-256.png ../docs/screenshots/icon-256.png
echo "icons written"
