#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing and we are root.
# Prints plainly what it installs; as a normal user it prints the apt-get line to run.
set -euo pipefail
PACKAGES=(
  ffmpeg                    # real encoder and ffprobe for the streaming tests
  nginx libnginx-mod-rtmp   # a real RTMP server on 127.0.0.1
  chromium                  # the exported package in a real browser (Playwright drives it)
  fonts-noto-cjk            # Chinese text in the GUI, PDF labels and video overlays
  sqlite3                   # the tests check the project with the standard sqlite3 tool
  libturbojpeg0             # TurboJPEG: panoramas decode to Y/Cb/Cr planes, halving the tiler's work
  poppler-utils             # pdffonts/pdftotext/pdftoppm check the printed gallery kit
  libcairo2                 # cairosvg renders QR SVGs so the tests can decode them
  libegl1 libgl1 libfontconfig1   # Qt offscreen; VTK renders model pictures through EGL libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  xvfb xauth                # an X server for the studio's 3D pane (pyvistaqt needs OpenGL on a display)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}"
  echo "install them with: sudo apt-get install ${missing[*]}"
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
