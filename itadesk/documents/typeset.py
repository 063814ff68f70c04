"""Thai text for reportlab: our own line breaking, shaping and distributed justification.

reportlab breaks lines only at spaces, so Thai is cut inside words. ``ThaiParagraph`` breaks
lines itself at wrap time, for the real width: words from pythainlp's ``newmm`` (with the
office's own words added), greedy fill measured with ``stringWidth``, ๆ ฯ, dashes and closing
punctuation kept with the word before and "(" with the word after. A dictionary word is never
broken while it fits; a token wider than the line is split between the words it is made of,
else at character clusters (TCC). Each line is shaped with HarfBuzz and drawn by us;
justified lines spread their slack between character clusters ("Thai distributed"), and the
last line of a paragraph stays left. Every drawn run carries ``/ActualText``, so text copied
out of the PDF reads exactly as typed.
"""

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, shapeFragWord
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from itadesk.documents.data import NBSP  # also imported from here by the renderers
from itadesk.documents.fonts import bold_of, register_fonts

Span = tuple[str, bool]
"""A run of text and whether it is bold."""

_GLUE_BEFORE = set("ๆฯ)]}”’,.:;!?%/-–" + NBSP)  # never starts a line: stays with the word before
_GLUE_AFTER_SPACE = set("ๆฯ-–")  # "ต่าง ๆ", "ต.ค.๖๕ - มี.ค.๖๖": stays with the word before the space
_GLUE_AFTER = set("([{“‘" + NBSP)  # never ends a line: stays with the word after
_PREFIXES = frozenset({"การ", "ความ"})  # make nouns of the word after: never end a line
# "มี.ค. ๖๖", "พ.ศ. ๒๕๖๖": an abbreviation stays on the line of the number after it
_ABBREVIATED_NUMBER = re.compile(r"(?<=\.) (?=[0-9๐-๙])")
_MAX_HOLE = 6  # em left empty at a line end before a long compound is broken between its words
_PHRASE = 6  # em: a dictionary entry wider than this is a phrase, broken between its words
_EDGES = re.compile(r"([^\u0e01-\u0e4f]*)(.*?)([^\u0e01-\u0e4f]*)", re.DOTALL)  # "(" Thai "),"
_MAX_SPREAD = 0.1  # most extra space per cluster gap, in em; a line needing more stays left

_lock = threading.Lock()
_dictionary_cache: "WordList | None" = None
_custom: set[str] = set()


class WordList:
    """A sorted word list that answers newmm's ``prefixes`` like pythainlp's ``Trie``.

    Building it is a sort (about 0.1 s for the 62,000 words) where building the Trie takes
    about 1 s in pure Python; that second is what a cold ``itadesk print`` used to wait for.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(set(words))
        self._set = frozenset(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        return word in self._set

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words of the list that ``text[start:]`` starts with, shortest first."""
        found, words, count = [], self._words, len(self._words)
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            index = bisect_left(words, piece)
            if index == count or not words[index].startswith(piece):
                break
            if words[index] == piece:
                found.append(piece)
        return found


def _dictionary() -> WordList:
    """pythainlp's word list plus the office's words."""
    global _dictionary_cache
    with _lock:
        if _dictionary_cache is None:
            from pythainlp.corpus import thai_words

            _dictionary_cache = WordList(thai_words() | _custom)
        return _dictionary_cache


def set_custom_words(words: Iterable[str]) -> None:
    """Teach the segmenter the office's own words (its name, people, units)."""
    global _dictionary_cache
    new = {w.strip() for w in words if w.strip()}
    with _lock:
        if new == _custom:
            return
        _custom.clear()
        _custom.update(new)
        _dictionary_cache = None
        words_of.cache_clear()
        atoms_of.cache_clear()
        words_in.cache_clear()


