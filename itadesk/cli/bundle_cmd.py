"""``itadesk bundle export|verify|import``: the USB bundle from the command line."""

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from itadesk.bundle import Bundle


def register(subparsers: Any) -> None:
    from itadesk.cli import ThaiArgumentParser, add_data_dir

    bundle = subparsers.add_parser("bundle", help="ส่งออก ตรวจสอบ หรือนำเข้าชุดข้อมูล (แฟลชไดรฟ์)")
    commands = bundle.add_subparsers(
        title="คำสั่งย่อย",
        parser_class=ThaiArgumentParser,
        required=True,
        metavar="export|verify|import",
    )
    export = commands.add_parser("export", help="ส่งออกข้อมูลทั้งหมดเป็นไฟล์ .zip")
    export.add_argument(
        "--year", action="append", default=None, metavar="Y",
        help="ปีงบประมาณที่จะพิมพ์เอกสารใส่ในชุดข้อมูล (ระบุได้หลายครั้ง; ค่าเริ่มต้น: ปีล่าสุด)",
    )  # fmt: skip
    export.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE_OR_DIR",
        help="ไฟล์ .zip หรือโฟลเดอร์ปลายทาง (โฟลเดอร์: ตั้งชื่อไฟล์ให้อัตโนมัติ)",
    )  # fmt: skip
    add_data_dir(export)
    export.set_defaults(handler=run_export)
    verify = commands.add_parser("verify", help="ตรวจสอบไฟล์ชุดข้อมูล")
    verify.add_argument("file", type=Path, metavar="FILE")
    verify.set_defaults(handler=run_verify)
    imp = commands.add_parser("import", help="นำเข้าชุดข้อมูล (แสดงสิ่งที่จะเปลี่ยนก่อน)")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="แสดงสิ่งที่จะเปลี่ยนโดยไม่บันทึก")
    imp.add_argument("--yes", action="store_true", help="ยืนยันการนำเข้าชุดข้อมูลของหน่วยงานอื่น")
    add_data_dir(imp)
    imp.set_defaults(handler=run_import)


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None
    last = [""]

    def show(step: Any) -> None:
        line = f"\r{step.fraction * 100:5.1f}% {step.text[:60]}"
        if line != last[0]:
            print(line.ljust(70), end="", file=sys.stderr, flush=True)
            last[0] = line

    return show


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    from itadesk.bundle import export_bundle
    from itadesk.bundle.format import megabytes
    from itadesk.cli import opened, printable
    from itadesk.domain.numerals import digits, parse_int
    from itadesk.services.years import check_year

    years = None
    if args.year:
        years = [check_year(parse_int(y, "ปีงบประมาณ")) for y in args.year]
    with opened(args) as db:
        try:
            result = export_bundle(db, args.output, years, progress=_progress())
        finally:
            _end_progress()
    for warning in result.warnings:  # they name files and measures, maybe imported
        print(printable(f"คำเตือน: {warning}"), file=sys.stderr)
    print(
        printable(f"บันทึกชุดข้อมูลแล้ว: {result.path} ")
        + f"({megabytes(result.size)}, {digits(result.entries)} รายการ, "
        f"เอกสาร {digits(len(result.documents))} ไฟล์) {result.checked}"
    )
    return 0


def _verified(path: Path) -> "Bundle":
    """The bundle checked in full, with progress on the terminal."""
    from itadesk.bundle import verify_bundle

    try:
        return verify_bundle(path, progress=_progress())
    finally:
        _end_progress()


def run_verify(args: argparse.Namespace) -> int:
    from itadesk.cli import printable
    from itadesk.domain.dates import thai_datetime
    from itadesk.domain.numerals import digits

    bundle = _verified(args.file)
    print(
        printable(f"ชุดข้อมูลถูกต้อง: {bundle.office_name} ")
        + f"สร้างเมื่อ {thai_datetime(bundle.created_at)} ({digits(len(bundle.entries) + 1)} รายการ)"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from itadesk.bundle import import_bundle, plan_import
    from itadesk.cli import opened, printable

    bundle = _verified(args.file)
    with opened(args, create=not args.dry_run) as db:
        plan = plan_import(db, bundle)
        print("\n".join(map(printable, plan.preview_lines())))
        if args.dry_run:
            print("ทดลองเท่านั้น (--dry-run): ไม่ได้บันทึกอะไร")
            return 0
        if plan.other_office and not args.yes:
            print(
                "ไม่ได้นำเข้า: ชุดข้อมูลนี้เป็นของหน่วยงานอื่น หากต้องการนำเข้าจริงให้สั่งอีกครั้งพร้อม --yes",
                file=sys.stderr,
            )
            return 2
        try:
            result = import_bundle(db, bundle, confirm_other_office=args.yes, progress=_progress())
        finally:
            _end_progress()
    if result.plan.is_noop:
        print("ไม่มีอะไรต้องนำเข้า: ข้อมูลไม่ถูกแก้ไข")
    else:
        print(f"นำเข้าแล้ว: {result.plan.summary()}")
        if result.backup:
            print(f"สำรองฐานข้อมูลก่อนนำเข้าไว้ที่ {result.backup}")
    return 0
