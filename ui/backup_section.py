"""Settings' Backups section: when the last backup was made, where they go (*Choose…*),
*Back up now* and *Restore…*.

The work is the core's (companion/backup.py, companion/backup_restore.py), run off the
window's thread; this lays it out and says in one sentence what happened. A restore is
checked here, while the records stay open; only a backup that passed every check is handed
on (`restoreReady`), for the session to close the records and put it in their place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion import backup_log
from companion.backup import SUFFIX, Made
from companion.backup_restore import Prepared
from companion.errors import Cancelled
from companion.i18n import translate
from ui.widgets import message_line, named, paragraph, say, section
from ui.window_size import fit_to_text
from ui.workers import Task, failure_text, run_in_background


def _tr(text: str) -> str:
    return translate("Backups", text)


@dataclass
class BackupActions:
    """What the section asks of the app (ui/settings_command.py gives these)."""

    vault_path: Path
    now: Callable[[], datetime]
    folder: Callable[[], Path]
    set_folder: Callable[[Path], None]
    # Starts a backup into the folder off the window's thread: (when done, when failed).
    # Returns what stops it part way (then `when failed` is given Cancelled), or a false
    # value if one cannot start now (one is being made already).
    back_up_now: Callable[
        [Callable[[Made], None], Callable[[BaseException], None]], Callable[[], None] | bool | None
    ]
    # Copies a backup beside the vault and checks it completely (slow: run off the thread),
    # saying how much of it has been copied in; the saying may raise Cancelled, to stop it.
    prepare_restore: Callable[[Path, str, Callable[[int, int], None]], Prepared]
    # Connects a receiver of a backup's progress (pages copied, pages in all), if any.
    watch_progress: Callable[[Callable[[int, int], None]], None] | None = None


class BackupSection(QWidget):
    """Emits `restoreReady(prepared, passphrase)` once a chosen backup passed every check."""

    restoreReady = Signal(object, str)
    copied = Signal(int, int)  # a restore's pages copied in so far (from the worker's thread)

    def __init__(self, actions: BackupActions | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self._task: Task | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        box, form = section(_tr("Backups"))
        self.box: QGroupBox = box
        self.last = paragraph("")
        form.addRow(self.last)
        row = QHBoxLayout()
        self.folder = named(QLineEdit(), _tr("Where automatic backups go"))
        self.folder.setReadOnly(True)
        self.choose = named(QPushButton(_tr("Choose…")), _tr("Choose where backups go"))
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        label = QLabel(_tr("Backups go to"))
        label.setBuddy(self.folder)
        form.addRow(label)
        form.addRow(row)
        form.addRow(
            paragraph(
                _tr(
                    "A backup is made once a day and when the app closes; the newest ten are "
                    "kept. Each opens with your passphrase or recovery key. Keep a copy away "
                    "from this computer: choose a USB stick and press Back up now."
                )
            )
        )
        buttons = QHBoxLayout()
        self.back_up = named(QPushButton(_tr("Back up now")), _tr("Back up now"))
        self.back_up.clicked.connect(self._back_up)
        self.restore = named(
            QPushButton(_tr("Restore…")), _tr("Restore your records from a backup")
        )
        self.restore.clicked.connect(self._restore)
        # Shown only while a backup or a restore's check started here runs; stopping it
        # leaves nothing behind (no backup, no hidden copy, the records as they were).
        self.stop = named(QPushButton(_tr("Stop")), _tr("Stop"))
        self.stop.clicked.connect(self._stop)
        self.stop.hide()
        self._stopper: Callable[[], None] | None = None
        buttons.addWidget(self.back_up)
        buttons.addWidget(self.restore)
        buttons.addWidget(self.stop)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.message = message_line()
        form.addRow(self.message)
        outer.addWidget(box)
        for control in (self.choose, self.back_up, self.restore):
            control.setEnabled(actions is not None)
        self._doing = ""  # what the message says is being done, with how far it has got
        self.copied.connect(self._show_progress)
        if actions is not None and actions.watch_progress is not None:
            actions.watch_progress(self._show_progress)
        self.refresh()

    def refresh(self) -> None:
        """Say when the last backup was made, and where they go."""
        if self._actions is None:
            self.last.setText(_tr("Backups are made once your records are open."))
            return
        self.last.setText(
            backup_log.last_backup_text(self._actions.vault_path, self._actions.now())
        )
        self.folder.setText(str(self._actions.folder()))

    # -- the folder -----------------------------------------------------------------------

    def _choose(self) -> None:
        assert self._actions is not None
        chosen = QFileDialog.getExistingDirectory(
            self, _tr("Choose where backups go"), str(self._actions.folder())
        )
        if not chosen:
            return
        self._actions.set_folder(Path(chosen))
        self.refresh()
        say(self.message, _tr("Backups now go to {folder}.").format(folder=self._actions.folder()))

    # -- backing up -------------------------------------------------------------------------

    def _back_up(self) -> None:
        assert self._actions is not None

        def done(made: Made) -> None:
            if not shiboken6.isValid(self):  # Settings was closed meanwhile: the backup is kept
                return
            self._busy(False)
            self.refresh()
            say(
                self.message,
                _tr("Backed up to {path} (fingerprint {short}).").format(
                    path=made.path, short=made.fingerprint.short()
                ),
            )

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._busy(False)
            if isinstance(exc, Cancelled):
                say(self.message, _tr("Stopped: no backup was made."))
            else:
                say(self.message, failure_text(exc), problem=True)

        stopper = self._actions.back_up_now(done, failed)
        if not stopper:
            say(self.message, _tr("A backup is being made already; please wait a moment."))
            return
        self._busy(True, stopper if callable(stopper) else None, _tr("Stop the backup"))
        self._doing = _tr("Backing up…")
        say(self.message, self._doing)

    # -- restoring --------------------------------------------------------------------------

    def _restore(self) -> None:
        assert self._actions is not None
        name, _kind = QFileDialog.getOpenFileName(
            self,
            _tr("Choose a backup to restore"),
            str(self._actions.folder()),
            _tr("Backups (*{suffix});;All files (*)").format(suffix=SUFFIX),
        )
        if not name:
            return
        ask = RestoreDialog(Path(name), self)
        if ask.exec() != QDialog.DialogCode.Accepted:
            return
        self.check(Path(name), ask.passphrase.text())

    def check(self, backup: Path, passphrase: str) -> None:
        """Check `backup` completely, off the window's thread; if it passes, hand it on."""
        assert self._actions is not None
        prepare = self._actions.prepare_restore
        stop = threading.Event()

        def copied(done: int, total: int) -> None:  # on the worker's thread
            if stop.is_set():
                raise Cancelled()  # the copy stops here; its hidden file is removed
            self.copied.emit(done, total)

        def done(prepared: Prepared) -> None:
            if not shiboken6.isValid(self):  # Settings was closed (and is gone) meanwhile
                prepared.abandon()
                return
            self._task = None
            self._busy(False)
            # Stopped after the copy (while every change in it was opened), or Settings closed.
            if stop.is_set() or not self.window().isVisible():
                prepared.abandon()
                say(self.message, _tr("Stopped: your records were not changed."))
                return
            say(self.message, _tr("The backup passed every check."))
            self.restoreReady.emit(prepared, passphrase)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):  # nothing of it was kept: nothing to say
                return
            self._task = None
            self._busy(False)
            if isinstance(exc, Cancelled):
                say(self.message, _tr("Stopped: your records were not changed."))
            else:
                say(self.message, failure_text(exc), problem=True)

        self._busy(True, stop.set, _tr("Stop checking the backup"))
        self._doing = _tr(
            "Checking the backup: every saved change in it is opened first. Your records "
            "are not changed unless it passes."
        )
        say(self.message, self._doing)
        self._task = run_in_background(lambda: prepare(backup, passphrase, copied), done, failed)

    def _busy(
        self, busy: bool, stopper: Callable[[], None] | None = None, stop_name: str = ""
    ) -> None:
        """Settings' buttons off while a backup or a check runs; Stop shown meanwhile (if it
        can be stopped), with the keyboard's focus on it if it was on the button pressed."""
        starting = busy and any(c.hasFocus() for c in (self.back_up, self.restore))
        ending = not busy and self.stop.hasFocus()
        self._stopper = stopper if busy else None
        if stop_name:
            self.stop.setAccessibleName(stop_name)
        if starting and self._stopper is not None:
            self.stop.show()
            self.stop.setFocus()
        for control in (self.choose, self.back_up, self.restore):
            control.setEnabled(not busy)
        if ending:
            self.back_up.setFocus()
        self.stop.setVisible(self._stopper is not None)
        if not busy:
            self._doing = ""

    def _stop(self) -> None:
        """Stop what runs: it ends within one step of copying (a check already past the copy
        ends when it is done), and says it stopped once nothing of it is left."""
        if self._stopper is None:
            return
        self._stopper()
        self._doing = _tr("Stopping…")
        say(self.message, self._doing)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt naming)
        """Settings closed while a backup was being checked: the check stops (nothing would
        come of it). A backup being made goes on, and is kept."""
        if self._task is not None and self._stopper is not None:
            self._stopper()
        super().hideEvent(event)

    def _show_progress(self, done: int, total: int) -> None:
        """How far a backup or a restore's copy has got, after what is being done."""
        if self._doing and total > 0:
            say(
                self.message,
                _tr("{doing} ({percent}% copied)").format(
                    doing=self._doing, percent=min(100, done * 100 // total)
                ),
            )


class RestoreDialog(QDialog):
    """The backup's passphrase, and what a restore will do, said before it is done."""

    def __init__(self, backup: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Restore a backup"))
        box = QVBoxLayout(self)
        box.addWidget(
            paragraph(
                _tr(
                    "Your records will be replaced by the backup {name}, once every saved "
                    "change in it has been opened and checked. Your records as they are now "
                    "are kept beside it, and you will be told where."
                ).format(name=backup.name)
            )
        )
        label = QLabel(_tr("The passphrase this backup opens with"))
        self.passphrase = named(QLineEdit(), _tr("The passphrase this backup opens with"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        label.setBuddy(self.passphrase)
        box.addWidget(label)
        box.addWidget(self.passphrase)
        buttons = QDialogButtonBox()
        self.ok = named(
            buttons.addButton(_tr("Check and restore"), QDialogButtonBox.ButtonRole.AcceptRole),
            _tr("Check and restore"),
        )
        cancel = buttons.addButton(_tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, _tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.ok.setEnabled(False)
        self.passphrase.textChanged.connect(lambda text: self.ok.setEnabled(bool(text)))
        fit_to_text(self, 60, 12)


def restored_text(restored: Any) -> str:
    """What the status line says once a backup is in place (a Restored)."""
    if restored.kept_as is None:
        return _tr("Your records were restored from {backup} (fingerprint {short}).").format(
            backup=restored.backup.name, short=restored.fingerprint.short()
        )
    # The kept file's name alone (it is beside the records), and no fingerprint: a whole path
    # ran off the end of the status line on a laptop screen, hiding the name.
    return _tr(
        "Restored from {backup}. Your records as they were are kept beside them as {kept} "
        "until you delete that file yourself."
    ).format(backup=restored.backup.name, kept=restored.kept_as.name)
