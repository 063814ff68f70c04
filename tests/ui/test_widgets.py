"""Small widgets on their own: what they show is what they give back."""

from datetime import date

from itadesk.ui.widgets.thai_date import ThaiDateEdit


def test_a_memo_date_cannot_show_a_day_its_month_lacks(qtbot):
    edit = ThaiDateEdit()
    qtbot.addWidget(edit)
    edit.set_date(date(2026, 1, 31))
    assert edit.day.text() == "๓๑"

    edit.month_year.month.setCurrentIndex(1)  # กุมภาพันธ์ 2569 (2026: not a leap year)
    assert edit.day.maximum() == 28
    assert edit.day.text() == "๒๘"
    assert edit.date() == date(2026, 2, 28)

    edit.month_year.year.setValue(2567)  # 2024, a leap year
    assert edit.day.maximum() == 29
    edit.set_date(date(2024, 2, 29))
    assert (edit.day.text(), edit.date()) == ("๒๙", date(2024, 2, 29))
    edit.set_date(date(2024, 3, 31))  # from a short month to a long one: not clamped to 29
    assert edit.date() == date(2024, 3, 31)


def test_a_number_field_refuses_bad_text_in_the_field_itself(qtbot):
    from decimal import Decimal

    from itadesk.ui.widgets.number_field import NumberField

    field = NumberField("งบประมาณ", Decimal(0), Decimal(1_000_000), what="งบประมาณ")
    qtbot.addWidget(field)
    field.set_value("๕๐๐")
    assert field.value() == Decimal(500)
    refused, committed = [], []
    field.refused.connect(refused.append)
    field.committed.connect(lambda: committed.append(field.value()))
    for text, reason in (("-5", "งบประมาณต้องอยู่ระหว่าง ๐ ถึง ๑,๐๐๐,๐๐๐"), ("12,5", "ไม่ใช่ตัวเลข")):
        field.clear()
        qtbot.keyClicks(field, text)  # typed: checked as it is typed
        field.editingFinished.emit()
        assert field.value() is None and reason in field.problem(), text
        assert field.text() == text and "#ffe4e1" in field.styleSheet()  # kept, marked
    assert refused and not committed
    field.clear()
    qtbot.keyClicks(field, "1,234.50")
    field.editingFinished.emit()
    assert committed == [Decimal("1234.50")] and field.styleSheet() == ""
