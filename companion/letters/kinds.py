"""The kinds of letter the app drafts, their names, when to send each, and what sending one
adds to the record."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.model import EventKind


class LetterKind(StrEnum):
    ADJUSTMENT = "adjustment"
    COMPLAINT = "complaint"
    SAR = "sar"
    ICO = "ico"
    ICE = "ice"
    EVIDENCE = "evidence"
    CHASER = "chaser"


class LetterFormat(StrEnum):
    ODT = "odt"  # editable, in LibreOffice or Word
    PDF = "pdf"


_LABELS = {
    LetterKind.ADJUSTMENT: QT_TRANSLATE_NOOP("Letters", "Reasonable-adjustment request"),
    LetterKind.COMPLAINT: QT_TRANSLATE_NOOP("Letters", "Complaint about privacy at appointments"),
    LetterKind.SAR: QT_TRANSLATE_NOOP("Letters", "Subject access request"),
    LetterKind.ICO: QT_TRANSLATE_NOOP("Letters", "Data-protection complaint to the ICO"),
    LetterKind.ICE: QT_TRANSLATE_NOOP("Letters", "Referral to the Independent Case Examiner"),
    LetterKind.EVIDENCE: QT_TRANSLATE_NOOP(
        "Letters", "Evidence summary for a reconsideration or appeal"
    ),
    LetterKind.CHASER: QT_TRANSLATE_NOOP("Letters", "Chaser for an overdue reply"),
}

_HELP = {
    LetterKind.ADJUSTMENT: QT_TRANSLATE_NOOP(
        "Letters",
        "Send it before an appointment to ask for a private room, to record the interview, "
        "or a phone or home appointment.",
    ),
    LetterKind.COMPLAINT: QT_TRANSLATE_NOOP(
        "Letters",
        "Send it to DWP or the assessment provider when privacy was not respected at appointments.",
    ),
    LetterKind.SAR: QT_TRANSLATE_NOOP(
        "Letters",
        "Send it to ask for the assessment report, the audio recording and the notes kept "
        "about appointments.",
    ),
    LetterKind.ICO: QT_TRANSLATE_NOOP(
        "Letters",
        "Send it to the Information Commissioner's Office once the organisation has had its "
        "chance to answer a complaint about personal data.",
    ),
    LetterKind.ICE: QT_TRANSLATE_NOOP(
        "Letters",
        "Send it to the Independent Case Examiner once DWP has given its final response to "
        "a complaint.",
    ),
    LetterKind.EVIDENCE: QT_TRANSLATE_NOOP(
        "Letters",
        "Attach it to a mandatory reconsideration or an appeal: the appointments, and what "
        "the record shows.",
    ),
    LetterKind.CHASER: QT_TRANSLATE_NOOP(
        "Letters",
        "Send it when a complaint, a subject access request or an adjustment request has had "
        "no answer.",
    ),
}

# What logging a letter as sent adds to the record. A complaint and a subject access request
# start a clock (companion/chronology.py); the others are steps without one. An evidence
# summary goes with another letter, so logging it adds nothing; a chaser is logged as
# "another letter or event", which starts no clock.
SENT_KIND: dict[LetterKind, EventKind | None] = {
    LetterKind.ADJUSTMENT: EventKind.ADJUSTMENT_REQUESTED,
    LetterKind.COMPLAINT: EventKind.COMPLAINT_SENT,
    LetterKind.SAR: EventKind.SAR_SENT,
    LetterKind.ICO: EventKind.ICO_COMPLAINT,
    LetterKind.ICE: EventKind.ICE_REFERRAL,
    LetterKind.EVIDENCE: None,
    LetterKind.CHASER: EventKind.OTHER,
}

# The kinds that may carry the annex "What the record shows, and the rules it may engage",
# and whether they do unless told otherwise.
ANNEX_DEFAULT: dict[LetterKind, bool] = {
    LetterKind.COMPLAINT: False,
    LetterKind.ICO: False,
    LetterKind.ICE: False,
    LetterKind.EVIDENCE: True,
}

# The requests a chaser can follow up.
CHASED = (EventKind.COMPLAINT_SENT, EventKind.SAR_SENT, EventKind.ADJUSTMENT_REQUESTED)


def kind_label(kind: LetterKind) -> str:
    """The letter's name, like "Reasonable-adjustment request"."""
    return translate("Letters", _LABELS[kind])


def kind_help(kind: LetterKind) -> str:
    """One plain sentence: when to send it."""
    return translate("Letters", _HELP[kind])


def has_annex(kind: LetterKind) -> bool:
    """Whether this kind of letter can carry the annex of findings and rules."""
    return kind in ANNEX_DEFAULT
