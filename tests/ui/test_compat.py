import sys

from PySide6.QtWidgets import QLabel

from itadesk.ui.compat import pin_none


def test_many_void_calls_do_not_free_none(qtbot):
    pin_none()
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(20000):
        label.setText("ทดสอบ")
    assert sys.getrefcount(None) > 1000 and before > 0
