"""Thai digits (๐–๙) both ways, and numbers typed with either kind of digit."""

import re
from decimal import Decimal, InvalidOperation

from itadesk.errors import ValidationError

_ARABIC = "0123456789"
_THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC, _THAI)
_TO_ARABIC = str.maketrans(_THAI, _ARABIC)
_LINK = re.compile(r"((?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+)")


def to_thai_digits(text: object) -> str:
    """Return ``text`` (or a number) with every Arabic digit replaced by its Thai digit."""
    return str(text).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with every Thai digit replaced by its Arabic digit."""
    return text.translate(_TO_ARABIC)


def digits(text: object, thai: bool = True) -> str:
    """Format for print: Thai digits unless the office switched them off.

    Web links and e-mail addresses keep their digits as typed: they must still work.
    """
    if not thai:
        return str(text).translate(_TO_ARABIC)
    parts = _LINK.split(str(text))  # odd items are links
    return "".join(p if i % 2 else to_thai_digits(p) for i, p in enumerate(parts))


_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


def parse_decimal(text: str, field: str = "ตัวเลข") -> Decimal:
    """Parse a number typed with Thai or Arabic digits (``๙๖.๙๘``, ``96.98``, ``1,234``).

    A comma only groups thousands: ``88,5`` (a decimal comma) is refused, not read as 885.
    """
    cleaned = to_arabic_digits(text).strip().replace(" ", "")
    if "_" in cleaned:  # Decimal() reads 9_9 as 99
        raise ValidationError(f"{field}: «{text.strip()[:20]}» ไม่ใช่ตัวเลข")
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise ValidationError(
                f"{field}: «{text.strip()[:20]}» ไม่ใช่ตัวเลข (ใช้จุดคั่นทศนิยม เช่น ๘๘.๕)"
            )
        cleaned = cleaned.replace(",", "")
    if len(cleaned) > 40:
        raise ValidationError(f"{field}: «{text.strip()[:20]}…» ยาวเกินไป")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(f"{field}: «{text.strip()}» ไม่ใช่ตัวเลข") from None
    if not value.is_finite():
        raise ValidationError(f"{field}: «{text.strip()}» ไม่ใช่ตัวเลข")
    return value


MAX_DIGITS = 12  # no number the app takes is longer; far longer input is a typing accident


def check_range(
    value: Decimal | float, label: str, low: Decimal, high: Decimal, what: str = ""
) -> Decimal:
    """``value`` if it lies between ``low`` and ``high``; else a Thai refusal naming them
    (``what``: the noun of the message, e.g. "คะแนน")."""
    number = Decimal(str(value))
    if not low <= number <= high:
        raise ValidationError(
            f"{label}: «{digits(value)}» ไม่ถูกต้อง {what}ต้องอยู่ระหว่าง "
            f"{digits(f'{low:,}')} ถึง {digits(f'{high:,}')}"
        )
    return number


def parse_int(text: str, field: str = "ตัวเลข") -> int:
    """Parse a whole number typed with Thai or Arabic digits."""
    value = parse_decimal(text, field)
    if value and value.adjusted() >= MAX_DIGITS:  # "1e30000" is short text, not a small number
        raise ValidationError(f"{field}: «{text.strip()[:20]}» ใหญ่เกินไป")
    if value != value.to_integral_value():
        raise ValidationError(f"{field}: ต้องเป็นจำนวนเต็ม")
    return int(value)


def format_score(value: float | Decimal, thai: bool = True) -> str:
    """A score with two decimals, as the official result prints it (๙๖.๙๘)."""
    return digits(f"{Decimal(str(value)).quantize(Decimal('0.01')):.2f}", thai)
