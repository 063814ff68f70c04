"""Sarabun registration with reportlab, and text that copies out of the PDF as typed.

A PDF reader takes text from the ToUnicode map of each font subset: one entry per character
code. HarfBuzz's glyphs do not always stand for one typed character each: it splits ำ into a
nikhahit (joined with the tone mark above it in น้ำ) and a sara aa, and it draws small or
shifted tone marks, the footless ญ and ฐ, and a box for a character Sarabun lacks (✓) with
glyphs that have no code point. reportlab gives each glyph one code, mapped to the glyph's
own character or to a private-use code, so pdf.js (Firefox) and MuPDF (SumatraPDF) copied
"สํานัก" and dropped the footless ญ.

``ThaiTTFont.readable`` looks at each cluster of a shaped run; where the glyphs' characters
do not spell the typed text, it draws them through codes of our own (the same glyph, the
same width, so the page looks exactly as before) whose ToUnicode entries do, in reading
order: a nikhahit + tone glyph reads as the tone and the sara aa of ำ as ำ (น้ำ), a variant
glyph as its character.

A lone ำ (สำ) leaves one glyph too many: its nikhahit reads U+2060 WORD JOINER, a format
character, which pdf.js drops (it reads a code mapped to an empty string as the raw code,
and a space as a space). Readers that
go by ``/ActualText`` (poppler, PDFium, MuPDF) would keep it, so ``pieces`` gives such a
cluster a ``/ActualText`` of its own ("ำ"): MuPDF matches an ``/ActualText`` to its glyphs
from both ends, and a run with two lone ำ under one span came out garbled. A reader that
ignores ``/ActualText`` and keeps invisible characters (MuPDF before it read ``/ActualText``)
copies the U+2060 inside such a word.
"""

import re
import threading
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import SUBSETN, ShapeData, ShapedStr, TTFont

from itadesk.documents.data import NBSP  # reportlab encodes it as the space (code 32)
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
NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
WORD_JOINER = "\u2060"  # invisible; what a glyph that stands for nothing copies as
_BLOCK = 100  # most entries in one bfchar block of a CMap
_lock = threading.RLock()


