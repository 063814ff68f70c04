"""Errors that carry a message in Thai for the clerk.

``UserError`` and its subclasses are problems of input or environment that the clerk can act
on; anything else is a bug. ``os_reason`` says in Thai what an ``OSError`` means: the text
the system gives (``strerror``) is in English.
"""

import errno

LOCKED = "ไฟล์นี้เปิดอยู่ในโปรแกรมอื่น ปิดแล้วลองใหม่"
# Windows error codes Python does not map onto the errno the clerk's case needs
WINDOWS_ERRORS = {
    112: errno.ENOSPC, 21: errno.EIO, 1117: errno.EIO, 19: errno.EROFS, 5: errno.EACCES,
    32: errno.EBUSY, 33: errno.EBUSY,  # sharing and lock violations: open in another program
}  # fmt: skip
_REASONS = {
    errno.ENOENT: "ไม่พบไฟล์หรือโฟลเดอร์นี้",
    errno.EACCES: "ไม่มีสิทธิ์เข้าถึง",
    errno.EPERM: "ไม่มีสิทธิ์เข้าถึง",
    errno.ENOSPC: "พื้นที่ดิสก์เต็ม",
    errno.EROFS: "เป็นแบบอ่านอย่างเดียว",
    errno.EISDIR: "เป็นโฟลเดอร์ ไม่ใช่ไฟล์",
    errno.ENOTDIR: "ส่วนหนึ่งของที่อยู่ไม่ใช่โฟลเดอร์",
    errno.EEXIST: "มีไฟล์ชื่อนี้อยู่แล้ว",
    errno.ENAMETOOLONG: "ชื่อไฟล์หรือโฟลเดอร์ยาวเกินไป",
    errno.EFBIG: "ไฟล์ใหญ่เกินกว่าที่ดิสก์รับได้",
    errno.EBUSY: LOCKED,
    errno.EIO: "อ่านหรือเขียนดิสก์ไม่ได้ (อุปกรณ์อาจถูกถอดออกหรือเสียหาย)",
}


def os_code(error: OSError) -> int | None:
    """The errno of an OSError, Windows error codes included."""
    return WINDOWS_ERRORS.get(getattr(error, "winerror", None) or 0, error.errno)


def os_reason(error: OSError) -> str:
    """What an OSError means, in Thai; the system's own words only for a rare error."""
    reason = _REASONS.get(os_code(error) or 0)
    if reason is None:
        return f"ข้อผิดพลาดของระบบ: {error.strerror or error}"
    return reason


class UserError(Exception):
    """A problem the clerk can fix; ``str(error)`` is a Thai sentence."""

    exit_code = 2


class ValidationError(UserError):
    """Input that breaks a rule: a score of 120, a letter in a number field."""


class NotFoundError(UserError):
    """A record the clerk asked for does not exist (yet)."""


class DatabaseError(UserError):
    """The database file cannot be used as it is (newer version, read-only, full disk)."""


class BundleError(UserError):
    """A USB bundle that is broken, untrusted or cannot be written."""

    exit_code = 4
