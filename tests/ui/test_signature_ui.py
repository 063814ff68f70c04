"""Signature images in the หน่วยงาน screen and the memo's choice to print them."""

from itadesk.services import memos, office
from itadesk.services.demo import PEOPLE
from tests.core.test_signatures import scanned_signature


def test_signature_chosen_shown_and_printed_by_choice(qtbot, demo_window, tmp_path, shots):
    db = demo_window.ctx.db
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    box = screen.signature
    assert not box.isEnabled()  # nobody chosen yet
    assert "การตัดสินใจของหน่วยงานเอง" in box.note.raw
    screen.people.setCurrentCell(0, 0)
    assert box.isEnabled() and box.whose.text() == PEOPLE[0][0]
    assert box.preview.text() == "ไม่มีภาพ"
    box.choose(scanned_signature(tmp_path / "ลายมือชื่อ.png"))
    assert not box.preview.pixmap().isNull()
    person = next(p for p in office.list_people(db) if p.name == PEOPLE[0][0])
    assert person.signature is not None
    box.grab().save(str(shots / "signature-box.png"))
    bad = tmp_path / "เสีย.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    with qtbot.waitSignal(demo_window.ctx.failed) as failed:
        box.choose(bad)
    assert failed.args[0].startswith("ไฟล์ลายมือชื่อเสียหาย")
    demo_window.show_screen(4)  # เอกสาร: the memo editor
    documents = demo_window.current_screen()
    documents.choose("memo-measures")
    editor = documents.memo
    assert not editor.print_signatures.isChecked()
    editor.print_signatures.setChecked(True)
    assert memos.draft_memo(db, "measures", demo_window.ctx.year).print_signatures
    qtbot.wait(300)  # let the editor lay out its new parts before the picture
    documents.grab().save(str(shots / "memo-signatures.png"))