def warm_up() -> None:
    """Load the dictionary and the tokenizers (call once in a background thread)."""
    register_fonts()
    words_of("ทดสอบการตัดคำ")
    clusters_of("ทดสอบ")


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[str, ...]:
    """Thai words and whitespace of ``text`` (newmm with the custom dictionary)."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, custom_dict=_dictionary(), engine="newmm", keep_whitespace=True)
    return tuple(tokens)


@lru_cache(maxsize=8192)
def clusters_of(text: str) -> tuple[str, ...]:
    """Thai character clusters (TCC) of ``text``: pieces a line may never split."""
    from pythainlp.tokenize import subword_tokenize

    return tuple(subword_tokenize(text, engine="tcc"))


@lru_cache(maxsize=8192)
def atoms_of(text: str) -> tuple[str, ...]:
    """The parts of ``text`` that a line never breaks while they fit.

    A dictionary word is one part (ประชุม, ดำเนินการ, "(ประชาสัมพันธ์),"); any other compound
    of dictionary words is cut into them (ความ|โปร่งใส).
    """
    return (text,) if _edges(text)[1] in _dictionary() else words_in(text)


@lru_cache(maxsize=8192)
def words_in(text: str) -> tuple[str, ...]:
    """``text`` as the fewest dictionary words other than itself, the shortest of them as long
    as possible (ความ|โปร่งใส, not ความโปร่ง|ใส); punctuation, digits and Latin at either end
    stay with the word beside them. ``(text,)`` if ``text`` is not made of words."""

    def rank(words: tuple[str, ...]) -> tuple[int, int]:
        return len(words), -min(map(len, words))

    head, core, tail = _edges(text)
    n = len(core)
    best: list[tuple[str, ...] | None] = [None] * n + [()]  # best[i]: words of core[i:]
    for i in range(n - 1, -1, -1):
        for word in _dictionary().prefixes(core, i):
            rest, old = best[i + len(word)], best[i]
            if rest is not None and len(word) < n:
                found = (word, *rest)
                best[i] = found if old is None or rank(found) < rank(old) else old
    words = best[0]
    if not words:
        return (text,)
    return (head + words[0], *words[1:-1], words[-1] + tail)


def _edges(text: str) -> tuple[str, str, str]:
    """``text`` as what precedes its first Thai letter, the Thai middle, and what follows."""
    match = _EDGES.fullmatch(text)
    assert match is not None  # every part of the pattern may be empty
    head, core, tail = match.groups()
    return head, core, tail


def _pieces(text: str, font: str, size: float) -> tuple[str, ...]:
    """The atoms of ``text``, with a dictionary phrase wider than ``_PHRASE`` em
    (อำนวยความสะดวก, สำนักงานคณะกรรมการ…) cut into its words: what a line or a column
    needs to hold whole."""
    parts = atoms_of(text)
    if len(parts) == 1 and stringWidth(_edges(text)[1], font, size) > _PHRASE * size:
        parts = words_in(text)  # the phrase itself, not "๕. " before it, is that wide
    if len(parts) == 1:
        return parts
    return tuple(piece for part in parts for piece in _pieces(part, font, size))


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4f"


def _units(text: str) -> list[str]:
    """Split ``text`` into unbreakable units; spaces are units of their own."""
    units: list[str] = []
    glue_next = False
    for tok in words_of(text):
        if tok.strip(NBSP) == "" and units:  # no-break space: glue both sides
            units[-1] += tok
            glue_next = True
            continue
        if tok.isspace():
            if units and units[-1].isspace():
                units[-1] += tok
            else:
                units.append(tok)
            glue_next = False
            continue
        prev = units[-1] if units else ""
        # no break before closing marks, after "." (มี.ค. ป.ป.ช.), or between two non-Thai
        # tokens (numbers, Latin words, punctuation)
        joins = glue_next or (
            bool(prev)
            and not prev.isspace()
            and (
                tok[0] in _GLUE_BEFORE
                or prev[-1] == "."
                or not (_is_thai_letter(prev[-1]) or _is_thai_letter(tok[0]))
            )
        )
        if not joins and tok[0] in _GLUE_AFTER_SPACE and len(units) >= 2 and prev.isspace():
            units.pop()  # "ต่าง ๆ", "๖๕ - ๖๖": the space and the mark stay with the word before
            prev = units[-1]
            units[-1] = prev + " "
            joins = True
        if joins and units:
            units[-1] += tok
        else:
            units.append(tok)
        glue_next = tok[-1] in _GLUE_AFTER or tok in _PREFIXES
    return units


@dataclass
class _Unit:
    text: str
    font: str
    width: float
    space: bool
    hard_end: bool = False  # a typed line break follows


@dataclass
class _Line:
    units: list[_Unit] = field(default_factory=list)
    width: float = 0.0
    last: bool = False  # ends a paragraph or a typed line: not justified
    after: list[_Unit] = field(default_factory=list)  # the spaces it broke at (not drawn)


def _make_units(spans: Sequence[Span], style: ParagraphStyle) -> list[_Unit]:
    size = style.fontSize
    units: list[_Unit] = []
    for text, bold in spans:
        font = bold_of(style.fontName) if bold else style.fontName
        for i, line in enumerate(text.replace("\u200b", "").split("\n")):
            if i and units:
                units[-1].hard_end = True
            for u in _units(_ABBREVIATED_NUMBER.sub(NBSP, line)):
                width = stringWidth(u, font, size)
                units.append(_Unit(u, font, width, u.isspace()))
    return units


def _units_of(parts: Sequence[str], unit: _Unit, size: float) -> list[_Unit]:
    """``unit`` cut into ``parts``; the last keeps its typed line break."""
    units = [_Unit(p, unit.font, stringWidth(p, unit.font, size), False) for p in parts]
    units[-1].hard_end = unit.hard_end
    return units


def _parts(text: str, font: str, width: float, size: float) -> list[str]:
    """``text`` cut into words, and words into smaller words, until each fits ``width``;
    a piece that is no compound and still too wide is cut into character clusters."""
    if stringWidth(text, font, size) <= width:
        return [text]
    words = words_in(text)
    if len(words) > 1:
        return [part for word in words for part in _parts(word, font, width, size)]
    clusters: list[str] = []
    for cl in clusters_of(text):  # a space or closing mark stays with the cluster before it
        if clusters and (cl[0] in _GLUE_BEFORE or cl.isspace()):
            clusters[-1] += cl
        else:
            clusters.append(cl)
    return clusters


def _split_wide(unit: _Unit, width: float, size: float) -> list[_Unit]:
    """Cut a unit wider than a line between the words of a compound, else between clusters."""
    pieces: list[_Unit] = []
    text, used = "", 0.0
    for cl in _parts(unit.text, unit.font, width, size):
        w = stringWidth(cl, unit.font, size)
        if text and used + w > width:
            pieces.append(_Unit(text, unit.font, used, False))
            text, used = "", 0.0
        text += cl
        used += w
    pieces.append(_Unit(text, unit.font, used, False, unit.hard_end))
    return pieces


def break_lines(
    units: Sequence[_Unit], first_width: float, width: float, size: float
) -> list[_Line]:
    """Greedy fill of ``units`` into lines (the first line may be narrower)."""
    lines = [_Line()]
    avail = first_width

    def new_line() -> None:
        nonlocal avail
        line = lines[-1]
        while line.units and line.units[-1].space:
            line.after.insert(0, line.units.pop())
            line.width -= line.after[0].width
        lines.append(_Line())
        avail = width

    queue = list(units)
    queue.reverse()
    while queue:
        unit = queue.pop()
        line = lines[-1]
        if unit.space:
            if line.units:
                line.units.append(unit)
                line.width += unit.width
        elif line.width + unit.width <= avail + 0.01:
            line.units.append(unit)
            line.width += unit.width
        elif any(not u.space for u in line.units):
            hole = avail - line.width
            parts = _pieces(unit.text, unit.font, size) if hole > _MAX_HOLE * size else ()
            if len(parts) > 1:  # a long compound would leave a hole: its first words end the line
                queue.extend(reversed(_units_of(parts, unit, size)))
                continue
            new_line()
            queue.append(unit)
            continue
        else:
            line.units.clear()
            line.width = 0.0
            pieces = _split_wide(unit, avail, size)
            if len(pieces) > 1:
                queue.extend(reversed(pieces))
                continue
            line.units.append(unit)  # one cluster wider than the line: it overflows, alone
            line.width += unit.width
        if unit.hard_end:
            line.last = True
            new_line()
    new_line()
    lines.pop()
    if not lines[-1].units and len(lines) > 1:
        lines.pop()
    lines[-1].last = True
    return lines


def _actual_text(text: str) -> str:
    """The run as typed: no-break spaces we added to keep words together copy as spaces."""
    return "<FEFF" + text.replace(NBSP, " ").encode("utf-16-be").hex().upper() + ">"


def spread_points(text: str) -> list[int]:
    """Offsets where justification may add space: between Thai clusters and around spaces.

    Latin words and numbers stay whole (their letters are not spaced out).
    """
    bounds, pos, prev = [], 0, ""
    for cl in clusters_of(text):
        spaced = " " in cl + prev or NBSP in cl + prev
        if pos and (_is_thai_letter(cl[0]) or _is_thai_letter(prev[-1]) or spaced):
            bounds.append(pos)
        pos += len(cl)
        prev = cl
    return bounds


def _spread(shaped: ShapedStr, text: str, extra: float, size: float) -> ShapedStr:
    """Add ``extra`` points at every spread point of ``shaped``."""
    bounds = spread_points(text)
    data = shaped.__shapeData__
    add = extra * 1000 / size
    out = []
    for i, sd in enumerate(data):
        if i + 1 < len(data) and bisect_right(bounds, sd.cluster) != bisect_right(
            bounds, data[i + 1].cluster
        ):
            sd = sd._replace(x_advance=sd.x_advance + add)
        out.append(sd)
    return ShapedStr(str(shaped), shapeData=out)


def draw_run(canv: Canvas, x: float, y: float, text: str, font: str, size: float) -> float:
    """Draw one shaped run at (x, y) on the baseline; return its width."""
    return _draw(canv, x, y, text, font, size, 0.0)


def _draw(
    canv: Canvas, x: float, y: float, text: str, font: str, size: float, extra: float
) -> float:
    """Draw a run with ``extra`` points at each spread point; return the width drawn."""
    shaped, advance = _shape(text, font, size)
    if extra:
        shaped = _spread(shaped, text, extra, size)
        advance = sum(sd.x_advance for sd in shaped.__shapeData__) * size / 1000
    canv._code.append(f"/Span <</ActualText {_actual_text(text)}>> BDC")
    tx = canv.beginText(x, y)
    tx.setFont(font, size)
    tx._textOut(shaped)
    canv.drawText(tx)
    canv._code.append("EMC")
    return advance


@lru_cache(maxsize=16384)
def _shape(text: str, font: str, size: float) -> tuple[ShapedStr, float]:
    """HarfBuzz-shaped ``text`` and its advance width in points (cached)."""
    shaped = shapeFragWord([0, (ABag(fontName=font, fontSize=size), text)], force=True)[1][1]
    return shaped, sum(sd.x_advance for sd in shaped.__shapeData__) * size / 1000


def baseline_offset(size: float, leading: float) -> float:
    """Distance from the top of a line box to its baseline (room for stacked marks)."""
    return (leading + 1.3 * size) / 2 - 0.232 * size


class ThaiParagraph(Flowable):
    """A paragraph of Thai (and Latin) text, broken into lines at wrap time and shaped.

    ``text`` is a string or a sequence of ``(text, bold)`` spans; ``"\\n"`` forces a line
    break. Uses the style's font, size, leading, indents, alignment and colour;
    ``TA_JUSTIFY`` means Thai distributed justification.
    """

    def __init__(self, text: str | Sequence[Span], style: ParagraphStyle) -> None:
        super().__init__()
        register_fonts()
        self.style = style
        spans = [(text, False)] if isinstance(text, str) else list(text)
        self.text = "".join(t for t, _ in spans)
        self._units = _make_units(spans, style)
        self._first = True  # this piece starts the paragraph (first-line indent)
        self._continued = False  # the paragraph goes on after this piece
        self._lines: list[_Line] = []
        self._width = 0.0
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def __repr__(self) -> str:
        return f"ThaiParagraph({self.text[:30]!r})"

    def _break(self, avail: float) -> list[_Line]:
        cached = self.__dict__.get("_cache")
        if cached and cached[0] == avail:
            return cached[1]
        lines = self._break_for(avail)
        self._cache = (avail, lines)
        return lines

    def _break_for(self, avail: float) -> list[_Line]:
        st = self.style
        width = avail - st.leftIndent - st.rightIndent
        first = width - (st.firstLineIndent if self._first else 0)
        lines = break_lines(self._units, first, width, st.fontSize)
        if self._continued:
            lines[-1].last = False
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break the lines for this width; the height is lines × leading."""
        self._width = availWidth
        self._lines = self._break(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return availWidth, self.height

    def min_width(self) -> float:
        """Widest word of the dictionary, of a compound or of a long phrase (see
        ``_pieces``), plus indents: narrower, a line would break inside a word."""
        st = self.style
        widths = [
            stringWidth(a, u.font, st.fontSize)
            for u in self._units
            if not u.space
            for a in _pieces(u.text, u.font, st.fontSize)
        ]
        return max(widths, default=0.0) + st.leftIndent + st.rightIndent

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between lines, keeping at least two lines on each side."""
        lines = self._break(availWidth)
        fit = int((availHeight + 0.01) // self.style.leading)
        if fit >= len(lines):
            return []  # it fits: nothing to split (a stale height brought us here)
        fit = min(fit, len(lines) - 2)
        if fit < 2:
            return []  # no lone first or last line: a paragraph of two or three lines moves whole
        # the spaces lines broke at come back: the tail breaks anew on the next page
        head = self._piece([u for line in lines[:fit] for u in line.units + line.after])
        tail = self._piece([u for line in lines[fit:] for u in line.units + line.after])
        head._first, head._continued = self._first, True
        tail._first, tail._continued = False, self._continued
        tail.spaceBefore = 0
        head.spaceAfter = 0
        return [head, tail]

    def _piece(self, units: list[_Unit]) -> "ThaiParagraph":
        new = ThaiParagraph.__new__(ThaiParagraph)
        Flowable.__init__(new)
        new.style, new.text = self.style, "".join(u.text for u in units)
        new._units = units
        new._lines, new._width = [], 0.0
        new.spaceBefore, new.spaceAfter = self.spaceBefore, self.spaceAfter
        new._first, new._continued = True, False
        return new

    def draw(self) -> None:
        """Draw each line: shaped runs at their x, spread when justified."""
        st = self.style
        canv = self.canv
        size, leading = st.fontSize, st.leading
        canv.setFillColor(st.textColor)
        y = self.height - baseline_offset(size, leading)
        for i, line in enumerate(self._lines):
            indent = st.leftIndent + (st.firstLineIndent if i == 0 and self._first else 0)
            avail = self._width - indent - st.rightIndent
            x = indent
            extra = 0.0
            runs = _runs(line)
            if st.alignment == TA_CENTER:
                x += (avail - line.width) / 2
            elif st.alignment == TA_RIGHT:
                x += avail - line.width
            elif st.alignment == TA_JUSTIFY and not line.last:
                extra = justify_extra(runs, avail - line.width, size)
            for text, font in runs:  # each run moves x by all it drew, its spacing included
                x += _draw(canv, x, y, text, font, size, extra) + extra
            y -= leading


def justify_extra(runs: Sequence[tuple[str, str]], slack: float, size: float) -> float:
    """Points to add at each spread point of ``runs`` and between them to fill ``slack``;
    0 when that is more than ``_MAX_SPREAD`` em (the line stays left-aligned)."""
    gaps = sum(len(spread_points(text)) + 1 for text, _ in runs) - 1
    if gaps <= 0 or slack <= 0 or slack / gaps > _MAX_SPREAD * size:
        return 0.0
    return slack / gaps


def _runs(line: _Line) -> list[tuple[str, str]]:
    """Adjacent units of one font merged into runs."""
    runs: list[tuple[str, str]] = []
    for u in line.units:
        if runs and runs[-1][1] == u.font:
            runs[-1] = (runs[-1][0] + u.text, u.font)
        else:
            runs.append((u.text, u.font))
    return runs
