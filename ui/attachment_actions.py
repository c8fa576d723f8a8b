"""What can be done with the files attached to an entry, for ui/attachment_panel.py: choose
files to attach, show a picture, save a copy, rename or describe, delete. Each asks the
core; what takes time runs in the background with progress and Cancel."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from companion.attachment_types import hmcts_upload, label
from companion.errors import Cancelled, CompanionError
from companion.messages import describe
from companion.model import Attachment
from ui.attachment_describe import AttachmentDetailsDialog
from ui.attachment_preview import MOST_BYTES, PicturePreview, can_draw, picture_from
from ui.workers import failure_text

if TYPE_CHECKING:
    from ui.attachment_panel import AttachmentPanel


class AttachmentActions(QObject):
    def __init__(self, panel: AttachmentPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.preview: PicturePreview | None = None

    # -- attaching ------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.panel, self.tr("Attach files to this entry"), str(Path.home())
        )
        self.panel.attach_paths([Path(n) for n in names])

    # -- showing a picture ----------------------------------------------------------------

    def cannot_show(self, record: Attachment) -> str:
        """Why Show is not offered for this file, in one sentence; "" if it is."""
        kind = label(record.media_type)
        if not record.media_type.startswith("image/"):
            return self.tr(
                "Only pictures can be shown here: to play or read {kind}, save a copy and open "
                "it in another program."
            ).format(kind=kind)
        if not can_draw(record.media_type):
            return self.tr(
                "This app cannot draw {kind}: save a copy and open it in another program."
            ).format(kind=kind)
        if record.size > MOST_BYTES:
            return self.tr(
                "This picture is too big to show here: save a copy and open it in another program."
            )
        return ""

    def show_chosen(self) -> None:
        panel, record = self.panel, self.panel.chosen()
        if record is None or panel.vault is None or panel.jobs.running:
            return
        reason = self.cannot_show(record)
        if reason:
            panel.say(reason, problem=True)
            return
        vault = panel.vault

        def work(progress, stop) -> bytes:  # type: ignore[no-untyped-def]
            # The verified chunks, in memory only: never written anywhere.
            data = bytearray()
            for chunk in vault.attachment_chunks(record.id):
                data += chunk
                progress(len(data), record.size)
            return bytes(data)

        def done(data: bytes) -> None:
            panel._finished()
            if panel.vault is not vault:
                return
            image = picture_from(data)
            del data
            if image.isNull():
                panel.say(
                    self.tr(
                        "This picture could not be drawn (it may be of a kind this app cannot "
                        "read): save a copy and open it in another program."
                    ),
                    problem=True,
                )
                return
            self.close_preview()
            self.preview = PicturePreview(record.name, image, panel.window())
            self.preview.destroyed.connect(self._preview_gone)
            self.preview.show()

        panel.run_job(
            vault,
            self.tr('Opening "{name}"…').format(name=record.name),
            self.tr(
                'A backup is being made: "{name}" will be shown as soon as it is done.'
            ).format(name=record.name),
            work, done, self._failed(vault, ""),
        )  # fmt: skip

    def _preview_gone(self) -> None:
        self.preview = None

    def close_preview(self) -> None:
        if self.preview is not None:
            self.preview.reject()
            self.preview = None

    def _failed(self, vault: object, stopped: str):  # type: ignore[no-untyped-def]
        def failed(exc: BaseException) -> None:
            self.panel._finished()
            if self.panel.vault is not vault:
                return
            if isinstance(exc, Cancelled):
                self.panel.say(stopped)
            else:
                self.panel.say(failure_text(exc), problem=True)

        return failed

    # -- saving a copy --------------------------------------------------------------------

    def save_chosen(self) -> None:
        panel, record = self.panel, self.panel.chosen()
        if record is None or panel.vault is None or panel.jobs.running:
            return
        name, _ = QFileDialog.getSaveFileName(
            panel, self.tr("Save a copy of the attached file"), str(Path.home() / record.name)
        )
        if not name:
            return
        path, vault = Path(name), panel.vault

        def work(progress, stop) -> Attachment:  # type: ignore[no-untyped-def]
            return vault.save_attachment_copy(record.id, path, progress, stop)

        def done(_record: Attachment) -> None:
            panel._finished()
            if panel.vault is not vault:
                return
            saved = self.tr('Saved a copy of "{name}" as {path}.').format(
                name=record.name, path=path
            )
            panel.say(saved)
            warning = self.tr(
                "This copy is not protected by your passphrase: anyone who can open that folder "
                "can read or play it, so delete it once it has been sent."
            )
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("A copy outside your records"),
                              saved + " " + warning, parent=panel.window())  # fmt: skip
            box.setInformativeText(hmcts_upload(path.name, record.size, record.media_type))
            box.exec()

        stopped = self.tr("Stopped: no copy was written.")
        panel.run_job(
            vault,
            self.tr('Saving a copy of "{name}"…').format(name=record.name),
            self.tr(
                'A backup is being made: the copy of "{name}" will be saved as soon as it is '
                "done."
            ).format(name=record.name),
            work, done, self._failed(vault, stopped),
        )  # fmt: skip

    # -- correcting and deleting ----------------------------------------------------------

    def rename_chosen(self) -> None:
        panel, record = self.panel, self.panel.chosen()
        if record is None or not panel.writable() or panel.vault is None:
            return
        vault = panel.vault

        def save(name: str, description: str) -> Attachment:
            changed = dataclasses.replace(record, name=name, description=description)
            return vault.save(changed).record  # type: ignore[no-any-return]

        dialog = AttachmentDetailsDialog(record, save, panel.window())
        try:
            if dialog.exec() and dialog.saved is not None and panel.vault is vault:
                panel.say(self.tr('Saved: "{name}".').format(name=dialog.saved.name))
                panel.reload(choose=record.id)
                panel.changed.emit()
        finally:
            dialog.deleteLater()

    def delete_chosen(self) -> None:
        panel, record = self.panel, self.panel.chosen()
        if record is None or not panel.writable() or panel.vault is None:
            return
        answer = QMessageBox.question(
            panel.window(),
            self.tr("Delete this attached file?"),
            self.tr(
                'Take "{name}" off this entry? It is no longer shown or exported; its history '
                "stays in your records, and a copy you saved elsewhere is not touched."
            ).format(name=record.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,  # Enter pressed without reading keeps the file
        )
        if answer != QMessageBox.StandardButton.Yes or panel.vault is None:
            return
        try:
            panel.vault.delete(record.id)
        except CompanionError as exc:
            panel.say(describe(exc), problem=True)
            return
        panel.say(self.tr('"{name}" was taken off this entry.').format(name=record.name))
        panel.reload()
        panel.changed.emit()
