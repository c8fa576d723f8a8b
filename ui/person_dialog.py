"""Add or change a person: the vault's owner, or someone whose claim they help with."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from companion.model import Benefit, Language, Person, Region, Relationship, Role
from ui.dialog_base import EditDialog, Saver
from ui.inputs import text_of
from ui.questions import Env, Question, choice, line, ticks
from ui.widgets import named

CONTEXT = "PersonDialog"
SECTION = QT_TRANSLATE_NOOP("PersonDialog", "About them")


class NiNumberField(QWidget):
    """The NI number, hidden as dots unless "Show" is ticked."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = named(
            QLineEdit(),
            self.tr("National Insurance number"),
            self.tr("Optional. Hidden on screen unless you choose to show it."),
        )
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(self.tr("Optional, like QQ 12 34 56 C"))
        self.edit.textChanged.connect(self.changed)
        self.show_box = named(
            QCheckBox(self.tr("Show")), self.tr("Show the National Insurance number")
        )
        self.show_box.toggled.connect(
            lambda shown: self.edit.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_box)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: str) -> None:
        self.edit.setText(value)

    def draft(self) -> str:
        return self.edit.text()

    def restore(self, data: Any) -> None:
        self.edit.setText(text_of(data))


def ni_number(_env: Env, _field: str, _name: str, _tip: str) -> QWidget:
    return NiNumberField()


QUESTIONS: list[Question] = [
    Question("display_name", QT_TRANSLATE_NOOP("PersonDialog", "Name (needed)"), line(), SECTION),
    Question(
        "relationship",
        QT_TRANSLATE_NOOP("PersonDialog", "Who are they to you?"),
        choice(Relationship, optional=False),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("PersonDialog", "Who they are to you"),
    ),
    Question(
        "role",
        QT_TRANSLATE_NOOP("PersonDialog", "Your role for them"),
        choice(Role, optional=False),
        SECTION,
    ),
    Question(
        "benefits",
        QT_TRANSLATE_NOOP("PersonDialog", "Benefits they claim"),
        ticks(Benefit),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("PersonDialog", "Benefits"),
    ),
    Question(
        "ni_number",
        QT_TRANSLATE_NOOP("PersonDialog", "National Insurance number"),
        ni_number,
        SECTION,
    ),
    Question(
        "preferred_language",
        QT_TRANSLATE_NOOP("PersonDialog", "Language they prefer"),
        choice(Language, optional=False),
        SECTION,
    ),
    Question(
        "region",
        QT_TRANSLATE_NOOP("PersonDialog", "Where they live (benefit rules differ)"),
        choice(Region, optional=False),
        SECTION,
        spoken=QT_TRANSLATE_NOOP("PersonDialog", "Where they live"),
    ),
]


class PersonDialog(EditDialog):
    draft_kind = "person"
    record_type = Person

    def __init__(
        self, save: Saver, original: Person | None = None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("Change a person's details") if original else self.tr("Add a person")
        super().__init__(title, save, parent, size=(600, 560))
        self.ask_all(QUESTIONS, Env(CONTEXT, date.today(), original=original))
        self.opened(original)
