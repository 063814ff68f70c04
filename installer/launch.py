"""Entry point of the frozen app: the ``itadesk`` command line (no arguments: the desktop app)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from itadesk.cli import main

    sys.exit(main())
