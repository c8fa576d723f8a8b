"""What a backup opens with, asked on a computer with no records yet (set-up's restore):
the backup file, then its passphrase, or the recovery key from the printed sheet and a new
passphrase for the records restored from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from companion.backup import SUFFIX
from companion.errors import CompanionError, WeakPassphrase
from companion.i18n import translate
from companion.messages import describe
from companion.passphrase import assess
from companion.recovery_key import RecoveryKey
from ui.focus_in_view import FocusInView
from ui.passphrase_fields import PassphraseFields
from ui.widgets import message_line, named, paragraph
from ui.window_size import fit_to_text, scrolling


def _tr(text: str) -> str:
    return translate("FirstRunRestore", text)


@dataclass(frozen=True)
class Request:
    """The backup chosen, and what it is opened with."""

    backup: Path
    passphrase: str | None = None
    recovery_key: RecoveryKey | None = None
    new_passphrase: str | None = None

    @property
    def opens_with(self) -> str:
        """The passphrase the restored records open with."""
        return self.new_passphrase if self.recovery_key is not None else self.passphrase or ""


def ask_for_backup(parent: QWidget, start: Path | None = None) -> Request | None:
    """The backup file, then what it opens with; None if either is cancelled."""
    name, _kind = QFileDialog.getOpenFileName(
        parent,
        _tr("Choose the backup to restore"),
        str(start or Path.home()),
        _tr("Backups (*{suffix});;All files (*)").format(suffix=SUFFIX),
    )
    if not name:
        return None
    ask = BackupKeyDialog(Path(name), parent)
    try:
        if ask.exec() != QDialog.DialogCode.Accepted:
            return None
        return ask.request()
    finally:
        ask.deleteLater()  # what was typed does not stay behind in a hidden window


class BackupKeyDialog(QDialog):
    """What the backup opens with, on a computer with no records yet: its passphrase, or its
    recovery key and a new passphrase for the records restored from it."""

    def __init__(self, backup: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backup = backup
        self.setWindowTitle(_tr("Restore a backup"))
        outer = QVBoxLayout(self)
        box = scrolling(self, outer)  # the buttons stay in view; the rest scrolls if need be
        box.addWidget(
            paragraph(
                _tr(
                    "Your records will be set up on this computer from the backup {name}, once "
                    "every saved change in it has been opened and checked; nothing is written "
                    "here unless it passes."
                ).format(name=backup.name)
            )
        )
        self.with_passphrase = named(
            QRadioButton(_tr("I know the passphrase it opens with")),
            _tr("Open the backup with its passphrase"),
        )
        self.with_key = named(
            QRadioButton(_tr("I have only my recovery key")),
            _tr("Open the backup with its recovery key"),
        )
        group = QButtonGroup(self)
        for choice in (self.with_passphrase, self.with_key):
            group.addButton(choice)
            box.addWidget(choice)
        self.with_passphrase.setChecked(True)
        self.passphrase_label = QLabel(_tr("The passphrase this backup opens with"))
        self.passphrase = named(QLineEdit(), _tr("The passphrase this backup opens with"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase)
        box.addWidget(self.passphrase_label)
        box.addWidget(self.passphrase)
        self.key_part = QWidget()
        part = QVBoxLayout(self.key_part)
        part.setContentsMargins(0, 0, 0, 0)
        part.addWidget(
            paragraph(
                _tr(
                    "Type the recovery key from your recovery sheet (capital letters or not, "
                    "with or without the dashes), then choose a new passphrase for your records "
                    "on this computer; you will be shown a new recovery key to keep."
                )
            )
        )
        key_label = QLabel(_tr("Recovery key"))
        self.key = named(QLineEdit(), _tr("Recovery key"))
        self.key.setPlaceholderText(_tr("Groups of four letters and numbers"))
        key_label.setBuddy(self.key)
        part.addWidget(key_label)
        part.addWidget(self.key)
        self.fields = PassphraseFields()
        part.addWidget(self.fields)
        box.addWidget(self.key_part)
        self.message = message_line()
        box.addWidget(self.message)
        box.addStretch(1)
        buttons = QDialogButtonBox()
        self.ok = named(
            buttons.addButton(_tr("Check and restore"), QDialogButtonBox.ButtonRole.AcceptRole),
            _tr("Check and restore"),
        )
        cancel = buttons.addButton(_tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, _tr("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.with_key.toggled.connect(self._mode)
        self.passphrase.textChanged.connect(self._ready)
        self.key.textChanged.connect(self._ready)
        self.fields.changed.connect(self._ready)
        self._mode(False)
        FocusInView(self)  # at a big text size, Tab scrolls what it reaches into view
        fit_to_text(self, 64, 24)

    def _mode(self, with_key: bool) -> None:
        self.passphrase_label.setVisible(not with_key)
        self.passphrase.setVisible(not with_key)
        self.key_part.setVisible(with_key)
        self.message.clear()
        (self.key if with_key else self.passphrase).setFocus()
        self._ready()

    def _ready(self) -> None:
        if self.with_key.isChecked():
            self.ok.setEnabled(bool(self.key.text().strip()) and self.fields.acceptable())
        else:
            self.ok.setEnabled(bool(self.passphrase.text()))

    def _check(self) -> None:
        """The recovery key must read as one, and the new passphrase be good enough."""
        if self.with_key.isChecked():
            try:
                RecoveryKey.parse(self.key.text())
                strength = assess(self.fields.passphrase())
                if not strength.good_enough:
                    raise WeakPassphrase(strength.reasons)
            except CompanionError as exc:
                self.message.setText(describe(exc))
                return
        self.accept()

    def request(self) -> Request:
        if self.with_key.isChecked():
            return Request(
                self._backup,
                recovery_key=RecoveryKey.parse(self.key.text()),
                new_passphrase=self.fields.passphrase(),
            )
        return Request(self._backup, passphrase=self.passphrase.text())
