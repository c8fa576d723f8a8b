"""Hand over this person's records: a small window that makes them a vault of their own.

Where to save it and its new passphrase; the vault is made and checked off the window's
thread (companion/handover.py); its recovery key is shown once, with Print and Save as PDF,
as at set-up; then, only if chosen and only with the person's name typed, they are erased
from these records (companion/handover_check.py). Nothing here touches a file or a key
itself: the core does, and says in one sentence what went wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.errors import CompanionError, InvalidInput, PurgeNotConfirmed, VaultReadOnly
from companion.handover import Plan, build, check_target, confirm_shown, fingerprint, plan
from companion.handover_check import check_handed_over, name_matches
from companion.i18n import translate
from companion.messages import describe, still_in_copies
from companion.model import Keeper
from companion.recovery_key import RecoveryKey
from companion.validation import validate
from companion.vault import Vault
from ui.handover_pages import ChoosePage, ErasePage, FinishedPage, KeyPage, Page, WorkingPage
from ui.widgets import message_line
from ui.window_size import fit_to_text
from ui.workers import Task, failure_text, run_in_background


class _Steps(QObject):
    """Carries progress from the background work to the window's thread."""

    moved = Signal(int, int)


class HandoverDialog(QDialog):
    """Emits `purged` with the person's id once they were erased from these records."""

    purged = Signal(str)

    def __init__(
        self,
        vault: Vault,
        person_id: str,
        policy: KdfPolicy = PRODUCTION_KDF,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.policy = vault, policy
        self.person = vault.get(person_id).record
        name = self.person.display_name
        kept = vault.keeper()
        self._keeper_name = kept.record.name if kept else ""
        self.setWindowTitle(self.tr("Hand over the records of {name}").format(name=name))
        self.path: Path | None = None
        self.key: RecoveryKey | None = None
        self._passphrase = ""
        self._task: Task | None = None
        self._steps = _Steps(self)
        outer = QVBoxLayout(self)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages, 1)
        self.message = message_line()
        self.message.hide()
        outer.addWidget(self.message)
        self.choose = ChoosePage(name, [name, self._keeper_name])
        self.working = WorkingPage(name)
        self.key_page = KeyPage(name, vault.now)
        self.erase_page = ErasePage(name)
        self.finished = FinishedPage()
        for page in (self.choose, self.working, self.key_page, self.erase_page, self.finished):
            self.pages.addWidget(page)
        self._steps.moved.connect(self.working.moved)
        self._connect()
        fit_to_text(self, 84, 34)
        self._show(self.choose, self.choose.place)

    def _connect(self) -> None:
        c = self.choose
        c.choose.clicked.connect(self._choose_place)
        c.cancel.clicked.connect(self.reject)
        c.start.clicked.connect(self.hand_over)
        for changed in (c.fields.changed, c.place.textChanged):
            changed.connect(self._ready)
        self._ready()
        self.key_page.next.clicked.connect(self._key_kept)
        e = self.erase_page
        e.confirm.textChanged.connect(
            lambda text: e.erase.setEnabled(name_matches(text, self.person))
        )
        e.erase.clicked.connect(self.erase)
        e.finish.clicked.connect(self.accept)
        self.finished.close_button.clicked.connect(self.accept)

    # -- moving between pages ----------------------------------------------------------------

    def _show(self, page: Page, focus: QWidget | None = None) -> None:
        self.pages.setCurrentWidget(page)
        for other in (self.choose, self.key_page, self.erase_page, self.finished):
            if other.default is not None:
                other.default.setDefault(other is page)
        (focus or page.default or page).setFocus(Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.setVisible(bool(text))

    def _ready(self) -> None:
        c = self.choose
        c.start.setEnabled(bool(c.place.text().strip()) and c.fields.acceptable())

    def _choose_place(self) -> None:
        plain = re.sub(r"[^\w\- ]+", "", self.person.display_name).strip() or "records"
        suggested = self.choose.place.text().strip() or str(Path.home() / f"{plain}.companion")
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the new vault"),
            suggested,
            self.tr("Vaults (*.companion)"),
        )
        if name:
            self.choose.place.setText(name)

    # -- handing over ------------------------------------------------------------------------

    def _keeper(self) -> tuple[Keeper | None, bool]:
        """The new vault's keeper, and whether the person now keeps their own claim."""
        if self.choose.copy_keeper.isChecked():
            kept = self.vault.keeper()
            if kept is None:
                raise InvalidInput("", "keeper", "", "a keeper named in your records to copy")
            k = kept.record
            return Keeper(k.name, address=k.address, phone=k.phone, email=k.email), False
        name = self.choose.keeper.text().strip()
        return (validate(Keeper(name)) if name else None), True

    def hand_over(self) -> None:
        c = self.choose
        if not c.start.isEnabled() or self._task is not None:
            return
        path = Path(c.place.text().strip()).expanduser()
        try:
            check_target(path, self.vault.path)
            keeper, own_claim = self._keeper()
            chosen = plan(self.vault, self.person.id, keeper=keeper, own_claim=own_claim)
        except CompanionError as exc:
            self._say(describe(exc))
            (c.keeper if isinstance(exc, InvalidInput) else c.place).setFocus()
            return
        self.path, self._passphrase = path, c.fields.passphrase()
        self._say("")
        self._show(self.working)
        passphrase = self._passphrase
        self._task = run_in_background(
            lambda: self._build(chosen, path, passphrase), self._made, self._not_made
        )

    def _build(self, chosen: Plan, path: Path, passphrase: str) -> tuple[RecoveryKey, str]:
        """Off the window's thread: of the open vault, only the plan already read and the
        content of the files kept with the entries are used (locking fails it cleanly)."""
        recovery = build(
            chosen, path, passphrase, self.vault, policy=self.policy,
            progress=self._steps.moved.emit,
        )  # fmt: skip
        return recovery, fingerprint(path).short()

    def _made(self, result: tuple[RecoveryKey, str]) -> None:
        self._task = None
        self.key, short = result
        name = self.person.display_name
        self.key_page.done_text.setText(
            self.tr(
                "The records of {name} are in their own vault now: {path}. Its fingerprint is "
                "{fingerprint}; a note of it, kept somewhere else, shows later what it held."
            ).format(name=name, path=self.path, fingerprint=short)
        )
        self.key_page.panel.show_key(self.key)
        self._show(self.key_page, self.key_page.panel.kept_box)

    def _not_made(self, exc: BaseException) -> None:
        self._task = None
        self._say(failure_text(exc))
        self._show(self.choose, self.choose.place)

    def _key_kept(self) -> None:
        """The key was printed or saved: the new vault records that it was shown."""
        if self.path is None or self.key is None:
            return
        try:
            confirm_shown(self.path, self.key)
        except CompanionError as exc:
            self._say(describe(exc))
            return
        self._say("")
        self._show(self.erase_page, self.erase_page.finish)

    # -- erasing here, if chosen -------------------------------------------------------------

    def erase(self) -> None:
        e = self.erase_page
        if self._task is not None or self.path is None:
            return
        if not name_matches(e.confirm.text(), self.person):
            self._say(describe(PurgeNotConfirmed()))
            return
        try:
            now = plan(self.vault, self.person.id)
        except CompanionError as exc:
            self._say(describe(exc))
            return
        e.erase.setEnabled(False)
        self._say(self.tr("Checking the new vault before erasing…"))
        path, passphrase = self.path, self._passphrase
        self._task = run_in_background(
            lambda: check_handed_over(now, path, passphrase, self.policy),
            self._checked,
            self._not_erased,
        )

    def _checked(self, _result: Any) -> None:
        """The new vault holds everything of theirs: erase them here (on this thread, where
        the open vault lives)."""
        self._task = None
        if not self.isVisible():
            return  # closed meanwhile (the app was locked): nothing is erased
        try:
            self.vault.purge_person(self.person.id)
        except CompanionError as exc:
            self._not_erased(exc)
            return
        self._say("")
        self.finished.text.setText(
            self.tr(
                "{name} and everything recorded for them were erased from your records. "
                "Their new vault keeps them."
            ).format(name=self.person.display_name)
            + " "
            + still_in_copies()
        )
        self.purged.emit(self.person.id)
        self._show(self.finished)

    def _not_erased(self, exc: BaseException) -> None:
        self._task = None
        self._say(failure_text(exc))
        e = self.erase_page
        e.erase.setEnabled(name_matches(e.confirm.text(), self.person))

    # -- leaving -------------------------------------------------------------------------------

    def _may_leave(self) -> bool:
        """While the vault is being made, or its key is on screen and not yet kept, Escape
        and the close button do nothing (locking the app still closes the window)."""
        return self.pages.currentWidget() not in (self.working, self.key_page)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Escape and not self._may_leave():
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.isVisible() and not self._may_leave():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        self._passphrase = ""
        super().reject()

    def accept(self) -> None:
        self._passphrase = ""
        super().accept()


def offer_hand_over(workspace: Any, person_id: str) -> None:
    """From a person's menu: the hand-over window over the main window; the records shown
    are read again if the person was erased."""
    vault = workspace.vault
    if vault is None:
        return
    if vault.read_only or person_id not in {p.record.id for p in vault.people() if not p.damaged}:
        # A vault that failed its checks cannot show that a person's records are whole.
        QMessageBox.information(
            workspace.window(),
            translate("HandoverDialog", "Hand over this person's records"),
            describe(VaultReadOnly()),
        )
        return
    policy = getattr(workspace.window(), "policy", PRODUCTION_KDF)
    dialog = HandoverDialog(vault, person_id, policy, workspace.window())
    dialog.purged.connect(lambda _person_id: workspace.reload())
    dialog.exec()
