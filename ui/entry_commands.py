"""What can be done to entries and people: write, correct, delete, add; and their drafts.

While a form is open, what is typed is kept as a draft in the vault (sealed, never
in the clear) a moment after each change, and at once when the app locks or closes.
Saving the form, or choosing to throw away what was typed, removes the draft. After
the next unlock (or the next start, after a crash) the person is offered the draft
back, in the form it came from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from companion.errors import CompanionError
from companion.i18n import local, long_date
from companion.messages import describe
from companion.model import Appointment, Event, Person
from companion.presentation.entry import saved_note
from companion.query import previous_values
from companion.vault import Vault
from companion.vault_drafts import Draft
from ui.appointment_form import AppointmentForm
from ui.dialog_base import EditDialog
from ui.event_form import EventForm
from ui.person_dialog import PersonDialog
from ui.workspace import Workspace

DRAFT_DELAY_MS = 1500  # a pause in typing this long, and the draft is kept


class EntryCommands(QObject):
    entrySaved = Signal(str)
    said = Signal(str)  # a line for the status bar

    def __init__(
        self, window: QWidget, workspace: Workspace, vault: Callable[[], Vault | None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self._vault = vault
        self.open_form: EditDialog | None = None
        self._record_id: str | None = None
        self._put_away = False

    @property
    def vault(self) -> Vault | None:
        return self._vault()

    # -- forms and their drafts -----------------------------------------------------------

    def _run(self, form: EditDialog, record_id: str | None, draft: Draft | None = None) -> bool:
        """Show a form, keeping its draft; True if it was saved."""
        if draft is not None:
            form.restore_draft(draft.values)
            note = self.tr(
                "This is what you were writing on {at}, kept because it was not saved. Save "
                "it, or close it and choose to throw it away."
            ).format(at=self._when(draft))
            form.message.setText(note)
            form.message.setAccessibleName(note)
            form.message.show()
        timer = QTimer(form)
        timer.setSingleShot(True)
        timer.setInterval(DRAFT_DELAY_MS)
        timer.timeout.connect(self.keep_draft)
        form.edited.connect(timer.start)
        self.open_form, self._record_id, self._put_away = form, record_id, False
        try:
            saved = form.exec() == QDialog.DialogCode.Accepted
        finally:
            self.open_form = None
            form.deleteLater()  # what was typed does not stay behind in a hidden window
        vault = self.vault
        if not self._put_away and vault is not None:
            # Saved, or closed on purpose (having said so if anything was typed).
            # A draft that cannot be removed is offered again: nothing is lost.
            with contextlib.suppress(CompanionError):
                vault.discard_draft(form.draft_kind, record_id)
        return saved

    def keep_draft(self) -> bool:
        """Keep what the open form holds, if anything was typed. False if it could not be."""
        form, vault = self.open_form, self.vault
        if form is None or vault is None or vault.read_only or not form.typed():
            return True
        try:
            vault.save_draft(form.draft_kind, self._record_id, form.draft_values())
        except CompanionError as exc:
            self.said.emit(
                self.tr("What you are typing could not be kept as a draft: {why}").format(
                    why=describe(exc)
                )
            )
            return False
        return True

    def put_away(self) -> bool:
        """Before the vault locks or the app closes: keep the open form's draft and close it
        without asking. False if the draft could not be kept."""
        form = self.open_form
        if form is None:
            return True
        kept = self.keep_draft()
        self._put_away = True
        form.close_without_asking()
        return kept

    def offer_drafts(self) -> None:
        """After unlocking: offer each form left half-written, newest first."""
        vault = self.vault
        if vault is None or vault.read_only:
            return
        for draft in vault.drafts():
            if self.vault is None:  # locked again meanwhile
                return
            self._offer(draft)

    def _offer(self, draft: Draft) -> None:
        vault = self.vault
        assert vault is not None
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Carry on writing?"), "", parent=self.window
        )
        box.setText(self._draft_sentence(draft))
        carry_on = box.addButton(self.tr("Carry on writing"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        throw = box.addButton(self.tr("Throw it away"), QMessageBox.ButtonRole.DestructiveRole)
        later.setAccessibleName(self.tr("Not now: keep it and ask again next time"))
        box.setDefaultButton(carry_on)
        box.setEscapeButton(later)
        box.exec()
        if box.clickedButton() is carry_on:
            self._reopen(draft)
        elif box.clickedButton() is throw:
            sure = QMessageBox.question(
                self.window,
                self.tr("Throw it away?"),
                self.tr("What you typed will be gone for good. Throw it away?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if sure == QMessageBox.StandardButton.Yes:
                vault.discard_draft(draft.kind, draft.record_id)

    def _when(self, draft: Draft) -> str:
        when = local(draft.saved_at)
        return self.tr("{day} at {time}").format(
            day=long_date(when.date()), time=when.strftime("%H:%M")
        )

    def _draft_sentence(self, draft: Draft) -> str:
        at = self._when(draft)
        what = {
            ("appointment", False): self.tr("a new appointment"),
            ("appointment", True): self.tr("a correction to an appointment"),
            ("event", False): self.tr("a new letter or event"),
            ("event", True): self.tr("a correction to a letter or event"),
            ("person", False): self.tr("a new person"),
            ("person", True): self.tr("a change to a person's details"),
        }[(draft.kind, draft.record_id is not None)]
        return self.tr(
            "You were writing {what} on {at}, and it was not saved. It has been kept, locked "
            "with your records. Carry on writing it now?"
        ).format(what=what, at=at)

    def _reopen(self, draft: Draft) -> None:
        vault = self.vault
        assert vault is not None
        original: Any = None
        if draft.record_id is not None:
            try:
                original = vault.get(draft.record_id).record
            except KeyError:  # deleted since
                original = None
            if original is None:
                QMessageBox.information(
                    self.window,
                    self.tr("The entry is no longer there"),
                    self.tr(
                        "The entry this was a correction to has been deleted, so what you "
                        "typed opens as a new entry."
                    ),
                )
        form = self._form(draft.kind, original)
        if form is None:
            return
        if self._run(form, draft.record_id if original is not None else None, draft):
            self._after(form, original)
        elif not self._put_away and original is None and draft.record_id is not None:
            # It was opened as a new entry: the correction's own draft is done with too.
            vault.discard_draft(draft.kind, draft.record_id)

    def _form(self, kind: str, original: Any) -> EditDialog | None:
        vault = self.vault
        assert vault is not None
        if kind == "person":
            return PersonDialog(vault.save, original=original, parent=self.window)
        if not self._people():
            return None
        if kind == "appointment":
            return AppointmentForm(
                self._people(),
                vault.save,
                original=original,
                suggestions=self._suggestions(),
                person_id=None if original else self.workspace.current_person() or None,
                today=self._today(),
                parent=self.window,
            )
        return EventForm(
            self._people(),
            vault.save,
            original=original,
            person_id=None if original else self.workspace.current_person() or None,
            today=self._today(),
            parent=self.window,
        )

    def _after(self, form: EditDialog, original: Any) -> None:
        if isinstance(form, PersonDialog):
            self.workspace.reload()
            if original is None:
                name = form.result_value.record.display_name
                self.said.emit(self.tr("Added {name}.").format(name=name))
            return
        self._after_save(form.result_value.record.id)

    # -- entries ---------------------------------------------------------------------------

    def _today(self) -> Any:
        vault = self.vault
        assert vault is not None
        return local(vault.now()).date()  # the day on this computer, as notes say

    def _suggestions(self) -> dict[str, list[str]]:
        assert self.vault is not None
        appointments = self.vault.appointments()
        return {
            field: previous_values(appointments, field)
            for field in ("location", "staff_name", "staff_role", "organisation")
        }

    def _people(self) -> list[Person]:
        assert self.vault is not None
        return [p.record for p in self.vault.people() if not p.damaged]

    def _after_save(self, record_id: str) -> None:
        assert self.vault is not None
        saved = self.vault.get(record_id)
        self.workspace.reload(select_id=record_id)
        note = saved_note(saved.record.date, saved.last_saved_at, correction=saved.corrected)
        self.said.emit(self.tr("Saved. {note}").format(note=note))
        self.entrySaved.emit(record_id)

    def _needs_person(self) -> bool:
        if self._people():
            return False
        QMessageBox.information(
            self.window,
            self.tr("Add a person first"),
            self.tr("Add the person whose appointments you are recording first."),
        )
        self.add_person()
        return not self._people()

    def new_appointment(self) -> None:
        self._new("appointment")

    def new_event(self) -> None:
        self._new("event")

    def _new(self, kind: str) -> None:
        if self.vault is None or self._needs_person():
            return
        draft = self.vault.draft(kind, None)
        form = self._form(kind, None)
        if form is not None and self._run(form, None, draft):
            self._after_save(form.result_value.record.id)

    def edit_entry(self, record_id: str) -> None:
        vault = self.vault
        if vault is None:
            return
        record = vault.get(record_id).record
        kind = "appointment" if isinstance(record, Appointment) else "event"
        if not isinstance(record, (Appointment, Event)):
            return
        form = self._form(kind, record)
        if form is not None and self._run(form, record_id, vault.draft(kind, record_id)):
            self._after_save(record_id)

    def correct_current(self) -> None:
        record_id = self.workspace.current_record_id()
        if record_id is not None:
            self.workspace.editRequested.emit(record_id)

    def delete_current(self) -> None:
        record_id = self.workspace.current_record_id()
        if record_id is not None:
            self.delete_entry(record_id)

    def delete_entry(self, record_id: str) -> None:
        if self.vault is None:
            return
        answer = QMessageBox.question(
            self.window,
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
            QMessageBox.warning(self.window, self.tr("Not deleted"), describe(exc))
            return
        self.workspace.reload()
        self.said.emit(self.tr("Deleted."))

    def add_person(self) -> None:
        if self.vault is None:
            return
        form = PersonDialog(self.vault.save, parent=self.window)
        if self._run(form, None, self.vault.draft("person", None)):
            self._after(form, None)

    def edit_person(self, person_id: str) -> None:
        if self.vault is None:
            return
        saved = self.vault.get(person_id)
        form = PersonDialog(self.vault.save, original=saved.record, parent=self.window)
        if self._run(form, person_id, self.vault.draft("person", person_id)):
            self.workspace.reload()
