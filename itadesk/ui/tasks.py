"""Long work (building a PDF, printing) in the thread pool, reported back by signals."""

import logging
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from itadesk.errors import UserError
from itadesk.ui.context import storage_message
from itadesk.ui.i18n import _

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Emitted from the worker, delivered in the UI thread."""

    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Run ``fn(*args)`` off the UI thread; ``signals.done`` or ``signals.failed`` follows."""

    _running: ClassVar[set["Task"]] = set()  # keep Python wrappers alive until the work ends

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args = fn, args
        self.signals = TaskSignals()
        self.signals.done.connect(self._finish)
        self.signals.failed.connect(self._finish)

    def start(self, pool: QThreadPool | None = None) -> "Task":
        Task._running.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def _finish(self, _result: object) -> None:
        Task._running.discard(self)

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