class ThaiTTFont(TTFont):
    """A shapable TrueType font whose ToUnicode maps spell each shaped run as typed."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path))
        self._texts: dict[int, str] = {}  # our own codes -> the text each copies as
        self._codes: dict[tuple[int, str], int] = {}  # (glyph id, text) -> our own code
        self._nothing: set[str] = set()  # our own codes that copy as nothing (U+2060)

    @lru_cache(maxsize=1024)  # noqa: B019 (the four fonts live as long as the program)
    def _glyph_name(self, gid: int) -> str:
        return self.hbFont().glyph_to_string(gid)

    def _gid(self, char: str) -> int:
        return self.face.charToGlyph.get(ord(char), 0)

    def _default_text(self, char: str) -> str | None:
        """What reportlab's code ``char`` copies as (``None``: nothing known)."""
        code = ord(char)
        if code in self._texts:
            return self._texts[code]
        if code not in _PUA:
            return char.replace(NBSP, " ")
        match = _UNI.match(self._glyph_name(self._gid(char)).split(".")[0])
        if match is None:
            return None
        hexes = match.group(1)
        return "".join(chr(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))

    def _code(self, gid: int, width: float, text: str) -> str:
        """A code of our own that draws glyph ``gid``, ``width`` wide, and copies as ``text``."""
        face = self.face
        with _lock:
            code = self._codes.get((gid, text))
            if code is None:
                code = _PUA.stop - 1  # down from the top: reportlab takes codes from the bottom
                while code in face.charToGlyph:
                    code -= 1
                face.charToGlyph[code] = gid
                face.charWidths[code] = width
                self._codes[gid, text] = code
                self._texts[code] = text
                if text == WORD_JOINER:
                    self._nothing.add(chr(code))
        return chr(code)

    def readable(self, text: str, shaped: ShapedStr) -> ShapedStr:
        """``shaped`` (HarfBuzz's glyphs for ``text``) with every cluster whose glyphs do not
        copy as its typed characters redrawn through glyphs and codes that do."""
        data = shaped.__shapeData__
        typed = text.replace(NBSP, " ")
        ends = {sd.cluster: len(typed) for sd in data}
        starts = sorted(ends)
        ends.update(pairwise(starts))
        chars: list[str] = []
        shapes: list[ShapeData] = []
        i = 0
        while i < len(data):
            j = i + 1
            while j < len(data) and data[j].cluster == data[i].cluster:
                j += 1
            want = typed[data[i].cluster : ends[data[i].cluster]]
            glyphs, shape = list(shaped[i:j]), data[i:j]
            have = [self._default_text(c) for c in glyphs]
            if None in have or "".join(map(str, have)) != want:
                glyphs, shape = self._spelt(want, glyphs, shape, have)
            chars += glyphs
            shapes += shape
            i = j
        return ShapedStr("".join(chars), shapeData=shapes)

    def _spelt(
        self, want: str, glyphs: list[str], shape: list[ShapeData], have: list[str | None]
    ) -> tuple[list[str], list[ShapeData]]:
        """The glyphs of one cluster, and their shapes, drawn through codes that copy as
        ``want``: the sara aa of ำ as ำ and the nikhahit (+ tone) glyph before it as what
        else it stands for (the tone stays before ำ; a lone nikhahit stands for nothing),
        one glyph as all of ``want``, else the first glyph as ``want``. A glyph left
        standing for nothing reads U+2060 WORD JOINER (see the module).
        """
        pieces = [want] + [""] * (len(glyphs) - 1)
        if len(glyphs) > 1 and SARA_AM in want:
            am = [SARA_AM if h == SARA_AA else (h or "").replace(NIKHAHIT, "") for h in have]
            pieces = am if "".join(am) == want else pieces
        codes = [
            self._code(self._gid(g), sd.width, piece or WORD_JOINER)
            for g, sd, piece in zip(glyphs, shape, pieces, strict=True)
        ]
        return codes, shape

    def pieces(self, text: str, shaped: ShapedStr) -> list[tuple[str, ShapedStr]]:
        """``shaped`` (drawn for ``text``) cut into pieces to draw one after another, each
        with the text it stands for: every cluster with a glyph that reads as nothing on its
        own, and the runs of clusters between them."""
        if self._nothing.isdisjoint(shaped):
            return [(text, shaped)]
        data = shaped.__shapeData__
        typed = text.replace(NBSP, " ")
        starts = sorted({sd.cluster for sd in data})
        ends = dict(pairwise(starts)) | {starts[-1]: len(typed)} if starts else {}
        alone = {sd.cluster for c, sd in zip(shaped, data, strict=True) if c in self._nothing}
        out: list[tuple[str, ShapedStr]] = []
        i = 0
        while i < len(data):
            j, apart = i + 1, data[i].cluster in alone
            while j < len(data) and (
                data[j].cluster == data[i].cluster or not (apart or data[j].cluster in alone)
            ):
                j += 1
            first, last = sorted((data[i].cluster, data[j - 1].cluster))
            out.append((typed[first : ends[last]], ShapedStr(shaped[i:j], shapeData=data[i:j])))
            i = j
        return out

    def copied_text(self, shaped: ShapedStr) -> str:
        """What a reader that goes by the ToUnicode maps copies out of ``shaped``."""
        return "".join(self._default_text(c) or "" for c in shaped)

    def addObjects(self, doc: PDFDocument) -> None:
        """Add the subsets as reportlab does, then write their ToUnicode maps."""
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("pdfdoc")
            texts = [(c and self._default_text(chr(c))) or "" for c in subset]
            doc.idToObject["toUnicodeCMap:" + name].content = to_unicode_cmap(name, texts)


def copyable(text: str, shaped: ShapedStr, font: str) -> ShapedStr:
    """``shaped`` redrawn so that it copies out of the PDF as ``text`` (see the module)."""
    face = pdfmetrics.getFont(font)
    return face.readable(text, shaped) if isinstance(face, ThaiTTFont) else shaped


def drawn_pieces(text: str, shaped: ShapedStr, font: str) -> list[tuple[str, ShapedStr]]:
    """``shaped`` (from ``copyable``) in the pieces to draw, each under its ``/ActualText``."""
    face = pdfmetrics.getFont(font)
    return face.pieces(text, shaped) if isinstance(face, ThaiTTFont) else [(text, shaped)]


def to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap giving code ``i`` the text ``texts[i]``: one bfchar entry each (no
    ranges), at most 100 to a block, none for a code that copies as nothing."""
    rows = [f"<{i:02X}> <{t.encode('utf-16-be').hex().upper()}>" for i, t in enumerate(texts) if t]
    blocks = []
    for start in range(0, len(rows), _BLOCK):
        block = rows[start : start + _BLOCK]
        blocks += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
            *blocks,
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
            pdfmetrics.registerFont(ThaiTTFont(name, folder / file))
            addMapping(FAMILY, int(bold), int(italic), name)


def bold_of(font_name: str) -> str:
    """The bold face of a Sarabun face (bold stays bold)."""
    return "Sarabun-BoldItalic" if "Italic" in font_name else BOLD
