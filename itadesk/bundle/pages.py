"""The human-readable parts of a bundle: ``readme.txt`` and ``index.html`` (Thai, UTF-8)."""

import json
from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from itadesk import __version__
from itadesk.bundle.format import FORMAT_VERSION
from itadesk.db.database import Database
from itadesk.db.models import FiscalYear, Measure, ProgressEntry
from itadesk.domain.dates import thai_datetime
from itadesk.domain.numerals import digits


def json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def readme(office: str, when: datetime, years: Sequence[int]) -> str:
    printed = ", ".join(digits(y) for y in years) or "ไม่มี"
    lines = [
        f"ชุดข้อมูล ITADesk ของ{office}",
        f"สร้างเมื่อ {thai_datetime(when)} "
        f"ด้วย ITADesk รุ่น {__version__} (รูปแบบชุดข้อมูลรุ่น {digits(FORMAT_VERSION)})",
        "",
        "นำเข้าที่เครื่องอื่น: เปิด ITADesk เลือกเมนู ข้อมูล > นำเข้าจากแฟลชไดรฟ์ แล้วเลือกไฟล์ .zip นี้",
        "โปรแกรมจะตรวจสอบไฟล์ทุกไฟล์และแสดงรายการที่จะเพิ่ม เปลี่ยน และคงไว้ก่อนบันทึก",
        "การนำเข้าซ้ำไม่ทำให้ข้อมูลซ้ำ และข้อมูลที่มีเฉพาะในเครื่องปลายทางจะคงไว้",
        "",
        "โปรดอย่าแก้ไข เพิ่ม หรือลบไฟล์ใดในไฟล์ .zip นี้ มิฉะนั้นโปรแกรมจะไม่ยอมนำเข้า",
        "",
        "สำหรับผู้ดูแลเว็บไซต์: แตกไฟล์ .zip แล้วเปิด index.html",
        f"  pdf/    เอกสารที่พิมพ์จากโปรแกรม (ปีงบประมาณ {printed})",
        "  docx/   เอกสารเดียวกันเป็นไฟล์ Word สำหรับแก้ไขต่อ",
        "  files/  ไฟล์หลักฐานที่แนบไว้ จัดกลุ่มตามข้อ OIT ใน index.html",
        "  signatures/  ภาพลายมือชื่อของบุคลากร สำหรับโปรแกรม (ไม่ต้องเผยแพร่)",
        "  data.json และ manifest.json  ข้อมูลสำหรับโปรแกรม (ไม่ต้องเผยแพร่)",
        "",
    ]
    return "\r\n".join(lines)  # Notepad on older Windows needs CRLF


def _link(path: str, text: str) -> str:
    return f'<a href="{escape(quote(path))}">{escape(text)}</a>'


def index_html(
    db: Database, office: str, when: datetime, years: Sequence[int],
    documents: Sequence[Any], evidence: Sequence[Any],
) -> bytes:  # fmt: skip
    """Documents and evidence, grouped by OIT item, for the website admin."""
    from itadesk.services.years import oit_items

    paths = {e.sha256: e.path for e in evidence}
    out = [
        "<!DOCTYPE html>",
        '<html lang="th"><head><meta charset="utf-8">',
        f"<title>{escape(office)}: เอกสารและหลักฐาน ITA</title>",
        "<style>body{font-family:'TH Sarabun New',Tahoma,sans-serif;max-width:60em;margin:auto;"
        "padding:1em}h2{border-bottom:1px solid #ccc}li{margin:.2em 0}.m{color:#555}</style>",
        "</head><body>",
        f"<h1>{escape(office)}</h1>",
        f"<p>ชุดข้อมูลสร้างเมื่อ {escape(thai_datetime(when))} ด้วย ITADesk {__version__}</p>",
    ]
    for year in years:
        out.append(f"<h2>ปีงบประมาณ {digits(year)}</h2>")
        docs: dict[str, list[Any]] = {}  # a title: its PDF, then its Word copy
        for d in documents:
            if d.year == year:
                docs.setdefault(d.title, []).append(d)
        out.append("<h3>เอกสาร</h3>")
        if docs:
            items = [
                _link(files[0].path, title)
                + "".join(f" ({_link(f.path, 'ไฟล์ Word')})" for f in files[1:])
                for title, files in docs.items()
            ]
            out.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        else:
            out.append("<p>ไม่มีเอกสาร (ยังกรอกข้อมูลไม่ครบ)</p>")
        with db.session() as session:
            measures = session.scalars(
                select(Measure)
                .join(FiscalYear)
                .where(FiscalYear.year == year)
                .order_by(Measure.sort_order, Measure.id)
                .options(selectinload(Measure.progress).selectinload(ProgressEntry.attachments))
            ).all()
        names = {item.code: item.name for item in oit_items(db, year)}
        groups: dict[str, list[str]] = {}
        for measure in measures:
            files = [
                (entry.round, a)
                for entry in measure.progress
                for a in entry.attachments
                if a.sha256 in paths
            ]
            if not files:
                continue
            codes = [c for c in measure.links if isinstance(c, str) and c.startswith("o")]
            items = "".join(
                f"<li>{_link(paths[a.sha256], a.filename)} "
                f'<span class="m">(รอบ {digits(r)} เดือน: {escape(measure.title)})</span></li>'
                for r, a in files
            )
            for code in codes or [""]:
                groups.setdefault(code, []).append(items)
        out.append("<h3>หลักฐานตามข้อ OIT</h3>")
        if not groups:
            out.append("<p>ไม่มีไฟล์หลักฐาน</p>")

        def order(code: str) -> tuple[int, int]:
            number = code[1:]
            return (1, 0) if not code else (0, int(number) if number.isdigit() else 0)

        for code in sorted(groups, key=order):
            heading = f"{code} {names.get(code, '')}".strip() if code else "หลักฐานอื่น ๆ"
            out.append(f"<h4>{escape(heading)}</h4><ul>{''.join(groups[code])}</ul>")
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")
