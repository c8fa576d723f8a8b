"""Settings: who keeps the records, when to lock, how it looks, this computer, the
passphrase and recovery key, backups, where the file is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, InvalidInput
from companion.i18n import translate_n
from companion.messages import describe
from companion.model import Keeper
from companion.recovery_key import RecoveryKey
from ui.backup_section import BackupActions, BackupSection
from ui.keeper_fields import KeeperFields
from ui.passphrase_fields import PassphraseFields
from ui.settings import THEMES
from ui.widgets import buddy_label, message_line, named, paragraph, section
from ui.window_size import fit_to_text
from ui.workers import Task, failure_text, run_in_background


def theme_names() -> dict[str, str]:
    from companion.i18n import translate

    return {
        "light": translate("Settings", "Light"),
        "dark": translate("Settings", "Dark"),
        "high-contrast": translate("Settings", "High contrast"),
    }


class SettingsDialog(QDialog):
    """Emits `lookChanged(theme, percent)` so the change can be seen before closing.

    The keeper's details are saved with `save_keeper` (the vault's save) when OK is pressed;
    if the core refuses them, the dialog stays open and says why."""

    lookChanged = Signal(str, int)
    keeperSaved = Signal()
    RESTORE = 2  # what exec() returns once a checked backup is to be put in place

    def __init__(
        self,
        *,
        lock_minutes: int,
        theme: str,
        text_percent: int,
        remembered: bool,
        vault_path: Path,
        change_passphrase: Callable[[str, str], None],
        keeper: Keeper | None = None,
        save_keeper: Callable[[Keeper], Any] | None = None,
        backups: BackupActions | None = None,
        new_recovery_key: Callable[[str], RecoveryKey] | None = None,
        show_recovery_key: Callable[[QWidget, RecoveryKey], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._change_passphrase = change_passphrase
        self._task: Task | None = None
        self._keeper = keeper
        self._save_keeper = save_keeper
        self._new_recovery_key = new_recovery_key
        self._show_recovery_key = show_recovery_key
        # A backup that passed every check, with its passphrase, once Restore is chosen.
        self.restore_chosen: tuple[Any, str] | None = None
        layout = QVBoxLayout(self)
        # The sections scroll, so OK and Cancel stay on screen on a small laptop or at 200% text.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the settings, not the frame
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)

        box, form = section(self.tr("Who keeps these records"))
        self.keeper_fields = KeeperFields()
        self.keeper_fields.set_value(keeper)
        form.addRow(self.keeper_fields)
        self.keeper_message = message_line()
        if keeper is None:
            self.keeper_message.setText(
                self.tr("Exports do not yet say who keeps these records. Add your name here.")
            )
        self.keeper_message.setVisible(keeper is None)
        form.addRow(self.keeper_message)
        outer.addWidget(box)

        box, form = section(self.tr("Locking"))
        self.lock_minutes = named(QSpinBox(), self.tr("Lock after this many minutes without use"))
        self.lock_minutes.setRange(1, 120)
        self.lock_minutes.setValue(lock_minutes)
        self._minutes_suffix(lock_minutes)
        self.lock_minutes.valueChanged.connect(self._minutes_suffix)
        form.addRow(
            buddy_label(self.tr("Lock when not used for"), self.lock_minutes), self.lock_minutes
        )
        outer.addWidget(box)

        box, form = section(self.tr("Look"))
        self.theme = named(QComboBox(), self.tr("Colours"))
        for key, name in theme_names().items():
            self.theme.addItem(name, key)
        self.theme.setCurrentIndex(max(THEMES.index(theme) if theme in THEMES else 0, 0))
        self.text_percent = named(QSpinBox(), self.tr("Text size, in per cent"))
        self.text_percent.setRange(100, 200)
        self.text_percent.setSingleStep(10)
        self.text_percent.setSuffix(" %")
        self.text_percent.setValue(text_percent)
        form.addRow(buddy_label(self.tr("Colours"), self.theme), self.theme)
        form.addRow(buddy_label(self.tr("Text size"), self.text_percent), self.text_percent)
        self.theme.currentIndexChanged.connect(self._look)
        self.text_percent.valueChanged.connect(self._look)
        outer.addWidget(box)

        box, form = section(self.tr("This computer"))
        self.remember = named(
            QCheckBox(self.tr("Remember on this computer")), self.tr("Remember on this computer")
        )
        self.remember.setChecked(remembered)
        form.addRow(self.remember)
        form.addRow(
            paragraph(
                self.tr(
                    "When this is on, this computer opens your records without asking for the "
                    "passphrase, so anyone who can use your account on it can read them."
                )
            )
        )
        outer.addWidget(box)

        box, form = section(self.tr("Passphrase"))
        self.change_button = named(
            QPushButton(self.tr("Change my passphrase")), self.tr("Change my passphrase")
        )
        self.change_button.clicked.connect(self._change)
        form.addRow(self.change_button)
        self.recovery_button = named(
            QPushButton(self.tr("Make a new recovery key")),
            self.tr("Make a new recovery key (the old one stops working)"),
        )
        self.recovery_button.clicked.connect(self._new_key)
        self.recovery_button.setEnabled(new_recovery_key is not None)
        form.addRow(self.recovery_button)
        form.addRow(
            paragraph(
                self.tr(
                    "A new recovery key replaces the one you have: the old one stops opening "
                    "your records (backups made before keep the key they had)."
                )
            )
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)
        outer.addWidget(box)

        self.backups = BackupSection(backups)
        self.backups.restoreReady.connect(self._restore_ready)
        outer.addWidget(self.backups)

        box, form = section(self.tr("Where your records are kept"))
        row = QHBoxLayout()
        self.location = named(QLineEdit(str(vault_path)), self.tr("Where your records are kept"))
        self.location.setReadOnly(True)
        self.open_folder = named(
            QPushButton(self.tr("Open the folder")), self.tr("Open the folder")
        )
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(vault_path.parent)))
        )
        row.addWidget(self.location, 1)
        row.addWidget(self.open_folder)
        form.addRow(row)
        outer.addWidget(box)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        for button in buttons.buttons():
            named(button, button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # About 600 by 760 at the usual text size; wider and taller with the text, up to the
        # screen (the sections scroll inside it).
        fit_to_text(self, 75, 40)

    def accept(self) -> None:
        """Save the keeper's details first; stay open if they cannot be saved."""
        if self._save_keeper is not None:
            keeper = self.keeper_fields.value(self._keeper)
            if keeper is not None and keeper != self._keeper:
                try:
                    self._keeper = self._save_keeper(keeper).record
                except CompanionError as exc:
                    self.keeper_message.setText(describe(exc))
                    self.keeper_message.show()
                    if isinstance(exc, InvalidInput):
                        self.keeper_fields.show_problem(exc)
                    return
                self.keeperSaved.emit()
        super().accept()

    def _minutes_suffix(self, n: int) -> None:
        self.lock_minutes.setSuffix(translate_n("Settings", " minute(s)", n))

    def _look(self) -> None:
        self.lookChanged.emit(self.chosen_theme(), self.text_percent.value())

    def chosen_theme(self) -> str:
        return str(self.theme.currentData())

    def _change(self) -> None:
        dialog = ChangePassphraseDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        current, new = dialog.current.text(), dialog.fields.passphrase()

        def done(_result: object) -> None:
            self._task = None
            self.change_button.setEnabled(True)
            self.message.setText(self.tr("Your passphrase has been changed."))

        def failed(exc: BaseException) -> None:
            self._task = None
            self.change_button.setEnabled(True)
            self.message.setText(failure_text(exc))

        # Deriving keys takes seconds on an old laptop: never with the window frozen.
        self.change_button.setEnabled(False)
        self.message.setText(self.tr("Changing your passphrase… this takes a few seconds."))
        self._task = run_in_background(lambda: self._change_passphrase(current, new), done, failed)

    def _restore_ready(self, prepared: Any, passphrase: str) -> None:
        """A backup passed every check: close, for it to be put in place of the records."""
        self.restore_chosen = (prepared, passphrase)
        self.done(self.RESTORE)

    def _new_key(self) -> None:
        """A new recovery key, shown once; the passphrase is asked for, as for any change of
        keys (someone at an unlocked computer must not be able to give themselves a key)."""
        if self._new_recovery_key is None:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            self.tr("Make a new recovery key"),
            self.tr("Your passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not passphrase:
            return
        make = self._new_recovery_key

        def done(key: RecoveryKey) -> None:
            self._task = None
            self.recovery_button.setEnabled(True)
            kept = self._show_recovery_key(self, key) if self._show_recovery_key else False
            self.message.setText(
                self.tr("Your new recovery key is kept; the old one no longer opens your records.")
                if kept
                else self.tr(
                    "The old recovery key no longer opens your records, and the new one was not "
                    "marked as kept, so a new one will be offered when you next unlock."
                )
            )

        def failed(exc: BaseException) -> None:
            self._task = None
            self.recovery_button.setEnabled(True)
            self.message.setText(failure_text(exc))

        self.recovery_button.setEnabled(False)
        self.message.setText(self.tr("Making a new recovery key… this takes a few seconds."))
        self._task = run_in_background(lambda: make(passphrase), done, failed)


class ChangePassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change my passphrase"))
        box = QVBoxLayout(self)
        label = QLabel(self.tr("Your passphrase now"))
        self.current = named(QLineEdit(), self.tr("Your passphrase now"))
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        label.setBuddy(self.current)
        box.addWidget(label)
        box.addWidget(self.current)
        self.fields = PassphraseFields()
        box.addWidget(self.fields)
        buttons = QDialogButtonBox()
        self.ok = named(
            buttons.addButton(self.tr("Change it"), QDialogButtonBox.ButtonRole.AcceptRole),
            self.tr("Change it"),
        )
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.fields.changed.connect(lambda: self.ok.setEnabled(self.fields.acceptable()))
        self.ok.setEnabled(False)
