"""Choosing a passphrase: typed twice, judged as you type, with a suggestion on request."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from companion.passphrase import assess, suggest
from ui.widgets import named


class PassphraseFields(QWidget):
    """Emits `changed` whenever whether the choice is usable may have changed."""

    changed = Signal()

    def __init__(self, personal: Iterable[str] = ()) -> None:
        super().__init__()
        self._personal = list(personal)
        form = QFormLayout(self)
        self.first = named(
            QLineEdit(),
            self.tr("New passphrase"),
            self.tr("A few ordinary words you will remember work well"),
        )
        self.second = named(QLineEdit(), self.tr("The new passphrase again"))
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._update)
        self.show_box = named(
            QCheckBox(self.tr("Show what I type")), self.tr("Show the passphrase")
        )
        self.show_box.toggled.connect(self._show)
        self.suggest_button = named(
            QPushButton(self.tr("Suggest a passphrase")),
            self.tr("Suggest a passphrase"),
            self.tr("Fills in five random everyday words; write them down somewhere safe"),
        )
        self.suggest_button.clicked.connect(self.use_suggestion)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        first_label = QLabel(self.tr("New passphrase"))
        first_label.setBuddy(self.first)
        second_label = QLabel(self.tr("Type it again"))
        second_label.setBuddy(self.second)
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        row = QHBoxLayout()
        row.addWidget(self.show_box)
        row.addStretch(1)
        row.addWidget(self.suggest_button)
        form.addRow(row)
        form.addRow(self.strength)
        self._update()

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def use_suggestion(self) -> None:
        words = suggest()
        self.show_box.setChecked(True)  # a suggestion is no use unless it can be read
        self.first.setText(words)
        self.second.setText(words)

    def passphrase(self) -> str:
        return self.first.text()

    def acceptable(self) -> bool:
        return assess(self.first.text(), self._personal).good_enough and (
            self.first.text() == self.second.text()
        )

    def _update(self) -> None:
        text = self.first.text()
        look = ""  # guidance before anything is typed: the ordinary text colour
        if not text:
            message = self.tr("Choose something hard to guess but easy for you to remember.")
        else:
            strength = assess(text, self._personal)
            message = " ".join([strength.verdict + ".", *strength.reasons])
            look = "good" if strength.good_enough else "problem"  # never red for good news
            if strength.good_enough and self.second.text() and self.second.text() != text:
                message += " " + self.tr("The two passphrases are not the same yet.")
                look = "problem"
        if self.strength.objectName() != look:
            self.strength.setObjectName(look)
            self.strength.style().unpolish(self.strength)
            self.strength.style().polish(self.strength)
        self.strength.setText(message)
        self.strength.setAccessibleName(message)
        self.changed.emit()
