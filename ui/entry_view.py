"""The selected entry in full: what happened, the privacy facts, and every correction."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from companion.export.options import ExportOptions
from companion.i18n import translate
from companion.ledger import Saved, Version
from companion.model import Person
from companion.presentation.entry import Presented, present, shown_entry
from ui import theme
from ui.widgets import named


def _p(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


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
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.browser = named(QTextBrowser(), self.tr("The chosen entry"))
        self.browser.setOpenLinks(False)
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
        self.show_entry(None)

    def show_entry(
        self,
        saved: Saved | None,
        person: Person | None = None,
        versions: list[Version] | None = None,
    ) -> None:
        """Show an entry in full; `versions` are its saved versions, oldest first."""
        self.record_id = saved.record.id if saved else None
        self.edit_button.setEnabled(saved is not None)
        self.delete_button.setEnabled(saved is not None)
        if saved is None:
            self.browser.setHtml(_p(self.tr("Choose an entry in the timeline to see it here.")))
        else:
            shown = shown_entry(saved, versions or [], ExportOptions())
            name = person.display_name if person else ""
            self.browser.setHtml(entry_html(present(shown, name), person))

    def refresh_look(self) -> None:
        self.edit_button.setIcon(theme.icon("edit"))
        self.delete_button.setIcon(theme.icon("delete"))

    def clear(self) -> None:
        self.show_entry(None)
        self.browser.clear()
