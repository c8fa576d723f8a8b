"""The main window: unlock screen or workspace, the toolbar, locking and saving.

The window holds the open vault while it is unlocked. Locking (Ctrl+L, the
toolbar, or after a time without use) closes the vault, which drops its key
and every decrypted record, and empties every view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.i18n import translate_n
from companion.messages import problems_summary
from companion.vault import Vault
from ui.entry_commands import EntryCommands
from ui.export_dialog import ExportDialog
from ui.idle import IdleWatcher
from ui.letters_dialog import LettersDialog
from ui.lock_warning import LockWarning
from ui.main_actions import add_actions
from ui.screen_fit import clamp_to_screen, fit_to_screen
from ui.session import Session
from ui.settings import AppSettings
from ui.settings_command import open_settings
from ui.shortcuts import ShortcutsDialog
from ui.unlock import RecoveryDialog, UnlockPage
from ui.vault_notices import offer_new_recovery_key, show_new_recovery_key, show_warnings
from ui.workers import Task
from ui.workspace import ViewState, Workspace

REMIND_DAYS = 7  # on unlocking, what is due within a week is said
BACKUP_CHECK_MS = 30 * 60_000  # how often the daily backup is looked for while open
BACKUP_AFTER_UNLOCK_MS = 60_000  # the first look: not while unlocking still loads the records


class MainWindow(QMainWindow):
    vaultUnlocked = Signal()
    vaultLocked = Signal()
    unlockFailed = Signal(str)
    entrySaved = Signal(str)

    def __init__(
        self,
        path: Path,
        *,
        policy: KdfPolicy = PRODUCTION_KDF,
        settings: AppSettings | None = None,
        vault: Vault | None = None,
        banner: str = "",
        backups: bool = True,
    ) -> None:
        super().__init__()
        self.path = path
        self.policy = policy
        self.settings = settings or AppSettings()
        self._keys_task: Task | None = None
        self._view: ViewState | None = None
        self._draft_lost = False
        self.setWindowTitle(self.tr("Appointment privacy record"))
        # On a small laptop screen the window starts smaller, so the status line (where the
        # app says what it did, and that no keeper is named yet) is on screen.
        fit_to_screen(self, 1280, 800)
        self.session = Session(path, policy, self.settings)
        self._unlocked_only = add_actions(self)
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(6, 6, 6, 6)
        if banner:
            box.addWidget(self._banner(banner))
        self.stack = QStackedWidget()
        self.unlock_page = UnlockPage()
        self.workspace = Workspace()
        self.entries = EntryCommands(self, self.workspace, lambda: self.session.vault)
        self.entries.said.connect(self.statusBar().showMessage)
        self.entries.entrySaved.connect(self.entrySaved)
        self.unlock_page.unlockRequested.connect(self.unlock)
        self.unlock_page.recoveryRequested.connect(self.recover)
        self.workspace.editRequested.connect(self.edit_entry)
        self.workspace.deleteRequested.connect(self.delete_entry)
        self.workspace.addPersonRequested.connect(self.add_person)
        self.workspace.editPersonRequested.connect(self.edit_person)
        self.workspace.exportPersonRequested.connect(self.export)
        people = self.workspace.people_list.model()  # a person added or removed, or locked
        people.rowsInserted.connect(self._enable_letters)
        people.rowsRemoved.connect(self._enable_letters)
        self.stack.addWidget(self.unlock_page)
        self.stack.addWidget(self._scrolling(self.workspace))
        box.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.lock_warning = LockWarning(self)
        self.lock_warning.stayRequested.connect(self.session.stay_unlocked)
        self.session.busy.connect(self.unlock_page.set_busy)
        self.session.failed.connect(self._failed)
        self.session.opened.connect(self._opened)
        self.session.newRecoveryKey.connect(self._show_new_recovery_key)
        self.session.aboutToLock.connect(self._before_lock)
        self.session.locked.connect(self._locked)
        self.session.lockSoon.connect(self._lock_soon)
        self.session.lockPostponed.connect(self.lock_warning.take_back)
        self._restore_geometry()
        self._daily_backups(automatic=backups)
        if vault is not None:
            self.session.adopt(vault)
        else:
            self._show_locked()

    def _scrolling(self, workspace: QWidget) -> QWidget:
        """The records in an area that scrolls when the window is shorter than they need (a
        small screen at a big text size), so the window itself always fits the screen."""
        area = self.workspace_area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside
        area.setWidget(workspace)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]
        return area

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The control the keyboard moves to is scrolled into view."""
        if new is not None and self.workspace.isAncestorOf(new):
            self.workspace_area.ensureWidgetVisible(new, 20, 20)

    def _banner(self, text: str) -> QWidget:
        """A note across the top (the demo's), which can be put away to give the room back."""
        frame = QWidget()
        row = QHBoxLayout(frame)
        row.setContentsMargins(0, 0, 0, 0)
        note = QLabel(text)
        note.setObjectName("banner")
        note.setWordWrap(True)
        row.addWidget(note, 1)
        hide = QPushButton(self.tr("Hide this note"))
        hide.setAccessibleName(self.tr("Hide this note"))
        hide.clicked.connect(frame.hide)
        row.addWidget(hide, 0, Qt.AlignmentFlag.AlignTop)
        self.banner = frame
        return frame

    # -- the commands (given in ui/main_actions.py) ----------------------------------------

    def _enable(self, unlocked: bool) -> None:
        for act in self._unlocked_only:
            act.setEnabled(unlocked)
        self.toolbar.setVisible(unlocked)  # the unlock screen shows only what unlocks
        self._enable_letters()

    def _enable_letters(self, *_args: object) -> None:
        """Letters need someone to write about: off until a person is added."""
        self.letters_action.setEnabled(self.vault is not None and bool(self.workspace.people))

    # -- unlocking and locking -------------------------------------------------------------

    @property
    def vault(self) -> Vault | None:
        return self.session.vault

    @property
    def idle(self) -> IdleWatcher:
        return self.session.idle

    @property
    def _task(self) -> Task | None:
        return self.session._task

    def try_remembered(self) -> None:
        """Open without a passphrase if this computer remembers the vault; else ask."""
        self.session.try_remembered()

    def unlock(self, passphrase: str) -> None:
        self.session.unlock(passphrase)

    def lock(self) -> None:
        self.session.lock()

    def idle_lock(self) -> None:
        self.session.idle_lock()

    def _failed(self, text: str) -> None:
        self.unlock_page.show_problem(text)
        self.unlockFailed.emit(text)

    def _opened(self, vault: Vault) -> None:
        self.unlock_page.passphrase.clear()  # not kept in the hidden page while unlocked
        self.workspace.load(vault)
        if self._view is not None:
            self.workspace.restore(self._view)
            self._view = None
        self.stack.setCurrentWidget(self.workspace_area)
        self._enable(True)
        self.workspace.table.setFocus()
        if vault.warnings and not show_warnings(self, vault):
            self.statusBar().showMessage(self.tr("This vault has a warning you have not yet read."))
        elif vault.read_only:
            self.statusBar().showMessage(problems_summary(vault.problems))
            QMessageBox.warning(
                self, self.tr("Your records need attention"), problems_summary(vault.problems)
            )
        elif vault.keeper() is None:  # a vault made before the app asked: said once, no nag
            self.statusBar().showMessage(self.no_keeper_note())
        else:
            self.statusBar().clearMessage()
        if not vault.read_only and not vault.recovery_key_shown:
            offer_new_recovery_key(self, vault)
        self._remind(self.workspace.due_items)
        self.vaultUnlocked.emit()
        self.entries.offer_drafts()

    def _remind(self, items: list[Any]) -> None:
        """On unlocking: if anything is overdue or due within 7 days, the status line says so
        (calmly, with no window to close), pointing to Due soon on the left."""
        close = [item for item in items if item.days_left <= REMIND_DAYS]
        # A deadline matters more than the note that no keeper is named; a warning more still.
        if close and self.statusBar().currentMessage() in ("", self.no_keeper_note()):
            self.statusBar().showMessage(
                translate_n(
                    "MainWindow",
                    "%n deadline(s) overdue or due within 7 days: see Due soon, on the left.",
                    len(close),
                )
            )

    def no_keeper_note(self) -> str:
        return self.tr("Exports do not yet say who keeps these records. Add your name in Settings.")

    def _before_lock(self, idle: bool) -> None:
        """The vault is still open: keep what a form holds as a draft, close every window
        above this one, and empty every view."""
        self.lock_warning.take_back()
        kept = self.entries.put_away()
        for dialog in reversed(self.findChildren(QDialog)):  # nothing typed stays on screen
            if dialog.isVisible() and dialog is not self.lock_warning:
                dialog.reject()
        self._draft_lost = not kept
        self._view = self.workspace.state()
        self.workspace.clear()

    def _locked(self, idle: bool) -> None:
        self.statusBar().clearMessage()
        self._show_locked()
        notes = []
        if idle:
            notes.append(
                self.tr(
                    "Your records were locked because the app was not used "
                    "for a while. Type your passphrase to open them."
                )
            )
        if self._draft_lost:
            notes.append(
                self.tr("What you were typing could not be kept, because it could not be saved.")
            )
        if notes:
            self.unlock_page.reset(" ".join(notes))
        self.vaultLocked.emit()

    def _show_locked(self) -> None:
        self._enable(False)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.reset()

    def _lock_soon(self, seconds: int) -> None:
        self.lock_warning.warn(seconds, QApplication.activeModalWidget())

    def recover(self) -> None:
        dialog = RecoveryDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recovery is None:
            return
        self.session.recover(dialog.recovery, dialog.new_passphrase())

    def _show_new_recovery_key(self, key: Any) -> None:
        if self.vault is not None:
            show_new_recovery_key(self, self.vault, key)

    # -- entries (the commands live in ui/entry_commands.py) -------------------------------

    def new_appointment(self) -> None:
        self.entries.new_appointment()

    def new_event(self) -> None:
        self.entries.new_event()

    def edit_entry(self, record_id: str) -> None:
        self.entries.edit_entry(record_id)

    def delete_entry(self, record_id: str) -> None:
        self.entries.delete_entry(record_id)

    def add_person(self) -> None:
        self.entries.add_person()

    def edit_person(self, person_id: str) -> None:
        self.entries.edit_person(person_id)

    def export(self, person_id: str | None = None) -> None:
        """The Export dialog: starting from what the timeline shows, or (from a person's menu)
        that person's whole record."""
        if self.vault is None:
            return
        shown = None if person_id else self.workspace.selection()
        dialog = ExportDialog(
            self.vault, self.vault.people(), person_id, parent=self, selection=shown
        )
        dialog.exported.connect(
            lambda path: self.statusBar().showMessage(self.tr("Saved to {path}.").format(path=path))
        )
        dialog.exec()

    def letters(self) -> None:
        """The Letters window, for the person chosen on the left (else the first)."""
        if self.vault is None or not self.workspace.people:
            return
        dialog = LettersDialog(self.vault, self.workspace.current_person() or None, parent=self)
        dialog.saved.connect(
            lambda path: self.statusBar().showMessage(self.tr("Saved to {path}.").format(path=path))
        )
        # Logged as sent: its deadline is in Due soon and the timeline at once.
        dialog.logged.connect(lambda record_id: self.workspace.reload(select_id=record_id))
        dialog.exec()
        dialog.deleteLater()  # the letter does not stay behind in a hidden window

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # -- settings --------------------------------------------------------------------------

    def open_settings(self) -> None:
        open_settings(self)

    def _keeper_saved(self) -> None:
        if self.statusBar().currentMessage() == self.no_keeper_note():
            self.statusBar().clearMessage()

    def refresh_look(self) -> None:
        """Redraw what carries the theme's colours after the theme or text size changed."""
        self.toolbar.refresh_look()
        self.workspace.refresh_look()
        self.toolbar.fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.toolbar.fit(self.width())

    # -- backups ---------------------------------------------------------------------------

    def _daily_backups(self, automatic: bool) -> None:
        """A backup once a day while the vault is open (looked for a minute after unlocking
        and every half hour), and one as the app closes; a failure is said once in the status
        line. Off (`automatic` False) for the demo, which is thrown away on closing."""
        backups = self.session.backups
        backups.automatic = automatic
        backups.said.connect(self.statusBar().showMessage)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(backups.daily)
        self.backup_timer.start()
        self.backup_soon = QTimer(self)
        self.backup_soon.setSingleShot(True)
        self.backup_soon.setInterval(BACKUP_AFTER_UNLOCK_MS)
        self.backup_soon.timeout.connect(backups.daily)
        self.vaultUnlocked.connect(self.backup_soon.start)
        self.vaultUnlocked.connect(backups.say_failure)  # one made as the app last closed

    # -- window ----------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
            clamp_to_screen(self)  # saved on a bigger screen, or at a bigger text size
        splitter = self.settings.geometry("splitter")
        if splitter is not None:
            self.workspace.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        self.settings.set_geometry("main", QByteArray(self.saveGeometry()))
        self.settings.set_geometry("splitter", QByteArray(self.workspace.splitter.saveState()))
        self.settings.sync()
        self.session.close()  # a form still open is kept as a draft first
        self.backup_timer.stop()
        self.backup_soon.stop()
        self.session.backups.after_close()  # from the locked file; a failure is said next time
        super().closeEvent(event)
