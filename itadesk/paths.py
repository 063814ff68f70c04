"""Where the data lives: the user's data folder, ``--data-dir``, or next to a portable app."""

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath

from platformdirs import user_data_dir

APP_NAME = "ITADesk"
PORTABLE_MARKER = "portable.txt"
# where OneDrive says its folders are (personal, work or school)
SYNC_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
SYNC_NAMES = {
    name.casefold(): name for name in ("OneDrive", "Google Drive", "Dropbox", "iCloud Drive")
}


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


def resources_dir() -> Path:
    """``resources``: beside the package in a source tree, or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    root = Path(frozen) if frozen else Path(__file__).resolve().parents[1]
    return root / "resources"


def fonts_dir() -> Path:
    """``resources/fonts``: Sarabun and its licence."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    """``resources/icons``: the Lucide icons (PNG) and their licence."""
    return resources_dir() / "icons"


def synced_folder(folder: PurePath, environ: Mapping[str, str] | None = None) -> str | None:
    """The sync service whose folder holds ``folder`` (OneDrive, Dropbox…), or None.

    A sync client copies the database while SQLite writes it, and two PCs' copies then fight.
    Found by OneDrive's own variables, or by a folder named after a service ("OneDrive -
    เทศบาล…" for a work account).
    """
    environ = os.environ if environ is None else environ
    parts = [p.casefold() for p in folder.parts]
    for variable in SYNC_VARIABLES:
        root = environ.get(variable)
        if root:
            inside = [p.casefold() for p in type(folder)(root).parts]
            if inside and parts[: len(inside)] == inside:
                return "OneDrive"
    for part in parts:
        for key, name in SYNC_NAMES.items():
            if part == key or part.startswith(f"{key} - "):
                return name
    return None
