"""Human labels for every enum value: the one place they are written.

Labels are marked with QT_TRANSLATE_NOOP so Qt's tools can collect them for
translation; `label()` translates at the moment of showing. The English
source text is also accepted when importing a spreadsheet.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from companion.model import (
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    AppointmentKind,
    Benefit,
    Channel,
    Conduct,
    EventKind,
    Language,
    Layout,
    Listener,
    Noise,
    RecordedBy,
    Region,
    Relationship,
    Role,
    StaffLocation,
    Status,
    Topic,
)

CONTEXT = "Label"
E = TypeVar("E", bound=Enum)


_PAIRS: list[tuple[Enum, str]] = [
    (Relationship.SELF, QT_TRANSLATE_NOOP("Label", "Me")),
    (Relationship.CHILD, QT_TRANSLATE_NOOP("Label", "My child")),
    (Relationship.PARENT, QT_TRANSLATE_NOOP("Label", "My parent")),
    (Relationship.PARTNER, QT_TRANSLATE_NOOP("Label", "My partner")),
    (Relationship.OTHER, QT_TRANSLATE_NOOP("Label", "Someone else")),
    (Role.CLAIMANT, QT_TRANSLATE_NOOP("Label", "Claimant (my own claim)")),
    (Role.OFFICIAL_APPOINTEE, QT_TRANSLATE_NOOP("Label", "Official appointee")),
    (Role.INFORMAL_HELPER, QT_TRANSLATE_NOOP("Label", "Informal helper")),
    (Role.POWER_OF_ATTORNEY, QT_TRANSLATE_NOOP("Label", "Power of attorney")),
    (Benefit.UNIVERSAL_CREDIT, QT_TRANSLATE_NOOP("Label", "Universal Credit")),
    (Benefit.PIP, QT_TRANSLATE_NOOP("Label", "Personal Independence Payment (PIP)")),
    (Benefit.ESA, QT_TRANSLATE_NOOP("Label", "Employment and Support Allowance (ESA)")),
    (Benefit.JSA, QT_TRANSLATE_NOOP("Label", "Jobseeker's Allowance (JSA)")),
    (Benefit.DLA, QT_TRANSLATE_NOOP("Label", "Disability Living Allowance (DLA)")),
    (
        Benefit.ADULT_DISABILITY_PAYMENT,
        QT_TRANSLATE_NOOP("Label", "Adult Disability Payment (Scotland)"),
    ),
    (Benefit.ATTENDANCE_ALLOWANCE, QT_TRANSLATE_NOOP("Label", "Attendance Allowance")),
    (Benefit.CARERS_ALLOWANCE, QT_TRANSLATE_NOOP("Label", "Carer's Allowance")),
    (Benefit.PENSION_CREDIT, QT_TRANSLATE_NOOP("Label", "Pension Credit")),
    (Benefit.OTHER, QT_TRANSLATE_NOOP("Label", "Another benefit")),
    (Language.ENGLISH, QT_TRANSLATE_NOOP("Label", "English")),
    (Language.WELSH, QT_TRANSLATE_NOOP("Label", "Welsh")),
    (Language.OTHER, QT_TRANSLATE_NOOP("Label", "Another language")),
    (Region.ENGLAND_AND_WALES, QT_TRANSLATE_NOOP("Label", "England and Wales")),
    (Region.SCOTLAND, QT_TRANSLATE_NOOP("Label", "Scotland")),
    (Region.NORTHERN_IRELAND, QT_TRANSLATE_NOOP("Label", "Northern Ireland")),
    (AppointmentKind.PIP_ASSESSMENT, QT_TRANSLATE_NOOP("Label", "PIP assessment")),
    (
        AppointmentKind.WORK_CAPABILITY_ASSESSMENT,
        QT_TRANSLATE_NOOP("Label", "Work Capability Assessment"),
    ),
    (
        AppointmentKind.DISABILITY_EXAMINATION,
        QT_TRANSLATE_NOOP("Label", "Medical examination for DLA, Attendance Allowance or ADP"),
    ),
    (AppointmentKind.WORK_FOCUSED_INTERVIEW, QT_TRANSLATE_NOOP("Label", "Work-focused interview")),
    (AppointmentKind.WORK_SEARCH_REVIEW, QT_TRANSLATE_NOOP("Label", "Work search review")),
    (
        AppointmentKind.HEALTH_AND_WORK_CONVERSATION,
        QT_TRANSLATE_NOOP("Label", "Health and Work Conversation"),
    ),
    (AppointmentKind.COMPLIANCE_INTERVIEW, QT_TRANSLATE_NOOP("Label", "Compliance interview")),
    (AppointmentKind.JOBCENTRE_OTHER, QT_TRANSLATE_NOOP("Label", "Other jobcentre appointment")),
    (
        AppointmentKind.ADP_CONSULTATION,
        QT_TRANSLATE_NOOP("Label", "Adult Disability Payment consultation"),
    ),
    (AppointmentKind.PHONE_CALL, QT_TRANSLATE_NOOP("Label", "Phone call from DWP")),
    (AppointmentKind.OTHER, QT_TRANSLATE_NOOP("Label", "Something else")),
    (Channel.IN_PERSON, QT_TRANSLATE_NOOP("Label", "In person")),
    (Channel.HOME_VISIT, QT_TRANSLATE_NOOP("Label", "Home visit")),
    (Channel.TELEPHONE, QT_TRANSLATE_NOOP("Label", "Telephone")),
    (Channel.VIDEO, QT_TRANSLATE_NOOP("Label", "Video call")),
    (Channel.PAPER, QT_TRANSLATE_NOOP("Label", "Paper review")),
    (Layout.OPEN_PLAN, QT_TRANSLATE_NOOP("Label", "Open plan")),
    (Layout.BOOTH, QT_TRANSLATE_NOOP("Label", "Booth or screened desk")),
    (Layout.CORRIDOR, QT_TRANSLATE_NOOP("Label", "Corridor or waiting area")),
    (Layout.PRIVATE_ROOM, QT_TRANSLATE_NOOP("Label", "Private room")),
    (Layout.OTHER, QT_TRANSLATE_NOOP("Label", "Somewhere else")),
    (StaffLocation.OFFICE, QT_TRANSLATE_NOOP("Label", "In an office")),
    (StaffLocation.HOMEWORKING, QT_TRANSLATE_NOOP("Label", "Working from home")),
    (StaffLocation.UNKNOWN, QT_TRANSLATE_NOOP("Label", "Not known")),
    (Answer.YES, QT_TRANSLATE_NOOP("Label", "Yes")),
    (Answer.NO, QT_TRANSLATE_NOOP("Label", "No")),
    (Answer.NOT_SURE, QT_TRANSLATE_NOOP("Label", "Not sure")),
    (Listener.OTHER_CLAIMANTS, QT_TRANSLATE_NOOP("Label", "Other claimants")),
    (Listener.STAFF, QT_TRANSLATE_NOOP("Label", "Other staff")),
    (Listener.SECURITY, QT_TRANSLATE_NOOP("Label", "Security guards")),
    (Listener.CHILDREN, QT_TRANSLATE_NOOP("Label", "Children")),
    (Listener.MEMBERS_OF_PUBLIC, QT_TRANSLATE_NOOP("Label", "Members of the public")),
    (Listener.PEOPLE_AT_STAFF_END, QT_TRANSLATE_NOOP("Label", "People at the staff member's end")),
    (Listener.OTHER, QT_TRANSLATE_NOOP("Label", "Someone else")),
    (Noise.CHILDREN, QT_TRANSLATE_NOOP("Label", "Children")),
    (Noise.OTHER_ADULTS, QT_TRANSLATE_NOOP("Label", "Other adults")),
    (Noise.TV_OR_RADIO, QT_TRANSLATE_NOOP("Label", "TV or radio")),
    (Noise.LAUGHTER, QT_TRANSLATE_NOOP("Label", "Laughter")),
    (Noise.PHONE_ANSWERED, QT_TRANSLATE_NOOP("Label", "A phone answered")),
    (Noise.OTHER, QT_TRANSLATE_NOOP("Label", "Other noise")),
    (Topic.HEALTH, QT_TRANSLATE_NOOP("Label", "Health or diagnoses")),
    (Topic.MENTAL_HEALTH, QT_TRANSLATE_NOOP("Label", "Mental health")),
    (Topic.MEDICATION, QT_TRANSLATE_NOOP("Label", "Medication")),
    (Topic.NI_NUMBER, QT_TRANSLATE_NOOP("Label", "National Insurance number")),
    (Topic.ADDRESS, QT_TRANSLATE_NOOP("Label", "Address")),
    (Topic.MONEY, QT_TRANSLATE_NOOP("Label", "Money")),
    (Topic.FAMILY, QT_TRANSLATE_NOOP("Label", "Family")),
    (Topic.OTHER, QT_TRANSLATE_NOOP("Label", "Something else private")),
    (RecordedBy.NOT_RECORDED, QT_TRANSLATE_NOOP("Label", "Nobody recorded it")),
    (RecordedBy.ME, QT_TRANSLATE_NOOP("Label", "I recorded it")),
    (RecordedBy.PROVIDER, QT_TRANSLATE_NOOP("Label", "They recorded it")),
    (RecordedBy.BOTH, QT_TRANSLATE_NOOP("Label", "Both of us recorded it")),
    (RecordedBy.NOT_SURE, QT_TRANSLATE_NOOP("Label", "Not sure")),
    (AdjustmentKind.PRIVATE_ROOM, QT_TRANSLATE_NOOP("Label", "A private room")),
    (AdjustmentKind.RECORDING, QT_TRANSLATE_NOOP("Label", "Recording the appointment")),
    (AdjustmentKind.PHONE_INSTEAD, QT_TRANSLATE_NOOP("Label", "A phone appointment instead")),
    (AdjustmentKind.HOME_VISIT, QT_TRANSLATE_NOOP("Label", "A home visit")),
    (AdjustmentKind.SOMEONE_WITH_ME, QT_TRANSLATE_NOOP("Label", "Someone with me")),
    (AdjustmentKind.EXTRA_TIME, QT_TRANSLATE_NOOP("Label", "Extra time")),
    (AdjustmentKind.BREAKS, QT_TRANSLATE_NOOP("Label", "Breaks")),
    (AdjustmentKind.WRITTEN_QUESTIONS, QT_TRANSLATE_NOOP("Label", "Questions in writing")),
    (AdjustmentKind.OTHER, QT_TRANSLATE_NOOP("Label", "Another adjustment")),
    (AdjustmentOutcome.AGREED, QT_TRANSLATE_NOOP("Label", "Agreed")),
    (AdjustmentOutcome.PARTLY_AGREED, QT_TRANSLATE_NOOP("Label", "Partly agreed")),
    (AdjustmentOutcome.REFUSED, QT_TRANSLATE_NOOP("Label", "Refused")),
    (AdjustmentOutcome.NO_ANSWER, QT_TRANSLATE_NOOP("Label", "No answer")),
    (EventKind.DECISION_LETTER, QT_TRANSLATE_NOOP("Label", "Decision letter")),
    (EventKind.MR_REQUESTED, QT_TRANSLATE_NOOP("Label", "Mandatory reconsideration asked for")),
    (EventKind.MR_NOTICE, QT_TRANSLATE_NOOP("Label", "Mandatory reconsideration notice")),
    (EventKind.APPEAL_LODGED, QT_TRANSLATE_NOOP("Label", "Appeal sent to the tribunal")),
    (EventKind.DWP_RESPONSE, QT_TRANSLATE_NOOP("Label", "DWP's response to the appeal")),
    (EventKind.HEARING, QT_TRANSLATE_NOOP("Label", "Tribunal hearing")),
    (EventKind.ADJOURNMENT, QT_TRANSLATE_NOOP("Label", "Hearing adjourned")),
    (EventKind.TRIBUNAL_DECISION, QT_TRANSLATE_NOOP("Label", "Tribunal decision")),
    (EventKind.COMPLAINT_SENT, QT_TRANSLATE_NOOP("Label", "Complaint sent")),
    (EventKind.REPLY_RECEIVED, QT_TRANSLATE_NOOP("Label", "Reply received")),
    (EventKind.FINAL_RESPONSE, QT_TRANSLATE_NOOP("Label", "Final response to a complaint")),
    (EventKind.SAR_SENT, QT_TRANSLATE_NOOP("Label", "Subject access request sent")),
    (EventKind.SAR_ANSWERED, QT_TRANSLATE_NOOP("Label", "Subject access request answered")),
    (
        EventKind.ICE_REFERRAL,
        QT_TRANSLATE_NOOP("Label", "Referral to the Independent Case Examiner"),
    ),
    (EventKind.ICE_OUTCOME, QT_TRANSLATE_NOOP("Label", "Independent Case Examiner's outcome")),
    (EventKind.ICO_COMPLAINT, QT_TRANSLATE_NOOP("Label", "Complaint to the ICO")),
    (EventKind.ICO_OUTCOME, QT_TRANSLATE_NOOP("Label", "ICO's outcome")),
    (EventKind.ADJUSTMENT_REQUESTED, QT_TRANSLATE_NOOP("Label", "Reasonable adjustment asked for")),
    (EventKind.ADJUSTMENT_ANSWERED, QT_TRANSLATE_NOOP("Label", "Answer to an adjustment request")),
    (EventKind.HANDED_OVER, QT_TRANSLATE_NOOP("Label", "Records handed over")),
    (EventKind.OTHER, QT_TRANSLATE_NOOP("Label", "Another letter or event")),
    (Status.HELD, QT_TRANSLATE_NOOP("Label", "It went ahead")),
    (Status.MOVED, QT_TRANSLATE_NOOP("Label", "It was moved to another day or time")),
    (Status.CANCELLED, QT_TRANSLATE_NOOP("Label", "It was cancelled")),
    (Status.NOT_HELD, QT_TRANSLATE_NOOP("Label", "It did not happen (nobody came or called)")),
    (Conduct.RAISED_VOICE, QT_TRANSLATE_NOOP("Label", "Raised their voice or shouted")),
    (Conduct.TOLD_TO_BE_QUIET, QT_TRANSLATE_NOOP("Label", "Told them to be quiet")),
    (
        Conduct.THREATENED_BENEFIT,
        QT_TRANSLATE_NOOP("Label", 'Threatened their benefit ("you\'ll get nothing")'),
    ),
    (Conduct.DISMISSIVE, QT_TRANSLATE_NOOP("Label", "Rude or dismissive")),
    (Conduct.LAUGHED_AT, QT_TRANSLATE_NOOP("Label", "Laughed at them")),
    (Conduct.RUSHED, QT_TRANSLATE_NOOP("Label", "Rushed them or cut them off")),
    (Conduct.OTHER, QT_TRANSLATE_NOOP("Label", "Something else")),
]

# Keyed by class and value: StrEnum members equal their strings, so
# Listener.OTHER and Benefit.OTHER would otherwise be the same key.
LABELS: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _PAIRS}


def label(value: Enum) -> str:
    """The label for an enum value, in the current interface language."""
    return QCoreApplication.translate(CONTEXT, LABELS[type(value), value.value])


def source_label(value: Enum) -> str:
    """The English label, as written in this file (used to read spreadsheets)."""
    return LABELS[type(value), value.value]


def parse_enum(cls: type[E], text: str) -> E | None:
    """Read an enum from its stored value or its English label, ignoring case and spacing."""
    wanted = " ".join(text.replace("_", " ").split()).casefold()
    for member in cls:
        english = LABELS.get((cls, member.value), member.value)  # some choices have no label
        if wanted in (member.value.replace("_", " ").casefold(), english.casefold()):
            return member
    return None


_FIELDS: dict[str, str] = {
    "display_name": QT_TRANSLATE_NOOP("Field", "Name"),
    "relationship": QT_TRANSLATE_NOOP("Field", "Who they are to you"),
    "role": QT_TRANSLATE_NOOP("Field", "Your role"),
    "benefits": QT_TRANSLATE_NOOP("Field", "Benefits"),
    "ni_number": QT_TRANSLATE_NOOP("Field", "National Insurance number"),
    "preferred_language": QT_TRANSLATE_NOOP("Field", "Preferred language"),
    "region": QT_TRANSLATE_NOOP("Field", "Where they live"),
    "date": QT_TRANSLATE_NOOP("Field", "Date"),
    "time": QT_TRANSLATE_NOOP("Field", "Time"),
    "duration_minutes": QT_TRANSLATE_NOOP("Field", "How long (minutes)"),
    "status": QT_TRANSLATE_NOOP("Field", "Did it go ahead"),
    "moved_to": QT_TRANSLATE_NOOP("Field", "Moved to"),
    "companions": QT_TRANSLATE_NOOP("Field", "Who came with them"),
    "kind": QT_TRANSLATE_NOOP("Field", "Kind"),
    "benefit": QT_TRANSLATE_NOOP("Field", "Benefit"),
    "organisation": QT_TRANSLATE_NOOP("Field", "Organisation"),
    "channel": QT_TRANSLATE_NOOP("Field", "How it took place"),
    "location": QT_TRANSLATE_NOOP("Field", "Place"),
    "layout": QT_TRANSLATE_NOOP("Field", "Where exactly"),
    "staff_name": QT_TRANSLATE_NOOP("Field", "Staff member's name"),
    "staff_role": QT_TRANSLATE_NOOP("Field", "Staff member's role"),
    "staff_name_given": QT_TRANSLATE_NOOP("Field", "Did they give their name"),
    "staff_location": QT_TRANSLATE_NOOP("Field", "Where the staff member was"),
    "staff_stated_location": QT_TRANSLATE_NOOP("Field", "What they said about where they were"),
    "private_room_requested": QT_TRANSLATE_NOOP("Field", "Private room asked for"),
    "private_room_offered": QT_TRANSLATE_NOOP("Field", "Private room offered"),
    "private_room_used": QT_TRANSLATE_NOOP("Field", "Private room used"),
    "private_room_refused_by": QT_TRANSLATE_NOOP("Field", "Who refused the private room"),
    "private_room_refusal_reason": QT_TRANSLATE_NOOP("Field", "Reason given for refusing"),
    "in_earshot": QT_TRANSLATE_NOOP("Field", "Who could hear"),
    "in_earshot_count": QT_TRANSLATE_NOOP("Field", "How many could hear"),
    "in_earshot_notes": QT_TRANSLATE_NOOP("Field", "More about who could hear"),
    "background_noise": QT_TRANSLATE_NOOP("Field", "Heard at the staff member's end"),
    "background_noise_notes": QT_TRANSLATE_NOOP("Field", "More about what was heard"),
    "staff_said_alone": QT_TRANSLATE_NOOP("Field", "They said they were alone"),
    "staff_said_headphones": QT_TRANSLATE_NOOP("Field", "They said they wore headphones"),
    "staff_said_private": QT_TRANSLATE_NOOP("Field", "They said nobody else could hear"),
    "said_aloud_answer": QT_TRANSLATE_NOOP("Field", "Private things said aloud"),
    "said_aloud": QT_TRANSLATE_NOOP("Field", "Said aloud"),
    "said_aloud_notes": QT_TRANSLATE_NOOP("Field", "More about what was said aloud"),
    "refused_aloud": QT_TRANSLATE_NOOP("Field", "Asked to say aloud, and would not"),
    "declined_to_disclose": QT_TRANSLATE_NOOP("Field", "Chose not to tell them"),
    "recording_requested": QT_TRANSLATE_NOOP("Field", "Asked to record"),
    "recording_allowed": QT_TRANSLATE_NOOP("Field", "Recording allowed"),
    "recorded_by": QT_TRANSLATE_NOOP("Field", "Who recorded it"),
    "adjustments": QT_TRANSLATE_NOOP("Field", "Adjustments asked for"),
    "language_requested": QT_TRANSLATE_NOOP("Field", "Language asked for"),
    "language": QT_TRANSLATE_NOOP("Field", "Language it was held in"),
    "conduct": QT_TRANSLATE_NOOP("Field", "How the staff member behaved"),
    "conduct_quotes": QT_TRANSLATE_NOOP("Field", "What they said, word for word"),
    "account": QT_TRANSLATE_NOOP("Field", "What happened"),
    "impact": QT_TRANSLATE_NOOP("Field", "How it affected them"),
    "distress": QT_TRANSLATE_NOOP("Field", "Distress (0 to 10)"),
    "complaint_reference": QT_TRANSLATE_NOOP("Field", "Complaint reference"),
    "mr_requested": QT_TRANSLATE_NOOP("Field", "Mandatory reconsideration asked for"),
    "received_on": QT_TRANSLATE_NOOP("Field", "Received on"),
    "reference": QT_TRANSLATE_NOOP("Field", "Reference"),
    "summary": QT_TRANSLATE_NOOP("Field", "What it says"),
    "award": QT_TRANSLATE_NOOP("Field", "What was awarded"),
    "name": QT_TRANSLATE_NOOP("Field", "Name"),
    "address": QT_TRANSLATE_NOOP("Field", "Address"),
    "phone": QT_TRANSLATE_NOOP("Field", "Phone"),
    "email": QT_TRANSLATE_NOOP("Field", "Email"),
    "notes": QT_TRANSLATE_NOOP("Field", "Notes"),
}


def field_label(name: str) -> str:
    """A record field's name as people say it."""
    return QCoreApplication.translate("Field", _FIELDS[name])


# Organisations people meet, offered as suggestions (free text is always allowed).
# Assessment providers under the Health Assessment Advisory Service from
# September 2024 (shared/domain/FACTS.md), and the bodies for Scotland and
# Northern Ireland.
ORGANISATIONS = (
    "DWP",
    "Jobcentre Plus",
    "Maximus",
    "Capita",
    "Serco",
    "Ingeus",
    "Atos (IAS)",
    "Social Security Scotland",
    "Department for Communities",
)
