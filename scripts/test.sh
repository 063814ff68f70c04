#!/usr/bin/env bash
# Install what the tests need (Debian packages when run as root, the Python packages into
# .venv) and run the whole suite: ruff, then pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-packages.sh
# python3 -m venv, pdftotext, and what Qt needs offscreen
ensure_debian_packages python3-venv poppler-utils libegl1 libgl1 libxkbcommon0 \
    libfontconfig1 libdbus-1-3 libglib2.0-0
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[test]"
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
