"""Faults found by an outside attack on the bundle and the commands around it (issue 15)."""

from pathlib import Path

import pytest

from itadesk.cli import main


@pytest.mark.parametrize("made", [False, True])  # a missing folder, an empty one
@pytest.mark.parametrize(
    "command",
    [
        ["print", "measures", "--year", "2569", "-o", "{tmp}/x.pdf"],
        ["bundle", "export", "-o", "{tmp}"],
        ["bundle", "import", "{bundle}", "--dry-run"],
    ],
)
def test_read_only_commands_create_no_database(tmp_path, good_bundle, capsys, command, made):
    data = tmp_path / "data"
    if made:
        data.mkdir()
    args = [a.format(tmp=tmp_path, bundle=good_bundle) for a in command]
    assert main(["--data-dir", str(data), *args]) == 2
    err = capsys.readouterr().err
    assert f"ไม่มีข้อมูลในโฟลเดอร์ {data}" in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in data.iterdir()) == [] if made else not data.exists()
    assert [p.name for p in Path(tmp_path).glob("*.zip")] == []
