"""Sarabun registration with reportlab, and text that copies out of the PDF as typed.

A PDF reader takes text from the ToUnicode map of each font subset: one entry per character
code. HarfBuzz's glyphs do not always stand for one typed character each: it splits ำ into a
nikhahit (joined with the tone mark above it in น้ำ) and a sara aa, and it draws small or
shifted tone marks, the footless ญ and ฐ, and a box for a character Sarabun lacks (✓) with
glyphs that have no code point. reportlab gives each glyph one code, mapped to the glyph's
own character or to a private-use code, so pdf.js (Firefox) and MuPDF without
``/ActualText`` (SumatraPDF) copied "สํานัก" and dropped the footless ญ.

``ThaiTTFont.readable`` looks at each cluster of a shaped run; where the glyphs' characters
do not spell the typed text, it draws them through codes of our own (same glyph, same width)
whose ToUnicode entries do, in reading order: a nikhahit + tone glyph reads as the tone and
the sara aa of ำ as ำ (น้ำ), a variant glyph as its character. A lone ำ (สำ) leaves one glyph
too many, and no entry can make it read as nothing (pdf.js reads a code mapped to an empty
string as the raw code; MuPDF keeps invisible characters), so the nikhahit and the sara aa
are drawn as one glyph that reads ำ: a composite of the two outlines where HarfBuzz places
them, added to the font at registration for each placement HarfBuzz gives after a Thai
letter. Every glyph then reads at least one character, and the ToUnicode text equals the
run's ``/ActualText`` glyph by glyph, which MuPDF needs before it uses the latter.

The composite draws the same outlines at the same place; only poppler's rasterizer, which
puts small glyphs at quarter pixels and larger ones at whole pixels, may draw that nikhahit
up to half a pixel away from where it drew it alone.

Adding the glyphs takes fontTools (its import and the work: about a tenth of a second for
the four faces, at every program start). Once ``use_cache`` names a folder (the data
folder's ``cache``), each face's file is kept there, named by the hash of the font shipped
and of what makes the glyphs (``CACHE_FORMAT``, ITADesk's and HarfBuzz's versions); the
next start reads it instead. A folder that cannot be written (a write-protected stick)
leaves the fonts in memory, as without a cache.
"""

import contextlib
import hashlib
import io
import re
import threading
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import uharfbuzz
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.ttfonts import SUBSETN, ShapeData, ShapedStr, TTFont

from itadesk import __version__
from itadesk.documents.data import NBSP  # reportlab encodes it as the space (code 32)
from itadesk.errors import UserError
from itadesk.fileops import write_file
from itadesk.paths import fonts_dir

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont as FontFile

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
# what a lone ำ may follow: Thai letters and digits, Latin, a space, nothing
_BEFORE_AM = ["", " ", "a", "0", *map(chr, range(0x0E01, 0x0E2F)), *map(chr, range(0x0E50, 0x0E5A))]
WORD_JOINER = "\u2060"  # invisible; what a glyph that stands for nothing copies as
_BLOCK = 100  # most entries in one bfchar block of a CMap
CACHE_FORMAT = 1  # raise it whenever _with_sara_am_glyphs writes other bytes
_CACHED = ".ttf.cache"  # a cached face: the SHA-256 of the font file, then the file
_lock = threading.RLock()
_cache_folder: Path | None = None


class Placement(NamedTuple):
    """Where HarfBuzz puts the nikhahit of a lone ำ: its glyph, and its origin relative to
    the sara aa's, in font units."""

    nikhahit: str
    dx: int
    dy: int


class ThaiTTFont(TTFont):
    """A shapable TrueType font whose ToUnicode maps spell each shaped run as typed."""

    def __init__(self, name: str, path: Path) -> None:
        source = path.read_bytes()
        composites = _composites(source)
        super().__init__(name, io.BytesIO(_patched(path.stem, source, composites)))
        self._sara_am = composites  # placement -> glyph id of nikhahit + sara aa
        self._texts: dict[int, str] = {}  # our own codes -> the text each copies as
        self._codes: dict[tuple[int, str], int] = {}  # (glyph id, text) -> our own code

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
        ``want``: a lone ำ as one composite glyph, the sara aa of ำ as ำ and the nikhahit
        (+ tone) glyph before it as what else it stands for (the tone stays before ำ), one
        glyph as all of ``want``, else the first glyph as ``want``. A glyph left standing
        for nothing reads U+2060 WORD JOINER, which pdf.js drops (it reads a code mapped to
        an empty string as the raw code).
        """
        if want == SARA_AM and have == [NIKHAHIT, SARA_AA]:
            nik, aa = shape
            em = self.face.unitsPerEm / 1000  # shape data are in thousandths of an em
            where = Placement(
                self._glyph_name(self._gid(glyphs[0])),
                round((nik.x_offset - nik.x_advance - aa.x_offset) * em),
                round((nik.y_offset - aa.y_offset) * em),
            )
            gid = self._sara_am.get(where)
            if gid is not None:
                merged = aa._replace(x_advance=nik.x_advance + aa.x_advance)
                return [self._code(gid, aa.width, SARA_AM)], [merged]
        pieces = [want] + [""] * (len(glyphs) - 1)
        if len(glyphs) > 1 and SARA_AM in want:
            am = [SARA_AM if h == SARA_AA else (h or "").replace(NIKHAHIT, "") for h in have]
            pieces = am if "".join(am) == want else pieces
        codes = [
            self._code(self._gid(g), sd.width, piece or WORD_JOINER)
            for g, sd, piece in zip(glyphs, shape, pieces, strict=True)
        ]
        return codes, shape

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


def _shape(font: uharfbuzz.Font, text: str) -> list[tuple[str, uharfbuzz.GlyphPosition]]:
    """Glyph names and positions of ``text``, shaped as reportlab shapes it."""
    buf = uharfbuzz.Buffer()
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    uharfbuzz.shape(font, buf, {"kern": True, "liga": True, "dlig": True})
    names = [font.glyph_to_string(info.codepoint) for info in buf.glyph_infos]
    return list(zip(names, buf.glyph_positions, strict=True))


def _composites(data: bytes) -> dict[Placement, int]:
    """The glyph id of the composite drawn for each placement of a lone ำ's nikhahit that
    HarfBuzz gives after ``_BEFORE_AM``: after the font's own glyphs, in placement order."""
    face = uharfbuzz.Face(uharfbuzz.Blob(data))
    font = uharfbuzz.Font(face)
    found = set()
    for before in _BEFORE_AM:
        for (nik, n), (aa, a) in pairwise(_shape(font, before + SARA_AM)):
            if nik.split(".")[0] == "uni0E4D" and aa == "uni0E32":
                dx, dy = n.x_offset - n.x_advance - a.x_offset, n.y_offset - a.y_offset
                found.add(Placement(nik, dx, dy))
    return {where: face.glyph_count + k for k, where in enumerate(sorted(found))}


