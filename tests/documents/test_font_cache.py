"""The faces with their lone-ำ glyphs kept in the data folder's cache (``fonts.use_cache``):
the same bytes as made in memory, read back instead of made again, a damaged or stale entry
made again, a folder that takes no file leaving the faces in memory."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from itadesk.documents import fonts
from itadesk.paths import fonts_dir
from itadesk.services.demo import PLAN_YEAR
from tests.pdftext import pdf_text

REGULAR = fonts_dir() / "Sarabun-Regular.ttf"


def made_in_memory(path: Path = REGULAR) -> bytes:
    source = path.read_bytes()
    return fonts._with_sara_am_glyphs(source, fonts._composites(source))


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_face_is_kept_then_read_back_not_made_again(tmp_path, monkeypatch):
    cache = tmp_path / "data" / "cache"
    monkeypatch.setattr(fonts, "_cache_folder", None)
    fonts.use_cache(cache)
    first = fonts.ThaiTTFont("CacheTest", REGULAR)
    [entry] = entries(cache)
    assert entry.startswith("Sarabun-Regular-") and entry.endswith(".ttf.cache")
    assert (cache / entry).read_bytes()[32:] == made_in_memory()

    def refuse(*_args: object) -> bytes:
        raise AssertionError("made again although the cache holds it")

    monkeypatch.setattr(fonts, "_with_sara_am_glyphs", refuse)
    again = fonts.ThaiTTFont("CacheTest", REGULAR)
    assert again._sara_am == first._sara_am and len(again._sara_am) == 5
    assert again.face.charToGlyph == first.face.charToGlyph
    assert again.face.charWidths == first.face.charWidths
    assert entries(cache) == [entry]


@pytest.mark.parametrize("damage", [lambda b: b[:1000], lambda b: b[:-1] + bytes([b[-1] ^ 1])])
def test_a_damaged_entry_is_made_again_and_replaced(tmp_path, monkeypatch, damage):
    monkeypatch.setattr(fonts, "_cache_folder", tmp_path)
    fonts.ThaiTTFont("CacheTest", REGULAR)
    [entry] = tmp_path.iterdir()
    entry.write_bytes(damage(entry.read_bytes()))
    font = fonts.ThaiTTFont("CacheTest", REGULAR)
    assert entry.read_bytes()[32:] == made_in_memory()
    assert len(font._sara_am) == 5


def test_an_entry_of_another_version_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "_cache_folder", tmp_path)
    fonts.ThaiTTFont("CacheTest", REGULAR)
    [old] = entries(tmp_path)
    other = tmp_path / "Sarabun-Bold-0123.ttf.cache"  # another face stays
    other.write_bytes(b"x")
    monkeypatch.setattr(fonts, "CACHE_FORMAT", fonts.CACHE_FORMAT + 1)
    fonts.ThaiTTFont("CacheTest", REGULAR)
    [new] = [name for name in entries(tmp_path) if name.startswith("Sarabun-Regular-")]
    assert new != old and other.exists()
    assert (tmp_path / new).read_bytes()[32:] == made_in_memory()


def test_a_folder_that_takes_no_file_leaves_the_face_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setattr(fonts, "_cache_folder", blocked)
    font = fonts.ThaiTTFont("CacheTest", REGULAR)
    assert len(font._sara_am) == 5 and blocked.read_text().startswith("a file")
    assert entries(tmp_path) == ["cache"]


def test_print_keeps_the_fonts_and_prints_the_same_bytes_from_them(demo_db, tmp_path):
    """Two ``itadesk print`` (new processes): the first makes the faces and keeps them,
    the second reads them; the PDFs are the same bytes."""
    demo_db.close()
    data = demo_db.data_dir
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    printed = []
    for run in (1, 2):
        out = tmp_path / f"บันทึก-{run}.pdf"
        subprocess.run(
            [sys.executable, "-m", "itadesk", "--data-dir", str(data), "print", "memo-progress",
             "--year", str(PLAN_YEAR), "--round", "6", "-o", str(out)],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
        printed.append(out.read_bytes())
        kept = entries(data / "cache")
        assert [name.split("-")[1] for name in kept] == ["Bold", "BoldItalic", "Italic", "Regular"]
    assert printed[0] == printed[1]
    assert "สำนักปลัด" in pdf_text(printed[1], tmp_path)
