"""UI translations: source strings are Thai; an English catalogue may be chosen.

Mark strings with ``_()`` where they are shown and ``N_()`` where they are defined at module
level (translated later with ``_()``). ``install()`` picks the catalogue once at start-up.
"""

import gettext
import os
from pathlib import Path

DOMAIN = "itadesk"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
_LANG_VARS = ("ITADESK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()


def choose_language(requested: str | None = None) -> str:
    """``"en"`` when asked for (argument or environment), else ``"th"``."""
    candidates = [requested] if requested else [os.environ.get(v, "") for v in _LANG_VARS]
    for value in candidates:
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.split(":")[0].lower().startswith("en") else "th"
    return "th"


def install(requested: str | None = None) -> str:
    """Load the catalogue of the chosen language; return its code."""
    global _translation
    language = choose_language(requested)
    _translation = (
        gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
        if language != "th"
        else gettext.NullTranslations()
    )
    return language


def _(message: str) -> str:
    """The message in the chosen language (Thai when untranslated)."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it with ``_()`` when shown."""
    return message
