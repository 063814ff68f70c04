#!/usr/bin/env bash
# Install what the tests need (Debian packages when run as root, the Python packages into
# .venv) and run the whole suite: ruff, then pytest (which also checks the import contracts of
# pyproject.toml: tests/core/test_layering.py). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/debian-packages.sh
# python3 -m venv, pdftotext, and what Qt needs offscreen
ensure_debian_packages python3-venv poppler-utils libegl1 libgl1 libxkbcommon0 \
    libfontconfig1 libdbus-1-3 libglib2.0-0
# LibreOffice opens the Word copies in a test (skipped with its reason where it cannot be had)
if ! command -v soffice >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends libreoffice-writer-nogui >/dev/null; } \
        || echo "libreoffice-writer-nogui not installed: its test is skipped" >&2
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[test]"
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
