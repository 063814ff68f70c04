"""Thai text for reportlab: our own line breaking, shaping and distributed justification.

reportlab breaks lines only at spaces, so Thai is cut inside words. ``ThaiParagraph`` breaks
lines itself at wrap time, for the real width: words from pythainlp's ``newmm`` (with the
office's own words added), measured with ``stringWidth``; ๆ ฯ, dashes and closing
punctuation kept with the word before and "(" with the word after. The breaks are chosen over
the whole paragraph at once (total fit, as TeX does): the sum of the squared room left at
each line end, plus penalties for what a careful typesetter avoids (a line holding only a
short function word or word piece, a break inside a compound, inside one of the office's
names, between a number and the word it counts). The search looks back one line at most, so
its cost grows linearly with the paragraph; so does every step before it, on any text (no
spaces, no dictionary word, one glued run: ``bench/bench_linebreak.py``), and a paragraph
longer than any field may hold (hostile) is cut by the longest word at each place instead
of by newmm. A dictionary word is never broken while it fits;
a token wider than the line is split between the words it is made of, else at character
clusters (TCC), a link after / . - _. Each line is shaped with HarfBuzz and drawn by us;
justified lines spread their slack between character clusters ("Thai distributed"), and the
last line of a paragraph stays left. Every drawn run carries ``/ActualText`` (a lone ำ its
own: ``fonts.drawn_pieces``), and its codes copy as typed too, so text copied out of the PDF
reads exactly as typed.
"""

import itertools
import math
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
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
from itadesk.documents.fonts import bold_of, copyable, drawn_pieces, register_fonts
from itadesk.domain.limits import MAX_TEXT_CHARS

Span = tuple[str, bool]
"""A run of text and whether it is bold."""

_GLUE_BEFORE = set("ๆฯ)]}”’,.:;!?%/-–" + NBSP)  # never starts a line: stays with the word before
_GLUE_AFTER_SPACE = set("ๆฯ-–")  # "ต่าง ๆ", "ต.ค.๖๕ - มี.ค.๖๖": stays with the word before the space
_GLUE_AFTER = set("([{“‘" + NBSP)  # never ends a line: stays with the word after
_PREFIXES = frozenset({"การ", "ความ"})  # make nouns of the word after: never end a line
# "มี.ค. ๖๖", "พ.ศ. ๒๕๖๖": an abbreviation stays on the line of the number after it
_ABBREVIATED_NUMBER = re.compile(r"(?<=\.) (?=[0-9๐-๙])")
_PHRASE = 6  # em: a dictionary entry wider than this is a phrase, broken between its words
_THAI = re.compile(r"[\u0e01-\u0e4f]")  # a Thai letter, vowel or mark
_MAX_SPREAD = 0.1  # most extra space per cluster gap, in em; a line needing more stays left

