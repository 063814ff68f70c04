"""The Lucide icons (resources/icons, ISC licence) as QIcons, by our names."""

from functools import cache

from PySide6.QtGui import QIcon

from itadesk.paths import icons_dir


@cache
def icon(name: str) -> QIcon:
    """``resources/icons/<name>.png``; an empty icon when the file is missing."""
    return QIcon(str(icons_dir() / f"{name}.png"))
