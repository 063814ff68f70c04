"""PyInstaller runtime hook: runs in the frozen app before any of its own code.

pythainlp creates ``~/pythainlp-data`` on import and may try to download corpora; the frozen
app ships the few files it needs, so keep pythainlp read-only and offline (a portable copy
leaves nothing behind on the PC it runs on).
"""

import os

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