# The cost of a paragraph's breaks is the sum over its lines of the room left at the line
# end, in em, squared (a line 3 em short costs 9; the last line of a paragraph costs nothing),
# plus _LINE for every line and these penalties:
_LINE = 1.0
_PIECE_BREAK = 20.0  # between the words of a compound or a long phrase (ความ|โปร่งใส)
_PREFIX_BREAK = 1000.0  # after การ or ความ (they make a noun of the word after them)
_CLUSTER_BREAK = 2000.0  # inside a word wider than the line (between its character clusters)
_NAME_BREAK = 60.0  # inside one of the office's names (its own, its units, people, places)
_NUMBER_BREAK = 40.0  # between a number and the word beside it (ทุก ๖|เดือน)
_LATIN_BREAK = 60.0  # between the words of a Latin phrase in Thai text ((No Gift Policy))
_STRANDED = 150.0  # a line holding only a short function word or word piece
_OVERFULL = 1e6  # one piece wider than the line: it overflows, alone on its line
_WINDOW = 300  # most pieces one line may hold: the search stays linear on any text
_CHUNK = 400  # characters newmm is given at once: long runs without a space go in windows
_UNPACKED = 8  # lines of a word cut at clusters weighed cluster by cluster (see _packed)
_MARKS = set("ะัาำิีึืฺุู็่้๊๋์ํ๎ๅ")  # Thai vowels and marks that follow their letter
_LEADING = set("เแโใไ")  # Thai vowels written before their letter
_HEAD = 4  # letters of the beginnings of words that the word list keeps in a set
# short words that must not stand alone on a line (as ``pdfcheck`` counts them)
STRANDED_WORDS = frozenset(
    "การ ความ ของ และ ใน ที่ ให้ เพื่อ จาก กับ แก่ โดย ต่อ หรือ ซึ่ง องค์ ได้ ไป มา ว่า ทุก เป็น "  # noqa: SIM905
    "แห่ง ตาม ด้วย จะ มี".split()
)
_STRIP = " -–,.()\xa0"  # around a stranded word
_SHORT_PIECE = 2.5  # em: a piece of a split word this narrow is a stranded line on its own
_LATIN = re.compile(r"[A-Za-z]")
_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
_NUMBER = re.compile(r"[0-9๐-๙][0-9๐-๙.,:/]*[.,)]?")
_LINK_CUT = re.compile(r"(?<=[/.\-_])(?![/.\-_])")  # where a link or a file name may break

_lock = threading.Lock()
_dictionary_cache: "WordList | None" = None
_custom: set[str] = set()
_names: "re.Pattern[str] | None" = None  # the office's names: lines break inside them last


class WordList:
    """A sorted word list that answers newmm's ``prefixes`` like pythainlp's ``Trie``.

    Building it is a sort (about 0.1 s for the 62,000 words) where building the Trie takes
    about 1 s in pure Python; that second is what a cold ``itadesk print`` used to wait for.
    The beginnings of words up to ``_HEAD`` letters are kept in a set: most places in a text
    begin no word, and a set answers that at once (text without a dictionary word is
    segmented three times faster).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted(set(words))
        self._set = frozenset(self._words)
        self._heads = frozenset(w[:k] for w in self._words for k in range(1, _HEAD + 1))
        self._tails: dict[str, frozenset[str]] = {}  # by head: see _longer

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        return word in self._set

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words of the list that ``text[start:]`` starts with, shortest first."""
        found, heads, known = [], self._heads, self._set
        stop = min(len(text), start + _HEAD)
        for end in range(start + 1, stop + 1):
            piece = text[start:end]
            if piece not in heads:
                return found
            if piece in known:
                found.append(piece)
        if stop - start < _HEAD:
            return found
        longer = self._longer(text[start:stop])
        for end in range(stop + 1, len(text) + 1):
            piece = text[start:end]
            if piece not in longer:
                break
            if piece in known:
                found.append(piece)
        return found

    def _longer(self, head: str) -> frozenset[str]:
        """The beginnings longer than ``head`` of the words that begin with it (kept once
        asked for: a text asks for a few thousand heads at most)."""
        longer = self._tails.get(head)
        if longer is None:
            words = self._words
            low = bisect_left(words, head)
            high = bisect_left(words, head[:-1] + chr(ord(head[-1]) + 1), low)
            longer = frozenset(w[:k] for w in words[low:high] for k in range(_HEAD + 1, len(w) + 1))
            self._tails[head] = longer
        return longer


def _dictionary() -> WordList:
    """pythainlp's word list plus the office's words."""
    global _dictionary_cache
    with _lock:
        if _dictionary_cache is None:
            from pythainlp.corpus import thai_words

            _dictionary_cache = WordList(thai_words() | _custom)
        return _dictionary_cache


