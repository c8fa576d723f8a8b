"""The first-run wizard: what the app is for, a passphrase, the recovery key, who keeps the
records, the first person; or, from its first page, records restored from a backup (on a
new computer: ui/first_run_restore.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QProgressBar,
    QWizard,
    QWizardPage,
)

from companion import keystore
from companion.backup_restore import Restored
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.errors import CompanionError, KeyringUnavailable
from companion.messages import describe
from companion.vault import Vault
from ui.first_run_people import FirstPersonPage, KeeperPage
from ui.first_run_restore import RestorePage, restore_offer
from ui.focus_in_view import FocusInView
from ui.passphrase_fields import PassphraseFields
from ui.recovery_panel import RecoveryPanel
from ui.restore_key_dialog import Request, ask_for_backup
from ui.widgets import named, paragraph
from ui.window_size import fit_to_text, scrolling
from ui.workers import Task, run_in_background

WELCOME, RESTORE = 0, 10  # the first page's id, and the restore page's


class WelcomePage(QWizardPage):
    def __init__(self, restore: Callable[[], None]) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        box.addWidget(
            paragraph(
                self.tr(
                    "This app helps you keep a private, dated record of your DWP appointments, or "
                    "those of someone you look after: what happened, whether a private room was "
                    "offered, who could hear, and how it affected you. Your notes are locked "
                    "with a "
                    "passphrase and stay on this computer; nothing is ever sent anywhere. When you "
                    "need to, you can turn them into a record to give to a complaints team, a "
                    "mandatory reconsideration or a tribunal."
                )
            )
        )
        box.addWidget(paragraph(self.tr("Setting up takes about two minutes.")))
        box.addWidget(restore_offer(restore))
        box.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 (Qt naming)
        return WELCOME + 1  # setting up; a restore starts from its own button


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Choose a passphrase"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        # In the page, not the wizard's heading, which cuts long words off at a big text size.
        box.addWidget(
            paragraph(
                self.tr(
                    "It locks your records. A few ordinary words you will remember work well, "
                    "for example four or five words that mean something only to you."
                )
            )
        )
        self.fields = PassphraseFields()
        self.fields.changed.connect(lambda: self.completeChanged.emit())
        box.addWidget(self.fields)
        box.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create my records"))

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return self.fields.acceptable()


class RecoveryPage(QWizardPage):
    """Creates the vault (off the window's thread), then shows its recovery key once."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Your recovery key"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        self.busy = named(QProgressBar(), self.tr("Creating your records"))
        self.busy.setRange(0, 0)
        self.status = paragraph(self.tr("Creating your records…"))
        box.addWidget(self.status)
        box.addWidget(self.busy)
        self.panel = RecoveryPanel(lambda: self._wizard.vault.now())  # type: ignore[union-attr]
        self.panel.kept.connect(lambda _kept: self.completeChanged.emit())
        self.panel.hide()
        box.addWidget(self.panel)
        self._task: Task | None = None
        self._key: object | None = None
        self._confirmed = False
        # Once this page is left the key is never shown again, and Back cannot return to
        # before the records were made.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Next"))

    def creating(self) -> bool:
        """The records are being made now (in the background)."""
        return self._task is not None

    def key_kept(self) -> bool:
        """The person has said they kept the key and left this page (it is confirmed)."""
        return self._confirmed

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        if self._wizard.vault is not None:
            return
        passphrase = self._wizard.passphrase_page.fields.passphrase()
        path, policy = self._wizard.path, self._wizard.policy

        def done(result: tuple[Vault, object]) -> None:
            self._task = None
            self._wizard.vault, key = result
            self._key = key
            self.busy.hide()
            self.status.hide()
            self.panel.show_key(key)  # type: ignore[arg-type]
            self.panel.show()
            self.panel.kept_box.setFocus()
            # From here Cancel would not undo anything: it stops, to finish later.
            self._wizard.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Finish later"))
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self._task = None
            self.busy.hide()
            text = describe(exc) if isinstance(exc, CompanionError) else type(exc).__name__
            self.status.setText(text)

        self._task = run_in_background(
            lambda: Vault.create(path, passphrase, policy=policy), done, failed
        )

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return self._wizard.vault is not None and self.panel.kept_box.isChecked()

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        """Kept: the vault records that its recovery key was shown (until then, the next
        unlock offers a new one)."""
        if self._wizard.vault is not None and self._key is not None:
            self._wizard.vault.confirm_recovery_key(self._key)  # type: ignore[arg-type]
            self._confirmed = True
        return True


class RememberPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Remember on this computer?"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        self.remember = named(
            QCheckBox(self.tr("Remember on this computer")), self.tr("Remember on this computer")
        )
        box.addWidget(self.remember)
        box.addWidget(
            paragraph(
                self.tr(
                    "If you tick this, this computer will open your records without asking for "
                    "your "
                    "passphrase, so anyone who can use your account on it could read them. Most "
                    "people "
                    "should leave it off."
                )
            )
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        box.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        try:
            keystore.secure_backend()
        except KeyringUnavailable as exc:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.message.setText(describe(exc))

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        if self.remember.isChecked() and self._wizard.vault is not None:
            try:
                self._wizard.vault.remember_on_this_computer()
            except CompanionError as exc:
                self.message.setText(describe(exc))
                self.remember.setChecked(False)
                return False
        return True


class FirstRunWizard(QWizard):
    def __init__(self, path: Path, policy: KdfPolicy = PRODUCTION_KDF) -> None:
        super().__init__()
        self.path = path
        self.policy = policy
        self.vault: Vault | None = None
        self.restored: Restored | None = None  # set once a backup is in place
        self.setWindowTitle(self.tr("Set up your appointment records"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        fit_to_text(self, 90, 28)  # 720 by 560 at the usual text size
        self.passphrase_page = PassphrasePage()
        self.recovery_page = RecoveryPage(self)
        self.keeper_page = KeeperPage(self)
        self.restore_page = RestorePage(self)
        for page in (
            WelcomePage(self.choose_backup),
            self.passphrase_page,
            self.recovery_page,
            RememberPage(self),
            self.keeper_page,
            FirstPersonPage(self),
        ):
            self.addPage(page)
        self.setPage(RESTORE, self.restore_page)
        self.currentIdChanged.connect(self._first_focus)
        FocusInView(self)  # at a big text size, Tab scrolls what it reaches into view
        cancel = self.button(QWizard.WizardButton.CancelButton)
        cancel.clicked.disconnect()  # (Qt's own goes straight to reject)
        cancel.clicked.connect(self.leave)

    def _first_focus(self, page: int) -> None:
        """On the first page Enter goes on to setting up (Tab reaches the restore button)."""
        if page == WELCOME:
            self.button(QWizard.WizardButton.NextButton).setFocus()

    # -- restoring instead --------------------------------------------------------------------

    def choose_backup(self) -> None:
        """The first page's *Restore from a backup…*: cancelled, it stays on that page."""
        request = ask_for_backup(self)
        if request is not None:
            self.restore(request)

    def restore(self, request: Request) -> None:
        """Check the backup on the restore page, reached with no Back to press meanwhile."""
        self.restore_page.request = request
        self.setStartId(RESTORE)
        self.restart()

    def set_up_afresh(self) -> None:
        """From a restore that failed or was stopped: the passphrase page, to start afresh."""
        self.restore_page.request = None
        self.setStartId(WELCOME)
        self.restart()
        self.next()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Escape and (
            self.vault is not None or self.restore_page.busy()
        ):
            event.accept()  # a stray Escape must not end set-up once the records exist
            return
        super().keyPressEvent(event)

    def leave(self) -> None:
        """Cancel or the window's close button: once the records exist, ask first."""
        if self.vault is not None and not self.leaving_confirmed():
            return
        self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.isVisible():
            self.leave()
        if self.isVisible():
            event.ignore()
        else:
            event.accept()

    def reject(self) -> None:
        """Stop set-up now, keeping any records made (a person gets here through `leave`, or by
        Escape before anything was made)."""
        if self.recovery_page.creating():
            return  # a few seconds: the page says the records are being made
        if self.restore_page.busy():  # stopped first; closes once nothing of it is left
            self.restore_page.close_when_stopped()
            return
        if self.vault is not None:  # records were created: keep them, just stop here
            self.vault.close()
            self.vault = None
        super().reject()

    def leaving_confirmed(self) -> bool:
        """Ask once, with staying as the default (Enter or Escape keeps setting up)."""
        if self.restored is not None:
            text = (
                self.tr(
                    "Your records are restored and locked with your passphrase, but your new "
                    "recovery key is not kept yet; if you leave now, a new one will be shown to "
                    "you the next time you open your records."
                )
                if self.restore_page.key_pending()
                else self.tr(
                    "Your records are restored and locked with your passphrase, so nothing is "
                    "lost if you leave now."
                )
            )
        elif self.recovery_page.key_kept():
            text = self.tr(
                "Your records are made and locked with your passphrase, so nothing is lost if "
                "you leave now; you can add your name and the people you record for later."
            )
        else:
            text = self.tr(
                "Your records are made and locked with your passphrase, but your recovery key "
                "is not kept yet; if you leave now, a new one will be shown to you the next time "
                "you open your records."
            )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Leave set-up?"), text, parent=self)
        leave = box.addButton(self.tr("Leave set-up"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("Keep setting up"), QMessageBox.ButtonRole.RejectRole)
        leave.setAccessibleName(self.tr("Leave set-up and finish later"))
        stay.setAccessibleName(self.tr("Keep setting up"))
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is leave
