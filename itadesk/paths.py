"""Where the data lives: the user's data folder, ``--data-dir``, or next to a portable app."""

import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ITADesk"
PORTABLE_MARKER = "portable.txt"


def is_portable() -> bool:
    """True for a frozen app with the portable marker beside its executable."""
    return bool(getattr(sys, "frozen", False)) and (_exe_dir() / PORTABLE_MARKER).exists()


def _exe_dir() -> Path:
    return Path(sys.executable).resolve().parent


def default_data_dir() -> Path:
    """Next to the executable when a portable marker sits there, else the user's data folder."""
    if is_portable():
        return _exe_dir() / "data"
    return Path(user_data_dir(APP_NAME, appauthor=False))


def fonts_dir() -> Path:
    """``resources/fonts``: beside the package in a source tree, or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    root = Path(frozen) if frozen else Path(__file__).resolve().parents[1]
    return root / "resources" / "fonts"