def set_custom_words(words: Iterable[str], protected: Iterable[str] | None = None) -> None:
    """Teach the segmenter the office's own words (its name, people, units); lines break
    inside a ``protected`` phrase (by default each of ``words``) only when nothing else fits."""
    global _dictionary_cache, _names
    new = {w.strip() for w in words if w.strip()}
    phrases = sorted(
        {w.strip() for w in (new if protected is None else protected) if len(w.strip()) > 1},
        key=len,
        reverse=True,
    )
    with _lock:
        _names = re.compile("|".join(map(re.escape, phrases))) if phrases else None
        if new == _custom:
            return
        _custom.clear()
        _custom.update(new)
        _dictionary_cache = None
        for cached in (_words, _longest_words, atoms_of, words_in, _pieces, _parts):
            cached.cache_clear()


def warm_up() -> None:
    """Load the dictionary and the tokenizers (call once in a background thread)."""
    register_fonts()
    words_of("ทดสอบการตัดคำ")
    clusters_of("ทดสอบ")


def words_of(text: str, hostile: bool = False) -> tuple[str, ...]:
    """Thai words and whitespace of ``text`` (newmm with the custom dictionary), in time
    linear in its length: newmm sees the text between spaces, a long run in windows.
    ``hostile``: a paragraph longer than any field may hold, cut by the longest word at
    each place instead (a third of newmm's time; where it breaks no longer matters)."""
    words: list[str] = []
    for run in re.split(r"( +)", text):
        words += _windowed(run, _longest_words if hostile else _words) if run else ()
    return tuple(words)


@lru_cache(maxsize=8192)
def _longest_words(text: str) -> tuple[str, ...]:
    """``text`` cut by the longest dictionary word at each place (else a character joins
    the piece before), never between a Thai letter and a mark or vowel that goes with it."""

    def cuts(i: int) -> bool:
        return i in (0, n) or (text[i] not in _MARKS and text[i - 1] not in _LEADING)

    prefixes, n = _dictionary().prefixes, len(text)
    words: list[str] = []
    other, i = 0, 0  # where the piece of no dictionary word before i starts
    while i < n:
        size = 0
        if cuts(i):
            size = next((len(w) for w in reversed(prefixes(text, i)) if cuts(i + len(w))), 0)
        if not size:
            i += 1
            continue
        if other < i:
            words.append(text[other:i])
        words.append(text[i : i + size])
        i += size
        other = i
    if other < n:
        words.append(text[other:])
    return tuple(words)


def _windowed(text: str, tokens: Callable[[str], Sequence[str]]) -> list[str]:
    """``tokens`` of ``text`` in time linear in its length: a text longer than ``_CHUNK``
    goes in windows that long; the last two tokens of a window may be cut short by its end,
    so the next window starts at them."""
    out: list[str] = []
    start = 0
    while len(text) - start > _CHUNK:
        window = tokens(text[start : start + _CHUNK])
        keep = window[: max(1, len(window) - 2)]
        out += keep
        start += sum(map(len, keep))
    out += tokens(text[start:])
    return out


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, custom_dict=_dictionary(), engine="newmm", keep_whitespace=True)
    return tuple(tokens)


@lru_cache(maxsize=8192)
def clusters_of(text: str) -> tuple[str, ...]:
    """Thai character clusters (TCC) of ``text``: pieces a line may never split. Outside
    Thai each character is one (pythainlp's TCC too, at a far higher cost); a long text
    goes in windows (pythainlp's TCC copies the rest of the text at each cluster)."""
    if not _THAI.search(text):
        return tuple(text)
    return tuple(_windowed(text, _tcc))


def _tcc(text: str) -> list[str]:
    from pythainlp.tokenize import subword_tokenize

    return subword_tokenize(text, engine="tcc")


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

    head, core, tail = _edges(text)
    n = len(core)
    # best[i]: the rank (count, -shortest) of the best words of core[i:], and the length of
    # the first of them; each position keeps only these, so the search stays linear
    best: list[tuple[tuple[float, int], int]] = [((math.inf, 0), 0)] * n + [((0, -n), 0)]
    prefixes = _dictionary().prefixes
    for i in range(n - 1, -1, -1):
        for word in prefixes(core, i):
            size = len(word)
            (count, shortest), _ = best[i + size]
            found = (count + 1, max(shortest, -size))
            if count < math.inf and size < n and found < best[i][0]:
                best[i] = (found, size)
    if not n or best[0][0][0] == math.inf:
        return (text,)
    words, i = [], 0
    while i < n:
        size = best[i][1]
        words.append(core[i : i + size])
        i += size
    return (head + words[0], *words[1:-1], words[-1] + tail)


