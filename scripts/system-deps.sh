#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qonys needs that this machine lacks.
# Called by `make run` and `make test`; safe to run again (it installs only what is missing).
set -euo pipefail

# Qt offscreen and under a real X server (FIELD-NOTES: without libxcb-cursor0 Qt aborts).
QT="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
    libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
    libpulse0 libva2 libva-drm2 libva-x11-2 libpipewire-0.3-0"
# Python venv, and tools the tests use to check our output independently.
TOOLS="python3-venv xvfb xauth poppler-utils zbar-tools libnss3-tools openssl unzip"
# The verifier page's tests drive Debian's Chromium headless (Playwright, no browser download).
BROWSER="chromium"
# Scanning (SANE test backend), passport font for synthetic MRZ images, the Department's PostgreSQL.
EXTRA="sane-utils libsane-dev fonts-ocr-b postgresql gcc python3-dev"

wanted="$QT $TOOLS $BROWSER $EXTRA ${QONYS_EXTRA_DEB:-}"
missing=()
for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
