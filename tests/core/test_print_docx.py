"""``itadesk print … -o FILE.docx``: the format follows the file name's extension."""

from pathlib import Path

from docx import Document

from itadesk.cli import main
from itadesk.services.demo import PLAN_YEAR


def test_print_writes_a_word_file_by_its_extension(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "ข้อมูล")
    assert main(["--data-dir", data, "demo"]) == 0
    out = tmp_path / "บันทึก รอบ 6 เดือน.docx"
    assert main(["--data-dir", data, "print", "memo-progress", "--year", str(PLAN_YEAR),
                 "--round", "6", "-o", str(out)]) == 0  # fmt: skip
    assert "เขียนไฟล์" in capsys.readouterr().out
    doc = Document(out)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].endswith("บันทึกข้อความ")
    assert any(t.startswith("เรื่อง") and "รอบ ๖ เดือน" in t for t in texts)
    assert len(doc.tables) == 1  # the progress table attached on a page of its own
    assert doc.tables[0].rows[0].cells[0].text == "มาตรการ/แนวทาง"


def test_other_extensions_exit_2_in_thai(tmp_path: Path, capsys) -> None:
    for name in ("บันทึก.odt", "บันทึก.doc", "บันทึก"):
        code = main(["--data-dir", str(tmp_path / "d"), "print", "measures", "--year",
                     str(PLAN_YEAR), "-o", str(tmp_path / name)])  # fmt: skip
        assert code == 2
        err = capsys.readouterr().err
        assert "ต้องลงท้ายด้วย .pdf หรือ .docx" in err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "d").exists()  # refused before anything was opened
