"""The repository stands on its own: a clone anywhere runs its tests."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# a path that leaves the repository: the working notes' shared folder beside it
OUTSIDE = re.compile(r"""["'](?:\.\./)*shared\b|/work/shared|\.parents\[\d+\]\.parent\b""")


def test_no_test_reads_a_file_outside_the_repository():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) and path != Path(__file__)
    ]
    assert offenders == []
