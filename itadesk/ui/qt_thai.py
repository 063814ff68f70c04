"""Thai for the few texts Qt's own widgets show (Qt ships no Thai translation).

Covers the edit fields' right-click menus, spin boxes and the standard dialog buttons; the
operating system's own file and print dialogs follow the system language.
"""

from PySide6.QtCore import QCoreApplication, QTranslator

EDIT_MENU = {
    "&Undo": "เลิกทำ",
    "&Redo": "ทำซ้ำ",
    "Cu&t": "ตัด",
    "&Copy": "คัดลอก",
    "&Paste": "วาง",
    "Delete": "ลบ",
    "Select All": "เลือกทั้งหมด",
    "Copy &Link Location": "คัดลอกที่อยู่ลิงก์",
}
BUTTONS = {
    "OK": "ตกลง",
    "Save": "บันทึก",
    "Save All": "บันทึกทั้งหมด",
    "Open": "เปิด",
    "&Yes": "ใช่",
    "Yes to &All": "ใช่ทั้งหมด",
    "&No": "ไม่",
    "N&o to All": "ไม่ทั้งหมด",
    "Abort": "ยกเลิกการทำงาน",
    "Retry": "ลองใหม่",
    "Ignore": "ข้าม",
    "Close": "ปิด",
    "Cancel": "ยกเลิก",
    "Discard": "ไม่บันทึก",
    "Help": "วิธีใช้",
    "Apply": "ใช้",
    "Reset": "คืนค่า",
    "Restore Defaults": "คืนค่าเริ่มต้น",
    "Show Details...": "แสดงรายละเอียด…",
    "Hide Details...": "ซ่อนรายละเอียด…",
}
TEXTS = {
    "QLineEdit": EDIT_MENU,
    "QWidgetTextControl": EDIT_MENU,
    "QPlatformTheme": BUTTONS,
    "QMessageBox": BUTTONS,
    "QDialogButtonBox": BUTTONS,
    "QAbstractSpinBox": {"&Step up": "เพิ่มขึ้น", "Step &down": "ลดลง", "&Select All": "เลือกทั้งหมด"},
}


class ThaiQtTranslator(QTranslator):
    """Answers Qt's own ``tr()`` calls from the tables above."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null string) lets Qt keep its own text; "" would blank it out
        return TEXTS.get(context, {}).get(source)

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication) -> ThaiQtTranslator:
    """Install the translator (keep the returned object alive with the application)."""
    translator = ThaiQtTranslator(app)
    app.installTranslator(translator)
    return translator
