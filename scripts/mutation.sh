#!/usr/bin/env bash
# Mutation score of the rules that decide levels and refuse bundles (mutmut 2.5.1, default
# operators), each module against its own tests. Not part of CI: it runs each module's tests
# once per mutant. Run from the project folder, alone (mutmut edits the module in place):
#   PYTHON=/work/venv/bin/python [AGAIN=1] bash scripts/mutation.sh [itadesk/domain/scoring.py ...]
#
# Prints: module | mutants | killed | survived | timeout | score | score without the
# equivalent mutants listed below. Every other survivor, message text included, counts
# against the score. mutmut-NAME.txt keeps the diff of every survivor.
#
# What makes a run cheap. Before, one module took about 40 minutes: every mutant started a
# fresh pytest that loaded pytest-qt and hypothesis's plugin, tests/conftest.py (Qt,
# SQLAlchemy, Alembic) and ran 100 hypothesis examples per property test. Now (CPU seconds per
# run of scoring.py's tests, measured on the shared 2-core machine):
# - pytest without entry-point plugins (PYTEST_DISABLE_PLUGIN_AUTOLOAD) and, for the pure
#   domain modules, without conftest.py: 3.4 s -> 1.2 s;
# - scripts/mutation_fork.py imports pytest, hypothesis, SQLAlchemy, Alembic and Qt once and
#   forks a child per mutant (the child imports the project, mutant included, afresh):
#   1.2 s -> 0.7 s; a bundle module's run saves the same 0.5-1 s;
# - property tests try 10 derandomized examples (tests/mutation_plugin.py): the same
#   examples for every mutant, so two runs give the same score;
# - `-x`, edge tests first: a killed mutant stops at its first failing test;
# - verify.py: the valid bundle its tests break is built once by the unmutated code
#   (ITADESK_GOOD_BUNDLE, 2-3 s per mutant), and the byte-flip sweep (fuzzing, 5 s) is left out.
# Each mutant's .pyc is removed before its run (two same-size mutants written within one
# second would otherwise share bytecode). mutmut 2.5.1 counts only exit code 1 as a kill; the
# client says 1 for any failure, so a mutant that breaks an import (pytest's 2) is killed.
# Everything runs under nice -n 19.
#
# Last figures (3 December 2026, mutmut 2.5.1, the shared 2-core machine under load, nice 19):
#   module        mutants  killed  survived  timeout   score   without the listed equivalents
#   scoring.py        214     211         3        0   98.6%  100.0% (3 listed)
#   numerals.py        62      62         0        0  100.0%  100.0%
#   dates.py           93      93         0        0  100.0%  100.0%
#   verify.py         219     215         4        0   98.2%  100.0% (4 listed)
#   measures.py       142     133         9        0   93.7%  100.0% (9 listed)
#   merge.py          409     392        17        0   95.8%  100.0% (17 listed)
# (issue 19 measured before: scoring 63.7 %, numerals 65.3 %, dates 95.6 %, verify 64.2 %.)
# scoring, numerals, dates and verify: one full run each. measures: a full run, then its
# survivors run again (AGAIN=1) after the tests written for them. A full run took 16-17
# minutes for scoring (214 mutants) and for verify (219); before, verify did 6 mutants in 8.
# merge: full runs against tests/bundle/test_merge_rules.py (3 s a run where the round trips
# took 17 s): 12 minutes for 409 mutants. (A first run stopped at mutant 314 of 445 with
# "Attribute Mutant.line is required", at the first of two identical lines with mutants, the
# duplicate note in _update and _add; mutmut 2.5.1 keys its cache by line text. That line is
# one method now, and no two lines of merge.py with mutants are alike.)
#
# Equivalent mutants (reviewed by hand; each cannot change what the program does). Format, read
# by this script: `#   FILE: `original line` -> `mutated line`: reason`; each line excuses one survivor.
#   verify.py: `digest = Sha256(threaded=limit > CHUNK)` -> `digest = Sha256(threaded=limit >= CHUNK)`: threading is a speed choice, the hash is the same.
#   verify.py: `raise _fail(f"รายการ «{info.filename}» มีข้อมูลมากกว่าที่ระบุไว้")` -> `raise _fail(f"XXรายการ «{info.filename}» มีข้อมูลมากกว่าที่ระบุไว้XX")`: unreachable with CPython's zipfile (it never yields more than the central directory's size, and a size over the entry's limit is refused before): a guard kept in case it ever does.
#   verify.py: `ok = False` -> `ok = None`: both false for the `if not ok` that follows.
#   verify.py: `tables: dict[str, list[dict[str, Any]]] = {}` -> `tables: dict[str, list[dict[str, Any]]] = None`: data.json is always read (the export's read-back names only stored evidence), so the start value is always replaced.
#   measures.py: `key = "" if run_on else measure.group` -> `key = "XXXX" if run_on else measure.group`: any one key counts on across groups.
#   measures.py: `measure = Measure(fiscal_year=fiscal, title="", catalogue_id=catalogue_id)` -> `measure = Measure(fiscal_year=fiscal, title="XXXX", catalogue_id=catalogue_id)`: _apply sets the title before any flush; the start value only keeps a pending row valid.
#   measures.py: `m.sort_order += 1` -> `m.sort_order += 2`: in add_measure, where _renumber numbers the year 0, 1, 2… right after.
#   measures.py: `m.sort_order += 1` -> `m.sort_order += 2`: in restore_measure, the measures after the restored one keep their order, with a gap.
#   measures.py: `fiscal = year_row(session, deleted.year, create=True)` -> `fiscal = year_row(session, deleted.year, create=False)`: the year of a deleted measure is still there (nothing deletes a year's row).
#   measures.py: `if data.period_start and data.period_end:` -> `if data.period_start or data.period_end:`: a stored measure has both ends or neither (every save validates it).
#   measures.py: `fiscal_year=target, title="", sort_order=start + index,` -> `fiscal_year=target, title="XXXX", sort_order=start + index,`: as for add_measure, _apply sets the title.
#   measures.py: `target = max(0, min(len(listed) - 1, index + offset))` -> `target = max(0, min(len(listed) + 1, index + offset))`: list.insert past the end appends, as at the last place.
#   measures.py: `copy = Measure(fiscal_year=source.fiscal_year, title="")` -> `copy = Measure(fiscal_year=source.fiscal_year, title="XXXX")`: as for add_measure, _apply sets the title.
#   scoring.py: `for place, (indicator, typed) in enumerate(zip(scheme.indicators, result.scores, strict=True)):` -> `for place, (indicator, typed) in enumerate(zip(scheme.indicators, result.scores, strict=False)):`: assess() has checked there are as many scores as indicators; strict only asserts it.
#   scoring.py: `values = [s for ind, s in zip(scheme.indicators, scores, strict=True) if ind.tool == tool]` -> `values = [s for ind, s in zip(scheme.indicators, scores, strict=False) if ind.tool == tool]`: same (tool_means is only called with checked scores).
#   scoring.py: `ranked = sorted(zip(scheme.indicators, checked, strict=True), key=lambda pair: pair[1])` -> `ranked = sorted(zip(scheme.indicators, checked, strict=False), key=lambda pair: pair[1])`: same.
#   merge.py: `Ref = Any  # a local id (int) or ("new", table, uuid) for a row this import adds` -> `Ref = None  # a local id (int) or ("new", table, uuid) for a row this import adds`: a type alias, read only in annotations.
#   merge.py: `key_changed: bool = False` -> `key_changed: bool = True`: only additions take the default, and _execute reads key_changed for updates only.
#   merge.py: `key_changed: bool = False` -> `key_changed: bool = None`: same.
#   merge.py: `decisions: list[_Decision] = field(repr=False)` -> `decisions: list[_Decision] = field(repr=True)`: changes only the plan's repr.
#   merge.py: `decisions: list[_Decision] = field(repr=False)` -> `decisions: list[_Decision] = None`: _plan always passes the decisions.
#   merge.py: `by_year: dict[int | None, Section] = {}` -> `by_year: dict[int & None, Section] = {}`: a local variable's annotation is never evaluated.
#   merge.py: `self.unchanged: dict[int | None, int] = defaultdict(int)` -> `self.unchanged: dict[int & None, int] = defaultdict(int)`: an attribute's annotation inside a method is never evaluated.
#   merge.py: `found: tuple[str, dict[str, Any]] | None = (name, row)` -> `found: tuple[str, dict[str, Any]] & None = (name, row)`: a local variable's annotation is never evaluated.
#   merge.py: `continue` -> `break`: in _Planner._table's match by natural key, where a row lacks a key's column: no table has two natural keys (data.natural_keys), so nothing follows the first.
#   merge.py: `break` -> `continue`: in _Planner._table, after a match by natural key: same, no second key to try.
#   merge.py: `continue` -> `break`: in _Planner._add, where a row lacks a key's column: same.
#   merge.py: `self._note(KEPT, name, local, True, reason=OTHER_OFFICE)` -> `self._note(KEPT, name, local, False, reason=OTHER_OFFICE)`: the office has no parent: its label and year come from its own row either way.
#   merge.py: `raise AssertionError("a singleton row is always matched")` -> `raise AssertionError("XXa singleton row is always matchedXX")`: unreachable (verify refuses a second office row; the first is always matched): a guard.
#   merge.py: `raise AssertionError(f"{tbl.name} {decision.local_id} vanished")` -> `raise AssertionError(f"XX{tbl.name} {decision.local_id} vanishedXX")`: unreachable (the row was read in the same transaction, under the write lock): a guard.
#   merge.py: `Path(tmp.name).unlink(missing_ok=True)` -> `Path(tmp.name).unlink(missing_ok=False)`: when reading the entry fails: the temporary file NamedTemporaryFile made just before is there.
#   merge.py: `Path(tmp.name).unlink(missing_ok=True)` -> `Path(tmp.name).unlink(missing_ok=False)`: when the copy's checksum differs: same.
#   merge.py: `replace_file(Path(tmp.name), target, keep_existing=True)` -> `replace_file(Path(tmp.name), target, keep_existing=False)`: the target was found absent just before, and evidence is stored by its SHA-256: the same bytes either way.
# mutmut 2.5.1 sometimes counts one mutant more than it can apply (an empty diff, left
# "untested" after a complete run): it is left out of the total and printed apart.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m pip show mutmut >/dev/null 2>&1 || "$PY" -m pip install --quiet "mutmut==2.5.1"
declare -A TESTS=(
    [itadesk/domain/scoring.py]="tests/core/test_rules.py tests/core/test_scoring.py"
    [itadesk/domain/numerals.py]="tests/core/test_rules.py tests/core/test_numerals_dates.py"
    [itadesk/domain/dates.py]="tests/core/test_rules.py tests/core/test_numerals_dates.py"
    # without the byte-flip sweep (5 s, fuzzing): the refusals are pinned one by one
    [itadesk/bundle/verify.py]="tests/bundle/test_verify_refusals.py tests/bundle/test_untrusted.py
        --deselect tests/bundle/test_untrusted.py::test_every_flipped_byte_is_refused_or_harmless"
    [itadesk/services/measures.py]="tests/core/test_measures.py tests/core/test_services.py"
    # the merge rules one by one on small databases (3 s); the round trips and the refused
    # bundles of test_round_trip.py and test_safety.py took 17 s per mutant
    [itadesk/bundle/merge.py]="tests/bundle/test_merge_rules.py"
)
# pure domain modules: their tests need no conftest (no Qt, no database)
declare -A PURE=([itadesk/domain/scoring.py]=1 [itadesk/domain/numerals.py]=1
    [itadesk/domain/dates.py]=1)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(itadesk/domain/scoring.py itadesk/domain/numerals.py
    itadesk/domain/dates.py itadesk/bundle/verify.py itadesk/services/measures.py
    itadesk/bundle/merge.py)
