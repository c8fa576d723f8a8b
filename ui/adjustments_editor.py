"""The reasonable adjustments asked for at an appointment, each with the answer given."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from companion.model import Adjustment, AdjustmentKind, AdjustmentOutcome
from ui.inputs import EnumCombo, member, text_of
from ui.naming import named


class AdjustmentRow(QWidget):
    def __init__(self, number: int, remove: Callable[[AdjustmentRow], None]) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        prefix = self.tr("Adjustment {n}").format(n=number)
        self.kind = EnumCombo(
            AdjustmentKind, self.tr("{p}: what you asked for").format(p=prefix), optional=False
        )
        self.detail = named(QLineEdit(), self.tr("{p}: more detail").format(p=prefix))
        self.detail.setPlaceholderText(self.tr("More detail (optional)"))
        self.outcome = EnumCombo(AdjustmentOutcome, self.tr("{p}: the answer").format(p=prefix))
        self.reason = named(QLineEdit(), self.tr("{p}: reason given").format(p=prefix))
        self.reason.setPlaceholderText(self.tr("Reason given (optional)"))
        self.remove = named(QPushButton(self.tr("Remove")), self.tr("Remove {p}").format(p=prefix))
        self.remove.clicked.connect(lambda: remove(self))
        for widget, stretch in [
            (self.kind, 2),
            (self.detail, 3),
            (self.outcome, 2),
            (self.reason, 3),
            (self.remove, 0),
        ]:
            row.addWidget(widget, stretch)

    def value(self) -> Adjustment:
        kind, outcome = self.kind.value(), self.outcome.value()
        return Adjustment(kind, self.detail.text(), outcome, self.reason.text())  # type: ignore[arg-type]

    def set_value(self, adjustment: Adjustment | None) -> None:
        self.kind.set_value(adjustment.kind if adjustment else AdjustmentKind.PRIVATE_ROOM)
        self.detail.setText(adjustment.detail if adjustment else "")
        self.outcome.set_value(adjustment.outcome if adjustment else None)
        self.reason.setText(adjustment.reason_given if adjustment else "")


class AdjustmentsEditor(QWidget):
    """Adjustments asked for, each with the answer.

    The rows are made up front and shown one by one, so Tab always goes through them in
    reading order (Qt re-links the focus chain when widgets are added later).
    """

    changed = Signal()

    def __init__(self, capacity: int = 6) -> None:
        super().__init__()
        self.setAccessibleName(self.tr("Adjustments asked for"))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.slots = [AdjustmentRow(n, self.remove_row) for n in range(1, capacity + 1)]
        for row in self.slots:
            row.hide()
            box.addWidget(row)
            for signal in (
                row.kind.changed,
                row.outcome.changed,
                row.detail.textChanged,
                row.reason.textChanged,
            ):
                signal.connect(self._row_changed)
        self.shown = 0
        self.add_button = named(
            QPushButton(self.tr("Add an adjustment you asked for")),
            self.tr("Add an adjustment you asked for"),
            self.tr("For example a private room, a phone appointment or recording it"),
        )
        self.add_button.clicked.connect(lambda: self.add_row())
        box.addWidget(self.add_button)

    def _row_changed(self) -> None:
        self.changed.emit()

    @property
    def rows(self) -> list[AdjustmentRow]:
        return self.slots[: self.shown]

    def add_row(self, adjustment: Adjustment | None = None) -> AdjustmentRow | None:
        if self.shown == len(self.slots):
            return None
        row = self.slots[self.shown]
        row.set_value(adjustment)
        row.show()
        self.shown += 1
        self.add_button.setEnabled(self.shown < len(self.slots))
        row.kind.setFocus()
        self.changed.emit()
        return row

    def remove_row(self, row: AdjustmentRow) -> None:
        kept = [r.value() for r in self.rows if r is not row]
        self.set_value(kept)
        self.add_button.setFocus()

    def value(self) -> tuple[Adjustment, ...]:
        return tuple(row.value() for row in self.rows)

    def set_value(self, adjustments: Sequence[Adjustment]) -> None:
        for n, row in enumerate(self.slots):
            row.setVisible(n < len(adjustments))
            row.set_value(adjustments[n] if n < len(adjustments) else None)
        self.shown = len(adjustments)
        self.add_button.setEnabled(self.shown < len(self.slots))
        self.changed.emit()

    def draft(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": row.kind.draft(),
                "detail": row.detail.text(),
                "outcome": row.outcome.draft(),
                "reason_given": row.reason.text(),
            }
            for row in self.rows
        ]

    def restore(self, data: Any) -> None:
        if not isinstance(data, list):
            raise TypeError("a list was expected")
        if len(data) > len(self.slots):
            raise ValueError("more adjustments than this form can show")
        read = []
        for item in data:
            if not isinstance(item, dict):
                raise TypeError("an adjustment was expected")
            kind = member(AdjustmentKind, item.get("kind")) or AdjustmentKind.OTHER
            read.append(
                Adjustment(
                    kind,
                    text_of(item.get("detail", "")),
                    member(AdjustmentOutcome, item.get("outcome")),
                    text_of(item.get("reason_given", "")),
                )
            )
        self.set_value(read)
