"""Rename or describe an attached file: a correction, saved as a new version like any other.

Only the name and the description can change; what was captured (the content, its size,
SHA-256, kind, when it was attached and its entry) stays as it was. If the core refuses a
value, the window stays open and says why in one sentence; nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.messages import describe
from companion.model import Attachment
from ui.inputs import TextBox, TextLine
from ui.widgets import buddy_label, message_line, named
from ui.window_size import fit_to_text

# (name, description) -> the record as saved; raises CompanionError to refuse
Save = Callable[[str, str], Attachment]


class AttachmentDetailsDialog(QDialog):
    def __init__(self, record: Attachment, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.saved: Attachment | None = None
        self.setWindowTitle(self.tr("Rename or describe an attached file"))
        box = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Change the name or the description of this attached file. The change is "
                "saved as a correction: what it said before is kept. The file itself, and "
                "its SHA-256, stay exactly as they were when it was attached."
            )
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.message = message_line()
        self.message.hide()
        box.addWidget(self.message)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = TextLine(self.tr("Name"), self.tr("The file's name, as it is listed"))
        self.name.setText(record.name)
        self.description = TextBox(
            self.tr("Description"), self.tr("What the file is, in a few words"), lines=4
        )
        self.description.setPlainText(record.description)
        form.addRow(buddy_label(self.tr("&Name"), self.name), self.name)
        form.addRow(buddy_label(self.tr("&Description"), self.description), self.description)
        box.addLayout(form, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = named(
            buttons.button(QDialogButtonBox.StandardButton.Save), self.tr("Save")
        )
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        fit_to_text(self, 70, 15)
        self.name.setFocus()

    def save(self) -> None:
        try:
            self.saved = self._save(self.name.text(), self.description.toPlainText())
        except CompanionError as exc:
            self.message.setText(describe(exc))
            self.message.show()
            self.name.setFocus()
            return
        self.accept()
