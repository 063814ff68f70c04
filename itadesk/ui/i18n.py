"""UI translations: source strings are Thai; an English catalogue may be chosen.

Mark strings with ``_()`` where they are shown and ``N_()`` where they are defined at module
level (translated later with ``_()``). ``install()`` picks the catalogue once at start-up.
"""

import gettext
import os
from pathlib import Path

from itadesk.marks import N_ as N_  # the UI marks its texts with i18n.N_

DOMAIN = "itadesk"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
LANG_VAR = "ITADESK_LANG"  # the system locale is not used: an office PC is often English

_translation: gettext.NullTranslations = gettext.NullTranslations()


def choose_language(requested: str | None = None) -> str:
    """``"en"`` when asked for (argument or ``ITADESK_LANG``), else ``"th"``.

    The system locale is deliberately ignored: many Thai office PCs run an English Windows,
    and their clerks still want the Thai app.
    """
    value = requested or os.environ.get(LANG_VAR, "")
    return "en" if value.lower().startswith("en") else "th"


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
