"""scripts/start.sh and scripts/test.sh on a fresh Debian/Ubuntu machine.

The system is played by small stand-ins on PATH: ``dpkg`` that knows no package, ``id`` that
says who runs the script, ``python3`` without the venv module, ``apt-get`` that records what
it was asked to install. The scripts run from a copy, so nothing touches this checkout.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Debian shell scripts")
XCB = "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1"


def fake_system(tmp_path: Path, uid: int) -> dict[str, str]:
    copy = tmp_path / "clone"
    shutil.copytree(ROOT / "scripts", copy / "scripts")
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name, body in {
        "dpkg": "exit 1",
        "id": f"echo {uid}",
        "python3": "exit 1",
        "apt-get": f'echo "$@" >> {tmp_path}/apt.log',
    }.items():
        (stubs / name).write_text(f"#!/bin/sh\n{body}\n")
        (stubs / name).chmod(0o755)
    return {"PATH": f"{stubs}:/usr/bin:/bin", "HOME": str(tmp_path)}


@pytest.mark.parametrize(
    ("script", "packages"),
    [("start.sh", f"python3-venv {XCB}"), ("test.sh", "python3-venv poppler-utils libegl1")],
)
def test_missing_packages_stop_with_the_one_install_line(tmp_path, script, packages):
    env = fake_system(tmp_path, uid=1000)
    run = subprocess.run(
        ["bash", str(tmp_path / "clone" / "scripts" / script)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1
    install = [line for line in run.stderr.splitlines() if "apt-get install" in line]
    assert len(install) == 1
    assert install[0].strip().startswith(f"sudo apt-get install -y {packages}")
    assert "ยังขาดแพ็กเกจของระบบ" in run.stderr
    assert not (tmp_path / "clone" / ".venv").exists()  # stopped before anything else


def test_as_root_the_missing_packages_are_installed(tmp_path):
    env = fake_system(tmp_path, uid=0)
    subprocess.run(
        ["bash", str(tmp_path / "clone" / "scripts" / "start.sh")],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls[0] == "update -qq"
    assert calls[1].startswith(f"install -y -qq python3-venv {XCB}")
