"""``itadesk suggest --year Y [--json]``: ready measures for the plan after assessment year Y."""

import argparse
import json
from typing import Any

from itadesk.domain.numerals import digits, parse_int


def register(subparsers: Any) -> None:
    from itadesk.cli import add_data_dir

    parser = subparsers.add_parser(
        "suggest", help="แนะนำมาตรการจากจุดอ่อนของผลการประเมิน สำหรับแผนของปีถัดไป"
    )
    parser.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. ของผลการประเมิน เช่น 2568")
    parser.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON")
    add_data_dir(parser)
    parser.set_defaults(handler=run_suggest)


def run_suggest(args: argparse.Namespace) -> int:
    from itadesk.cli import opened
    from itadesk.services.suggestions import suggestions

    year = parse_int(args.year, "ปีงบประมาณ")
    with opened(args) as db:
        offered = suggestions(db, year)
    if args.json:
        rows = [
            {
                "id": s.measure.id, "title": s.measure.title, "group": s.group,
                "reason": s.reason, "rank": s.rank, "targets": list(s.measure.targets),
            }
            for s in offered
        ]  # fmt: skip
        document = {"year": year, "plan_year": year + 1, "suggestions": rows}
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(f"มาตรการแนะนำสำหรับแผนปีงบประมาณ {digits(year + 1)} (จากผลการประเมินปี {digits(year)})")
    for number, s in enumerate(offered, 1):
        print(f"{number}. [{s.group}] {s.measure.title}")
        print(f"   เหตุผล: {s.reason}  รหัส: {s.measure.id}")
    if not offered:
        print("แผนมีมาตรการแนะนำครบทุกรายการแล้ว")
    return 0
