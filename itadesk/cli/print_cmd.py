"""``itadesk print KIND --year Y [--round N] ... -o FILE.pdf`` (or ``FILE.docx``)."""

import argparse
import sys
from pathlib import Path
from typing import Any

from itadesk.documents.data import LAYOUTS
from itadesk.domain.numerals import digits, parse_int
from itadesk.errors import UserError, os_reason
from itadesk.services.kinds import FORMATS, KINDS


def register(subparsers: Any) -> None:
    from itadesk.cli import add_data_dir

    parser = subparsers.add_parser("print", help="พิมพ์เอกสารเป็นไฟล์ PDF หรือ Word (.docx)")
    parser.add_argument("kind", choices=list(KINDS), help="ชนิดเอกสาร")
    parser.add_argument(
        "--year", required=True,
        help="ปีงบประมาณ พ.ศ. ของมาตรการและรอบรายงาน (analysis: ปีของผลการประเมิน)",
    )  # fmt: skip
    parser.add_argument("--round", help="รอบรายงาน ๓, ๖, ๙ หรือ ๑๒ เดือน")
    parser.add_argument(
        "--layout", choices=LAYOUTS,
        help="progress: รูปแบบตารางสำเร็จรูป (ไม่ระบุ: คอลัมน์ที่หน่วยงานเลือกไว้ หรือ three)",
    )
    parser.add_argument(
        "--columns",
        help="คอลัมน์ของตาราง เรียงตามลำดับ คั่นด้วยจุลภาค เช่น measure,steps,owner,period,status2",
    )
    parser.add_argument(
        "--header", action="append", default=[], metavar="KEY=TEXT",
        help="เปลี่ยนหัวตาราง เช่น status=กำกับติดตามการดำเนินงาน (ใช้ซ้ำได้)",
    )  # fmt: skip
    parser.add_argument("--landscape", action="store_true", help="ตารางแนวนอน")
    parser.add_argument("--arabic-digits", action="store_true", help="ใช้เลขอารบิก")
    parser.add_argument(
        "--answers", action="store_true",
        help="analysis: พิมพ์มาตรการที่ตอบแต่ละตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย",
    )  # fmt: skip
    parser.add_argument(
        "--history", action="store_true", help="analysis: พิมพ์ตารางผลการประเมินย้อนหลังทุกปี"
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path,
        help="ไฟล์ที่จะเขียน: .pdf หรือ .docx (แก้ไขต่อใน Word ได้)",
    )  # fmt: skip
    add_data_dir(parser)
    parser.set_defaults(handler=run_print)


def run_print(args: argparse.Namespace) -> int:
    from itadesk.cli import opened
    from itadesk.fileops import write_file
    from itadesk.services.documents import PrintOptions, build_document, document_warnings
    from itadesk.services.print_log import record_printed

    file_format = check_output(args.output)
    year = parse_int(args.year, "ปีงบประมาณ")
    round_months = parse_int(args.round, "รอบรายงาน") if args.round else None
    options = PrintOptions(
        layout=args.layout, landscape=args.landscape, arabic_digits=args.arabic_digits or None,
        answers=args.answers, history=args.history,
        columns=tuple(k.strip() for k in args.columns.split(",")) if args.columns else None,
        headers=parse_headers(args.header),
    )  # fmt: skip
    with opened(args) as db:
        content = build_document(db, args.kind, year, round_months, options, file_format)
        warnings = document_warnings(db, args.kind, year, round_months)
        write_file(args.output, content)
        print(f"เขียนไฟล์ {args.output} แล้ว ({digits(len(content) // 1024)} KB)")
        try:  # the file is written: a database busy elsewhere only loses the checklist mark
            record_printed(db, args.kind, year, round_months, file_format)
        except UserError as error:
            warnings.append(f"ยังไม่ได้บันทึกว่าพิมพ์เอกสารนี้แล้ว ({error})")
    for warning in warnings:
        print(f"คำเตือน: {warning}", file=sys.stderr)
    return 0


def parse_headers(pairs: list[str]) -> dict[str, str]:
    """``KEY=TEXT`` pairs of ``--header``; a pair without ``=`` is refused in Thai."""
    headers = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(
                f"--header «{pair}» ต้องเขียนเป็น KEY=ข้อความ เช่น status=กำกับติดตามการดำเนินงาน"
            )
        headers[key.strip()] = text
    return headers


def check_output(path: Path) -> str:
    """The format an output file name asks for (its extension); refuse, before any work, a
    name that is not ``.pdf`` or ``.docx``: a slip of the keyboard must not write a document
    over the database."""
    try:
        folder = path.is_dir()
    except OSError as error:  # a name too long for the file system: ENAMETOOLONG
        raise UserError(f"ใช้ «{path.name[:40]}…» เป็นไฟล์ปลายทางไม่ได้: {os_reason(error)}") from error
    if not path.name or folder:
        raise UserError(f"«{path}» ไม่ใช่ชื่อไฟล์: โปรดระบุไฟล์ปลายทาง เช่น -o บันทึก.pdf")
    suffix = path.suffix.lower().removeprefix(".")
    if suffix not in FORMATS:
        raise UserError(
            f"«{path.name}» ไม่ใช่ชื่อไฟล์ PDF หรือ Word: ชื่อไฟล์ปลายทางต้องลงท้ายด้วย .pdf หรือ .docx"
        )
    return suffix
