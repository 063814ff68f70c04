"""Start the desktop app (a plain window until the full GUI lands)."""

import sys
from pathlib import Path


def run_gui(data_dir: Path) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from itadesk.db.database import open_database
    from itadesk.services.office import get_office

    app = QApplication.instance() or QApplication(sys.argv)
    db = open_database(data_dir)
    window = QMainWindow()
    window.setWindowTitle("ITADesk")
    window.setCentralWidget(QLabel(get_office(db).full_name or "ITADesk"))
    window.show()
    return app.exec()
