"""The Export dialog's choices beyond which entries it holds (ui/export_scope.py): what goes
in each entry, who it is for (with the signed statement and the rules page), what to leave
out, and the file's form. Each control is kept on the dialog, by the name it has always
had, and tells the dialog when it changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit

from companion.export import Format
from companion.export.options import Part, Purpose, Redaction, purpose_label
from companion.i18n import translate
from ui.widgets import buddy_label, named, section

if TYPE_CHECKING:
    from ui.export_dialog import ExportDialog

FORMATS = {Format.PDF: "PDF", Format.CSV: "CSV", Format.MARKDOWN: "Markdown", Format.JSON: "JSON"}


def _tr(text: str) -> str:
    return translate("ExportDialog", text)


def _ticks(values: Sequence[tuple[object, str]], prefix: str) -> dict:  # type: ignore[type-arg]
    return {value: named(QCheckBox(text), f"{prefix}: {text}") for value, text in values}


def add_parts(dialog: ExportDialog, form: QFormLayout) -> None:
    """In each entry: which parts go in, every one ticked at first."""
    form.addRow(QLabel(_tr("In each entry:")))
    dialog.parts = {
        Part.PRIVACY: _tr("The privacy facts"),
        Part.ACCOUNT: _tr("What happened, in their words"),
        Part.IMPACT: _tr("How it affected them"),
        Part.CORRECTIONS: _tr("Corrections, with their dates"),
        Part.LETTERS: _tr("Letters and events"),
    }
    dialog.part_ticks = _ticks(list(dialog.parts.items()), _tr("Include"))
    for tick in dialog.part_ticks.values():
        tick.setChecked(True)
        tick.toggled.connect(dialog._changed)
        form.addRow(tick)


def audience_section(dialog: ExportDialog) -> QGroupBox:
    """Who it is for: the purpose, a reference, the statement to sign, the rules page, and
    who kept the record, as the export will say it."""
    group, form = section(_tr("Who it is for"))
    dialog.purpose = named(QComboBox(), _tr("Who it is for"))
    for purpose in Purpose:
        dialog.purpose.addItem(purpose_label(purpose), purpose)
    dialog.purpose.currentIndexChanged.connect(dialog._changed)
    form.addRow(buddy_label(_tr("For"), dialog.purpose), dialog.purpose)
    dialog.reference = named(
        QLineEdit(),
        _tr("Reference number"),
        _tr("A complaint, reconsideration or appeal reference"),
    )
    dialog.reference.textChanged.connect(dialog._changed)
    form.addRow(buddy_label(_tr("Reference"), dialog.reference), dialog.reference)
    dialog.attest = named(
        QCheckBox(_tr("Add a statement that these notes are true, to sign")),
        _tr("Add a signed statement"),
    )
    dialog.attest_name = named(
        QLineEdit(dialog.keeper.name if dialog.keeper else ""),
        _tr("Name for the statement"),
        _tr("The keeper's name, so the statement says in what capacity they sign"),
    )
    dialog.attest_name.setPlaceholderText(_tr("Your name"))
    dialog.attest.toggled.connect(dialog._changed)
    dialog.attest_name.textChanged.connect(dialog._changed)
    form.addRow(dialog.attest)
    form.addRow(buddy_label(_tr("Name"), dialog.attest_name), dialog.attest_name)
    dialog.rules = named(
        QCheckBox(_tr("Add what the record shows, beside the rules it may engage")),
        _tr("Add what the record shows, beside the rules it may engage"),
        _tr(
            "A page listing each kind of problem with its dates and the rule it may be "
            "relevant to, with sources. It is not legal advice. PDF and text only."
        ),
    )
    dialog.rules.toggled.connect(dialog._changed)
    form.addRow(dialog.rules)
    dialog.kept_line = QLabel()  # who kept the record, as the export will say it
    dialog.kept_line.setWordWrap(True)
    form.addRow(dialog.kept_line)
    return group


def leave_out_section(dialog: ExportDialog) -> QGroupBox:
    """What to leave out: the NI number unless they choose to show it, names, own words."""
    group, form = section(_tr("What to leave out"))
    # One choice for the NI number in every format: out unless they choose to show it.
    dialog.show_ni = named(
        QCheckBox(_tr("Show the National Insurance number")),
        _tr("Show the National Insurance number"),
        _tr(
            "Left out unless ticked. When ticked, it is printed at the top of each PDF "
            "page and kept in the log."
        ),
    )
    dialog.show_ni.toggled.connect(dialog._changed)
    form.addRow(dialog.show_ni)
    dialog.redact_ticks = _ticks(
        [
            (Redaction.STAFF_NAMES, _tr("Staff names")),
            (Redaction.THIRD_PARTIES, _tr("Names of people who came along")),
            (Redaction.FREE_TEXT, _tr("Everything written in their own words")),
        ],
        _tr("Leave out"),
    )
    for tick in dialog.redact_ticks.values():
        tick.toggled.connect(dialog._changed)
        form.addRow(tick)
    return group


def form_section(dialog: ExportDialog) -> QGroupBox:
    """The file's form: its type, and for a PDF the short version."""
    group, form = section(_tr("Form"))
    dialog.format = named(QComboBox(), _tr("File type"))
    for fmt, text in FORMATS.items():
        dialog.format.addItem(text, fmt)
    dialog.format.currentIndexChanged.connect(dialog._changed)
    dialog.concise = named(
        QCheckBox(_tr("Short version: at most four pages")),
        _tr("Short version: at most four pages"),
    )
    dialog.concise.toggled.connect(dialog._changed)
    form.addRow(buddy_label(_tr("File type"), dialog.format), dialog.format)
    form.addRow(dialog.concise)
    return group
