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
