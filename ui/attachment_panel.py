"""The files attached to the chosen entry, under it: each with its name, kind, size, SHA-256
(the start shown, the whole in its tooltip and below the list, to select and copy), when it
was attached and its description; and what can be done: attach a file (or drop files on
the entry), show a picture, save a copy, rename or describe, delete.

Every change goes through the core (companion/attachment_vault.py); attaching and copying
run in the background with progress and Cancel (ui/attachment_runner.py). What is said
after each is one sentence, in the line below the buttons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import Cancelled
from companion.ledger import Saved
from companion.model import Attachment
from companion.presentation.attachments import AttachmentShown, shown_attachment
from companion.vault import Vault
from ui.attachment_actions import AttachmentActions
from ui.attachment_runner import AttachmentJobs
from ui.entry_files import FilesArea
from ui.flow_rows import FlowRows
from ui.widgets import buddy_label, message_line, named, say
from ui.workers import failure_text

SHOW_PROGRESS_AFTER_MS = 500  # a file attached or copied quicker than this shows no progress
LIST_ROWS = 3  # files shown in the list before it scrolls
ID_ROLE = Qt.ItemDataRole.UserRole


class AttachmentPanel(QWidget):
    changed = Signal()  # a file attached, renamed or deleted: the entry's words are redrawn

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        self.entry_id: str | None = None
        self.kept: list[Saved[Attachment]] = []
        self.jobs = AttachmentJobs(self)
        self.jobs.began.connect(self._began)
        self.progress: QProgressDialog | None = None
        self._doing = ""  # what the progress bar says of the job under way
        self._said_before = ""  # what the line below said before a job began to wait
        self._queue: list[Path] = []
        self._told: list[str] = []  # what was said of each file of the batch under way
        self._told_problem = False  # one of them was a problem
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self.tr("Attached files"))
        self.heading.setObjectName("attachmentsHeading")
        box.addWidget(self.heading)
        self.area = FilesArea()  # the list and the chosen file: they scroll past their share
        box.addWidget(self.area)
        self.list = named(
            QListWidget(),
            self.tr("Attached files"),
            self.tr("The files kept with this entry: choose one to show, save or change it"),
        )
        self.list.setUniformItemSizes(True)
        # A long name is cut short with "…" (the whole is below the list, and in its tooltip).
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.currentRowChanged.connect(lambda _row: self._chosen_changed())
        self.area.add(self.list, always_shown=True)
        self.details = named(QLabel(), self.tr("About the chosen file"))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.area.add(self.details)
        # The whole SHA-256 in a box of its own: selected and copied whole (Ctrl+A, Ctrl+C),
        # and never making the entry wider than the window, as one long word would.
        self.sha_row = QWidget()
        row = QHBoxLayout(self.sha_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.sha = named(
            QLineEdit(),
            self.tr("SHA-256 of the chosen file"),
            self.tr("A fingerprint of the file's exact bytes, taken when it was attached"),
        )
        self.sha.setReadOnly(True)
        row.addWidget(buddy_label(self.tr("SHA-&256:"), self.sha))
        row.addWidget(self.sha, 1)
        self.area.add(self.sha_row)
        self.buttons = FlowRows()
        self.actions = AttachmentActions(self)
        self.attach_button = self._button(
            self.tr("Attach a file…"),
            self.tr(
                "Keep a file (a recording, a photo, a PDF) with this entry, sealed in your "
                "records; you can also drop files on the entry"
            ),  # fmt: skip
            self.actions.choose_files,
        )
        self.show_button = self._button(
            self.tr("Show"), self.tr("Show the chosen picture"), self.actions.show_chosen
        )
        self.save_button = self._button(
            self.tr("Save a copy…"),
            self.tr("Write a copy of the chosen file where you choose"),
            self.actions.save_chosen,
        )
        self.rename_button = self._button(
            self.tr("Rename or describe…"),
            self.tr("Change the chosen file's name or description (a correction)"),
            self.actions.rename_chosen,
        )
        self.delete_button = self._button(
            self.tr("Delete file"),
            self.tr("Take the chosen file off this entry; its history stays in your records"),
            self.actions.delete_chosen,
            self.tr("Delete the chosen file"),
        )
        box.addWidget(self.buttons)
        self.message = named(message_line(), self.tr("What happened"))
        self.message.hide()
        box.addWidget(self.message)
        self.list.activated.connect(lambda _index: self.actions.show_chosen())
        self.show_for(None, None)

    def _button(self, text: str, tip: str, slot, name: str = "") -> QPushButton:  # type: ignore[no-untyped-def]
        button = named(QPushButton(text), name or text.rstrip("…"), tip)
        button.setProperty("usualTip", tip)
        button.clicked.connect(slot)
        self.buttons.add(button)
        return button

    # -- what is shown ------------------------------------------------------------------

    def show_for(self, vault: Vault | None, entry_id: str | None) -> None:
        """Show the files of this entry (or nothing, with no entry chosen)."""
        if entry_id != self.entry_id:
            self.say("")
        self.vault, self.entry_id = vault, entry_id
        self.setVisible(vault is not None and entry_id is not None)
        self.reload()

    def reload(self, choose: str | None = None) -> None:
        keep = choose or self.chosen_id()
        self.list.clear()
        self.kept = []
        if self.vault is not None and self.entry_id is not None:
            self.kept = self.vault.attachments_of(self.entry_id)
        for saved in self.kept:
            shown = shown_attachment(saved.record)
            item = QListWidgetItem(self._line(shown))
            item.setData(ID_ROLE, saved.record.id)
            item.setToolTip(self._tip(shown))
            self.list.addItem(item)
        self.heading.setText(
            self.tr("Attached files ({n})").format(n=len(self.kept))
            if self.kept
            else self.tr("Attached files")
        )
        self.list.setVisible(bool(self.kept))
        rows = [n for n, s in enumerate(self.kept) if s.record.id == keep]
        self.list.setCurrentRow(rows[0] if rows else (0 if self.kept else -1))
        self._fit_list()
        self._chosen_changed()

    def _line(self, shown: AttachmentShown) -> str:
        """One line for the list; the rest is below it, for the file chosen."""
        return self.tr("{name} · {kind}, {size} · {sha}").format(
            name=shown.name, kind=shown.kind, size=shown.size, sha=shown.short_sha
        )

    @staticmethod
    def _tip(shown: AttachmentShown) -> str:
        """The chosen file in full: its description, when it was attached and its SHA-256."""
        return f"{shown.description}\n{shown.note}" if shown.description else shown.note

    def _fit_list(self) -> None:
        """Tall enough for the first few files; more scroll inside it."""
        rows = min(max(self.list.count(), 1), LIST_ROWS)
        height = sum(self.list.sizeHintForRow(n) for n in range(min(rows, self.list.count())))
        height = max(height, self.fontMetrics().lineSpacing() * 2)
        self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 4)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.FontChange:
            self._fit_list()
            self._hold_wrapped_text()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._hold_wrapped_text()

    def _hold_wrapped_text(self) -> None:
        """Each wrapped line of words keeps the height its words need at the width it has
        (a layout alone would squeeze them in a short window; the records scroll instead)."""
        for label in (self.details, self.message):
            margins = label.contentsMargins()
            width = (label.width() or self.width()) - margins.left() - margins.right()
            words = label.fontMetrics().boundingRect(
                QRect(0, 0, max(width, 1), 1_000_000), Qt.TextFlag.TextWordWrap, label.text()
            )
            need = words.height() + margins.top() + margins.bottom() if label.text() else 0
            if need != label.minimumHeight():
                label.setMinimumHeight(need)

    def chosen(self) -> Attachment | None:
        row = self.list.currentRow()
        return self.kept[row].record if 0 <= row < len(self.kept) else None

    def chosen_id(self) -> str | None:
        chosen = self.chosen()
        return chosen.id if chosen else None

    def writable(self) -> bool:
        return self.vault is not None and not self.vault.read_only

    def _chosen_changed(self) -> None:
        record = self.chosen()
        writable = self.writable()
        reason = self.actions.cannot_show(record) if record is not None else ""
        self._enable(self.attach_button, writable and self.entry_id is not None,
                     self.tr("Your records can only be read just now, so nothing can be "
                             "attached."))  # fmt: skip
        self._enable(self.show_button, record is not None and not reason, reason)
        self._enable(self.save_button, record is not None, "")
        for button in (self.rename_button, self.delete_button):
            self._enable(button, record is not None and writable, "")
        # With no file to act on, only Attach is offered: the entry keeps the room.
        for button in (self.show_button, self.save_button, self.rename_button, self.delete_button):
            button.setVisible(record is not None)
        self.sha_row.setVisible(record is not None)
        self.sha.setText(record.sha256 if record is not None else "")
        self.sha.setCursorPosition(0)
        self.details.setText(self._about(record, reason))
        self._hold_wrapped_text()

    def _about(self, record: Attachment | None, reason: str) -> str:
        """The chosen file: its description, when it was attached, and why it cannot be
        shown, if it cannot; or what to do when there is none."""
        if self.entry_id is None:
            return self.tr("Choose an entry in the timeline to see the files attached to it.")
        if record is None:
            return self.tr("No files are attached to this entry: attach one, or drop it here.")
        shown = shown_attachment(record)
        text = self.tr(
            "Attached on {when}, with the SHA-256 below: a copy with the same SHA-256 is "
            "exactly this file."
        ).format(when=shown.captured)
        if shown.description:
            text = f"{shown.description}\n{text}"
        return f"{text}\n{reason}" if reason else text

    def _enable(self, button: QPushButton, on: bool, reason: str) -> None:
        button.setEnabled(on)
        tip = button.property("usualTip")
        button.setToolTip(tip if on or not reason else reason)
        button.setAccessibleDescription("" if on else reason)

    def say(self, text: str, problem: bool = False) -> None:
        """One sentence below the buttons (or nothing), in the problem colour only for one."""
        say(self.message, text, problem)
        self.message.setAccessibleDescription(text)
        self.message.setVisible(bool(text))
        self._hold_wrapped_text()

    # -- attaching ------------------------------------------------------------------------

    def attach_paths(self, paths: list[Path]) -> None:
        """Attach these files to the entry shown, one after another."""
        if not self.writable() or self.entry_id is None or not paths:
            return
        if not self._queue and not self.jobs.running:
            self._told = []  # a new batch: what is said starts afresh
        self._queue += paths
        if not self.jobs.running:
            self._next()

    def _tell(self, text: str, problem: bool = False) -> None:
        """One sentence for each file of a batch, so a refusal is not hidden by the next (the
        whole said as a problem once one of them is)."""
        self._told.append(text)
        self._told_problem = problem or (len(self._told) > 1 and self._told_problem)
        self.say("\n".join(self._told), self._told_problem)

    def _next(self) -> None:
        if not self._queue or self.vault is None or self.entry_id is None:
            self._queue = []
            return
        path = self._queue.pop(0)
        vault, entry_id = self.vault, self.entry_id

        def work(progress, stop):  # type: ignore[no-untyped-def]
            return vault.attach(entry_id, path, progress=progress, stop=stop)

        def done(saved: Saved[Attachment]) -> None:
            self._finished()
            if self.vault is not vault:  # locked meanwhile: it is saved, and shown on return
                return
            record = saved.record
            shown = shown_attachment(record)
            self._tell(
                self.tr('Attached "{name}" ({kind}, {size}).').format(
                    name=record.name, kind=shown.kind, size=shown.size
                )
            )
            self.reload(choose=record.id)
            self.changed.emit()
            self._next()

        def failed(exc: BaseException) -> None:
            self._finished()
            if self.vault is not vault:
                return
            if isinstance(exc, Cancelled):
                self._queue = []
                self._tell(self.tr('Stopped: "{name}" was not attached.').format(name=path.name))
                return
            self._tell(failure_text(exc), problem=True)
            self._next()

        self.run_job(
            vault,
            self.tr('Attaching "{name}"…').format(name=path.name),
            self.tr(
                'A backup is being made: "{name}" will be attached as soon as it is done.'
            ).format(name=path.name),
            work, done, failed,
        )  # fmt: skip

    def run_job(self, vault: Vault, doing: str, waiting: str, work, done, failed) -> None:  # type: ignore[no-untyped-def]
        """Run `work` in the background with a progress bar and Cancel, then `done` or
        `failed`; while a backup is being made it waits until that is done, and says so."""
        self._with_progress(doing)
        self.jobs.start(vault, work, done, failed)
        if self.jobs.waiting and self.progress is not None:
            self.progress.setLabelText(waiting)
            self._said_before = self.message.text()
            self.say(waiting)

    def _began(self) -> None:
        """The job waited for a backup, which is done: it has started."""
        if self.progress is not None:
            self.progress.setLabelText(self._doing)
        self.say(self._said_before)

    def _with_progress(self, text: str) -> None:
        """A progress bar with Cancel, shown only if the work takes a while."""
        self._doing = text
        progress = QProgressDialog(text, self.tr("Cancel"), 0, 1000, self.window())
        progress.setWindowTitle(self.tr("Attached files"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.jobs.stop)
        progress.rejected.connect(self.jobs.stop)  # Escape, as Cancel
        self.jobs.progressed.connect(progress.setValue)
        progress.setValue(0)
        self.progress = progress

    def _finished(self) -> None:
        progress, self.progress = self.progress, None
        if progress is not None:
            self.jobs.progressed.disconnect(progress.setValue)
            progress.canceled.disconnect(self.jobs.stop)
            progress.rejected.disconnect(self.jobs.stop)
            progress.reset()
            progress.hide()
            progress.deleteLater()

    def clear(self) -> None:
        """Before the vault is closed: stop what is running, and show nothing."""
        self._queue = []
        self.jobs.stop_and_wait()
        self.actions.close_preview()
        self.list.clear()
        self.kept = []
        self.vault = self.entry_id = None
        self.details.clear()
        self.sha.clear()
        self.say("")
        self.hide()
