"""Build ITADesk for this OS: the one-folder app, and on Windows the installer or portable zip.

    python installer/build.py                 # dist/ITADesk (+ dist/ITADesk-<ver>-setup.exe)
    python installer/build.py --portable      # dist/portable/ITADesk and a zip (tar.gz off Windows)
    python installer/build.py --estimate      # also estimate the installer size (LZMA)

Run it with the Python that has ITADesk and its dependencies installed (``pip install -e .``):
PyInstaller freezes what that Python imports. PyInstaller itself is installed into it when
missing. On Windows the installer is compiled when Inno Setup's ISCC.exe is found (on PATH,
in the ISCC environment variable, or in its usual folders).

Code signing (so that SmartScreen names the publisher instead of warning about an unknown
program) runs when a certificate is configured: ``ITADESK_SIGN_CERT`` is a .pfx file,
``ITADESK_SIGN_PASSWORD`` its password (if any), ``ITADESK_SIGN_TIMESTAMP`` an RFC 3161
timestamp server (default below), ``SIGNTOOL`` signtool.exe when it is not on PATH or in the
Windows SDK. The two executables are signed before they are packed, then the installer. Without
a certificate the step is skipped with a message.
"""

import argparse
import importlib.util
import lzma
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "itadesk.spec"
ISS = ROOT / "installer" / "itadesk.iss"
NAME = "ITADesk"
WINDOWS = sys.platform == "win32"
MB = 1_000_000
SIGN_CERT = "ITADESK_SIGN_CERT"
TIMESTAMP_URL = "http://timestamp.digicert.com"


def version() -> str:
    text = (ROOT / "itadesk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        raise SystemExit("itadesk/__init__.py has no __version__")
    return match.group(1)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print("installing PyInstaller into", sys.executable, flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "pyinstaller>=6.5"], check=True
        )


def check_app_installed() -> None:
    missing = [m for m in ("itadesk", "PySide6", "reportlab", "pythainlp") if not _found(m)]
    if missing:
        raise SystemExit(
            f"{', '.join(missing)} not importable by {sys.executable}: "
            f'run "{sys.executable} -m pip install -e {ROOT}" first'
        )


def _found(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (symbolic links count as nothing)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path, portable: bool, clean: bool) -> Path:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]  # fmt: skip
    if clean:
        command.insert(3, "--clean")
    if portable:
        command += ["--", "--portable"]
    print("running:", " ".join(command), flush=True)
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT)
    print(f"PyInstaller finished in {time.monotonic() - started:.0f} s", flush=True)
    app = dist / NAME
    if not (app / executable("itadesk-cli")).exists():
        raise SystemExit(f"the build has no {executable('itadesk-cli')} in {app}")
    return app


def executable(stem: str) -> str:
    return stem + (".exe" if WINDOWS else "")


