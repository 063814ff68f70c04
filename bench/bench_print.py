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


def children_cpu() -> float:
    """CPU seconds used by finished child processes (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        cold, cold_cpu = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            before = children_cpu()
            subprocess.run(command, check=True, capture_output=True)
            cold.append(time.perf_counter() - start)
            cold_cpu.append(children_cpu() - before)
        db = open_database(data, backup_on_open=False)
        build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions())  # load fonts, words
        warm, warm_cpu = [], []
        for _ in range(RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            pdf = build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions())
            warm.append(time.perf_counter() - start)
            warm_cpu.append(time.process_time() - cpu)
        build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions(), "docx")  # imports
        word, word_cpu = [], []
        for _ in range(RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            docx = build_document(db, "memo-progress", PLAN_YEAR, 6, PrintOptions(), "docx")
            word.append(time.perf_counter() - start)
            word_cpu.append(time.process_time() - cpu)
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        print(f"memo + 40-measure progress table: {len(pdf) // 1024} KB, ~{pages} pages")
        print(f"cold (new process, itadesk print): median {statistics.median(cold):.2f} s "
              f"(min {min(cold):.2f}, max {max(cold):.2f}) — target < 2 s")  # fmt: skip
        print(f"warm (in process, build_document): median {statistics.median(warm):.3f} s "
              f"(min {min(warm):.3f}, max {max(warm):.3f}) — target < 0.5 s")  # fmt: skip
        print(f"CPU time (independent of other load): cold {statistics.median(cold_cpu):.2f} s, "
              f"warm PDF {statistics.median(warm_cpu):.3f} s, "
              f"warm DOCX {statistics.median(word_cpu):.3f} s")  # fmt: skip
        print(f"DOCX warm (in process): median {statistics.median(word):.3f} s "
              f"(min {min(word):.3f}, max {max(word):.3f}) — target < 0.3 s; "
              f"{len(docx) // 1024} KB")  # fmt: skip


if __name__ == "__main__":
    main()
