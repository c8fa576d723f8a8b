"""Set-up's other way in: restoring a backup on a new computer, instead of starting afresh.

From the first page: choose the backup (starting in the home folder), say what it opens with
(its passphrase, or the recovery key from the printed sheet and a new passphrase), and the
restore page checks it off the window's thread, with a Stop button. The work is the core's
(companion/backup_restore.py): the backup is copied into a hidden file and every saved change
in it opened before anything is put at the vault's place; a wrong passphrase, a damaged file
or a stop leaves nothing there. Once it has passed, it is put in place and opened; a restore
with the recovery key then shows the restored records' new key once, as set-up shows one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from companion import backup_restore
from companion.backup_restore import Prepared, Restored
from companion.errors import Cancelled, CompanionError
from companion.i18n import translate
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from ui.backup_section import restored_text
from ui.recovery_panel import RecoveryPanel
from ui.restore_key_dialog import Request, ask_for_backup
from ui.widgets import named, paragraph, say
from ui.window_size import scrolling
from ui.workers import Task, failure_text, run_in_background

if TYPE_CHECKING:
    from ui.first_run import FirstRunWizard


def _tr(text: str) -> str:
    return translate("FirstRunRestore", text)


def restore_offer(on_restore: Callable[[], None]) -> QWidget:
    """The first page's way to restore instead: one sentence and a button."""
    offer = QWidget()
    box = QVBoxLayout(offer)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(
        paragraph(
            _tr(
                "Moving to a new computer? If you have a backup of your records, you can bring "
                "them back instead of starting afresh."
            )
        )
    )
    row = QHBoxLayout()
    button = named(
        QPushButton(_tr("Restore from a backup…")),
        _tr("Restore from a backup"),
        _tr("Bring back your records from a backup file, on a USB stick for example"),
    )
    button.setObjectName("restore")
    button.clicked.connect(on_restore)
    row.addWidget(button)
    row.addStretch(1)
    box.addLayout(row)
    return offer


