"""The unlock screen: passphrase, a plain message if it is wrong, and the way back in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, WeakPassphrase
from companion.messages import describe
from companion.passphrase import assess
from companion.recovery_key import RecoveryKey
from ui.passphrase_fields import PassphraseFields
from ui.widgets import heading, message_line, named, paragraph
from ui.window_size import fit_to_text, scrolling


class UnlockPage(QWidget):
    unlockRequested = Signal(str)
    recoveryRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(heading(self.tr("Your records are locked")))
        self.note = paragraph(self.tr("Type your passphrase to open them."))
        column.addWidget(self.note)
        self.passphrase = named(QLineEdit(), self.tr("Passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self._unlock)
        column.addWidget(self.passphrase)
        self.unlock_button = named(QPushButton(self.tr("Unlock")), self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        column.addWidget(self.unlock_button)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving, because how long it takes depends on the computer
        self.busy.setTextVisible(False)
        named(self.busy, self.tr("Opening your records"))
        self.busy.hide()
        column.addWidget(self.busy)
        self.message = message_line()
        column.addWidget(self.message)
        self.recover_button = named(
            QPushButton(self.tr("Forgot passphrase? Use recovery key")),
            self.tr("Forgot passphrase? Use recovery key"),
        )
        self.recover_button.clicked.connect(self.recoveryRequested)
        column.addWidget(self.recover_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 2)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def _unlock(self) -> None:
        if self.passphrase.text():
            self.unlockRequested.emit(self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.recover_button.setEnabled(not busy)
        if busy:
            self.message.clear()
        else:  # disabling took the focus away; give it back where typing starts
            self.passphrase.setFocus()

    def show_problem(self, text: str) -> None:
        self.set_busy(False)
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def reset(self, note: str = "") -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.message.clear()
        if note:
            self.note.setText(note)
        self.passphrase.setFocus()


class RecoveryDialog(QDialog):
    """Type the recovery key and choose a new passphrase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Use your recovery key"))
        outer = QVBoxLayout(self)
        box = scrolling(self, outer)  # the buttons stay in view; the rest scrolls if need be
        box.addWidget(
            paragraph(
                self.tr(
                    "Type the recovery key you were given when you made your records (capital "
                    "letters "
                    ""
                    "or not, with or without the dashes). Then choose a new passphrase. You "
                    "will be "
                    "given a new recovery key, and the old one will stop working."
                )
            )
        )
        self.key = named(QLineEdit(), self.tr("Recovery key"))
        self.key.setPlaceholderText(self.tr("Groups of four letters and numbers"))
        box.addWidget(self.key)
        self.fields = PassphraseFields()
        box.addWidget(self.fields)
        self.message = message_line()
        box.addWidget(self.message)
        box.addStretch(1)
        buttons = QDialogButtonBox()
        self.ok = named(
            buttons.addButton(
                self.tr("Set the new passphrase"), QDialogButtonBox.ButtonRole.AcceptRole
            ),
            self.tr("Set the new passphrase"),
        )
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, self.tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.recovery: RecoveryKey | None = None
        fit_to_text(self, 64, 24)

    def _check(self) -> None:
        try:
            self.recovery = RecoveryKey.parse(self.key.text())
            if not assess(self.fields.passphrase()).good_enough:
                raise WeakPassphrase(assess(self.fields.passphrase()).reasons)
        except CompanionError as exc:
            self.message.setText(describe(exc))
            return
        if not self.fields.acceptable():
            self.message.setText(self.tr("The two passphrases are not the same yet."))
            return
        self.accept()

    def new_passphrase(self) -> str:
        return self.fields.passphrase()
