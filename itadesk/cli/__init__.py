"""The ``itadesk`` command line: the same services as the desktop app, for scripts and tests.

Without a subcommand it starts the desktop app. Exit status: 0 ok, 2 bad input or missing
data, 3 official score differs from the computed one, 4 invalid bundle.
Subcommand modules register themselves and import heavy libraries only when they run.
"""

import argparse
import importlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from itadesk import __version__
from itadesk.errors import UserError

if TYPE_CHECKING:
    from itadesk.db.database import Database

SUBCOMMANDS = (
    "itadesk.cli.basic",
    "itadesk.cli.print_cmd",
    "itadesk.cli.bundle_cmd",
    "itadesk.cli.suggest_cmd",
)


ARGPARSE_THAI = {
    "usage: ": "วิธีใช้: ",
    "the following arguments are required: %s": "ต้องระบุ %s",
    "unrecognized arguments: %s": "ไม่รู้จัก %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "ต้องมีค่าตามหลัง",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ไม่มีตัวเลือก %(value)r (เลือกจาก %(choices)s)"
    ),
    "show this help message and exit": "แสดงวิธีใช้",
    "show program's version number and exit": "แสดงรุ่นของโปรแกรม",
    "options": "ตัวเลือก",
    "positional arguments": "อาร์กิวเมนต์",
}
# argparse's own messages go through its module-level gettext hook
argparse._ = lambda message: ARGPARSE_THAI.get(message, message)  # type: ignore[attr-defined]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters: names from a bundle may carry ANSI escapes."""
    return _CONTROL.sub("", text)


class ThaiArgumentParser(argparse.ArgumentParser):
    """Usage errors as one Thai line with exit status 2, never a traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # a value like -1,97.75 (or -๑) is a value, not an unknown option: its range is
        # then checked like any other (argparse takes only -1 and -1.5 as numbers)
        self._negative_number_matcher = re.compile(r"^-[0-9๐-๙]")

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"คำสั่งไม่ถูกต้อง: {message} (ดูวิธีใช้ด้วย {self.prog} --help)\n")


def add_data_dir(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    parser.add_argument(
        "--data-dir", type=Path, default=default, metavar="DIR",
        help="โฟลเดอร์ข้อมูล (ค่าเริ่มต้น: โฟลเดอร์ข้อมูลของผู้ใช้)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = ThaiArgumentParser(prog="itadesk", description="ITADesk: มาตรการส่งเสริมคุณธรรมฯ (ITA)")
    parser.add_argument(
        "--version", action="version", version=f"ITADesk {__version__}", help="แสดงรุ่นของโปรแกรม"
    )
    add_data_dir(parser, default=None)
    parser.set_defaults(handler=run_gui)
    subparsers = parser.add_subparsers(title="คำสั่ง", parser_class=ThaiArgumentParser)
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        module.register(subparsers)
    return parser


def data_dir(args: argparse.Namespace) -> Path:
    from itadesk.paths import default_data_dir

    return args.data_dir or default_data_dir()


@contextmanager
def opened(args: argparse.Namespace, *, create: bool = False) -> Iterator["Database"]:
    """The database of the command's data folder, closed when the command is done.

    ``create``: a command that writes opens it as the app does (creating or migrating it);
    otherwise a missing or empty folder is refused and nothing is created in it.
    """
    from itadesk.db.database import open_database, open_existing

    db = (open_database if create else open_existing)(data_dir(args))
    try:
        yield db
    finally:
        db.close()


def run_gui(args: argparse.Namespace) -> int:
    from itadesk.ui.app import run_gui as start

    return start(data_dir(args))


def utf8_output() -> None:
    """Write UTF-8 when the output goes to a file or a pipe, not a console.

    Redirected, Python writes in the locale's code page: cp1252 (English Windows) has no Thai
    letters and cp874 (Thai Windows) no « », so a finished ``bundle export > log.txt`` would
    exit 1 with UnicodeEncodeError. A console is left alone (Windows writes it as Unicode).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or stream.isatty():  # None: a windowed app has no stdout
            continue
        if (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    utf8_output()
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UserError as error:
        print(printable(str(error)), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("ยกเลิกแล้ว", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output went to a pager or `head` that stopped reading
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (kept open until exit)
        return 0