def find_iscc() -> Path | None:
    candidates = [os.environ.get("ISCC", ""), shutil.which("ISCC") or ""]
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        folder = os.environ.get(base)
        if folder:
            candidates += [
                str(Path(folder) / "Inno Setup 6" / "ISCC.exe"),
                str(Path(folder) / "Programs" / "Inno Setup 6" / "ISCC.exe"),
            ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def compile_installer(app: Path, out_dir: Path, ver: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("Inno Setup (ISCC.exe) not found: installer not built (see docs/install.md)")
        return None
    numbers = [*re.findall(r"\d+", ver)[:4], "0", "0", "0"][:4]  # 0.2.0rc1 -> 0.2.0.1
    command = [
        str(iscc), "/Qp", f"/DAppVersion={ver}", f"/DAppNumericVersion={'.'.join(numbers)}",
        f"/DSourceDir={app}", f"/DOutputDir={out_dir}", str(ISS),
    ]  # fmt: skip
    print("running:", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT / "installer")
    setup = out_dir / f"{NAME}-{ver}-setup.exe"
    if not setup.exists():
        raise SystemExit(f"ISCC ran but {setup} is missing")
    return setup


def find_signtool() -> Path | None:
    """signtool.exe: $SIGNTOOL, on PATH, or the newest Windows 10/11 SDK's x64 one."""
    named = os.environ.get("SIGNTOOL") or shutil.which("signtool") or ""
    if named and Path(named).is_file():
        return Path(named)
    kits = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Windows Kits"
    found = sorted(kits.glob("10/bin/10.*/x64/signtool.exe"))
    return found[-1] if found else None


def sign_command(signtool: Path, cert: Path, files: list[Path]) -> list[str]:
    """signtool's command line: SHA-256 signature and an RFC 3161 timestamp."""
    command = [str(signtool), "sign", "/fd", "SHA256", "/f", str(cert)]
    password = os.environ.get("ITADESK_SIGN_PASSWORD")
    if password:
        command += ["/p", password]
    timestamp = os.environ.get("ITADESK_SIGN_TIMESTAMP", TIMESTAMP_URL)
    return [*command, "/tr", timestamp, "/td", "SHA256", *map(str, files)]


def sign(files: list[Path]) -> bool:
    """Sign ``files`` when a certificate is configured; True when they were signed.

    Without ``ITADESK_SIGN_CERT`` the step is skipped with a message. A certificate that is
    configured but cannot be used stops the build: an unsigned file must not pass for a
    signed one.
    """
    cert_name = os.environ.get(SIGN_CERT)
    if not cert_name:
        print(f"{SIGN_CERT} not set: not signed (SmartScreen will warn; see docs/install.md)")
        return False
    cert = Path(cert_name)
    if not cert.is_file():
        raise SystemExit(f"{SIGN_CERT}={cert}: no such certificate file")
    signtool = find_signtool()
    if signtool is None:
        raise SystemExit(f"signtool.exe not found: set SIGNTOOL, or unset {SIGN_CERT}")
    print("signing:", ", ".join(f.name for f in files), flush=True)
    subprocess.run(sign_command(signtool, cert, files), check=True)
    return True


def archive_portable(app: Path, out_dir: Path, ver: str) -> Path:
    """A zip on Windows (what Explorer opens), a tar.gz elsewhere (keeps symbolic links)."""
    stem = f"{NAME}-{ver}-portable-{'windows' if WINDOWS else sys.platform}"
    if WINDOWS:
        target = out_dir / f"{stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(app.rglob("*")):
                if path.is_file():
                    archive.write(path, Path(NAME) / path.relative_to(app))
    else:
        target = out_dir / f"{stem}.tar.gz"
        with tarfile.open(target, "w:gz") as archive:
            archive.add(app, arcname=NAME)
    return target


def estimate_compressed(app: Path) -> int:
    """Bytes of the folder as one LZMA stream (xz -6): close to a solid Inno Setup archive."""
    compressor = lzma.LZMACompressor(preset=6)
    total = 0
    for path in sorted(app.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as source:
                while chunk := source.read(1 << 20):
                    total += len(compressor.compress(chunk))
    return total + len(compressor.flush())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--portable", action="store_true", help="the portable variant")
    parser.add_argument("--dist", type=Path, help="output folder (dist/ or dist/portable/)")
    parser.add_argument("--work", type=Path, help="PyInstaller work folder (default: build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-installer", action="store_true", help="skip Inno Setup / the zip")
    parser.add_argument(
        "--estimate", action="store_true", help="estimate the compressed size (takes minutes)"
    )
    args = parser.parse_args(argv)

    ver = version()
    dist = (args.dist or ROOT / "dist" / ("portable" if args.portable else "")).resolve()
    work = (args.work or ROOT / "build" / "pyinstaller").resolve()
    check_app_installed()
    ensure_pyinstaller()
    app = run_pyinstaller(dist, work, args.portable, args.clean)
    print(f"{NAME} {ver}: {app} unpacked {folder_size(app) / MB:.1f} MB")
    if args.estimate:
        print(f"estimated installer (LZMA of the folder): {estimate_compressed(app) / MB:.1f} MB")
    if args.no_installer:
        return 0
    sign([app / executable(NAME), app / executable("itadesk-cli")])
    if args.portable:
        target = archive_portable(app, dist, ver)
        print(f"portable archive: {target} {target.stat().st_size / MB:.1f} MB")
    elif WINDOWS:
        setup = compile_installer(app, dist, ver)
        if setup:
            sign([setup])
            print(f"installer: {setup} {setup.stat().st_size / MB:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
