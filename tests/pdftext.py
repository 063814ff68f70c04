"""Reading a PDF as a Thai reader would: its text, and the text of its table cells."""

import io
import re
import subprocess
from pathlib import Path

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
    about the same left edge joined (pypdf's text runs with their positions)."""
    reader = PdfReader(io.BytesIO(pdf))
    blocks: list[str] = []
    for page in reader.pages:
        runs: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, _size, runs=runs):
            if text.strip():
                runs.append((tm[4] + cm[4], tm[5] + cm[5], text.strip()))

        page.extract_text(visitor_text=visit)
        open_blocks: list[list] = []  # [x, y, text] of each block, last line first
        for x, y, text in runs:
            below = [b for b in open_blocks if 0 < b[1] - y < 25 and abs(b[0] - x) < 45]
            if below:
                below[0][1:] = [y, below[0][2] + text]
            else:
                open_blocks.append([x, y, text])
        blocks += [text for _, _, text in open_blocks]
    # pypdf spells sara am as nikhahit + sara aa; pdftotext keeps it whole
    return [re.sub(r"\s+", "", b).replace("\u0e4d\u0e32", "\u0e33") for b in blocks]


def in_a_cell(phrase: str, pdf: bytes) -> bool:
    return any(phrase in block for block in cells(pdf))
