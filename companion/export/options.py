"""What an export is for and what it leaves out: the same choices for every format."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.query import Selection


class Purpose(StrEnum):
    """Who the export is for; it sets the title and the wording."""

    MY_RECORDS = "my_records"
    COMPLAINT = "complaint"
    RECONSIDERATION = "reconsideration"
    APPEAL = "appeal"


class Mode(StrEnum):
    FULL = "full"
    CONCISE = "concise"  # at most four sides of A4: the summary and a short row per entry


class Redaction(StrEnum):
    """What can be left out. Removed values appear nowhere: not in the text, not in the log."""

    NI_NUMBER = "ni_number"
    STAFF_NAMES = "staff_names"
    THIRD_PARTIES = "third_parties"
    FREE_TEXT = "free_text"


class Part(StrEnum):
    """Parts of each entry that can be left out of a human-readable export."""

    PRIVACY = "privacy"
    ACCOUNT = "account"
    IMPACT = "impact"
    CORRECTIONS = "corrections"
    LETTERS = "letters"


_TITLES = {
    Purpose.MY_RECORDS: QT_TRANSLATE_NOOP("Purpose", "Record of appointments and letters"),
    Purpose.COMPLAINT: QT_TRANSLATE_NOOP("Purpose", "Record of appointments: privacy complaint"),
    Purpose.RECONSIDERATION: QT_TRANSLATE_NOOP(
        "Purpose", "Record of appointments: evidence for a mandatory reconsideration"
    ),
    Purpose.APPEAL: QT_TRANSLATE_NOOP("Purpose", "Record of appointments: evidence for an appeal"),
}
_INTROS = {
    Purpose.MY_RECORDS: QT_TRANSLATE_NOOP(
        "Purpose",
        "A dated record of appointments with the Department for Work and Pensions and its "
        "assessment providers. Each entry says when it happened and when it was written down.",
    ),
    Purpose.COMPLAINT: QT_TRANSLATE_NOOP(
        "Purpose",
        "This record supports a complaint about how privacy was handled at the appointments "
        "below. Each entry says when it happened and when it was written down.",
    ),
    Purpose.RECONSIDERATION: QT_TRANSLATE_NOOP(
        "Purpose",
        "This record is offered as evidence for a mandatory reconsideration. Each entry says "
        "when it happened and when it was written down.",
    ),
    Purpose.APPEAL: QT_TRANSLATE_NOOP(
        "Purpose",
        "This record is offered as evidence for an appeal to the tribunal. Each entry says "
        "when it happened and when it was written down.",
    ),
}
_LABELS = {
    Purpose.MY_RECORDS: QT_TRANSLATE_NOOP("Purpose", "My own records"),
    Purpose.COMPLAINT: QT_TRANSLATE_NOOP("Purpose", "A complaint"),
    Purpose.RECONSIDERATION: QT_TRANSLATE_NOOP("Purpose", "A mandatory reconsideration"),
    Purpose.APPEAL: QT_TRANSLATE_NOOP("Purpose", "A tribunal appeal"),
}


def title(purpose: Purpose) -> str:
    return translate("Purpose", _TITLES[purpose])


def intro(purpose: Purpose, kept_by: str) -> str:
    """The opening sentences, ending with who kept the record ("Kept by ...")."""
    return translate("Purpose", _INTROS[purpose]) + " " + kept_by


def purpose_label(purpose: Purpose) -> str:
    return translate("Purpose", _LABELS[purpose])


ATTESTATION = QT_TRANSLATE_NOOP(
    "Purpose", "I wrote these notes at the times shown and I believe them to be true."
)


@dataclass(frozen=True)
class ExportOptions:
    selection: Selection = field(default_factory=Selection)
    purpose: Purpose = Purpose.MY_RECORDS
    reference: str = ""
    mode: Mode = Mode.FULL
    redact: frozenset[Redaction] = frozenset()
    parts: frozenset[Part] = frozenset(Part)
    show_ni_number: bool = False
    attest_as: str | None = None  # a name, to add the attestation with a signature line
    # What the record shows, beside the rules it may engage: a section of the PDF and the
    # Markdown, off unless chosen (it is not advice, and not every reader wants it).
    rules_engaged: bool = False
    # (the keeper's, usually: their capacity is printed beside it)

    # Worked out once per export, not once per entry (the dataclass is frozen; a cached
    # property writes past that, into the instance's own dictionary).
    @cached_property
    def left_out(self) -> frozenset[Part]:
        return frozenset(Part) - self.parts

    @property
    def ni_shown(self) -> bool:
        """Whether this copy holds NI numbers: only when asked for, and not also left out."""
        return self.show_ni_number and Redaction.NI_NUMBER not in self.redact

    @cached_property
    def redactions(self) -> frozenset[Redaction]:
        """What is removed from every format: the choices made, and NI numbers unless shown."""
        return self.redact if self.ni_shown else self.redact | {Redaction.NI_NUMBER}