def _with_sara_am_glyphs(data: bytes, composites: dict[Placement, int]) -> bytes:
    """The font ``data`` with the ``composites`` (nikhahit + sara aa) added at their glyph
    ids. The other glyphs and tables stay byte for byte."""
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    font = FontFile(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    order = list(font.getGlyphOrder())
    glyf, hmtx = font["glyf"], font["hmtx"]
    font["post"]  # loaded, so that it names the new glyphs (the rest is copied as it is)
    for k, where in enumerate(sorted(composites, key=composites.__getitem__)):
        glyph = Glyph()
        glyph.numberOfContours = -1
        glyph.components = []
        for name, x, y in ((where.nikhahit, where.dx, where.dy), ("uni0E32", 0, 0)):
            part = GlyphComponent()
            part.glyphName, part.x, part.y = name, x, y
            part.flags = 0x0200 if name == "uni0E32" else 0  # USE_MY_METRICS
            glyph.components.append(part)
        glyph.recalcBounds(glyf)
        name = f"uni0E33.am{k}"
        order.append(name)
        glyf.glyphs[name] = glyph
        hmtx.metrics[name] = (hmtx["uni0E32"][0], glyph.xMin)
    glyf.glyphOrder = order
    font.setGlyphOrder(order)
    return _saved(font)


def _saved(font: "FontFile") -> bytes:
    """``font`` as a file: the tables we loaded compiled, the others copied as they are
    (``FontFile.save`` would import fontTools' code for every table: half a second)."""
    from fontTools.ttLib.sfnt import SFNTWriter

    first = {tag: font.getTableData(tag) for tag in ("glyf", "hmtx")}  # they set loca, hhea
    tags = [tag for tag in font.reader.tables if tag != "DSIG"]  # the signature is void now
    out = io.BytesIO()
    writer = SFNTWriter(out, len(tags), font.sfntVersion)
    for tag in tags:
        writer[tag] = first.get(tag) or font.getTableData(tag)
    writer.close()
    return out.getvalue()


def use_cache(folder: Path | None) -> None:
    """Keep the faces with their added glyphs in ``folder`` (None: in memory only); it
    counts for the faces not registered yet."""
    global _cache_folder
    with _lock:
        _cache_folder = folder


def _patched(stem: str, source: bytes, composites: dict[Placement, int]) -> bytes:
    """The face ``source`` with its ``composites``: from the cache folder when it holds
    them, else made and, where the folder takes it, kept there."""
    folder = _cache_folder
    if folder is None:
        return _with_sara_am_glyphs(source, composites)
    key = hashlib.sha256(source)
    key.update(f"{CACHE_FORMAT} {__version__} {uharfbuzz.__version__}".encode())
    entry = folder / f"{stem}-{key.hexdigest()[:32]}{_CACHED}"
    with contextlib.suppress(OSError):
        stored = entry.read_bytes()
        if hashlib.sha256(stored[32:]).digest() == stored[:32]:
            return stored[32:]
    data = _with_sara_am_glyphs(source, composites)
    with contextlib.suppress(OSError, UserError):  # read-only: the face stays in memory
        folder.mkdir(parents=True, exist_ok=True)
        write_file(entry, hashlib.sha256(data).digest() + data)
        for stale in folder.glob(f"{stem}-*{_CACHED}"):  # made by another version
            if stale != entry:
                stale.unlink()
    return data


def copyable(text: str, shaped: ShapedStr, font: str) -> ShapedStr:
    """``shaped`` redrawn so that it copies out of the PDF as ``text`` (see the module)."""
    face = pdfmetrics.getFont(font)
    return face.readable(text, shaped) if isinstance(face, ThaiTTFont) else shaped


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