def _edges(text: str) -> tuple[str, str, str]:
    """``text`` as what precedes its first Thai letter, the Thai middle, and what follows."""
    if text and _is_thai_letter(text[0]) and _is_thai_letter(text[-1]):
        return "", text, ""  # most words: at once
    first = _THAI.search(text)
    if first is None:
        return text, "", ""
    last = _THAI.search(text[::-1])  # found too; one pass each way: linear on any text
    assert last is not None
    end = len(text) - last.start()
    return text[: first.start()], text[first.start() : end], text[end:]


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    """``stringWidth``, cached: a paragraph measures the same words again and again."""
    return stringWidth(text, font, size)


@lru_cache(maxsize=8192)
def _pieces(text: str, font: str, size: float) -> tuple[str, ...]:
    """The atoms of ``text``, with a dictionary phrase wider than ``_PHRASE`` em
    (อำนวยความสะดวก, สำนักงานคณะกรรมการ…) cut into its words: what a line or a column
    needs to hold whole."""
    parts = atoms_of(text)
    if len(parts) == 1 and _width(_edges(text)[1], font, size) > _PHRASE * size:
        parts = words_in(text)  # the phrase itself, not "๕. " before it, is that wide
    if len(parts) == 1:
        return parts
    return tuple(piece for part in parts for piece in _pieces(part, font, size))


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4f"


def _units(text: str, hostile: bool = False) -> list[str]:
    """Split ``text`` into unbreakable units; spaces are units of their own (``hostile``:
    see ``words_of``)."""
    units: list[list[str]] = []  # each unit as its tokens, joined at the end: linear
    space = False  # the last unit is whitespace
    glue_next = False
    for tok in words_of(text, hostile):
        if tok.strip(NBSP) == "" and units:  # no-break space: glue both sides
            units[-1].append(tok)
            glue_next = True
            continue
        if tok.isspace():
            if units and space:
                units[-1].append(tok)
            else:
                units.append([tok])
            space, glue_next = True, False
            continue
        prev = units[-1][-1] if units else ""
        # no break before closing marks, after "." (มี.ค. ป.ป.ช.), or between two non-Thai
        # tokens (numbers, Latin words, punctuation)
        joins = glue_next or (
            bool(prev)
            and not space
            and (
                tok[0] in _GLUE_BEFORE
                or prev[-1] == "."
                or not (_is_thai_letter(prev[-1]) or _is_thai_letter(tok[0]))
            )
        )
        if not joins and tok[0] in _GLUE_AFTER_SPACE and len(units) >= 2 and space:
            # "ต่าง ๆ", "๖๕ - ๖๖": the space and the mark stay with the word before
            spaces = units.pop()
            units[-1] += spaces
            joins = True
        if joins and units:
            units[-1].append(tok)
        else:
            units.append([tok])
        space = False
        glue_next = tok[-1] in _GLUE_AFTER or tok in _PREFIXES
    return ["".join(unit) for unit in units]


@dataclass
class _Unit:
    text: str
    font: str
    width: float
    space: bool
    hard_end: bool = False  # a typed line break follows
    penalty: float = 0.0  # the cost of a line break right after it
    piece: bool = False  # a piece of a word or compound cut apart (องค์|การ...)


@dataclass
class _Line:
    units: list[_Unit] = field(default_factory=list)
    width: float = 0.0
    last: bool = False  # ends a paragraph or a typed line: not justified
    after: list[_Unit] = field(default_factory=list)  # the spaces it broke at (not drawn)


