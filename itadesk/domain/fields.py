"""Fields that fill themselves in the office's own title lines and paragraphs.

A clerk writes ``ผลการดำเนินการ รอบ {รอบ} ของ{หน่วยงาน} อำเภอ{อำเภอ}`` and the printed line
carries the office, the round and so on. Field names are Thai, in braces, as the clerk types
them; an unknown name is refused when the text is saved, not when it prints.
"""

import re
from collections.abc import Mapping

from itadesk.errors import ValidationError

FIELDS: dict[str, str] = {
    "หน่วยงาน": "ชื่อเต็มของหน่วยงาน เช่น เทศบาลตำบลท่าแพ",
    "อำเภอ": "อำเภอของหน่วยงาน",
    "จังหวัด": "จังหวัดของหน่วยงาน",
    "ปีงบประมาณ": "ปีงบประมาณ พ.ศ. ของเอกสาร",
    "ปีถัดไป": "ปีงบประมาณถัดไป (แผนของรายงานการวิเคราะห์)",
    "รอบ": "รอบรายงาน เช่น ๖ เดือน",
    "ช่วงรอบ": "วันเริ่มและวันสิ้นสุดของรอบ เช่น ๑ ตุลาคม ๒๕๖๕ – ๓๑ มีนาคม ๒๕๖๖",
    "ตัวชี้วัดต่ำสุด": "ตัวชี้วัดที่คะแนนต่ำสุดของกลุ่ม (ใต้หัวกลุ่ม IIT/EIT/OIT)",
    "คะแนนต่ำสุด": "คะแนนของตัวชี้วัดนั้น",
    "สรุปผล": "ย่อหน้าสรุปผลการประเมิน (รายงานการวิเคราะห์)",
}
"""Every field a text may carry, with what it fills in (shown to the clerk)."""
FIELD = re.compile(r"\{([^{}]*)\}")


def check_fields(text: str) -> str:
    """``text`` unchanged when every ``{field}`` in it is known; else a Thai refusal."""
    unknown = [name for name in FIELD.findall(text) if name not in FIELDS]
    if unknown:
        known = " ".join(f"{{{name}}}" for name in FIELDS)
        raise ValidationError(f"ไม่รู้จักช่อง {{{unknown[0]}}}: ใช้ได้ {known}")
    return text


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each field replaced by its value ("" for a value not known here)."""
    return FIELD.sub(lambda m: values.get(m[1], m[0] if m[1] not in FIELDS else ""), text)
