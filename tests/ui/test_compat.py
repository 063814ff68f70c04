import subprocess
import sys

import pytest
from PySide6.QtWidgets import QLabel

from itadesk.ui.compat import pin_singletons


def test_many_void_calls_do_not_free_none(qtbot):
    pin_singletons()
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(20000):
        label.setText("ทดสอบ")
    assert sys.getrefcount(None) > 1000 and before > 0


EMITS = """
import sys
from PySide6.QtCore import QObject, Signal
emits = sys.getrefcount(True) + 1000  # more than True has references
if sys.argv[1] == "pinned":
    from itadesk.ui.compat import pin_singletons
    pin_singletons()
class Emitter(QObject):
    said = Signal(object)
emitter, heard = Emitter(), []
emitter.said.connect(heard.append)
for n in range(emits):
    emitter.said.emit(n)
print(len(heard))
"""


@pytest.mark.parametrize("pinned", [True, False])
def test_many_emits_do_not_free_true(pinned):
    """PySide6 6.12.0's ``emit`` drops a reference to the ``True`` it returns: unpinned, a
    process that emits more often than ``True`` has references aborts. When this fails for
    the unpinned case, PySide6 is fixed and ``pin_singletons`` can go."""
    child = subprocess.run(
        [sys.executable, "-c", EMITS, "pinned" if pinned else "bare"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    if pinned:
        assert child.returncode == 0 and int(child.stdout) > 1000, child.stderr
    else:
        assert child.returncode != 0 and "bool_dealloc" in child.stderr
