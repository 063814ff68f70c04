"""The English catalogue is complete: every Thai string has its English line, and the .mo
the app loads is compiled from the .po as committed."""

import re
from collections import Counter
from io import BytesIO

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from itadesk.ui.i18n import DOMAIN, LOCALE_DIR

CATALOGUE = LOCALE_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
FIELD = re.compile(r"\{[^{}\s]*\}")  # {year}, {error!r}, {สรุปผล}


def _read() -> Catalog:
    with CATALOGUE.open("rb") as po:
        return read_po(po)


def _entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def test_every_entry_is_translated_and_none_fuzzy() -> None:
    entries = _entries(_read())
    assert len(entries) > 300  # the real catalogue, not an empty one
    untranslated = [m.id for m in entries if not m.string]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert untranslated == [], f"{len(untranslated)} untranslated: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy: {fuzzy[:5]}"


def test_translations_keep_the_placeholders() -> None:
    wrong = [
        (m.id, m.string)
        for m in _entries(_read())
        if m.string and Counter(FIELD.findall(m.id)) != Counter(FIELD.findall(m.string))
    ]
    assert wrong == []


def test_compiled_catalogue_matches_the_po() -> None:
    """`pybabel compile` was run after the last edit of the .po."""
    compiled = BytesIO()
    write_mo(compiled, _read())
    committed = CATALOGUE.with_suffix(".mo").read_bytes()
    assert compiled.getvalue() == committed, "run: pybabel compile -d itadesk/locale -D itadesk"
