"""The selected entry in full: what happened, the privacy facts, every correction, and the
files attached to it (ui/attachment_panel.py), which can be dropped on it to attach them.

The files take the height they need below the entry, up to a share of it; past that they
scroll on their own (ui/entry_files.py), so the entry's own words keep most of the room."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.export.options import ExportOptions
from companion.i18n import translate
from companion.ledger import Saved, Version
from companion.model import Attachment, Person
from companion.presentation.attachments import shown_attachment
from companion.presentation.entry import Presented, present, shown_entry
from companion.vault import Vault
from ui import theme
from ui.attachment_panel import AttachmentPanel
from ui.widgets import named

ENTRY_LINES = 6  # the least of the entry's words shown above its files
LAYOUT_ROUNDS = 4


def _p(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def attachments_html(attached: list[Attachment]) -> str:
    """The note on the entry for each attached file: what it is, and that it was captured
    with its SHA-256 at that time."""
    if not attached:
        return ""
    parts = [f"<h3>{html.escape(translate('Entry', 'Attached files'))}</h3>"]
    for record in attached:
        shown = shown_attachment(record)
        parts.append(f"<p><b>{html.escape(shown.summary)}</b><br>{html.escape(shown.note)}")
        if shown.description:
            parts.append("<br>" + html.escape(shown.description))
        parts.append("</p>")
    return "".join(parts)


def entry_html(shown: Presented, person: Person | None) -> str:
    """The entry as the exports word it (companion/presentation), laid out for the screen."""
    problem = theme.colour("problem").name()
    parts = [f"<h2>{html.escape(shown.heading)}</h2>"]
    if person is not None:
        parts.append(f"<p><b>{html.escape(person.display_name)}</b></p>")
    if shown.damaged:
        parts.append(f'<p style="color:{problem}"><b>{html.escape(shown.damaged)}</b></p>')
    parts.append(f"<p><i>{html.escape(shown.written)}</i></p>")
    if shown.problems:
        words = "; ".join(shown.problems)
        parts.append(f'<p style="color:{problem}"><b>{html.escape(words)}</b></p>')
    rows = "".join(
        f"<tr><td><b>{html.escape(fact.label)}</b>&nbsp;&nbsp;</td>"
        f"<td>{html.escape(fact.text)}</td></tr>"
        for fact in shown.facts
    )
    if rows:
        parts.append(f"<table cellpadding='3'>{rows}</table>")
    for words in shown.words:
        parts += [f"<h3>{html.escape(words.label)}</h3>", _p(words.text)]
    if shown.corrections:
        parts.append(f"<h3>{translate('Entry', 'Corrections')}</h3><ul>")
        for correction in shown.corrections:
            changes = "".join(f"<li>{html.escape(c)}</li>" for c in correction.changes)
            parts.append(f"<li>{html.escape(correction.heading)}<ul>{changes}</ul></li>")
        parts.append("</ul>")
    return "".join(parts)


class EntryView(QWidget):
    editRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.record_id: str | None = None
        self.vault: Vault | None = None
        self._shown: tuple[Saved, Person | None, list[Version]] | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.browser = named(QTextBrowser(), self.tr("The chosen entry"))
        self.browser.setOpenLinks(False)
        self.browser.setAcceptDrops(False)  # a dropped file is attached, by the entry itself
        box.addWidget(self.browser, 1)
        row = QHBoxLayout()
        self.edit_button = named(
            QPushButton(theme.icon("edit"), self.tr("Correct this entry")),
            self.tr("Correct this entry"),
            self.tr("Change it; the original is kept and shown"),
        )
        self.delete_button = named(
            QPushButton(theme.icon("delete"), self.tr("Delete")),
            self.tr("Delete this entry"),
            self.tr("Hide it from the timeline; its history stays in the vault"),
        )
        self.edit_button.clicked.connect(
            lambda: self.record_id and self.editRequested.emit(self.record_id)
        )
        self.delete_button.clicked.connect(
            lambda: self.record_id and self.deleteRequested.emit(self.record_id)
        )
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        box.addLayout(row)
        # The files attached to the entry, below what can be done to the entry itself (and
        # after it in Tab's order).
        self.attachments = AttachmentPanel(self)
        self.attachments.changed.connect(self._redraw)
        box.addWidget(self.attachments)
        self.setAcceptDrops(True)
        self._text_sizes()
        self.show_entry(None)

    def _text_sizes(self) -> None:
        """The entry itself keeps room to be read, however many files are listed below it: a
        few lines, and below the timeline (where the records scroll anyway) as much as the
        files take."""
        least = self.fontMetrics().lineSpacing() * ENTRY_LINES
        if self._below_timeline() and not self.attachments.isHidden():
            least = max(least, self.attachments.minimumSizeHint().height())
        if least != self.browser.minimumHeight():
            self.browser.setMinimumHeight(least)

    def _below_timeline(self) -> bool:
        splitter = self.parentWidget()
        return isinstance(splitter, QSplitter) and splitter.orientation() == Qt.Orientation.Vertical

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.FontChange:
            self._text_sizes()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.attachments.area.set_room(self.height())
        self._text_sizes()

    def show_entry(
        self,
        saved: Saved | None,
        person: Person | None = None,
        versions: list[Version] | None = None,
    ) -> None:
        """Show an entry in full; `versions` are its saved versions, oldest first."""
        self.record_id = saved.record.id if saved else None
        self._shown = None if saved is None else (saved, person, versions or [])
        self.edit_button.setEnabled(saved is not None)
        self.delete_button.setEnabled(saved is not None)
        self.attachments.show_for(self.vault, self.record_id)
        self._text_sizes()
        self._redraw()
        # Its files may have made the entry taller: lay it out now (each round may ask for
        # another, as rows of buttons wrap to the width they are given), so a control the
        # keyboard moves to next is scrolled to where it really is, not where it was.
        for _round in range(LAYOUT_ROUNDS):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def set_vault(self, vault: Vault | None) -> None:
        """The open vault, whose files attached to the entry shown are listed under it."""
        self.vault = vault
        self.attachments.show_for(vault, self.record_id)

    def _redraw(self) -> None:
        if self._shown is None:
            self.browser.setHtml(_p(self.tr("Choose an entry in the timeline to see it here.")))
            return
        saved, person, versions = self._shown
        shown = shown_entry(saved, versions, ExportOptions())
        name = person.display_name if person else ""
        attached = [s.record for s in self.attachments.kept]
        self.browser.setHtml(entry_html(present(shown, name), person) + attachments_html(attached))

    # -- dropping files to attach them ---------------------------------------------------------

    def _dropped_files(self, data: QMimeData) -> list[Path]:
        """The local files being dropped, if they can be attached to the entry shown."""
        if self.record_id is None or not self.attachments.writable() or not data.hasUrls():
            return []
        urls = data.urls()
        if not urls or not all(url.isLocalFile() for url in urls):
            return []
        return [Path(url.toLocalFile()) for url in urls]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt naming)
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt naming)
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt naming)
        paths = self._dropped_files(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.attachments.attach_paths(paths)

    def refresh_look(self) -> None:
        self.edit_button.setIcon(theme.icon("edit"))
        self.delete_button.setIcon(theme.icon("delete"))

    def clear(self) -> None:
        """Before the vault is closed: stop work on attached files, and show nothing."""
        self.attachments.clear()
        self.vault = None
        self.show_entry(None)
        self.browser.clear()
