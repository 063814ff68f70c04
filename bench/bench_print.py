"""Time a progress memo with a 40-measure table attached, cold (new process) and warm, as
PDF and as a Word file (DOCX).

Usage: python bench/bench_print.py   (prints the figures; targets: PDF warm < 0.5 s, cold
< 2 s; DOCX warm < 0.3 s)
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from itadesk.db.database import open_database
from itadesk.services import measures, progress
from itadesk.services.demo import PLAN_YEAR, fill_demo
from itadesk.services.documents import PrintOptions, build_document

RUNS = 5


def prepare(data: Path) -> None:
    db = open_database(data)
    fill_demo(db)
    existing = measures.list_measures(db, PLAN_YEAR)
    for index in range(40 - len(existing)):
        source = existing[index % len(existing)]
        copy = measures.duplicate_measure(db, source.id)
        progress.set_progress(
            db, copy.id, 6,
            progress.ProgressInput("done", evidence="ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน"),
        )  # fmt: skip
    assert len(measures.list_measures(db, PLAN_YEAR)) == 40
    db.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        prepare(data)
        out = Path(folder) / "memo.pdf"
        command = [
            sys.executable, "-m", "itadesk", "--data-dir", str(data), "print",
            "memo-progress", "--year", str(PLAN_YEAR), "--round", "6", "-o", str(out),
        ]  # fmt: skip
        cold = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            cold.append(time.perf_counter() - start)
        db = open_database(data, backup_on_open=False)
        build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions())  # load fonts, words
        warm = []
        for _ in range(RUNS):
            start = time.perf_counter()
            pdf = build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions())
            warm.append(time.perf_counter() - start)
        build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions(), "docx")  # imports
        word = []
        for _ in range(RUNS):
            start = time.perf_counter()
            docx = build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions(), "docx")
            word.append(time.perf_counter() - start)
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        print(f"memo + 40-measure progress table: {len(pdf) // 1024} KB, ~{pages} pages")
        print(f"cold (new process, itadesk print): median {statistics.median(cold):.2f} s "
              f"(min {min(cold):.2f}, max {max(cold):.2f}) — target < 2 s")  # fmt: skip
        print(f"warm (in process, build_document): median {statistics.median(warm):.3f} s "
              f"(min {min(warm):.3f}, max {max(warm):.3f}) — target < 0.5 s")  # fmt: skip
        print(f"DOCX warm (in process): median {statistics.median(word):.3f} s "
              f"(min {min(word):.3f}, max {max(word):.3f}) — target < 0.3 s; "
              f"{len(docx) // 1024} KB")  # fmt: skip


if __name__ == "__main__":
    main()
