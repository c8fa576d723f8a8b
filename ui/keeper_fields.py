"""Who keeps these records: the keeper's name, address and phone, asked at first run and in
Settings. The same questions in both places, so they cannot drift apart."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from companion.errors import InvalidInput
from companion.model import Keeper
from ui.widgets import TextBox, buddy_label, named, paragraph


class KeeperFields(QWidget):
    """The keeper's details. `fields` is keyed by the Keeper's field names."""

    changed = Signal()

    def __init__(self, explain: bool = True) -> None:
        super().__init__()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        if explain:
            box.addWidget(
                paragraph(
                    self.tr(
                        "Your name is printed on every export, so whoever reads it knows who "
                        "kept the record. An appointee's exports say who kept the record and in "
                        "what capacity."
                    )
                )
            )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        box.addLayout(form)
        self.name = named(
            QLineEdit(),
            self.tr("Your name"),
            self.tr("Needed. Printed on every export as the person who keeps these records."),
        )
        self.address = TextBox(
            self.tr("Your address"),
            self.tr("Optional. Kept for letters, not printed on exports."),
            3,
        )
        self.phone = named(
            QLineEdit(),
            self.tr("Your phone number"),
            self.tr("Optional. Kept for letters, not printed on exports."),
        )
        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "address": self.address,
            "phone": self.phone,
        }
        questions = {
            "name": self.tr("Your name (needed)"),
            "address": self.tr("Address (optional)"),
            "phone": self.tr("Phone (optional)"),
        }
        for key, widget in self.fields.items():
            form.addRow(buddy_label(questions[key], widget), widget)
        box.addWidget(
            paragraph(
                self.tr(
                    "The address and phone number are kept for letters; they are not printed "
                    "on exports."
                )
            )
        )
        self.name.textChanged.connect(lambda _text: self.changed.emit())
        self.address.textChanged.connect(self.changed)
        self.phone.textChanged.connect(lambda _text: self.changed.emit())
        self.setFocusProxy(self.name)

    def has_name(self) -> bool:
        return bool(self.name.text().strip())

    def blank(self) -> bool:
        return not any(self._values().values())

    def _values(self) -> dict[str, str]:
        return {
            "name": self.name.text(),
            "address": self.address.toPlainText().strip(),
            "phone": self.phone.text().strip(),
        }

    def set_value(self, keeper: Keeper | None) -> None:
        self.name.setText(keeper.name if keeper else "")
        self.address.setPlainText(keeper.address if keeper else "")
        self.phone.setText(keeper.phone if keeper else "")

    def value(self, original: Keeper | None) -> Keeper | None:
        """The keeper as typed: a correction of `original`, a new keeper, or None when there
        was none and nothing was typed. The core checks the values when it is saved."""
        if original is None and self.blank():
            return None
        if original is not None:
            return dataclasses.replace(original, **self._values())
        return Keeper(**self._values())

    def show_problem(self, exc: InvalidInput) -> None:
        """Put the cursor on the field the core refused."""
        widget = self.fields.get(exc.field, self.name)
        widget.setFocus()
