"""The pages of the hand-over window (ui/handover_dialog.py): where to save the new vault and
its passphrase; the work being done; its recovery key, shown once; and the choice to erase
the person from these records, which needs their name typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.passphrase_fields import PassphraseFields
from ui.recovery_panel import RecoveryPanel
from ui.widgets import buddy_label, named, paragraph
from ui.window_size import scrolling


def _label(text: str, buddy: QWidget) -> QLabel:
    """A question's words, wrapped at a big text size rather than cut off."""
    label = buddy_label(text, buddy)
    label.setWordWrap(True)
    return label


class Page(QWidget):
    """A page whose words scroll inside it, with its buttons below them."""

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.body = scrolling(self, outer)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        outer.addLayout(self.buttons)
        self.default: QPushButton | None = None

    def button(self, text: str, name: str, *, default: bool = False) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAutoDefault(False)
        self.buttons.addWidget(button)
        if default:
            self.default = button
        return button


class ChoosePage(Page):
    """Where the new vault goes, its passphrase, and who will keep it."""

    def __init__(self, name: str, personal: list[str]) -> None:
        super().__init__()
        self.body.addWidget(
            paragraph(
                self.tr(
                    "This makes a new vault holding the records of {name} and nobody else: "
                    "{name}, their appointments, letters and events, every correction with the "
                    "time it was written, and a first note saying where they came from and "
                    "when. It has its own passphrase and its own recovery key, for {name} "
                    "alone. Your own records are not changed."
                ).format(name=name)
            )
        )
        self.place = named(
            QLineEdit(),
            self.tr("Where to save the new vault"),
            self.tr("A new file: on a USB stick, or in a folder of their own"),
        )
        self.choose = named(
            QPushButton(self.tr("Choose…")), self.tr("Choose where to save the new vault")
        )
        self.choose.setAutoDefault(False)
        self.body.addWidget(_label(self.tr("Save the new vault as"), self.place))
        row = QHBoxLayout()
        row.addWidget(self.place, 1)
        row.addWidget(self.choose)
        self.body.addLayout(row)
        self.body.addWidget(
            paragraph(
                self.tr(
                    "Its passphrase: choose it with {name}, or let them type it. It must not "
                    "be the one that opens your records."
                ).format(name=name)
            )
        )
        self.fields = PassphraseFields(personal)
        self.body.addWidget(self.fields)
        self.keeper = named(
            QLineEdit(name),
            self.tr("Who will keep the new records"),
            self.tr("Printed on the new vault's exports; leave it empty to name them later"),
        )
        self.body.addWidget(_label(self.tr("Who will keep the new records"), self.keeper))
        self.body.addWidget(self.keeper)
        self.copy_keeper = named(
            QCheckBox(self.tr("I will go on keeping them")),
            self.tr("I will go on keeping the new records: copy my name and details into it"),
        )
        self.copy_keeper.toggled.connect(lambda on: self.keeper.setEnabled(not on))
        self.body.addWidget(self.copy_keeper)
        self.body.addWidget(
            paragraph(
                self.tr(
                    "Tick this only if you will keep the new vault's records yourself: your "
                    "name and details are then copied into it. Otherwise {name} is recorded "
                    "there as the claimant, keeping their own records."
                ).format(name=name)
            )
        )
        self.body.addStretch(1)
        self.cancel = self.button(self.tr("Cancel"), self.tr("Cancel: hand nothing over"))
        self.start = self.button(
            self.tr("Hand over"), self.tr("Make the new vault and hand the records over"),
            default=True,
        )  # fmt: skip


class WorkingPage(Page):
    """The new vault is being made and checked, off the window's thread."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.body.addWidget(
            paragraph(self.tr("Making {name}'s vault and checking it…").format(name=name))
        )
        self.busy = named(QProgressBar(), self.tr("Making the new vault"))
        self.busy.setRange(0, 0)
        self.body.addWidget(self.busy)
        self.body.addStretch(1)

    def moved(self, done: int, total: int) -> None:
        self.busy.setRange(0, max(total, 1))
        self.busy.setValue(done)


class KeyPage(Page):
    """The new vault's recovery key, shown once, with Print and Save as PDF."""

    def __init__(self, name: str, made_at) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.done_text = paragraph("")
        self.body.addWidget(self.done_text)
        self.panel = RecoveryPanel(made_at)
        intro = self.panel.layout().itemAt(0).widget()
        if isinstance(intro, QLabel):  # the set-up's words are to the key's owner; these to you
            intro.setText(
                self.tr(
                    "This is the recovery key of the new vault for {name}. If the passphrase is "
                    "ever forgotten, it is the only way back in. It is shown only now: print it "
                    "or save it for {name}, to keep somewhere safe."
                ).format(name=name)
            )
        self.panel.kept_box.setText(self.tr("I have printed or saved this key for {name}").format(
            name=name
        ))  # fmt: skip
        self.panel.kept_box.setAccessibleName(self.panel.kept_box.text())
        self.body.addWidget(self.panel)
        self.next = self.button(self.tr("Next"), self.tr("Next: the key is kept"), default=True)
        self.next.setEnabled(False)
        self.panel.kept.connect(self.next.setEnabled)


class ErasePage(Page):
    """Erase the person from these records too? Only with their name typed."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.body.addWidget(
            paragraph(
                self.tr(
                    "You can now also erase {name} and everything recorded for them from your "
                    "own records. This cannot be undone: afterwards only their new vault holds "
                    "them (and any backups or exports made before). Nothing is erased unless "
                    "you type their name below."
                ).format(name=name)
            )
        )
        self.confirm = named(
            QLineEdit(),
            self.tr("Type their name to erase them from your records"),
            self.tr("Their name exactly as it is shown; letter case does not matter"),
        )
        self.body.addWidget(
            _label(self.tr("Type their name to erase them from your records"), self.confirm)
        )
        self.body.addWidget(self.confirm)
        self.body.addStretch(1)
        self.erase = self.button(
            self.tr("Erase from my records"),
            self.tr("Erase them from my records, for good"),
        )
        self.erase.setEnabled(False)
        self.finish = self.button(
            self.tr("Finish without erasing"),
            self.tr("Finish without erasing them from my records"),
            default=True,
        )


class FinishedPage(Page):
    def __init__(self) -> None:
        super().__init__()
        self.text = paragraph("")
        self.body.addWidget(self.text)
        self.body.addStretch(1)
        self.close_button = self.button(self.tr("Close"), self.tr("Close"), default=True)
