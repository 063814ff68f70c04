"""Smoke test of the frozen one-folder build (Linux): build it once, then run the program.

The build (``installer/build.py``) takes one to two minutes. ``ITADESK_FROZEN_DIST=DIR`` makes
the test reuse the build in ``DIR/ITADesk`` when there is one (else it builds there), so that
a developer can rerun the checks without rebuilding; delete the folder to rebuild.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from itadesk import __version__

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke test runs on Linux"),
]

ROOT = Path(__file__).resolve().parents[1]
DIST_ENV = "ITADESK_FROZEN_DIST"
MB = 1_000_000
UNPACKED_LIMIT_MB = 250


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one-folder build: built once for this module (or reused, see the module doc)."""
    given = os.environ.get(DIST_ENV)
    dist = Path(given).resolve() if given else tmp_path_factory.mktemp("frozen")
    folder = dist / "ITADesk"
    if not (given and (folder / "itadesk-cli").is_file()):
        command = [
            sys.executable, str(ROOT / "installer" / "build.py"), "--no-installer",
            "--dist", str(dist), "--work", str(dist / "work"),
        ]  # fmt: skip
        started = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        print(f"\nfrozen build took {time.monotonic() - started:.0f} s: {result.stdout[-300:]}")
        if not given:
            shutil.rmtree(dist / "work", ignore_errors=True)
    assert (folder / "itadesk-cli").is_file()
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean environment: a fresh home, offscreen Qt, nothing from the source tree."""
    home = tmp_path / "home"
    home.mkdir()
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "ITADESK_", "QT_", "XDG_"))
    }
    clean.update(HOME=str(home), XDG_DATA_HOME=str(home / "xdg-data"), QT_QPA_PLATFORM="offscreen")
    clean.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return clean


def run(app: Path, *args: str, env: dict[str, str], cwd: Path, timeout: float = 120) -> str:
    """Run the frozen command line; its stdout (fails the test on a non-zero exit)."""
    result = subprocess.run(
        [str(app / "itadesk-cli"), *args],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout,
    )  # fmt: skip
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_bundle_contents_and_size(app: Path) -> None:
    internal = app / "_internal"
    size = sum(p.lstat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nunpacked size {size / MB:.1f} MB")
    assert size < UNPACKED_LIMIT_MB * MB
    assert (internal / "resources" / "fonts" / "Sarabun-Regular.ttf").is_file()
    assert (internal / "resources" / "fonts" / "OFL.txt").is_file()
    assert list((internal / "itadesk" / "db" / "migrations" / "versions").glob("*.py"))
    assert (internal / "itadesk" / "db" / "migrations" / "env.py").is_file()
    assert list((internal / "itadesk" / "domain" / "data").glob("*.tsv"))
    corpus = {p.name for p in (internal / "pythainlp" / "corpus").iterdir() if p.is_file()}
    assert "words_th.txt" in corpus
    assert not {"deepcut.onnx", "wordnet_th.db", "thai2rom_encoder.onnx"} & corpus
    assert not [p for p in internal.rglob("*") if re.search(r"Qt6?(WebEngine|Qml|Quick)", p.name)]
    assert not (app / "portable.txt").exists()


def test_version(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    assert run(app, "--version", env=env, cwd=tmp_path).strip() == f"ITADesk {__version__}"


def test_demo_uses_the_user_data_folder(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    run(app, "demo", env=env, cwd=tmp_path)
    assert (Path(env["XDG_DATA_HOME"]) / "ITADesk" / "itadesk.sqlite").is_file()
    # pythainlp is kept read-only: nothing of it in the home folder
    assert not (Path(env["HOME"]) / "pythainlp-data").exists()


def test_print_memo_is_thai_pdf(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    run(app, "--data-dir", str(data), "demo", env=env, cwd=tmp_path)
    pdf = tmp_path / "out.pdf"
    run(
        app, "--data-dir", str(data), "print", "memo-progress", "--year", "2569", "--round", "6",
        "-o", str(pdf), env=env, cwd=tmp_path,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "บันทึกข้อความ" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Sarabun" in fonts  # the bundled font, embedded
    assert not (Path(env["HOME"]) / "pythainlp-data").exists()


def test_gui_starts_offscreen(app: Path, env: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = [str(app / "ITADesk"), "--data-dir", str(data)]
    env = {**env, "ITADESK_BENCH_EXIT": "1"}  # the app quits once its window is shown
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=90)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr
    assert "window shown" in result.stdout
    assert (data / "itadesk.sqlite").is_file()


def test_portable_mode_keeps_data_next_to_the_program(
    app: Path, env: dict[str, str], tmp_path: Path
) -> None:
    marker, data = app / "portable.txt", app / "data"
    assert not data.exists()
    marker.write_text("portable\n", encoding="utf-8")
    try:
        run(app, "demo", env=env, cwd=tmp_path)
        assert (data / "itadesk.sqlite").is_file()
        assert not (Path(env["XDG_DATA_HOME"]) / "ITADesk").exists()
        assert not (Path(env["HOME"]) / "pythainlp-data").exists()
    finally:
        marker.unlink()
        shutil.rmtree(data, ignore_errors=True)
