"""A form declared as rows: each row holds its label, its widget and how it reads, shows and
reports the record's fields it edits. A new field is one row, not five edits."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QFormLayout, QLayout, QWidget

Record = TypeVar("Record")


@dataclass(frozen=True)
class FormRow:
    label: str
    widget: QWidget | QLayout
    read: Callable[[], dict[str, Any]] | None = None  # the fields it edits, as shown
    show: Callable[[Any], None] | None = None  # show a record's fields
    changed: Sequence[SignalInstance] = ()  # after which the form saves


class TextWidget(Protocol):
    editingFinished: SignalInstance

    def text(self) -> str: ...
    def set_text(self, text: str) -> None: ...


def text_row(label: str, name: str, widget: TextWidget) -> FormRow:
    """A row editing the text field ``name`` (widgets with ``text``/``set_text``)."""
    return FormRow(
        label,
        widget,  # type: ignore[arg-type]
        read=lambda: {name: widget.text()},
        show=lambda record: widget.set_text(getattr(record, name)),
        changed=(widget.editingFinished,),
    )


def lay_out(form: QFormLayout, rows: Sequence[FormRow]) -> None:
    for row in rows:
        form.addRow(row.label, row.widget)


def connect(rows: Sequence[FormRow], slot: Callable[[], object]) -> None:
    """``slot`` runs after any row's change."""
    for row in rows:
        for signal in row.changed:
            signal.connect(lambda *_args: slot())


def show(rows: Sequence[FormRow], record: object) -> None:
    for row in rows:
        if row.show:
            row.show(record)


def read(rows: Sequence[FormRow], kind: type[Record]) -> Record:
    """The record as the rows show it; every field of ``kind`` must have its row."""
    values: dict[str, Any] = {}
    for row in rows:
        if row.read:
            values |= row.read()
    names = {f.name for f in fields(kind)}  # type: ignore[arg-type]
    if set(values) != names:  # a bug: a field without a row would be dropped on save
        raise AssertionError(f"form rows read {sorted(values)}, the record has {sorted(names)}")
    return kind(**values)