export QT_QPA_PLATFORM=offscreen PYTEST_DISABLE_PLUGIN_AUTOLOAD=1
export PYTHONPATH=$PWD
SOCKET=$(mktemp -u /tmp/mutation-XXXXXX.sock)
printf '%-22s %8s %7s %9s %8s %7s %12s\n' module mutants killed survived timeout score \
    "score w/o eq"
for module in "${modules[@]}"; do
    name=$(basename "$module" .py)
    options="-x -q -p no:cacheprovider -p tests.mutation_plugin"
    preload="pytest hypothesis tests.mutation_plugin babel.dates"
    if [ -n "${PURE[$module]:-}" ]; then
        options="$options --noconftest -o filterwarnings=default"
    else
        preload="$preload sqlalchemy alembic PySide6.QtWidgets itadesk.db.database itadesk.ui.compat"
    fi
    rm -f .mutmut-cache "$SOCKET"
    if [ -z "${PURE[$module]:-}" ]; then  # the bundle the verify tests break, built unmutated
        export ITADESK_GOOD_BUNDLE=$PWD/mutmut-good.zip
        rm -rf mutmut-good && mkdir mutmut-good
        "$PY" -c "import sys; from pathlib import Path; from tests.bundle.conftest import \
build_good_bundle; build_good_bundle(Path(sys.argv[1])).replace(sys.argv[2])" \
            mutmut-good "$ITADESK_GOOD_BUNDLE"
        rm -rf mutmut-good
    fi
    # AGAIN=1: keep the last run's results and test only its survivors (a killed mutant stays
    # killed while the module's line is unchanged); the final figures come from a full run
    [ -z "${AGAIN:-}" ] || [ ! -f "mutmut-$name.cache" ] || cp "mutmut-$name.cache" .mutmut-cache
    mod=${module%.py}
    nice -n 19 "$PY" scripts/mutation_fork.py serve "$SOCKET" "${mod//\//.}" $preload &
    server=$!
    while [ ! -S "$SOCKET" ]; do kill -0 $server; sleep 1; done
    nice -n 19 "$PY" -m mutmut run --paths-to-mutate "$module" --tests-dir tests \
        --runner "$PY -S scripts/mutation_fork.py run $SOCKET $options ${TESTS[$module]}" \
        > "mutmut-$name.log" 2>&1 || true
    "$PY" -S scripts/mutation_fork.py stop "$SOCKET"
    wait $server
    cp .mutmut-cache "mutmut-$name.cache"
    "$PY" -m mutmut show all > "mutmut-$name.txt" 2>&1 || true
    "$PY" - "$module" "mutmut-$name.txt" "$0" <<'PYEOF'
