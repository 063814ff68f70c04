"""Benchmark: export the demo office with 200 MB of evidence, next to a plain copy.

    .venv/bin/python bench/bench_bundle.py [--mb 200] [--target DIR] [--with-pdf]

Both runs write into the same target folder (a stick's mount point with --target) and end
with fsync; the export also reads the whole bundle back and checks every SHA-256. PDFs are
left out unless --with-pdf (their typesetting is not I/O).
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from itadesk.bundle import export_bundle, verify_bundle
from itadesk.db.database import open_database
from itadesk.services import measures, progress
from itadesk.services.demo import PLAN_YEAR, fill_demo

SUFFIXES = (".jpg", ".pdf", ".png", ".zip", ".bin")


def make_evidence(folder: Path, total_mb: int) -> list[Path]:
    """Random (incompressible) files, 4 to 36 MB, with the usual evidence suffixes."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes, left, step = [], total_mb * 1024 * 1024, 0
    while left > 0:
        size = min(left, (4 + (step * 8) % 33) * 1024 * 1024)
        sizes.append(size)
        left -= size
        step += 1
    files = []
    for index, size in enumerate(sizes):
        path = folder / f"หลักฐาน-{index:02d}{SUFFIXES[index % len(SUFFIXES)]}"
        with path.open("wb") as out:
            written = 0
            while written < size:
                chunk = os.urandom(min(4 << 20, size - written))
                out.write(chunk)
                written += len(chunk)
        files.append(path)
    return files


def plain_copy(files: list[Path], target: Path) -> float:
    start = time.perf_counter()
    for path in files:
        copied = shutil.copy(path, target / path.name)
        with open(copied, "rb+") as handle:
            os.fsync(handle.fileno())
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(target, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--target", type=Path, help="target folder (default: a temp folder)")
    parser.add_argument("--with-pdf", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="itadesk-bench-") as folder:
        root = Path(folder)
        target = args.target or root / "target"
        target.mkdir(parents=True, exist_ok=True)
        db = open_database(root / "data", backup_on_open=False)
        try:
            fill_demo(db)
            files = make_evidence(root / "source", args.mb)
            listed = measures.list_measures(db, PLAN_YEAR)
            for index, path in enumerate(files):
                progress.attach_file(db, listed[index % len(listed)].id, 12, path)
            size = sum(p.stat().st_size for p in files)
            mb = size / 1024**2

            copy_dir = target / "plain-copy"
            copy_dir.mkdir()
            copy_seconds = plain_copy(files, copy_dir)
            shutil.rmtree(copy_dir)

            years = [PLAN_YEAR] if args.with_pdf else []
            result = export_bundle(db, target, years=years)
            start = time.perf_counter()
            verify_bundle(result.path)
            verify_seconds = time.perf_counter() - start
            result.path.unlink()
        finally:
            db.close()
    export_rate, copy_rate = mb / result.seconds, mb / copy_seconds
    print(f"evidence: {len(files)} files, {mb:,.1f} MB (random, incompressible)")
    print(f"plain copy + fsync:           {copy_seconds:6.2f} s  {copy_rate:8.1f} MB/s")
    print(
        f"bundle export (write+verify): {result.seconds:6.2f} s  {export_rate:8.1f} MB/s"
        f"  = {export_rate / copy_rate:.0%} of the plain copy (target >= 50%)"
    )
    print(f"bundle verify alone:          {verify_seconds:6.2f} s  {mb / verify_seconds:8.1f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
