"""Thai text for read-only wrapped labels: U+200B at word boundaries.

Qt finds Thai word boundaries through libthai, which Windows builds lack; without it a wrapping
QLabel never breaks Thai. Never use ``breakable`` on edit fields or stored data.
"""

import importlib
import re
from collections.abc import Callable

ZWSP = "\u200b"
_OPENING = set("([{“‘<«\xa0")  # no break right after these
_CLOSING = set(")]}”’>»,.:;!?%ๆฯ-–\xa0")  # nor right before these (nor a hyphen)
_FIELD = re.compile(r"\{[^{}\s]+\}")  # a field name, {สรุปผล}: typed as shown, kept whole
_words: Callable[[str], tuple[str, ...]] | None = None


def warm_up() -> None:
    """Load the word segmenter (slow: run it in a background thread at start)."""
    global _words
    try:
        typeset = importlib.import_module("itadesk.documents.typeset")
    except ImportError:
        typeset = None
    if typeset is not None and hasattr(typeset, "warm_up"):
        typeset.warm_up()
        _words = typeset.words_of
        return
    from pythainlp.tokenize import word_tokenize

    word_tokenize("ทดสอบ", engine="newmm")
    _words = lambda text: tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))  # noqa: E731


def is_ready() -> bool:
    return _words is not None


def breakable(text: str) -> str:
    """``text`` with U+200B between Thai words (unchanged until the segmenter is ready),
    never right after an opening bracket or quote nor right before a closing one, nor inside
    a field name in braces ({สรุปผล} is typed as shown)."""
    if _words is None or not text:
        return text
    plain = text.replace(ZWSP, "")
    inside = {i for field in _FIELD.finditer(plain) for i in range(field.start() + 1, field.end())}
    out: list[str] = []
    at = 0  # where the token starts in ``plain``
    for token in _words(plain):
        prev = out[-1] if out else " "
        glued = prev[-1] in _OPENING or token[0] in _CLOSING or at in inside
        if not (glued or token.isspace() or prev.isspace()):
            out.append(ZWSP)
        out.append(token)
        at += len(token)
    return "".join(out)
