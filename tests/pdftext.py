"""Reading a PDF as a Thai reader would: its text, and the text of its table cells."""

import io
import re
import subprocess
from html import unescape
from pathlib import Path

import pymupdf
from pypdf import PdfReader

PUA = re.compile(r"[\uE000-\uF8FF]")


def pdf_text(pdf: bytes, tmp_path: Path, layout: bool = False) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """Extracted text without line breaks and spaces, to find phrases across lines."""
    return re.sub(r"\s+", "", text)


def cells(pdf: bytes) -> list[str]:
    """Text blocks as a reader sees them in table cells: lines drawn one under the other at
    about the same left edge joined (pypdf's text objects, BT to ET, with their positions)."""
    reader = PdfReader(io.BytesIO(pdf))
    blocks: list[str] = []
    for page in reader.pages:
        drawn: list[list] = []  # [x, y, text] of each text object

        def begin(op, _args, _cm, _tm, drawn=drawn):
            if op == b"BT":
                drawn.append([0.0, 0.0, ""])

        def visit(text, cm, tm, _font, _size, drawn=drawn):
            if text.strip() and drawn:
                if not drawn[-1][2]:
                    drawn[-1][:2] = tm[4] + cm[4], tm[5] + cm[5]
                drawn[-1][2] += text.strip()

        page.extract_text(visitor_text=visit, visitor_operand_before=begin)
        runs = [(x, y, text) for x, y, text in drawn if text]
        open_blocks: list[list] = []  # [x, y, text] of each block, last line first
        for x, y, text in runs:
            below = [b for b in open_blocks if 0 < b[1] - y < 25 and abs(b[0] - x) < 45]
            if below:
                below[0][1:] = [y, below[0][2] + text]
            else:
                open_blocks.append([x, y, text])
        blocks += [text for _, _, text in open_blocks]
    # pypdf reads the ToUnicode maps alone: a lone ำ's nikhahit copies as U+2060 there
    return [re.sub(r"\s+", "", b).replace("\u2060", "") for b in blocks]


def in_a_cell(phrase: str, pdf: bytes) -> bool:
    return any(phrase in block for block in cells(pdf))


Box = tuple[float, float, float, float, str]  # x0, y0, x1, y1, text


def word_boxes(pdf: bytes, tmp_path: Path) -> list[Box]:
    """Page 1's words (poppler's runs) with their boxes, as ``pdftotext -bbox`` gives them."""
    path = tmp_path / "boxes.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [
        (float(a), float(b), float(c), float(d), unescape(t))
        for a, b, c, d, t in WORD.findall(html)
    ]


WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')


def find_cell(boxes: list[Box], text: str, prefix: bool = False) -> Box:
    """The box of ``text`` (or, ``prefix``, of a cell that begins with it) printed in one
    table cell, its wrapped lines one under another: the first line's box (the first match
    from the top left)."""
    target = flat(text)
    for start in sorted(boxes, key=lambda b: (b[1], b[0])):
        joined, bottom = "", start[1] - 1
        for box in sorted(boxes, key=lambda b: b[1]):
            centre = (box[0] + box[2]) / 2
            if box[1] <= bottom or not start[0] - 30 <= centre <= start[2] + 30:
                continue
            grown = joined + flat(box[4])
            if grown == target or (prefix and grown.startswith(target)):
                return start
            if not target.startswith(grown):
                break
            joined, bottom = grown, box[1]
    raise AssertionError(f"{text} not found in a cell")


def column_rules(pdf: bytes) -> list[float]:
    """The x of every vertical rule drawn on page 1 (the table's column edges)."""
    page = pymupdf.open(stream=pdf, filetype="pdf")[0]
    xs = {
        round(a.x, 1)
        for drawing in page.get_drawings()
        for kind, a, b, *_ in drawing["items"]
        if kind == "l" and abs(a.x - b.x) < 0.5 and abs(a.y - b.y) > 5
    }
    return sorted(xs)


def header_order(pdf: bytes, tmp_path: Path, names: list[str]) -> list[float]:
    boxes = word_boxes(pdf, tmp_path)
    return [find_cell(boxes, name)[0] for name in names]
