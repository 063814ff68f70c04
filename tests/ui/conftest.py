"""Fixtures for the Qt tests: Thai catalogue, bundled font, a window over a temp database."""

import os
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings

from itadesk.ui import i18n, thaitext
from itadesk.ui.app import use_bundled_font
from itadesk.ui.compat import pin_singletons
from itadesk.ui.context import AppContext
from itadesk.ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def thai_app(qapp):
    pin_singletons()
    i18n.install("th")
    use_bundled_font(qapp)
    thaitext.warm_up()
    return qapp


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $ITADESK_SCREENSHOTS, or a temp folder."""
    folder = os.environ.get("ITADESK_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, db, settings, year: int, size: bool = True) -> MainWindow:
    ctx = AppContext(db, year)
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    if size:
        window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, db, settings) -> MainWindow:
    return make_window(qtbot, db, settings, 2569)


@pytest.fixture
def demo_window(qtbot, demo_db, settings) -> MainWindow:
    return make_window(qtbot, demo_db, settings, 2569)