def _make_units(spans: Sequence[Span], style: ParagraphStyle) -> list[_Unit]:
    """The paragraph as pieces a line may end after, each with the cost of ending it there:
    words and spaces, long compounds and phrases cut into their words."""
    size = style.fontSize
    units: list[_Unit] = []
    hostile = sum(len(text) for text, _ in spans) > MAX_TEXT_CHARS
    for text, bold in spans:
        font = bold_of(style.fontName) if bold else style.fontName
        for i, line in enumerate(text.replace("\u200b", "").split("\n")):
            if i and units:
                units[-1].hard_end = True
            line = _ABBREVIATED_NUMBER.sub(NBSP, line)
            names = _name_spans(line)
            first, pos = len(units), 0
            for u in _units(line, hostile):
                parts = (u,) if u.isspace() else _pieces(u, font, size)
                for k, part in enumerate(parts):
                    pos += len(part)
                    cut = _PREFIX_BREAK if _edges(part)[1] in _PREFIXES else _PIECE_BREAK
                    units.append(
                        _Unit(
                            part, font, _width(part, font, size), part.isspace(),
                            penalty=(cut if k + 1 < len(parts) else 0.0)
                            + (_NAME_BREAK if _inside(names, pos) else 0.0),
                            piece=len(parts) > 1,
                        )
                    )  # fmt: skip
            _pair_penalties(units[first:])
    return units