class RestorePage(QWizardPage):
    """Checks the chosen backup (off the window's thread, with Stop), puts it in place and
    opens it; with the recovery key, shows the new one to be kept."""

    copied = Signal(int, int)  # pages copied in so far (sent from the worker's thread)

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_tr("Restore from a backup"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        self.status = paragraph("")  # what is being done, or what went wrong
        box.addWidget(self.status)
        self.progress = named(QProgressBar(), _tr("How much of the backup is copied in"))
        self.progress.setRange(0, 100)
        box.addWidget(self.progress)
        row = QHBoxLayout()
        self.stop = named(QPushButton(_tr("Stop")), _tr("Stop checking the backup"))
        self.stop.clicked.connect(self.stop_check)
        self.again = named(QPushButton(_tr("Try again…")), _tr("Choose a backup to restore again"))
        self.again.clicked.connect(self._try_again)
        self.afresh = named(
            QPushButton(_tr("Set up afresh instead")),
            _tr("Set up new records instead of restoring"),
        )
        self.afresh.clicked.connect(self._wizard.set_up_afresh)
        for button in (self.stop, self.again, self.afresh):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.panel = RecoveryPanel(lambda: self._wizard.vault.now())  # type: ignore[union-attr]
        self.panel.kept.connect(lambda _kept: self.completeChanged.emit())
        box.addWidget(self.panel)
        box.addStretch(1)
        self.copied.connect(self._show_progress)
        self.request: Request | None = None
        self.restored: Restored | None = None
        self._key: RecoveryKey | None = None
        self._task: Task | None = None
        self._stopping = threading.Event()
        self._close_when_stopped = False
        self._doing = ""
        self.setFinalPage(True)
        self.setButtonText(QWizard.WizardButton.FinishButton, _tr("Open my records"))
        self._show(idle=True)

    def nextId(self) -> int:  # noqa: N802 (Qt naming)
        return -1  # the last page of a restore: the records open from here

    # -- what the page shows ------------------------------------------------------------------

    def _show(self, *, idle: bool = False, checking: bool = False, failed: bool = False) -> None:
        self.progress.setVisible(checking)
        self.stop.setVisible(checking)
        self.stop.setEnabled(checking)
        self.again.setVisible(failed)
        self.afresh.setVisible(failed)
        self.panel.setVisible(self._key is not None and not (idle or checking or failed))

    def _say(self, text: str, problem: bool = False) -> None:
        """The page's sentence: in the colour of a problem only when it is one."""
        say(self.status, text, problem)

    def busy(self) -> bool:
        """The backup is being checked, or put in place and opened."""
        return self._task is not None

    def key_pending(self) -> bool:
        """A new recovery key is on screen and not yet kept."""
        return self._key is not None and not self.panel.kept_box.isChecked()

    def _show_progress(self, done: int, total: int) -> None:
        if not self._doing or total <= 0:
            return
        percent = min(100, done * 100 // total)
        self.progress.setValue(percent)
        if done >= total:
            self._say(
                _tr(
                    "The backup is copied in; every saved change in it is now being opened and "
                    "checked. Nothing is written at your records' place unless it passes."
                )
            )
        else:
            self._say(_tr("{doing} ({percent}% copied)").format(doing=self._doing, percent=percent))

    # -- checking -----------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        if self.request is None or self.restored is not None:
            return
        request, path, policy = self.request, self._wizard.path, self._wizard.policy
        stopping = self._stopping = threading.Event()
        self._close_when_stopped = False

        def copied(done: int, total: int) -> None:  # on the worker's thread
            if stopping.is_set():
                raise Cancelled()  # the copy stops here; its hidden file is removed
            self.copied.emit(done, total)

        def check() -> Prepared:
            return backup_restore.prepare(
                request.backup,
                path,
                passphrase=request.passphrase,
                recovery_key=request.recovery_key,
                new_passphrase=request.new_passphrase,
                policy=policy,
                progress=copied,
            )

        self._doing = _tr(
            "Checking {name}: every saved change in it is opened first. Nothing is written at "
            "your records' place unless it passes."
        ).format(name=request.backup.name)
        self._say(self._doing)
        self.progress.setValue(0)
        self._key = None
        self._show(checking=True)
        self.stop.setFocus()
        self._task = run_in_background(check, self._passed, self._failed)

    def stop_check(self) -> None:
        """Stop the check: within one step of copying, or (past the copy) as it ends; the
        hidden copy is removed either way, and nothing is put in place."""
        if not self.stop.isVisible():
            return
        self._stopping.set()
        self._doing = ""
        self._say(_tr("Stopping…"))

    def close_when_stopped(self) -> None:
        """The window is being closed while the check runs: stop it, then close."""
        self._close_when_stopped = True
        self.stop_check()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._doing = ""
        if isinstance(exc, Cancelled):
            text = _tr("Stopped: nothing was restored, and there are still no records here.")
        else:
            text = failure_text(exc)
        self._say(text, problem=not isinstance(exc, Cancelled))
        self._show(failed=True)
        self.again.setFocus()
        if self._close_when_stopped:
            self._wizard.reject()

    def _passed(self, prepared: Prepared) -> None:
        """Put the checked backup in place and open it, unless Stop came first."""
        self._task = None
        if self._stopping.is_set():  # stopped after the copy, while every change was opened
            prepared.abandon()
            self._failed(Cancelled())
            return
        self._doing = ""
        self._show()
        self._say(
            _tr("The backup passed every check. Putting your records in place and opening them…")
        )
        opens_with, path, policy = self.request.opens_with, self._wizard.path, self._wizard.policy  # type: ignore[union-attr]

        def place() -> tuple[Restored, Vault | None, BaseException | None]:
            restored = prepared.complete()
            try:
                return restored, Vault.open(path, passphrase=opens_with, policy=policy), None
            except CompanionError as exc:  # in place, but it did not open now: said as such
                return restored, None, exc

        self._key = prepared.new_key
        self._task = run_in_background(place, self._placed, self._failed)

    def _placed(self, result: tuple[Restored, Vault | None, BaseException | None]) -> None:
        self._task = None
        self.restored, vault, problem = result
        self._wizard.restored = self.restored
        self._wizard.vault = vault
        said = restored_text(self.restored)
        if vault is None:
            self._key = None  # shown when the records are next opened, as a new one
            said = " ".join((said, failure_text(problem)))  # type: ignore[arg-type]
        self._say(said, problem=vault is None)
        self._show()
        if self._key is not None:
            self.panel.show_key(self._key)
            self.panel.kept_box.setFocus()
            self._wizard.setButtonText(QWizard.WizardButton.CancelButton, _tr("Finish later"))
        self.completeChanged.emit()
        if self._key is None:
            self._wizard.button(QWizard.WizardButton.FinishButton).setFocus()

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return self.restored is not None and not self.key_pending()

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        """Kept: the restored records note that their new recovery key was shown."""
        vault = self._wizard.vault
        if vault is not None and self._key is not None:
            vault.confirm_recovery_key(self._key)
            self._key = None
        return True

    # -- trying again -------------------------------------------------------------------------

    def _try_again(self) -> None:
        start = self.request.backup.parent if self.request is not None else None
        request = ask_for_backup(self._wizard, start)
        if request is not None:
            self._wizard.restore(request)

    def cleanupPage(self) -> None:  # noqa: N802 (Qt naming)
        """Set-up starts again from its first page (the restore failed or was stopped)."""
        self.status.clear()
        self._key = None
        self._show(idle=True)
