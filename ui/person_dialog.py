"""Add or change a person: the vault's owner, or someone whose claim they help with."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from companion.model import Benefit, Language, Person, Region, Relationship, Role
from ui.dialog_base import EditDialog, Saver
from ui.widgets import EnumChecks, EnumCombo, named, section


class NiNumberField(QWidget):
    """The NI number, hidden as dots unless "Show" is ticked."""

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

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self.edit.setText(text)


class PersonDialog(EditDialog):
    def __init__(
        self, save: Saver, original: Person | None = None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("Change a person's details") if original else self.tr("Add a person")
        super().__init__(title, save, parent)
        self.original = original
        self.resize(600, 560)
        box, form = section(self.tr("About them"))

        def add(name: str, question: str, widget: QWidget) -> None:
            self.ask(form, name, question, widget)

        add("display_name", self.tr("Name (needed)"), QLineEdit())
        add(
            "relationship",
            self.tr("Who are they to you?"),
            EnumCombo(Relationship, self.tr("Who they are to you"), optional=False),
        )
        add(
            "role",
            self.tr("Your role for them"),
            EnumCombo(Role, self.tr("Your role for them"), optional=False),
        )
        add("benefits", self.tr("Benefits they claim"), EnumChecks(Benefit, self.tr("Benefits")))
        add("ni_number", self.tr("National Insurance number"), NiNumberField())
        add(
            "preferred_language",
            self.tr("Language they prefer"),
            EnumCombo(Language, self.tr("Language they prefer"), optional=False),
        )
        add(
            "region",
            self.tr("Where they live (benefit rules differ)"),
            EnumCombo(Region, self.tr("Where they live"), optional=False),
        )
        self.layout_.addWidget(box)
        self.layout_.addStretch(1)
        if original is not None:
            self.fill(original)
        self.fields["display_name"].setFocus()

    def build(self) -> Person:
        f = self.fields
        values = dict(
            display_name=f["display_name"].text(),  # type: ignore[attr-defined]
            relationship=f["relationship"].value(),  # type: ignore[attr-defined]
            role=f["role"].value(),  # type: ignore[attr-defined]
            benefits=f["benefits"].value(),  # type: ignore[attr-defined]
            ni_number=f["ni_number"].text(),  # type: ignore[attr-defined]
            preferred_language=f["preferred_language"].value(),  # type: ignore[attr-defined]
            region=f["region"].value(),  # type: ignore[attr-defined]
        )
        return self.record_from(values, Person)

    def fill(self, p: Person) -> None:
        f = self.fields
        f["display_name"].setText(p.display_name)  # type: ignore[attr-defined]
        f["relationship"].set_value(p.relationship)  # type: ignore[attr-defined]
        f["role"].set_value(p.role)  # type: ignore[attr-defined]
        f["benefits"].set_value(p.benefits)  # type: ignore[attr-defined]
        f["ni_number"].setText(p.ni_number)  # type: ignore[attr-defined]
        f["preferred_language"].set_value(p.preferred_language)  # type: ignore[attr-defined]
        f["region"].set_value(p.region)  # type: ignore[attr-defined]
