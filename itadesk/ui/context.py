"""What every screen is given: the database, the chosen fiscal year, undo and messages."""

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QStandardPaths, Signal
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from itadesk.db.database import Database
from itadesk.errors import UserError
from itadesk.ui.i18n import _

T = TypeVar("T")
log = logging.getLogger(__name__)


def storage_message(error: Exception) -> str:
    """A Thai sentence for a write that failed below the services (disk full, read-only)."""
    text = str(error).lower()
    if "full" in text or "no space" in text:
        return _("บันทึกข้อมูลไม่ได้: ดิสก์เต็ม โปรดลบไฟล์ที่ไม่ใช้เพื่อเพิ่มพื้นที่ว่างแล้วลองอีกครั้ง")
    if "readonly" in text or "read-only" in text or "permission" in text:
        return _(
            "บันทึกข้อมูลไม่ได้: โฟลเดอร์ข้อมูลเป็นแบบอ่านอย่างเดียว "
            "โปรดตรวจสอบสิทธิ์ของโฟลเดอร์หรือย้ายข้อมูลไปโฟลเดอร์อื่น"
        )
    return _("บันทึกข้อมูลไม่ได้: {error}").format(error=error)


def failure_message(error: Exception, undoing: bool = False) -> str | None:
    """The Thai message for an error from a service call; None for a bug (to be raised)."""
    if isinstance(error, UserError):
        return str(error)
    if undoing and isinstance(error, IntegrityError):
        return _("เลิกทำไม่ได้: ข้อมูลนี้มีอยู่แล้ว (อาจมาจากการนำเข้า)")
    if isinstance(error, OSError | SQLAlchemyError):
        return storage_message(error)
    return None


def documents_folder() -> str:
    """The user's Documents folder (เอกสาร), as the system names it."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class OpenedCopies:
    """Evidence opened in another program: a copy under its own name (so the right program
    opens it) in one temporary folder, removed when the app closes. A portable copy must not
    leave the office's files on the host PC."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    def copy(self, source: Path, name: str) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="itadesk-opened-"))
        target = Path(tempfile.mkdtemp(dir=self.folder)) / name  # same names may repeat
        shutil.copyfile(source, target)
        return target

    def remove(self) -> None:
        """Delete the copies; one still open in another program (Windows) stays, logged."""
        if self.folder is None:
            return
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.folder.exists():
            log.warning("opened copies left in %s (still open in another program)", self.folder)
        else:
            self.folder = None


@dataclass
class UndoStep:
    label: str
    undo: Callable[[], object]


class AppContext(QObject):
    """The database and the shared state of the window; passed to each screen."""

    yearChanged = Signal(int)
    message = Signal(str)  # a note for the status bar
    failed = Signal(str)  # a Thai error message to show
    undoChanged = Signal()
    settled = Signal()  # the clerk moved on (another screen or document): old errors go


    def __init__(self, db: Database, year: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._year = year
        self._undo: list[UndoStep] = []
        self.folder = ""  # where the last file was opened or saved (file dialogs start there)
        self.copies = OpenedCopies()

    @property
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        if year != self._year:
            self._year = year
            self.yearChanged.emit(year)

    def start_folder(self) -> Path:
        """The folder a file dialog opens in: the one last used, else Documents (on Windows
        the profile root holds only system folders), else the home folder."""
        for folder in (self.folder, documents_folder()):
            if folder and Path(folder).is_dir():
                return Path(folder)
        return Path.home()

    def used_file(self, path: Path) -> None:
        """Remember the folder of a file just opened or saved."""
        self.folder = str(path.parent)

    def call(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Run a service call; on a UserError or a failed write report it and return None."""
        try:
            return fn(self.db, *args, **kwargs)
        except Exception as error:
            text = failure_message(error)
            if text is None:
                raise
            self.failed.emit(text)
        return None

    def push_undo(self, label: str, undo: Callable[[], object]) -> None:
        """Remember how to undo a destructive action (``undo`` gets no arguments)."""
        self._undo.append(UndoStep(label, undo))
        del self._undo[:-20]
        self.undoChanged.emit()

    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def clear_undo(self) -> None:
        """Forget every undo step (after an import the rows they would restore may be back)."""
        if self._undo:
            self._undo.clear()
            self.undoChanged.emit()

    def undo(self) -> None:
        """Undo the last destructive action; a refused step is dropped, a failed write kept."""
        if not self._undo:
            return
        step = self._undo[-1]
        try:
            step.undo()
        except Exception as error:
            text = failure_message(error, undoing=True)
            if text is None:
                raise
            if isinstance(error, UserError | IntegrityError):
                self._drop(step)
            self.failed.emit(text)
            return
        self._drop(step)
        self.message.emit(_("เลิกทำแล้ว: {label}").format(label=step.label))

    def _drop(self, step: UndoStep) -> None:
        self._undo = [s for s in self._undo if s is not step]
        self.undoChanged.emit()
