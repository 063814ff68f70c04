"""What a clerk's Windows PC does differently, simulated on Linux (issue #16)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.test_cli import REFERENCE

ROOT = Path(__file__).resolve().parents[2]


def run_cli(args, encoding, cwd):
    """``python -m itadesk ARGS > file`` as on a Windows PC whose code page is ``encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "itadesk", *args], capture_output=True, env=env, cwd=cwd,
        timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("encoding", ["cp874", "cp1252"])
def test_redirected_output_is_utf8_in_any_code_page(encoding, tmp_path):
    score = run_cli(["score", "--year", "2566", "--scores", REFERENCE], encoding, tmp_path)
    assert score.returncode == 0, score.stderr.decode("utf-8", "replace")
    assert "คะแนนภาพรวม 96.98 ระดับ ผ่านดี" in score.stdout.decode("utf-8")
    refused = run_cli(["print", "memo-measures", "--year", "2569", "-o", "บันทึก.txt"], encoding,
                      tmp_path)  # fmt: skip
    assert refused.returncode == 2, refused.stderr.decode("utf-8", "replace")
    assert refused.stderr.decode("utf-8").strip() == (
        "«บันทึก.txt» ไม่ใช่ชื่อไฟล์ PDF: ชื่อไฟล์ปลายทางต้องลงท้ายด้วย .pdf"
    )
