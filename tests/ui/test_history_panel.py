"""ผลการประเมิน shows every year entered side by side."""

from itadesk.services import years

Y2566 = ["90", "85", "88", "86", "91", "93", "85", "89", "80", "92"]
Y2567 = ["89", "86", "87", "85", "92", "91", "84", "88", "86", "95"]


def test_history_table_and_chart_follow_the_years_entered(qtbot, demo_window, shots):
    db = demo_window.ctx.db
    years.record_scores(db, 2566, Y2566)
    years.record_scores(db, 2567, Y2567)
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    screen.reload()
    panel = screen.history
    table = panel.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["๒๕๖๖", "๒๕๖๗", "๒๕๖๘"]
    assert table.item(0, 4).text() == "๘๗.๕๐"  # the first year has no change
    assert table.item(1, 4).text() == "๘๘.๘๔ (+๑.๓๔)"
    assert table.item(2, 4).text() == "๘๕.๙๘ (−๒.๘๖)"
    assert table.item(2, 3).text() == "๘๔.๗๕ (−๕.๗๕)"  # OIT
    assert table.item(2, 6).text() == "๔, ๙"
    assert table.item(2, 6).toolTip().endswith("ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔, ตัวชี้วัดที่ ๙ ได้ ๗๘.๕๐")
    assert table.item(2, 6).foreground().color().name() == "#b03a2e"
    assert table.item(1, 6).text() == ""
    assert panel.chart.years == [2566, 2567, 2568]
    assert [str(v) for v in panel.chart.series["overall"]] == ["87.50", "88.84", "85.98"]
    assert "ปีงบประมาณ ๒๕๖๙ ยังไม่มีคะแนน" in panel.note.raw  # the plan year: measures only
    screen.grab().save(str(shots / "results-history.png"))
    assert panel.minimumSizeHint().width() < 700  # fits beside nothing at 1024 px
    panel.grab().save(str(shots / "history-panel.png"))
    # a year entered on the screen joins the history at once
    demo_window.ctx.set_year(2565)
    screen.reload()
    for field, value in zip(screen.scores, Y2566, strict=True):
        field.setText(value)
    screen._save_scores()
    assert table.item(0, 0).text() == "๒๕๖๕" and table.rowCount() == 4
