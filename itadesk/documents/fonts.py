"""Sarabun registration with reportlab, and text that copies out of the PDF as typed.

reportlab gives shaped glyphs that have no code point of their own (small tone marks, the
footless ญ, nikhahit ligatures) private-use codes, and writes those into the ToUnicode map,
so copied text is garbled. ``ThaiTTFont`` rewrites the map: each such glyph maps to the
characters its glyph name spells (``uni0E48.small`` → ่, ``yoYingthai.less`` → ญ).
"""

import re
import threading
from collections.abc import Callable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from itadesk.paths import fonts_dir

FAMILY = "Sarabun"
FACES = {  # reportlab font name -> (file name, bold, italic)
    "Sarabun": ("Sarabun-Regular.ttf", False, False),
    "Sarabun-Bold": ("Sarabun-Bold.ttf", True, False),
    "Sarabun-Italic": ("Sarabun-Italic.ttf", False, True),
    "Sarabun-BoldItalic": ("Sarabun-BoldItalic.ttf", True, True),
}
REGULAR, BOLD = "Sarabun", "Sarabun-Bold"

_PUA = range(0xE000, 0xF900)
_UNI = re.compile(r"uni((?:[0-9A-F]{4})+)$")
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_lock = threading.Lock()


class ThaiTTFont(TTFont):
    """A shapable TrueType font whose ToUnicode maps never contain private-use codes."""

    def _glyph_text(self, code: int) -> str:
        """The characters a private-use code's glyph stands for (``""`` if unknown)."""
        hb = self.hbFont()
        gid = self.face.charToGlyph.get(code)
        name = hb.glyph_to_string(gid) if gid is not None else ""
        base = name.split(".")[0]
        match = _UNI.match(base)
        if match:
            hexes = match.group(1)
            text = "".join(chr(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))
        else:
            base_gid = hb.glyph_from_string(base) if base else None
            chars = self.face.glyphToChar.get(base_gid, []) if base_gid is not None else []
            text = "".join(chr(c) for c in chars[:1] if c not in _PUA)
        if len(text) == 2 and text[0] == "\u0e4d" and text[1] in _TONES:
            text = text[1] + text[0]  # ํ+่ ligature comes from ่ำ: keep the typed order
        return text

    def addObjects(self, doc: PDFDocument) -> None:
        """Add the subsets as reportlab does, then fix their ToUnicode maps."""
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if not any(c in _PUA for c in subset):
                continue
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            stream = doc.idToObject["toUnicodeCMap:" + base.decode("pdfdoc")]
            stream.content = _to_unicode_cmap(base.decode("pdfdoc"), subset, self._glyph_text)


def _to_unicode_cmap(name: str, subset: list[int], text_of: Callable[[int], str]) -> str:
    """A ToUnicode CMap like reportlab's, with multi-character targets allowed."""
    rows = []
    for i, code in enumerate(subset):
        text = text_of(code) if code in _PUA else chr(code)
        if text:
            rows.append(f"<{i:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(rows)} beginbfchar",
            *rows,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def register_fonts() -> None:
    """Register the four Sarabun faces as one family (safe to call any number of times)."""
    with _lock:
        if REGULAR in pdfmetrics.getRegisteredFontNames():
            return
        folder = fonts_dir()
        for name, (file, bold, italic) in FACES.items():
            pdfmetrics.registerFont(ThaiTTFont(name, str(folder / file)))
            addMapping(FAMILY, int(bold), int(italic), name)


def bold_of(font_name: str) -> str:
    """The bold face of a Sarabun face (bold stays bold)."""
    return "Sarabun-BoldItalic" if "Italic" in font_name else BOLD
