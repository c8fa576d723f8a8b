"""The choices a letter is made from: whose it is, what kind (with when to send it), the
entries it is about, a reference, its date, and whether to add the page of what the record
shows. `request()` turns them into the core's LetterRequest.

Until the person ticks or unticks an entry, the core chooses which are in the letter (every
appointment with a problem, or every request still waiting for an answer), and the ticks show
its choice.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from companion.i18n import local
from companion.letters import (
    Letter,
    LetterKind,
    LetterRequest,
    candidates,
    has_annex,
    kind_help,
    kind_label,
)
from companion.letters.kinds import ANNEX_DEFAULT
from companion.model import Person
from companion.vault import Vault
from ui.date_field import DateField
from ui.letters_entries import EntryTicks
from ui.widgets import buddy_label, named, section

COMBO_CHARACTERS = 16  # a long name shrinks its drop-down to this, rather than widen the column


def annex_by_default(kind: LetterKind) -> bool:
    """Whether a letter of this kind carries the page of findings unless told otherwise."""
    return ANNEX_DEFAULT.get(kind, False)


class LetterChoices(QWidget):
    changed = Signal()  # any choice changed: the letter is to be composed again
    relaid = Signal()  # what is shown changed, and with it the height the choices need

    def __init__(self, vault: Vault, people: list[Person], person_id: str | None) -> None:
        super().__init__()
        self.vault = vault
        self._own_choice = False  # the person has ticked or unticked an entry
        self._quiet = True
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)

        group, form = section(self.tr("The letter"))
        self.person = named(QComboBox(), self.tr("Whose letter"), self.tr("Whose records it uses"))
        for person in people:
            self.person.addItem(person.display_name, person.id)
        self.kind = named(QComboBox(), self.tr("Kind of letter"))
        for kind in LetterKind:
            self.kind.addItem(kind_label(kind), kind)
        for combo in (self.person, self.kind):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
        self.help = QLabel()  # when to send this kind, in one sentence
        self.help.setWordWrap(True)
        form.addRow(buddy_label(self.tr("For"), self.person), self.person)
        form.addRow(buddy_label(self.tr("Kind"), self.kind), self.kind)
        form.addRow(self.help)
        box.addWidget(group)

        group, form = section(self.tr("What it is about"))
        self.entries_intro = QLabel(self.tr("Tick the entries to put in the letter:"))
        self.entries_intro.setWordWrap(True)
        self.entries = EntryTicks()
        self.entries_intro.setBuddy(self.entries)
        self.no_entries = QLabel()  # what there is to do when there is nothing to tick
        self.no_entries.setWordWrap(True)
        for widget in (self.entries_intro, self.entries, self.no_entries):
            form.addRow(widget)
        box.addWidget(group)

        group, form = section(self.tr("Details"))
        self.reference = named(
            QLineEdit(),
            self.tr("Reference"),
            self.tr("Left empty: the most recent reference on the chosen entries, if any"),
        )
        self.reference.setPlaceholderText(self.tr("From the entries, if they have one"))
        self.date = DateField(self.tr("The letter's date"), "on")
        self.annex = named(
            QCheckBox(self.tr("Add a page of what the record shows")),
            self.tr("Add a page: what the record shows, and the rules it may engage"),
            self.tr(
                "A page after the letter: what the record shows, and the rules it may engage, "
                "with their sources"
            ),
        )
        form.addRow(buddy_label(self.tr("Reference"), self.reference), self.reference)
        form.addRow(buddy_label(self.tr("Date"), self.date.edit), self.date)
        form.addRow(self.annex)
        box.addWidget(group)
        box.addStretch(1)

        row = self.person.findData(person_id) if person_id else -1
        self.person.setCurrentIndex(max(row, 0))
        self.date.set_value(local(vault.now()).date())  # today, on this computer
        self.person.currentIndexChanged.connect(self.list_entries)
        self.kind.currentIndexChanged.connect(self.list_entries)
        self.entries.toggled.connect(self._ticked)
        self.reference.textChanged.connect(self._changed)
        self.date.changed.connect(self._changed)
        self.annex.toggled.connect(self._changed)
        self._quiet = False

    def controls(self) -> list[QWidget]:
        """The controls, in the order Tab reaches them."""
        return [self.person, self.kind, self.entries, self.reference, self.date.edit, self.annex]

    def chosen_kind(self) -> LetterKind:
        return LetterKind(self.kind.currentData())

    def chosen_person(self) -> str:
        return str(self.person.currentData() or "")

    def list_entries(self) -> None:
        """Another person or kind: list what fits it, and let the core tick its choice."""
        kind = self.chosen_kind()
        self.help.setText(kind_help(kind))
        self.help.setAccessibleName(self.help.text())
        self.kind.setAccessibleDescription(self.help.text())
        person = self.chosen_person()
        listed = candidates(self.vault, person, kind) if person else []
        self.entries.fill(listed)
        for widget, shown in (
            (self.entries, bool(listed)),
            (self.entries_intro, bool(listed)),
            (self.no_entries, not listed),
        ):
            widget.setVisible(shown)
        self.no_entries.setText(
            self.tr(
                "No complaint, subject access request or adjustment request of theirs is "
                "waiting for an answer."
            )
            if kind is LetterKind.CHASER
            else self.tr("No appointments of theirs are recorded yet.")
        )
        self._own_choice = False
        self._quiet = True
        try:
            self.annex.setChecked(annex_by_default(kind))
        finally:
            self._quiet = False
        self.annex.setEnabled(has_annex(kind))
        self.relaid.emit()
        self.changed.emit()

    def _ticked(self) -> None:
        self._own_choice = True
        self._changed()

    def _changed(self, *_args: object) -> None:
        if not self._quiet:
            self.changed.emit()

    def request(self) -> LetterRequest:
        """The letter as chosen now; InvalidInput if its date cannot be read."""
        kind = self.chosen_kind()
        return LetterRequest(
            kind=kind,
            person_id=self.chosen_person(),
            entry_ids=self.entries.ticked() if self._own_choice else None,
            on=self.date.value(),
            reference=self.reference.text().strip(),
            annex=self.annex.isChecked() if has_annex(kind) else None,
        )

    def composed(self, letter: Letter) -> None:
        """The core's letter for these choices: until the person ticks, show its choice."""
        if not self._own_choice:
            self.entries.tick(letter.entry_ids)
