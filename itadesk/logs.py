"""The log file: ``itadesk.log`` in the data folder, where a windowed app's errors go.

The frozen Windows app has no console, so a traceback printed there is lost. The log rotates
(``MAX_BYTES``, ``BACKUPS`` old files), so it never grows without end on a clerk's PC.
"""

import contextlib
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "itadesk.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_log(data_dir: Path) -> Path:
    """Send the app's warnings and errors to ``data_dir/itadesk.log``; its path."""
    path = data_dir / LOG_NAME
    logger = logging.getLogger("itadesk")
    for old in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
        logger.removeHandler(old)
        old.close()
    with contextlib.suppress(OSError):
        data_dir.mkdir(parents=True, exist_ok=True)
    # delay: the file is made at the first message, and a folder that refuses it only
    # loses the log (logging reports its own failures and goes on)
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