import re
import sqlite3
import sys
from collections import Counter

module, shown, script = sys.argv[1:]
name = module.rsplit("/", 1)[-1]
rows = sqlite3.connect(".mutmut-cache").execute(
    "select status, count(*) from Mutant group by status").fetchall()
n = dict(rows)
untested = n.pop("untested", 0) + n.pop("skipped", 0)
total = sum(n.values())
killed = n.get("ok_killed", 0) + n.get("ok_suspicious", 0)
# each listed line excuses one survivor (the same change may be listed once per place)
listed = Counter(
    (m[2], m[3])
    for m in re.finditer(r"^#   (\S+\.py): `(.*)` -> `(.*)`: .*$", open(script).read(), re.M)
    if m[1] == name
)
# each survivor in `mutmut show all` is a unified diff: one "-" line, one "+" line
text = open(shown).read().partition("Survived")[2].partition("Untested")[0]
survivors = re.findall(r"^-(?!--)(.*)\n\+(?!\+\+)(.*)$", text, re.M)
equivalent = 0
for old, new in survivors:
    if listed[old.strip(), new.strip()] > 0:
        listed[old.strip(), new.strip()] -= 1
        equivalent += 1
score = 100 * killed / total if total else 0
net = 100 * killed / (total - equivalent) if total > equivalent else 0
print(f"{name:22} {total:8} {killed:7} {n.get('bad_survived', 0):9} "
      f"{n.get('bad_timeout', 0):8} {score:6.1f}% {net:6.1f}% ({equivalent} eq"
      + (f", {untested} not applied)" if untested else ")"))
PYEOF
done
rm -f .mutmut-cache "$SOCKET" mutmut-good.zip