def _name_spans(text: str) -> list[tuple[int, int]]:
    """Where the office's names stand in ``text``."""
    names = _names
    return [m.span() for m in names.finditer(text)] if names else []


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is offset ``pos`` strictly inside one of ``spans``?"""
    index = bisect_left(spans, (pos,)) - 1  # the last span starting before ``pos``
    return index >= 0 and spans[index][0] < pos < spans[index][1]


def _pair_penalties(units: Sequence[_Unit]) -> None:
    """A break between a number and the Thai word beside it costs ``_NUMBER_BREAK``;
    between two words of Latin, ``_LATIN_BREAK``."""
    words = [u for u in units if not u.space]
    for left, right in itertools.pairwise(words):
        a, b = _NUMBER.fullmatch(left.text), _NUMBER.fullmatch(right.text)
        if (a and _is_thai_letter(right.text[0])) or (b and _is_thai_letter(left.text[-1])):
            left.penalty += _NUMBER_BREAK
        elif _LATIN.search(left.text[-2:]) and _LATIN.match(right.text.lstrip("(")):
            left.penalty += _LATIN_BREAK


@lru_cache(maxsize=8192)
def _parts(text: str, font: str, width: float, size: float) -> tuple[str, ...]:
    """``text`` cut into words, and words into smaller words, until each fits ``width``;
    a link or file name is cut after / . - _; what is still too wide, into character
    clusters."""
    if _width(text, font, size) <= width:
        return (text,)
    words = words_in(text)
    if len(words) == 1 and not _edges(text)[1]:  # no Thai: a link, a file name, a number
        words = tuple(w for w in _LINK_CUT.split(text) if w)
    if len(words) > 1:
        return tuple(part for word in words for part in _parts(word, font, width, size))
    clusters: list[list[str]] = []
    widths: list[float] = []
    for cl in clusters_of(text):  # a space, a closing mark or a digit after a digit stays
        wide = _width(cl, font, size)  # with the cluster before it while they fit
        glued = clusters and (cl[0] in _GLUE_BEFORE or cl.isspace() or _digits(clusters[-1], cl))
        if glued and widths[-1] + wide <= width:
            clusters[-1].append(cl)
            widths[-1] += wide
        else:
            clusters.append([cl])
            widths.append(wide)
    return _packed(["".join(cl) for cl in clusters], widths, width)


def _digits(before: list[str], cluster: str) -> bool:
    """Does ``cluster`` go on a run of digits (๒๕|๖๘ is never a place to break)?"""
    return cluster[0] in _DIGITS and before[-1][-1] in _DIGITS


def _packed(clusters: list[str], widths: list[float], width: float) -> tuple[str, ...]:
    """The ``clusters`` of a word more than ``_UNPACKED`` lines wide (Latin or Thai without
    a word the dictionary knows, a hostile title) put together a line at a time, each line
    as full as it goes, but for the last ``_UNPACKED`` lines' worth, which stay cluster by
    cluster: the line search then weighs a few pieces a line instead of one a letter, and
    still chooses where the word ends. A narrower word is left as it is."""
    out: list[str] = []
    line: list[str] = []
    used, rest = 0.0, sum(widths)
    for k, (cl, wide) in enumerate(zip(clusters, widths, strict=True)):
        if line and used + wide > width + 0.01:
            out.append("".join(line))
            line, used = [], 0.0
        if not line and rest <= _UNPACKED * width:
            return (*out, *clusters[k:])
        line.append(cl)
        used += wide
        rest -= wide
    return (*out, "".join(line)) if line else tuple(out)


def _fitted(
    units: Sequence[_Unit], width: float, size: float
) -> tuple[list[_Unit], dict[int, int]]:
    """``units`` with each one wider than ``width`` cut into parts that fit (``_parts``);
    a break between them costs ``_CLUSTER_BREAK``, on top of the unit's own cost. Also the
    index of the first part of each cut unit, by the index of its other parts."""
    out: list[_Unit] = []
    cut: dict[int, int] = {}
    for unit in units:
        if unit.space or unit.width <= width + 0.01:
            out.append(unit)
            continue
        parts = _parts(unit.text, unit.font, width, size)
        cut |= {len(out) + k: len(out) for k in range(1, len(parts))}
        for k, part in enumerate(parts):
            end = k + 1 == len(parts)
            out.append(
                _Unit(
                    part, unit.font, _width(part, unit.font, size), False,
                    hard_end=unit.hard_end and end,
                    penalty=unit.penalty + (0.0 if end else _CLUSTER_BREAK),
                    piece=True,
                )
            )  # fmt: skip
    return out, cut


def _stranded(unit: _Unit, size: float) -> bool:
    """Would a line holding only ``unit`` look stranded (การ, ของ, องค์ alone)?"""
    return unit.text.strip(_STRIP) in STRANDED_WORDS or (
        unit.piece and unit.width < _SHORT_PIECE * size
    )


def _best_breaks(
    left: list[float],
    right: list[float],
    penalty: list[float],
    hard: list[bool],
    group: list[int],
    cont: list[bool],
    first_width: float,
    width: float,
    size: float,
    balance: bool,
    stranded: list[bool],
) -> list[int]:
    """For each word n, the first word of the line ending at n on the cheapest way there
    (``back[n + 1]``); by word: its left and right edge on one endless line, the cost of a
    break after it, the cut word it is part of, whether the next word is a part of it too,
    a typed break after it, whether it would look stranded alone on a line."""
    count = len(left)
    cost = [0.0] + [math.inf] * count  # cost[m]: the best breaks before word m
    back = [0] * (count + 1)
    floor = 0  # the first word after the last typed break
    start = 0  # the first word of the cut word that word n is part of
    for n in range(count):
        last = n + 1 == count or hard[n]
        free = last and not balance  # the last line's room costs nothing
        weight = 100.0 if cont[n] else 1.0  # a word cut at clusters fills each line it is on
        edge = right[n]
        if n and group[n] != group[n - 1]:
            start = n
        # the word alone on its line (overfull if it must be)
        room = first_width if n == 0 else width
        used = edge - left[n]
        if used > room + 0.01:
            best = cost[n] + _OVERFULL
        else:
            best = cost[n] + (0.0 if free else weight * ((room - used) / size) ** 2)
        if stranded[n] and not (n == 0 and last):
            best += _STRANDED
        best_m = n
        # the line may start at word m back to the last typed break, within the window, and
        # where a word too wide for a line starts (it starts a line of its own) ...
        lowest = max(floor, n - _WINDOW, start if cont[n] else 0)
        # ... and while it fits: the lines from m on fit while left[m] is far enough on, found
        # by bisection and settled with the test itself (as float sums round)
        first = max(lowest, 1)
        m = bisect_left(left, edge - width - 0.01, first, n)
        while m > first and edge - left[m - 1] <= width + 0.01:
            m -= 1
        while m < n and edge - left[m] > width + 0.01:
            m += 1
        for k in range(n - 1, m - 1, -1):
            c = cost[k] if free else cost[k] + weight * ((width - (edge - left[k])) / size) ** 2
            if c < best:
                best, best_m = c, k
        if m == first == 1 and lowest == 0 and n and edge - left[0] <= first_width + 0.01:
            used = edge - left[0]  # the first line, if all of it fits
            c = cost[0] if free else cost[0] + weight * ((first_width - used) / size) ** 2
            if c < best:
                best, best_m = c, 0
        cost[n + 1] = best + _LINE + (0.0 if last else penalty[n])
        back[n + 1] = best_m
        if hard[n]:
            floor = n + 1
    return back


class _Words:
    """A paragraph's pieces as the line breaker reads them, by word (a piece that is not a
    space): its edges on one endless line, the cost of a break after it, a typed break
    after it, whether it would look stranded alone on a line, and the cut word it is part
    of (``cut``: the first part of it, by the index of each other part)."""

    def __init__(self, items: list[_Unit], cut: dict[int, int], size: float) -> None:
        word = None  # the last word so far
        for k, item in enumerate(items):  # a typed break after a space ends the word before
            if not item.space:
                word = k
            elif item.hard_end and word is not None:
                items[word].hard_end = True
        self.items = items
        self.index = [k for k, item in enumerate(items) if not item.space]
        self.ends = list(itertools.accumulate((u.width for u in items), initial=0.0))
        self.left = [self.ends[k] for k in self.index]
        self.right = [self.ends[k + 1] for k in self.index]
        self.penalty = [items[k].penalty for k in self.index]
        self.hard = [items[k].hard_end for k in self.index]
        self.stranded = [_stranded(items[k], size) for k in self.index]
        self.group = [cut.get(k, k) for k in self.index]
        self.cont = [k + 1 in cut for k in self.index]
        self.widest = max((u.width for u in items), default=0.0)


def break_lines(
    units: Sequence[_Unit],
    first_width: float,
    width: float,
    size: float,
    balance: bool = False,
    known: "_Words | None" = None,
) -> list[_Line]:
    """The breaks of least total cost (see the constants above) for lines ``width`` wide
    (the first ``first_width``); ``balance``: the last line's room counts too (centred
    lines of alike length, as titles are set); ``known``: ``units`` read already, used when
    no piece is too wide to cut. Each line looks back over the breaks one line can span, at
    most ``_WINDOW`` pieces: time linear in the length of the paragraph."""
    narrow = min(first_width, width)
    w = known
    if w is None or w.widest > narrow + 0.01:
        w = _Words(*_fitted(units, narrow, size), size)
    words, items, hard, count = w.index, w.items, w.hard, len(w.index)
    if not words:
        return [_Line(last=True)]
    if not any(hard[:-1]) and w.right[-1] - w.left[0] <= first_width + 0.01:
        back = [0] * (count + 1)  # it all fits on the first line
    else:
        back = _best_breaks(
            w.left, w.right, w.penalty, hard, w.group, w.cont, first_width, width, size,
            balance, w.stranded,
        )  # fmt: skip
    spans = [(back[count], count - 1)]
    while spans[-1][0] > 0:
        spans.append((back[spans[-1][0]], spans[-1][0] - 1))
    lines: list[_Line] = []
    for m, n in reversed(spans):
        start, end = words[m], words[n]
        stop = words[n + 1] if n + 1 < count else len(items)
        lines.append(
            _Line(
                units=items[start : end + 1],
                width=w.ends[end + 1] - w.ends[start],
                last=n + 1 == count or hard[n],
                after=items[end + 1 : stop],
            )
        )
    return lines


def _actual_text(text: str, run_end: bool) -> str:
    """A piece of a run as typed: no-break spaces we added to keep words together copy as
    spaces.

    The piece that ends a run in "-" gets a no-break space after it: pdftotext and PDFium
    drop a hyphen that ends a line as if it split a word ("- ๒ -", "ถาม-" / "ตอบ")."""
    text = text.replace(NBSP, " ")
    if run_end and text.endswith("-"):
        text += NBSP
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


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
    tx = canv.beginText(x, y)
    tx.setFont(font, size)
    pieces = drawn_pieces(text, shaped, font)
    for n, (typed, piece) in enumerate(pieces, 1):
        tx._code.append(f"/Span <</ActualText {_actual_text(typed, n == len(pieces))}>> BDC")
        tx._curSubset = -1  # Tf again: reportlab's setRise fails on a piece without one
        tx._textOut(piece)
        tx._code.append("EMC")
    canv.drawText(tx)
    return advance


@lru_cache(maxsize=16384)
def _shape(text: str, font: str, size: float) -> tuple[ShapedStr, float]:
    """HarfBuzz-shaped ``text`` and its advance width in points (cached)."""
    shaped = shapeFragWord([0, (ABag(fontName=font, fontSize=size), text)], force=True)[1][1]
    shaped = copyable(text, shaped, font)
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
        if self.__dict__.get("_read") is None:  # the pieces read once for every width
            self._read = _Words(list(self._units), {}, st.fontSize)
        lines = break_lines(
            self._units, first, width, st.fontSize, st.alignment == TA_CENTER, self._read
        )
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

    def stranded(self, availWidth: float) -> int:
        """How many lines broken for this width hold only a short function word or word
        piece (a column this narrow strands them)."""
        lines = self._break(availWidth)
        size = self.style.fontSize
        return sum(
            len(line.units) == 1 and _stranded(line.units[0], size)
            for line in lines
            if len(lines) > 1
        )

    def link_width(self) -> float:
        """Width of the widest run without Thai (a link, a file name) on one line."""
        return max((u.width for u in self._units if not _edges(u.text)[1]), default=0.0)

    def min_width(self, links: bool = True, words: bool = False) -> float:
        """Widest piece a line must hold whole (a dictionary word, a word of a long compound
        or phrase, a part of a link between / . - _; no link when not ``links``), plus
        indents: narrower, a line would break inside a word. ``words``: a dictionary word
        may part into the words it is made of (ดำเนิน|การ, ประชา|สัมพันธ์), as a column
        too narrow for it parts it; what is left is never broken (a number, a date such
        as ต.ค. ๖๘, a word made of no others)."""
        size = self.style.fontSize
        widest = 0.0
        for u in self._units:
            if u.space:
                continue
            width = u.width
            if not _edges(u.text)[1]:  # no Thai: a link or a file name
                parts = [p for p in _LINK_CUT.split(u.text) if p]
                width = max(_width(p, u.font, size) for p in parts) if links else 0.0
            elif words:
                width = max(_width(p, u.font, size) for p in words_in(u.text))
            widest = max(widest, width)
        return widest + self.style.leftIndent + self.style.rightIndent

    def parted(self, availWidth: float) -> int:
        """How many pieces that a line holds whole (``min_width``) are wider than a line
        of this width, and so part into their words or worse."""
        room = availWidth - self.style.leftIndent - self.style.rightIndent + 0.01
        return sum(u.width > room for u in self._units if not u.space)

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
        # the breaks were chosen for the whole paragraph: each part keeps its own
        head._cache, tail._cache = (availWidth, lines[:fit]), (availWidth, lines[fit:])
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
