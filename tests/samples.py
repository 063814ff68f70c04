"""Sample records with every field set, made from the fields' types: a new field gets a value
without editing the tests that walk every field."""

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal

from itadesk.services.measures import MeasureInput

# fields whose values the rules restrict; every other field gets a value made from its type
RESTRICTED = {
    "group": "EIT",
    "rounds": [3, 9],
    "links": ["ind4", "i12", "o3"],
    "period_start": date(2025, 11, 1),
    "period_end": date(2026, 3, 31),
}


def _value(name: str, kind: object) -> object:
    if name in RESTRICTED:
        return RESTRICTED[name]
    if isinstance(kind, types.UnionType):  # "X | None": a value of X
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if kind is str:
        return f"ข้อความของ {name}"
    if typing.get_origin(kind) is list and typing.get_args(kind) == (str,):
        return [f"{name} ข้อแรก", f"{name} ข้อสอง"]
    if kind is Decimal:
        return Decimal("12345.50")
    if kind is int:
        return 7
    if kind is bool:
        return True
    raise AssertionError(f"no sample value for MeasureInput.{name} ({kind}): add one above")


def measure_input() -> MeasureInput:
    """Every field set (none at its default), validated."""
    hints = typing.get_type_hints(MeasureInput)
    data = MeasureInput(
        **{f.name: _value(f.name, hints[f.name]) for f in dataclasses.fields(MeasureInput)}
    )
    for f in dataclasses.fields(MeasureInput):
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        assert getattr(data, f.name) != default, f"the sample of {f.name} is its default"
    return data.validated()
