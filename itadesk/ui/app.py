"""Start the desktop app: Qt application, fonts, language, database, main window."""

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from itadesk.errors import DatabaseError
from itadesk.paths import fonts_dir, is_portable, synced_folder
from itadesk.ui import i18n, qt_thai
from itadesk.ui.compat import pin_singletons
from itadesk.ui.i18n import _

APP_FONT_SIZE = 11
BENCH_ENV = "ITADESK_BENCH_EXIT"
SETTINGS_FILE = "settings.ini"


def use_bundled_font(app: QApplication) -> str:
    """Register the Sarabun TTFs and make Sarabun the app font; return the family used."""
    families: set[str] = set()
    for path in sorted(fonts_dir().glob("Sarabun-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    family = "Sarabun" if "Sarabun" in families else app.font().family()
    app.setFont(QFont(family, APP_FONT_SIZE))
    return family


def make_application(language: str | None = None) -> QApplication:
    """The QApplication with the Thai (or chosen) catalogue and the bundled font."""
    pin_singletons()
    chosen = i18n.install(language)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if chosen == "th":
        qt_thai.install(app)
    app.setOrganizationName("ITADesk")
    app.setApplicationName("ITADesk")
    use_bundled_font(app)
    return app


def make_settings(data_dir: Path) -> QSettings:
    """Window and year settings: for a portable copy an INI file in its data folder (nothing is
    left in the host's registry), else the user's usual settings store."""
    if is_portable():
        return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)
    return QSettings()


def synced_warning(data_dir: Path, settings: QSettings) -> str | None:
    """Once per data folder: the warning that a sync service (OneDrive…) holds it."""
    service = synced_folder(data_dir.absolute())
    key = "warned/synced-folder"
    if service is None or settings.value(key) == str(data_dir):
        return None
    settings.setValue(key, str(data_dir))
    return _(
        "โฟลเดอร์ข้อมูล {folder} อยู่ในโฟลเดอร์ที่ {service} ซิงก์อยู่ ซึ่งอาจคัดลอกฐานข้อมูล"
        "ระหว่างที่โปรแกรมกำลังบันทึก และทำให้ข้อมูลเสียหายหรือชนกัน โปรดย้ายโปรแกรมแบบพกพา"
        "ไปไว้นอกโฟลเดอร์นี้ (เช่น C:\\ITADesk หรือแฟลชไดรฟ์) และสำรองด้วยการส่งออกชุดข้อมูลแทน"
    ).format(folder=data_dir, service=service)


def warm_up_in_background(window: "object") -> None:
    """Load the Thai word segmenter and the fonts off the UI thread, then re-break wrapped
    labels."""
    from itadesk.services.documents import load_fonts
    from itadesk.ui import thaitext
    from itadesk.ui.tasks import Task

    def warm_up() -> None:
        load_fonts()
        thaitext.warm_up()

    task = Task(warm_up)
    task.signals.done.connect(lambda _result: window.refresh_text())  # type: ignore[attr-defined]
    task.start()


def run_gui(data_dir: Path) -> int:
    """Open the data folder and run the window until it is closed; the exit status."""
    from itadesk.db.database import open_database
    from itadesk.logs import start_log
    from itadesk.ui.crash import install_excepthook

    app = make_application(os.environ.get("ITADESK_LANG"))
    install_excepthook(start_log(data_dir))
    try:
        db = open_database(data_dir)
    except DatabaseError as error:
        from itadesk.ui.widgets.common import tell

        tell(None, _("เปิดข้อมูลไม่ได้"), str(error))
        return 2
    from itadesk.services import years
    from itadesk.ui.context import AppContext
    from itadesk.ui.main_window import MainWindow

    settings = make_settings(data_dir)
    from datetime import date

    # the year with current work (the plan being carried out), not the one last looked at
    ctx = AppContext(db, years.current_work_year(db, date.today()))
    window = MainWindow(ctx, settings)
    window.show()
    warning = synced_warning(data_dir, settings)
    if warning:
        from itadesk.ui.widgets.common import tell

        QTimer.singleShot(0, lambda: tell(window, _("ข้อควรระวัง"), warning))
    if os.environ.get(BENCH_ENV):
        QTimer.singleShot(0, lambda: _bench_exit(app))
    else:
        QTimer.singleShot(0, window.offer_setup)
        QTimer.singleShot(300, lambda: warm_up_in_background(window))
    try:
        return app.exec()
    finally:
        db.close()


def seconds_since_start() -> float | None:
    """Seconds since this process started (Linux only), for the start-up benchmark."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return time.monotonic() - started


def _bench_exit(app: QApplication) -> None:
    elapsed = seconds_since_start()
    print(f"window shown after {elapsed:.3f} s" if elapsed else "window shown", flush=True)
    app.quit()
