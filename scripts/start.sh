#!/usr/bin/env bash
# Install ITADesk into .venv (first run only) and start it; an empty database gets the
# fictional demo office. Extra arguments go to itadesk (e.g. --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-packages.sh
# python3 -m venv, and what Qt's xcb platform plugin loads on a Linux desktop
ensure_debian_packages python3-venv libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 \
    libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 \
    libegl1 libgl1 libfontconfig1 libdbus-1-3
if [ ! -x .venv/bin/itadesk ]; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -e .
fi
.venv/bin/itadesk "$@" demo --if-empty
exec .venv/bin/itadesk "$@"
