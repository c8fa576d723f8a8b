"""The selected entry in full: what happened, the privacy facts, and every correction."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from companion.export import facts
from companion.history import Correction
from companion.i18n import long_datetime, translate
from companion.labels import label
from companion.ledger import Saved
from companion.model import Appointment, Person
from companion.query import privacy_problems
from ui import theme
from ui.widgets import named


def _p(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def entry_html(saved: Saved, person: Person | None, corrections: list[Correction]) -> str:
    record = saved.record
    problem = theme.colour("problem").name()
    parts = [f"<h2>{html.escape(facts.heading(record))}</h2>"]
    if person is not None:
        parts.append(f"<p><b>{html.escape(person.display_name)}</b></p>")
    if saved.damaged:
        parts.append(f'<p style="color:{problem}"><b>{html.escape(facts.damaged_note())}</b></p>')
    note = facts.written_note(record.date, saved.written_at, saved.imported_at)
    parts.append(f"<p><i>{html.escape(note)}</i></p>")
    if isinstance(record, Appointment):
        found = privacy_problems(record)
        if found:
            words = "; ".join(label(p) for p in found)
            parts.append(f'<p style="color:{problem}"><b>{html.escape(words)}</b></p>')
        pairs = facts.appointment_facts(record)
    else:
        pairs = facts.event_facts(record)
    rows = "".join(
        f"<tr><td><b>{html.escape(name)}</b>&nbsp;&nbsp;</td><td>{html.escape(text)}</td></tr>"
        for name, text in pairs
    )
    if rows:
        parts.append(f"<table cellpadding='3'>{rows}</table>")
    if isinstance(record, Appointment):
        if record.account:
            parts += [f"<h3>{translate('Entry', 'What happened')}</h3>", _p(record.account)]
        if record.impact or record.distress is not None:
            name = person.display_name if person else ""
            title = translate("Entry", "How it affected {name}").format(name=name)
            parts.append(f"<h3>{html.escape(title)}</h3>")
            if record.impact:
                parts.append(_p(record.impact))
            if record.distress is not None:
                parts.append(
                    _p(translate("Entry", "Distress: {n} out of 10.").format(n=record.distress))
                )
    if corrections:
        parts.append(f"<h3>{translate('Entry', 'Corrections')}</h3><ul>")
        for correction in corrections:
            when = translate("Entry", "Corrected on {when}").format(
                when=long_datetime(correction.saved_at)
            )
            changes = "".join(
                "<li>"
                + html.escape(
                    translate("Entry", '{field}: was "{before}", now "{after}"').format(
                        field=c.label, before=c.before, after=c.after
                    )
                )
                + "</li>"
                for c in correction.changes
            )
            parts.append(f"<li>{html.escape(when)}<ul>{changes}</ul></li>")
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
        corrections: list[Correction] | None = None,
    ) -> None:
        self.record_id = saved.record.id if saved else None
        self.edit_button.setEnabled(saved is not None)
        self.delete_button.setEnabled(saved is not None)
        if saved is None:
            self.browser.setHtml(_p(self.tr("Choose an entry in the timeline to see it here.")))
        else:
            self.browser.setHtml(entry_html(saved, person, corrections or []))

    def refresh_look(self) -> None:
        self.edit_button.setIcon(theme.icon("edit"))
        self.delete_button.setIcon(theme.icon("delete"))

    def clear(self) -> None:
        self.show_entry(None)
        self.browser.clear()
