"""Start-up time: process start to the main window shown over the demo office.

Runs ``python -m itadesk --data-dir DIR`` with ``ITADESK_BENCH_EXIT=1`` (the app quits as
soon as its window is shown) five times and prints the median wall time of the whole
process, and the median of the app's own report (seconds from process start to the window
shown, read from /proc on Linux; excludes the shutdown). Target: under 1.5 s.

    .venv/bin/python bench/bench_startup.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        subprocess.run(
            [sys.executable, "-m", "itadesk", "demo", "--data-dir", str(data)],
            check=True, capture_output=True,
        )  # fmt: skip
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ITADESK_BENCH_EXIT": "1"}
        env["XDG_CONFIG_HOME"] = str(Path(folder) / "config")  # fresh QSettings
        command = [sys.executable, "-m", "itadesk", "--data-dir", str(data)]
        subprocess.run(command, env=env, check=True, capture_output=True)  # warm the caches
        times: list[float] = []
        inner: list[str] = []
        for _ in range(RUNS):
            start = time.perf_counter()
            done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            inner.append(done.stdout.strip())
    print("whole runs: " + ", ".join(f"{t:.2f} s" for t in times))
    print(f"median whole run (start, show, quit): {statistics.median(times):.2f} s")
    shown = [float(line.split()[-2]) for line in inner if line.startswith("window shown after")]
    if shown:
        print(
            f"median process start to window shown: {statistics.median(shown):.2f} s "
            "(target < 1.5 s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
