"""Benchmark: export the demo office with 200 MB of evidence, next to a plain copy.

    .venv/bin/python bench/bench_bundle.py [--mb 200] [--runs 5] [--target DIR] [--with-pdf]

Both write into the same target folder (a stick's mount point with --target) and end with
fsync; the export also reads the whole bundle back from the target and checks every SHA-256
(a second baseline does the same after the plain copy: what a careful clerk would do; the
issue's target is half of its speed). A third baseline only reads the copy back, unhashed:
what reading back costs here, before any checksum. The runs alternate ``--runs`` times after a
``sync``, and the medians are compared: a shared machine's disk is noisy. PDFs are left out
unless --with-pdf (typesetting is not I/O).
"""

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
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


def read_back(files: list[Path], folder: Path, compare: bool = True) -> float:
    """What a careful clerk does after a copy: read each copy from the target, compare.

    Without ``compare`` the bytes are only read: the least that any check reading back
    from the target must cost.
    """
    start = time.perf_counter()
    buffer = bytearray(1 << 20)
    for path in files:
        with open(folder / path.name, "rb", buffering=0) as copy:
            if hasattr(os, "posix_fadvise"):
                os.posix_fadvise(copy.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            if not compare:
                while copy.readinto(buffer):
                    pass
            elif hashlib.file_digest(copy, "sha256").hexdigest() != SHA256[path]:
                raise SystemExit(f"copy of {path.name} differs")
    return time.perf_counter() - start


SHA256: dict[Path, str] = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--target", type=Path, help="target folder (default: a temp folder)")
    parser.add_argument("--runs", type=int, default=5)
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

            years = [PLAN_YEAR] if args.with_pdf else []
            copies, read_copies, checked_copies, exports, verifies, imports = [], [], [], [], [], []
            for path in files:
                with path.open("rb") as source:
                    SHA256[path] = hashlib.file_digest(source, "sha256").hexdigest()
            for _run in range(args.runs):
                copy_dir = target / "plain-copy"
                copy_dir.mkdir()
                os.sync()  # what was written or deleted before must not land in this run
                copies.append(plain_copy(files, copy_dir))
                checked_copies.append(copies[-1] + read_back(files, copy_dir))
                shutil.rmtree(copy_dir)
                copy_dir.mkdir()
                os.sync()
                read_copies.append(plain_copy(files, copy_dir))
                read_copies[-1] += read_back(files, copy_dir, compare=False)
                shutil.rmtree(copy_dir)
                os.sync()
                result = export_bundle(db, target, years=years)
                exports.append(result.seconds)
                start = time.perf_counter()
                verify_bundle(result.path)
                verifies.append(time.perf_counter() - start)
                imports.append(import_into_empty(result.path, root / f"import-{_run}"))
                result.path.unlink()
        finally:
            db.close()
    print(f"evidence: {len(files)} files, {mb:,.1f} MB (random, incompressible), {args.runs} runs")
    copy = report("plain copy + fsync", copies, mb)
    floor = report("plain copy, then read (no hash)", read_copies, mb)
    checked = report("plain copy, then read back", checked_copies, mb)
    export = report("bundle export (write+verify)", exports, mb)
    print(f"export / plain copy read back: {checked / export:.0%} of the speed (target >= 50%)")
    print(f"export / plain copy: {copy / export:.0%} of the speed")
    print(f"plain copy, then read / plain copy: {copy / floor:.0%} of the speed")
    report("bundle verify alone", verifies, mb)
    report("import (verify, copy, merge)", imports, mb)
    return 0


def import_into_empty(bundle: Path, folder: Path) -> float:
    """Verify and merge a bundle into a new data folder (evidence copied, fsynced)."""
    other = open_database(folder, backup_on_open=False)
    try:
        start = time.perf_counter()
        import_bundle(other, verify_bundle(bundle))
        seconds = time.perf_counter() - start
    finally:
        other.close()
    shutil.rmtree(folder)
    return seconds


def report(what: str, seconds: list[float], mb: float) -> float:
    """Print the median and the spread; return the median."""
    median = statistics.median(seconds)
    spread = f"{min(seconds):.2f}-{max(seconds):.2f}"
    print(f"{what:32} {median:6.2f} s  {mb / median:8.1f} MB/s  (runs {spread} s)")
    return median


if __name__ == "__main__":
    raise SystemExit(main())
