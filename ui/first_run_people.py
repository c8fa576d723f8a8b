"""Set-up's last two pages: who keeps the records, and whose appointments come first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWizardPage,
)

from companion.errors import CompanionError, InvalidInput
from companion.messages import describe
from companion.model import Keeper, Person, Relationship, Role
from ui.keeper_fields import KeeperFields
from ui.widgets import EnumCombo, message_line, named, paragraph
from ui.window_size import scrolling

if TYPE_CHECKING:
    from ui.first_run import FirstRunWizard


class KeeperPage(QWizardPage):
    """Who keeps these records: saved as the vault's keeper, printed on every export."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Who keeps these records?"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        box.addWidget(paragraph(self.tr("That is you: the person using this app.")))
        self.fields = KeeperFields()
        self.fields.changed.connect(lambda: self.completeChanged.emit())
        box.addWidget(self.fields)
        self.message = message_line()
        box.addWidget(self.message)
        box.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        self.fields.name.setFocus()

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return self.fields.has_name()

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        vault = self._wizard.vault
        if vault is None:
            return False
        kept = vault.keeper()  # there already if they came back to this page
        keeper = self.fields.value(kept.record if kept else None)
        try:
            vault.save(keeper)
        except CompanionError as exc:
            self.message.setText(describe(exc))
            if isinstance(exc, InvalidInput):
                self.fields.show_problem(exc)
            return False
        self.message.clear()
        return True

    def keeper(self) -> Keeper | None:
        vault = self._wizard.vault
        kept = vault.keeper() if vault is not None else None
        return kept.record if kept else None


class FirstPersonPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Whose appointments will you record first?"))
        box = scrolling(self)  # scrolls inside the page when the text is big
        box.addWidget(paragraph(self.tr("You can add more people later.")))
        self.me = named(QRadioButton(self.tr("My own")), self.tr("My own appointments"))
        self.other = named(
            QRadioButton(self.tr("Someone I look after")), self.tr("Someone I look after")
        )
        self.me.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.me)
        group.addButton(self.other)
        box.addWidget(self.me)
        box.addWidget(self.other)
        self.name_label = QLabel()
        self.name = named(QLineEdit(), self.tr("Name"))
        self.name_label.setBuddy(self.name)
        box.addWidget(self.name_label)
        box.addWidget(self.name)
        relation_label = QLabel(self.tr("Who are they to you?"))
        self.relationship = EnumCombo(Relationship, self.tr("Who they are to you"), optional=False)
        relation_label.setBuddy(self.relationship)
        role_label = QLabel(self.tr("Your role for them"))
        self.role = EnumCombo(Role, self.tr("Your role for them"), optional=False)
        role_label.setBuddy(self.role)
        for widget in (relation_label, self.relationship, role_label, self.role):
            box.addWidget(widget)
        self.message = message_line()
        box.addWidget(self.message)
        box.addStretch(1)
        self.me.toggled.connect(self._mine)
        self.name.textChanged.connect(lambda _text: self.completeChanged.emit())
        self._offered = ""  # the keeper's name, when it was put in the name box for them
        self._mine(True)

    def _keeper_name(self) -> str:
        keeper = self._wizard.keeper_page.keeper()
        return keeper.name if keeper else ""

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        self._offer_name(self.me.isChecked())

    def _mine(self, mine: bool) -> None:
        self.relationship.set_value(Relationship.SELF if mine else Relationship.CHILD)
        self.role.set_value(Role.CLAIMANT if mine else Role.OFFICIAL_APPOINTEE)
        self.relationship.setEnabled(not mine)
        self._offer_name(mine)

    def _offer_name(self, mine: bool) -> None:
        """Someone recording their own claim has just typed their name: offer it (they can
        change it); someone recording another's starts with an empty box."""
        typed = self.name.text().strip()
        untouched = not typed or typed == self._offered
        self._offered = self._keeper_name() if mine else ""
        if untouched:
            self.name.setText(self._offered)
        self.name_label.setText(
            self.tr("Your name, as you want it shown")
            if mine
            else self.tr("Their name, as you want it shown")
        )

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return bool(self.name.text().strip())

    def nextId(self) -> int:  # noqa: N802 (Qt naming)
        return -1  # the last page of setting up

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        vault = self._wizard.vault
        if vault is None:
            return False
        person = Person(
            self.name.text(),
            relationship=self.relationship.value(),  # type: ignore[arg-type]
            role=self.role.value(),
        )  # type: ignore[arg-type]
        try:
            vault.save(person)
        except CompanionError as exc:
            self.message.setText(describe(exc))
            return False
        return True
