#!/usr/bin/env bash
# Install ITADesk into .venv (first run only) and start it; an empty database gets the
# fictional demo office. Extra arguments go to itadesk (e.g. --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/itadesk ]; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -e .
fi
.venv/bin/itadesk "$@" demo --if-empty
exec .venv/bin/itadesk "$@"
