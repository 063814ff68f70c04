"""``itadesk demo`` and ``itadesk score``."""

import argparse
import json
import re
from typing import Any

from itadesk.domain.numerals import digits, parse_decimal, parse_int


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="เติมข้อมูลหน่วยงานตัวอย่าง (สมมุติ) ลงฐานข้อมูลว่าง")
    demo.add_argument(
        "--force", action="store_true",
        help="แทนที่ข้อมูลทั้งหมดด้วยข้อมูลตัวอย่าง (สำรองฐานข้อมูลเดิมไว้ก่อน)",
    )  # fmt: skip
    demo.add_argument(
        "--if-empty", action="store_true", help="เติมเฉพาะเมื่อฐานข้อมูลว่าง ไม่เช่นนั้นไม่ทำอะไร"
    )
    score = subparsers.add_parser("score", help="คำนวณคะแนนภาพรวมและระดับผลการประเมิน ITA")
    score.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2566")
    score.add_argument(
        "--scores", required=True, help="คะแนน ๑๐ ตัวชี้วัด คั่นด้วยจุลภาคหรือเว้นวรรค (ทศนิยมใช้จุด)"
    )
    score.add_argument("--official", help="คะแนนภาพรวมตามที่ประกาศ (เพื่อตรวจทาน)")
    score.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON")
    from itadesk.cli import add_data_dir

    add_data_dir(demo)
    demo.set_defaults(handler=run_demo)
    score.set_defaults(handler=run_score)


def run_demo(args: argparse.Namespace) -> int:
    from itadesk.cli import data_dir
    from itadesk.db.database import open_database
    from itadesk.services.demo import OFFICE_NAME, fill_demo, replace_with_demo
    from itadesk.services.office import is_empty

    db = open_database(data_dir(args))
    try:
        if args.if_empty and not is_empty(db):
            return 0
        copy = replace_with_demo(db) if args.force and not is_empty(db) else None
        if copy is None:
            fill_demo(db)
    finally:
        db.close()
    print(f"เติมข้อมูลตัวอย่างของเทศบาลตำบล{OFFICE_NAME} (หน่วยงานสมมุติ) ลงใน {db.data_dir} แล้ว")
    if copy is not None:
        print(f"ข้อมูลเดิมถูกแทนที่ สำเนาสำรองอยู่ที่ {copy}")
    return 0


def run_score(args: argparse.Namespace) -> int:
    from itadesk.domain.scoring import assess, scheme_for
    from itadesk.services.years import check_year

    year = check_year(parse_int(args.year, "ปีงบประมาณ"))
    parts = re.split(r"[,\s]+", args.scores.strip())  # commas or spaces between the ten
    scores = [parse_decimal(p, f"คะแนนตัวชี้วัดที่ {digits(i)}") for i, p in enumerate(parts, 1)]
    official = parse_decimal(args.official, "คะแนนภาพรวม") if args.official else None
    result = assess(year, scores, official)
    scheme = scheme_for(year)
    if args.json:
        print(json.dumps(_as_json(result, scheme.target), ensure_ascii=False, indent=2))
    else:
        print(f"ปีงบประมาณ {year}")
        print(f"คะแนนภาพรวม {result.overall} ระดับ {result.level}")
        print("รายเครื่องมือ " + "  ".join(f"{t} {s}" for t, s in result.tool_scores.items()))
        weakest = ", ".join(
            f"{i.number} {i.name} ({result.scores[i.number - 1]})" for i in result.weakest
        )
        print(f"ตัวชี้วัดที่คะแนนต่ำที่สุด: {weakest}")
        below = ", ".join(f"{i.number} {i.name}" for i in result.below_target) or "ไม่มี"
        print(f"ต่ำกว่าค่าเป้าหมาย {scheme.target}: {below}")
    if result.official_differs:
        import sys

        print(result.mismatch_message(), file=sys.stderr)
        return 3
    return 0


def _as_json(result: Any, target: Any) -> dict[str, Any]:
    from itadesk.domain.scoring import likely_typos

    def indicator(ind: Any) -> dict[str, Any]:
        score = result.scores[ind.number - 1]
        return {"number": ind.number, "tool": ind.tool, "name": ind.name, "score": float(score)}

    return {
        "year": result.year,
        "overall": float(result.overall),
        "level": result.level,
        "tools": {t: float(s) for t, s in result.tool_scores.items()},
        "weakest": [indicator(i) for i in result.weakest],
        "below_target": [indicator(i) for i in result.below_target],
        "target": float(target),
        "official": None if result.official_overall is None else float(result.official_overall),
        "official_differs": result.official_differs,
        "suggestions": [
            {"number": s.indicator.number, "name": s.indicator.name, "typed": float(s.typed),
             "likely": float(s.likely), "message": s.message()}
            for s in likely_typos(result)
        ],
    }  # fmt: skip
