"""แนะนำมาตรการ in the มาตรการ screen."""

from itadesk.services import measures
from itadesk.ui.screens.suggest_dialog import SuggestDialog
from itadesk.ui.widgets.common import WrapTree


def _texts(tree: WrapTree) -> list[str]:
    return [tree.topLevelItem(i).toolTip(0) for i in range(tree.topLevelItemCount())]


def test_suggestions_rank_weak_indicators_and_one_click_adds(qtbot, demo_window, shots):
    db = demo_window.ctx.db
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    dialog = SuggestDialog(demo_window.ctx, screen)
    qtbot.addWidget(dialog)
    dialog.show()
    reasons = _texts(dialog.tree)
    assert reasons[:4] == [
        "ตัวชี้วัดที่ ๙ ได้ ๗๘.๕๐", "ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔",
        "ตัวชี้วัดที่ ๗ ได้ ๘๓.๔๐", "ตัวชี้วัดที่ ๒ ได้ ๘๔.๒๐",
    ]  # fmt: skip
    fourth = dialog.tree.topLevelItem(1)
    dialog.tree.setCurrentItem(fourth.child(0))
    assert "จัดทำคู่มือการยืมและใช้ทรัพย์สินของราชการ" in dialog.details.raw
    assert "เหตุผลที่แนะนำ: ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔" in dialog.details.raw
    dialog.grab().save(str(shots / "suggest-dialog.png"))
    before = len(measures.list_measures(db, 2569))
    dialog.add_button.click()
    assert dialog.result() == SuggestDialog.DialogCode.Accepted
    screen.show_added(dialog.added)
    listed = measures.list_measures(db, 2569)
    assert len(listed) == before + 1
    assert screen.current().catalogue_id == "asset-lending-manual"
    assert screen.form.title.text() == "จัดทำคู่มือการยืมและใช้ทรัพย์สินของราชการ"
    again = SuggestDialog(demo_window.ctx, screen)
    qtbot.addWidget(again)
    titles = [
        again.tree.topLevelItem(i).child(j).toolTip(0)
        for i in range(again.tree.topLevelItemCount())
        for j in range(again.tree.topLevelItem(i).childCount())
    ]
    assert "[IIT] จัดทำคู่มือการยืมและใช้ทรัพย์สินของราชการ" not in titles
