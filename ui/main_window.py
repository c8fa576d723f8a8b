"""The main window: unlock screen or workspace, the toolbar, locking and saving.

The window holds the open vault while it is unlocked. Locking (Ctrl+L, the
toolbar, or after a time without use) closes the vault, which drops its key
and every decrypted record, and empties every view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.errors import CompanionError, NoPassphrase
from companion.i18n import local
from companion.messages import describe, problems_summary
from companion.model import Appointment, Event
from companion.presentation.entry import saved_note
from companion.query import previous_values
from companion.vault import Vault
from companion.warning_messages import warning_text
from ui import theme
from ui.appointment_form import AppointmentForm
from ui.event_form import EventForm
from ui.export_dialog import ExportDialog
from ui.idle import IdleWatcher
from ui.person_dialog import PersonDialog
from ui.recovery_panel import RecoveryPanel
from ui.screen_fit import clamp_to_screen, fit_to_screen
from ui.settings import AppSettings
from ui.settings_dialog import SettingsDialog
from ui.unlock import RecoveryDialog, UnlockPage
from ui.workers import Task, failure_text, run_in_background
from ui.workspace import ViewState, Workspace


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
    ) -> None:
        super().__init__()
        self.path = path
        self.policy = policy
        self.settings = settings or AppSettings()
        self.vault: Vault | None = None
        self._task: Task | None = None
        self._keys_task: Task | None = None
        self._view: ViewState | None = None
        self.setWindowTitle(self.tr("Appointment privacy record"))
        # On a small laptop screen the window starts smaller, so the status line (where the
        # app says what it did, and that no keeper is named yet) is on screen.
        fit_to_screen(self, 1280, 800)
        self._actions()
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(6, 6, 6, 6)
        if banner:
            note = QLabel(banner)
            note.setObjectName("banner")
            note.setWordWrap(True)
            box.addWidget(note)
        self.stack = QStackedWidget()
        self.unlock_page = UnlockPage()
        self.unlock_page.unlockRequested.connect(self.unlock)
        self.unlock_page.recoveryRequested.connect(self.recover)
        self.workspace = Workspace()
        self.workspace.editRequested.connect(self.edit_entry)
        self.workspace.deleteRequested.connect(self.delete_entry)
        self.workspace.addPersonRequested.connect(self.add_person)
        self.workspace.editPersonRequested.connect(self.edit_person)
        self.workspace.exportPersonRequested.connect(self.export)
        self.stack.addWidget(self.unlock_page)
        self.stack.addWidget(self.workspace)
        box.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.idle = IdleWatcher(self.idle_lock, self.settings.lock_minutes * 60_000)
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self._restore_geometry()
        if vault is not None:
            self._opened(vault)
        else:
            self._show_locked()

    # -- toolbar ---------------------------------------------------------------------------

    def _actions(self) -> None:
        bar = self.toolbar = QToolBar(self.tr("Main tools"))
        bar.setObjectName("main-tools")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)

        self._icons: list[tuple[QAction, str]] = []

        def action(icon: str, text: str, tip: str, keys: str, slot: Callable[[], Any]) -> QAction:
            act = QAction(theme.icon(icon), text, self)
            self._icons.append((act, icon))
            act.setToolTip(
                f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(slot)
            bar.addAction(act)
            bar.widgetForAction(act).setAccessibleName(text)
            return act

        self.new_appointment_action = action(
            "new-appointment",
            self.tr("New appointment"),
            self.tr("Write down an appointment"),
            "Ctrl+N",
            self.new_appointment,
        )
        self.new_event_action = action(
            "new-event",
            self.tr("New letter or event"),
            self.tr("Write down a letter, complaint or reply"),
            "Ctrl+E",
            self.new_event,
        )
        self.export_action = action(
            "export",
            self.tr("Export"),
            self.tr("Make a PDF or other file to share or print"),
            "Ctrl+P",
            lambda: self.export(),
        )
        self.settings_action = action(
            "settings",
            self.tr("Settings"),
            self.tr("Locking, look, passphrase"),
            "Ctrl+,",
            self.open_settings,
        )
        self.lock_action = action(
            "lock", self.tr("Lock"), self.tr("Lock your records now"), "Ctrl+L", self.lock
        )
        # Acting on the entry chosen in the timeline, from anywhere in the window.
        self.correct_action = QAction(self.tr("Correct this entry"), self)
        self.correct_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.correct_action.triggered.connect(self._correct_current)
        self.delete_action = QAction(self.tr("Delete this entry"), self)
        self.delete_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.delete_action.triggered.connect(self._delete_current)
        self.addActions([self.correct_action, self.delete_action])
        self._unlocked_only = [
            self.new_appointment_action,
            self.new_event_action,
            self.settings_action,
            self.lock_action,
            self.correct_action,
            self.delete_action,
        ]

    def _enable(self, unlocked: bool) -> None:
        for act in self._unlocked_only:
            act.setEnabled(unlocked)
        self.toolbar.setVisible(unlocked)  # the unlock screen shows only what unlocks

    # -- unlocking and locking -------------------------------------------------------------

    def try_remembered(self) -> None:
        """Open without a passphrase if this computer remembers the vault; else ask."""
        self._start(lambda: Vault.open(self.path, policy=self.policy), quiet=True)

    def unlock(self, passphrase: str) -> None:
        self._start(lambda: Vault.open(self.path, passphrase=passphrase, policy=self.policy))

    def _start(self, work: Callable[[], Vault], quiet: bool = False) -> None:
        self.unlock_page.set_busy(True)

        def failed(exc: BaseException) -> None:
            self._task = None
            if quiet and isinstance(exc, NoPassphrase):
                self.unlock_page.set_busy(False)
                return
            text = failure_text(exc)
            self.unlock_page.show_problem(text)
            self.unlockFailed.emit(text)

        def done(vault: Vault) -> None:
            self._task = None
            self._opened(vault)

        self._task = run_in_background(work, done, failed)

    def offer_new_recovery_key(self, vault: Vault) -> None:
        """Setting up or recovering stopped before the recovery key was shown: offer a new one
        (the passphrase is asked for again, as for any change of keys)."""
        answer = QMessageBox.question(
            self,
            self.tr("Your recovery key was never shown"),
            self.tr(
                "Setting up or recovering stopped before your recovery key was shown, so it "
                "cannot be relied on. Make a new recovery key now? You will need your passphrase."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            self.tr("Make a new recovery key"),
            self.tr("Your passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            fresh = vault.new_recovery_key(passphrase)
        except CompanionError as exc:
            QMessageBox.warning(self, self.tr("No new recovery key was made"), describe(exc))
            return
        self._show_new_recovery_key(fresh)

    def show_warnings(self, vault: Vault) -> None:
        """Each warning in full, until the person says they have read it."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Please read this"), "", parent=self)
        box.setText("\n\n".join(warning_text(w) for w in vault.warnings))
        read = box.addButton(self.tr("I have read this"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Show it again next time"), QMessageBox.ButtonRole.RejectRole)
        read.setAccessibleName(self.tr("I have read this: stop showing these warnings"))
        later.setAccessibleName(self.tr("Show these warnings again next time"))
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        box.exec()
        if box.clickedButton() is read:
            vault.acknowledge_warnings()
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(self.tr("This vault has a warning you have not yet read."))

    def _opened(self, vault: Vault) -> None:
        self.vault = vault
        self.unlock_page.passphrase.clear()  # not kept in the hidden page while unlocked
        self.workspace.load(vault)
        if self._view is not None:
            self.workspace.restore(self._view)
            self._view = None
        self.stack.setCurrentWidget(self.workspace)
        self._enable(True)
        self.idle.set_interval(self.settings.lock_minutes * 60_000)
        if vault.warnings:
            self.show_warnings(vault)
        if not vault.read_only and not vault.recovery_key_shown:
            self.offer_new_recovery_key(vault)
        if vault.read_only:
            self.statusBar().showMessage(problems_summary(vault.problems))
            QMessageBox.warning(
                self, self.tr("Your records need attention"), problems_summary(vault.problems)
            )
        elif vault.warnings:
            pass  # the status bar says a warning is unread (show_warnings)
        elif vault.keeper() is None:  # a vault made before the app asked: said once, no nag
            self.statusBar().showMessage(self.no_keeper_note())
        else:
            self.statusBar().clearMessage()
        self.workspace.table.setFocus()
        self.vaultUnlocked.emit()

    def no_keeper_note(self) -> str:
        return self.tr("Exports do not yet say who keeps these records. Add your name in Settings.")

    def lock(self) -> None:
        if self.vault is None:
            return
        self._view = self.workspace.state()
        self.workspace.clear()
        self.vault.close()
        self.vault = None
        self.statusBar().clearMessage()
        self._show_locked()
        self.vaultLocked.emit()

    def idle_lock(self) -> None:
        if self.vault is None:
            return
        for dialog in self.findChildren(QDialog):  # nothing typed stays on screen either
            if dialog.isVisible():
                dialog.reject()
        self.lock()
        self.unlock_page.reset(
            self.tr(
                "Your records were locked because the app was not used "
                "for a while. Type your passphrase to open them."
            )
        )

    def _show_locked(self) -> None:
        self._enable(False)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.reset()

    def recover(self) -> None:
        dialog = RecoveryDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.recovery is None:
            return
        key, new = dialog.recovery, dialog.new_passphrase()

        def done(result: tuple[Vault, Any]) -> None:
            self._task = None
            vault, fresh = result
            self._opened(vault)
            self._show_new_recovery_key(fresh)

        def failed(exc: BaseException) -> None:
            self._task = None
            self.unlock_page.show_problem(failure_text(exc))

        self.unlock_page.set_busy(True)
        self._task = run_in_background(
            lambda: Vault.recover(self.path, key, new, policy=self.policy), done, failed
        )

    def _show_new_recovery_key(self, key: Any) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Your new recovery key"))
        box = QVBoxLayout(dialog)
        vault = self.vault
        assert vault is not None
        panel = RecoveryPanel(vault.now)
        panel.show_key(key)
        box.addWidget(panel)
        done = QPushButton(self.tr("Done"))
        done.setAccessibleName(self.tr("Done"))
        done.setEnabled(False)
        panel.kept.connect(done.setEnabled)
        done.clicked.connect(dialog.accept)
        box.addWidget(done)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            vault.confirm_recovery_key(key)  # until then, the next unlock offers a new key

    # -- entries ---------------------------------------------------------------------------

    def _suggestions(self) -> dict[str, list[str]]:
        assert self.vault is not None
        appointments = self.vault.appointments()
        return {
            field: previous_values(appointments, field)
            for field in ("location", "staff_name", "staff_role", "organisation")
        }

    def _people(self) -> list[Any]:
        assert self.vault is not None
        return [p.record for p in self.vault.people() if not p.damaged]

    def _after_save(self, record_id: str) -> None:
        assert self.vault is not None
        saved = self.vault.get(record_id)
        self.workspace.reload(select_id=record_id)
        note = saved_note(saved.record.date, saved.last_saved_at, correction=saved.corrected)
        self.statusBar().showMessage(self.tr("Saved. {note}").format(note=note))
        self.entrySaved.emit(record_id)

    def _needs_person(self) -> bool:
        if self._people():
            return False
        QMessageBox.information(
            self,
            self.tr("Add a person first"),
            self.tr("Add the person whose appointments you are recording first."),
        )
        self.add_person()
        return not self._people()

    def _chosen_person(self) -> str | None:
        return self.workspace.current_person() or None

    def new_appointment(self) -> None:
        if self.vault is None or self._needs_person():
            return
        form = AppointmentForm(
            self._people(),
            self.vault.save,
            suggestions=self._suggestions(),
            person_id=self._chosen_person(),
            today=local(self.vault.now()).date(),  # the day on this computer, as notes say
            parent=self,
        )
        if form.exec() == QDialog.DialogCode.Accepted:
            self._after_save(form.result_value.record.id)

    def new_event(self) -> None:
        if self.vault is None or self._needs_person():
            return
        form = EventForm(
            self._people(),
            self.vault.save,
            person_id=self._chosen_person(),
            today=local(self.vault.now()).date(),  # the day on this computer, as notes say
            parent=self,
        )
        if form.exec() == QDialog.DialogCode.Accepted:
            self._after_save(form.result_value.record.id)

    def edit_entry(self, record_id: str) -> None:
        if self.vault is None:
            return
        record = self.vault.get(record_id).record
        if isinstance(record, Appointment):
            form: QDialog = AppointmentForm(
                self._people(),
                self.vault.save,
                original=record,
                suggestions=self._suggestions(),
                parent=self,
            )
        elif isinstance(record, Event):
            form = EventForm(self._people(), self.vault.save, original=record, parent=self)
        else:
            return
        if form.exec() == QDialog.DialogCode.Accepted:
            self._after_save(record_id)

    def _correct_current(self) -> None:
        record_id = self.workspace.current_record_id()
        if record_id is not None:
            self.workspace.editRequested.emit(record_id)

    def _delete_current(self) -> None:
        record_id = self.workspace.current_record_id()
        if record_id is not None:
            self.delete_entry(record_id)

    def delete_entry(self, record_id: str) -> None:
        if self.vault is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete this entry?"),
            self.tr(
                "It will no longer show in the timeline or in exports. Its history stays in "
                "the vault, marked as deleted."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,  # Enter pressed without reading keeps the entry
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.vault.delete(record_id)
        except CompanionError as exc:
            QMessageBox.warning(self, self.tr("Not deleted"), describe(exc))
            return
        self.workspace.reload()
        self.statusBar().showMessage(self.tr("Deleted."))

    def add_person(self) -> None:
        if self.vault is None:
            return
        dialog = PersonDialog(self.vault.save, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.workspace.reload()
            self.statusBar().showMessage(
                self.tr("Added {name}.").format(name=dialog.result_value.record.display_name)
            )

    def edit_person(self, person_id: str) -> None:
        if self.vault is None:
            return
        saved = self.vault.get(person_id)
        dialog = PersonDialog(self.vault.save, original=saved.record, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.workspace.reload()

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

    # -- settings --------------------------------------------------------------------------

    def open_settings(self) -> None:
        if self.vault is None:
            return
        vault = self.vault
        s = self.settings
        before = (s.theme, s.text_percent)
        dialog = SettingsDialog(
            lock_minutes=s.lock_minutes,
            theme=s.theme,
            text_percent=s.text_percent,
            remembered=vault.remembered,
            vault_path=self.path,
            change_passphrase=vault.change_passphrase,
            keeper=kept.record if (kept := vault.keeper()) else None,
            save_keeper=vault.save,
            parent=self,
        )
        dialog.keeperSaved.connect(self._keeper_saved)
        app = QApplication.instance()

        def look(name: str, size: int) -> None:
            theme.apply(app, name, size)  # type: ignore[arg-type]
            self.refresh_look()

        dialog.lookChanged.connect(look)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            look(*before)
            return
        s.lock_minutes = dialog.lock_minutes.value()
        s.theme = dialog.chosen_theme()
        s.text_percent = dialog.text_percent.value()
        s.sync()
        self.idle.set_interval(s.lock_minutes * 60_000)
        if dialog.remember.isChecked() and not vault.remembered:
            work = vault.remember_on_this_computer
        elif not dialog.remember.isChecked() and vault.remembered:
            work = vault.forget_this_computer
        else:
            return

        def done(_result: object) -> None:
            self._keys_task = None
            self.statusBar().showMessage(self.tr("Done."))

        def failed(exc: BaseException) -> None:
            self._keys_task = None
            self.statusBar().clearMessage()
            QMessageBox.warning(self, self.tr("Not remembered"), failure_text(exc))

        # The password store can take seconds to answer: never with the window frozen.
        self.statusBar().showMessage(self.tr("Asking this computer's password store…"))
        self._keys_task = run_in_background(work, done, failed)

    def _keeper_saved(self) -> None:
        if self.statusBar().currentMessage() == self.no_keeper_note():
            self.statusBar().clearMessage()

    def refresh_look(self) -> None:
        """Redraw what carries the theme's colours after the theme or text size changed."""
        for act, name in self._icons:
            act.setIcon(theme.icon(name))
        self.workspace.refresh_look()

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
        if self.vault is not None:
            self.workspace.clear()
            self.vault.close()
            self.vault = None
        QApplication.instance().removeEventFilter(self.idle)  # type: ignore[union-attr]
        super().closeEvent(event)
