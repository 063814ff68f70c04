"""Long work (building a PDF, printing) in the thread pool, reported back by signals.

A task and its signals object are freed in the UI thread, by reference counting, a while
after the result was delivered: never by the garbage collector, which runs in whichever
thread happens to allocate (a worker typesetting a page, say) and destroying a QObject of
the UI thread or a runnable from there can crash PySide. So nothing here forms a reference
cycle: the signals call back a function holding the task's number, not a bound method.
"""

import logging
from collections.abc import Callable
from functools import partial
from itertools import count
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from itadesk.errors import UserError
from itadesk.ui.context import storage_message
from itadesk.ui.i18n import _

log = logging.getLogger(__name__)
RELEASE_MS = 2000  # the worker has long left run() by then, and every slot has been called


class TaskSignals(QObject):
    """Emitted from the worker, delivered in the UI thread."""

    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Run ``fn(*args)`` off the UI thread; ``signals.done`` or ``signals.failed`` follows."""

    _running: ClassVar[dict[int, "Task"]] = {}  # Python wrappers kept alive until released
    _numbers = count()

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args = fn, args
        self.number = next(Task._numbers)
        self.signals = TaskSignals()
        release = partial(_release_later, self.number)
        self.signals.done.connect(release)
        self.signals.failed.connect(release)

    def start(self, pool: QThreadPool | None = None) -> "Task":
        Task._running[self.number] = self
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except UserError as error:
            self.signals.failed.emit(str(error))
        except OSError as error:
            self.signals.failed.emit(storage_message(error))
        except Exception as error:  # a bug: report it rather than lose it in the thread
            log.exception("task %s failed", getattr(self.fn, "__qualname__", self.fn))
            self.signals.failed.emit(_("เกิดข้อผิดพลาดในโปรแกรม: {error!r}").format(error=error))
        else:
            self.signals.done.emit(result)


def _release_later(number: int, _result: object) -> None:
    """In the UI thread: let task ``number`` go once its worker and its slots are done."""
    QTimer.singleShot(RELEASE_MS, partial(Task._running.pop, number, None))
