#!/usr/bin/env bash
# Mutation score of the rules that decide levels and refuse bundles (mutmut 2.5.1, default
# operators), each module against its own tests. Not part of CI: about 45 minutes on two
# cores. Run from the project folder: bash scripts/mutation.sh [module ...]
#
# Prints: module | mutants | killed | survived | timeout | score. A survivor is counted against
# the score unless it is listed below as equivalent (it cannot change behaviour).
#
# Equivalent mutants (reviewed by hand, left as survivors in the raw score):
# - scoring.py, numerals.py, verify.py: mutations of Thai message text ("XX" + text + "XX")
#   change what the clerk reads, not what is decided; the tests assert the refusing check's
#   phrase, not every character of every message.
# - verify.py `Sha256(threaded=limit > CHUNK)` → `>=`: threading is a speed choice, the hash
#   is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m pip show mutmut >/dev/null 2>&1 || "$PY" -m pip install --quiet "mutmut==2.5.1"
declare -A TESTS=(
    [itadesk/domain/scoring.py]="tests/core/test_scoring.py tests/core/test_rules.py"
    [itadesk/domain/numerals.py]="tests/core/test_numerals_dates.py tests/core/test_rules.py"
    [itadesk/domain/dates.py]="tests/core/test_numerals_dates.py tests/core/test_rules.py"
    [itadesk/bundle/verify.py]="tests/bundle/test_verify_refusals.py tests/bundle/test_untrusted.py"
    [itadesk/services/measures.py]="tests/core/test_services.py"
    [itadesk/bundle/merge.py]="tests/bundle/test_round_trip.py tests/bundle/test_safety.py"
)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(itadesk/domain/scoring.py itadesk/domain/numerals.py
    itadesk/domain/dates.py itadesk/bundle/verify.py itadesk/services/measures.py
    itadesk/bundle/merge.py)
export QT_QPA_PLATFORM=offscreen
printf '%-30s %8s %7s %9s %8s %7s\n' module mutants killed survived timeout score
for module in "${modules[@]}"; do
    rm -f .mutmut-cache
    "$PY" -m mutmut run --paths-to-mutate "$module" --tests-dir tests \
        --runner "$PY -m pytest -x -q -p no:cacheprovider ${TESTS[$module]}" \
        > "mutmut-$(basename "$module" .py).log" 2>&1 || true
    "$PY" - "$module" <<'PYEOF'
import sqlite3, sys
rows = sqlite3.connect(".mutmut-cache").execute(
    "select status, count(*) from Mutant group by status").fetchall()
n = dict(rows)
total = sum(n.values())
killed = n.get("ok_killed", 0) + n.get("ok_suspicious", 0)
score = 100 * killed / total if total else 0
print(f"{sys.argv[1].removeprefix('itadesk/'):30} {total:8} {killed:7} "
      f"{n.get('bad_survived', 0):9} {n.get('bad_timeout', 0):8} {score:6.1f}%")
PYEOF
    "$PY" -m mutmut show all > "mutmut-$(basename "$module" .py).txt" 2>&1 || true
done
rm -f .mutmut-cache
