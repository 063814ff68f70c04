"""installer/build.py signs the executables only when a certificate is configured."""

import importlib.util
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def build():
    spec = importlib.util.spec_from_file_location("itadesk_build", ROOT / "installer" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_a_certificate_signing_is_skipped_with_a_message(build, monkeypatch, capsys):
    monkeypatch.delenv("ITADESK_SIGN_CERT", raising=False)
    assert build.sign([Path("ITADesk.exe")]) is False
    assert "ITADESK_SIGN_CERT not set: not signed" in capsys.readouterr().out


def test_a_configured_certificate_runs_signtool(build, monkeypatch, tmp_path):
    """A stand-in signtool (a script) records its command line, as signtool.exe gets it."""
    cert = tmp_path / "office.pfx"
    cert.write_bytes(b"pfx")
    log = tmp_path / "args.txt"
    tool = tmp_path / "signtool"
    tool.write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(log)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n"
    )
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("ITADESK_SIGN_CERT", str(cert))
    monkeypatch.setenv("ITADESK_SIGN_PASSWORD", "secret")
    monkeypatch.setenv("SIGNTOOL", str(tool))
    app = [tmp_path / "ITADesk.exe", tmp_path / "itadesk-cli.exe"]
    assert build.sign(app) is True
    assert log.read_text().split("\n") == [
        "sign", "/fd", "SHA256", "/f", str(cert), "/p", "secret",
        "/tr", build.TIMESTAMP_URL, "/td", "SHA256", *map(str, app),
    ]  # fmt: skip


def test_a_missing_certificate_file_stops_the_build(build, monkeypatch, tmp_path):
    monkeypatch.setenv("ITADESK_SIGN_CERT", str(tmp_path / "missing.pfx"))
    with pytest.raises(SystemExit, match="no such certificate file"):
        build.sign([Path("ITADesk.exe")])
