"""The records a vault holds: people, appointments and events.

Enum values are stable strings written to disk and to exports; never rename
one. Their human labels live in companion/labels.py. A field left at its
default (None, "" or an empty tuple) means "not recorded", which is different
from a recorded "no".
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


def new_id() -> str:
    """A fresh random record id (UUID4 as 32 hex characters)."""
    return uuid.uuid4().hex


class Relationship(StrEnum):
    """Who the person is to the vault's owner."""

    SELF = "self"
    CHILD = "child"
    PARENT = "parent"
    PARTNER = "partner"
    OTHER = "other"


class Role(StrEnum):
    """The vault owner's role for this person."""

    CLAIMANT = "claimant"
    OFFICIAL_APPOINTEE = "official_appointee"
    INFORMAL_HELPER = "informal_helper"
    POWER_OF_ATTORNEY = "power_of_attorney"


class Benefit(StrEnum):
    UNIVERSAL_CREDIT = "universal_credit"
    PIP = "pip"
    ESA = "esa"
    JSA = "jsa"
    DLA = "dla"
    ADULT_DISABILITY_PAYMENT = "adult_disability_payment"
    ATTENDANCE_ALLOWANCE = "attendance_allowance"
    CARERS_ALLOWANCE = "carers_allowance"
    PENSION_CREDIT = "pension_credit"
    OTHER = "other"


class Language(StrEnum):
    ENGLISH = "english"
    WELSH = "welsh"
    OTHER = "other"


class Region(StrEnum):
    """Benefit rules differ by nation; deadlines must not be applied across them silently."""

    ENGLAND_AND_WALES = "england_and_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


class AppointmentKind(StrEnum):
    PIP_ASSESSMENT = "pip_assessment"
    WORK_CAPABILITY_ASSESSMENT = "work_capability_assessment"
    DISABILITY_EXAMINATION = "disability_examination"  # DLA, Attendance Allowance or ADP
    WORK_FOCUSED_INTERVIEW = "work_focused_interview"
    WORK_SEARCH_REVIEW = "work_search_review"
    HEALTH_AND_WORK_CONVERSATION = "health_and_work_conversation"
    COMPLIANCE_INTERVIEW = "compliance_interview"
    JOBCENTRE_OTHER = "jobcentre_other"
    ADP_CONSULTATION = "adp_consultation"
    PHONE_CALL = "phone_call"
    OTHER = "other"


class Channel(StrEnum):
    IN_PERSON = "in_person"
    HOME_VISIT = "home_visit"
    TELEPHONE = "telephone"
    VIDEO = "video"
    PAPER = "paper"


class Layout(StrEnum):
    """Where an in-person conversation took place."""

    OPEN_PLAN = "open_plan"
    BOOTH = "booth"
    CORRIDOR = "corridor"
    PRIVATE_ROOM = "private_room"
    OTHER = "other"


class StaffLocation(StrEnum):
    OFFICE = "office"
    HOMEWORKING = "homeworking"
    UNKNOWN = "unknown"


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class Listener(StrEnum):
    """Who could hear the conversation."""

    OTHER_CLAIMANTS = "other_claimants"
    STAFF = "staff"
    SECURITY = "security"
    CHILDREN = "children"
    MEMBERS_OF_PUBLIC = "members_of_public"
    PEOPLE_AT_STAFF_END = "people_at_staff_end"
    OTHER = "other"


class Noise(StrEnum):
    """What was heard at the staff member's end of a call."""

    CHILDREN = "children"
    OTHER_ADULTS = "other_adults"
    TV_OR_RADIO = "tv_or_radio"
    LAUGHTER = "laughter"
    PHONE_ANSWERED = "phone_answered"
    OTHER = "other"


class Topic(StrEnum):
    """Sensitive things said aloud."""

    HEALTH = "health"
    MENTAL_HEALTH = "mental_health"
    MEDICATION = "medication"
    NI_NUMBER = "ni_number"
    ADDRESS = "address"
    MONEY = "money"
    FAMILY = "family"
    OTHER = "other"


class RecordedBy(StrEnum):
    NOT_RECORDED = "not_recorded"
    ME = "me"
    PROVIDER = "provider"
    BOTH = "both"
    NOT_SURE = "not_sure"


class AdjustmentKind(StrEnum):
    PRIVATE_ROOM = "private_room"
    RECORDING = "recording"
    PHONE_INSTEAD = "phone_instead"
    HOME_VISIT = "home_visit"
    SOMEONE_WITH_ME = "someone_with_me"
    EXTRA_TIME = "extra_time"
    BREAKS = "breaks"
    WRITTEN_QUESTIONS = "written_questions"
    OTHER = "other"


class AdjustmentOutcome(StrEnum):
    AGREED = "agreed"
    PARTLY_AGREED = "partly_agreed"
    REFUSED = "refused"
    NO_ANSWER = "no_answer"


class EventKind(StrEnum):
    """The dispute's steps, in the order they usually come, and what sits beside them."""

    DECISION_LETTER = "decision_letter"
    MR_REQUESTED = "mr_requested"
    MR_NOTICE = "mr_notice"
    APPEAL_LODGED = "appeal_lodged"
    DWP_RESPONSE = "dwp_response"
    HEARING = "hearing"
    ADJOURNMENT = "adjournment"
    TRIBUNAL_DECISION = "tribunal_decision"
    COMPLAINT_SENT = "complaint_sent"
    REPLY_RECEIVED = "reply_received"
    FINAL_RESPONSE = "final_response"
    SAR_SENT = "sar_sent"
    SAR_ANSWERED = "sar_answered"
    ICE_REFERRAL = "ice_referral"
    ICE_OUTCOME = "ice_outcome"
    ICO_COMPLAINT = "ico_complaint"
    ICO_OUTCOME = "ico_outcome"
    ADJUSTMENT_REQUESTED = "adjustment_requested"
    ADJUSTMENT_ANSWERED = "adjustment_answered"
    HANDED_OVER = "handed_over"  # the note a hand-over writes first in the new vault
    OTHER = "other"


# Written by the app itself, never chosen in a form: a person cannot hand records over by
# typing a note (an entry already of such a kind can still be corrected).
APP_WRITTEN_KINDS = frozenset({EventKind.HANDED_OVER})


class Status(StrEnum):
    """Whether the appointment took place as booked."""

    HELD = "held"
    MOVED = "moved"
    CANCELLED = "cancelled"
    NOT_HELD = "not_held"  # the person was there, or waited for the call, and nothing happened


class Conduct(StrEnum):
    """How the staff member behaved, where it went wrong."""

    RAISED_VOICE = "raised_voice"
    TOLD_TO_BE_QUIET = "told_to_be_quiet"
    THREATENED_BENEFIT = "threatened_benefit"
    DISMISSIVE = "dismissive"
    LAUGHED_AT = "laughed_at"
    RUSHED = "rushed"
    OTHER = "other"


@dataclass(frozen=True)
class Person:
    """Someone whose appointments the vault records: the owner or someone they look after."""

    display_name: str
    id: str = field(default_factory=new_id)
    relationship: Relationship = Relationship.SELF
    role: Role = Role.CLAIMANT
    benefits: tuple[Benefit, ...] = ()
    ni_number: str = ""
    preferred_language: Language = Language.ENGLISH
    region: Region = Region.ENGLAND_AND_WALES


@dataclass(frozen=True)
class Adjustment:
    """A reasonable adjustment asked for, and the answer."""

    kind: AdjustmentKind
    detail: str = ""
    outcome: AdjustmentOutcome | None = None
    reason_given: str = ""


@dataclass(frozen=True)
class Appointment:
    """One DWP (or assessment provider) appointment and what happened to the person's privacy."""

    person_id: str
    date: date
    id: str = field(default_factory=new_id)
    time: time | None = None
    duration_minutes: int | None = None
    status: Status | None = None
    moved_to: date | None = None
    # Who and what
    companions: str = ""
    kind: AppointmentKind | None = None
    benefit: Benefit | None = None
    organisation: str = ""
    channel: Channel | None = None
    # Where
    location: str = ""
    layout: Layout | None = None
    # Staff
    staff_name: str = ""
    staff_role: str = ""
    staff_name_given: Answer | None = None
    staff_location: StaffLocation | None = None
    staff_stated_location: str = ""
    # Privacy
    private_room_requested: Answer | None = None
    private_room_offered: Answer | None = None
    private_room_used: Answer | None = None
    private_room_refused_by: str = ""
    private_room_refusal_reason: str = ""
    # Who could hear
    in_earshot: tuple[Listener, ...] = ()
    in_earshot_count: int | None = None
    in_earshot_notes: str = ""
    # Phone and video calls
    background_noise: tuple[Noise, ...] = ()
    background_noise_notes: str = ""
    staff_said_alone: Answer | None = None
    staff_said_headphones: Answer | None = None
    staff_said_private: Answer | None = None  # "nobody else can hear"
    # What was said aloud. `said_aloud_answer` tells "nothing private was said" (no) from
    # "not recorded" (None); what the person would not say is kept apart from what was said.
    said_aloud_answer: Answer | None = None
    said_aloud: tuple[Topic, ...] = ()
    said_aloud_notes: str = ""
    refused_aloud: tuple[Topic, ...] = ()  # asked to say it aloud, and would not
    declined_to_disclose: tuple[Topic, ...] = ()  # chose not to tell them at all
    # Recording
    recording_requested: Answer | None = None
    recording_allowed: Answer | None = None
    recorded_by: RecordedBy | None = None
    # Adjustments
    adjustments: tuple[Adjustment, ...] = ()
    language_requested: Language | None = None
    language: Language | None = None  # the language it was held in
    # How the staff member behaved, and what they said, word for word
    conduct: tuple[Conduct, ...] = ()
    conduct_quotes: str = ""
    # The person's own words
    account: str = ""
    impact: str = ""
    distress: int | None = None
    # Follow-up
    complaint_reference: str = ""
    mr_requested: Answer | None = None


@dataclass(frozen=True)
class Event:
    """A dated thing that is not an appointment: a letter, a complaint, a reply."""

    person_id: str
    date: date
    kind: EventKind
    id: str = field(default_factory=new_id)
    received_on: date | None = None
    benefit: Benefit | None = None
    organisation: str = ""
    reference: str = ""
    summary: str = ""
    award: str = ""  # what was awarded, for a decision
    notes: str = ""


@dataclass(frozen=True)
class Keeper:
    """Who keeps this vault: printed on every export and letter, never inferred from the
    people recorded. Their capacity for each person is that person's `role`."""

    name: str
    id: str = field(default_factory=new_id)
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file kept with an entry (a recording, a photo of a letter, a PDF): what it is and
    when it was taken in. Its content is stored in the vault apart from this record, sealed
    in chunks (companion/attachment_chunks.py); `sha256` commits the record, and so the
    vault's fingerprint, to that content. Only `name` and `description` may be corrected."""

    person_id: str
    entry_id: str  # the appointment or event it belongs to
    name: str  # the file's name when it was attached, without its folder
    size: int  # bytes
    sha256: str  # of the original file, as 64 hex characters
    media_type: str  # what the content is, from its first bytes and then its name's ending
    captured_at: datetime  # when it was attached, by the vault's clock
    id: str = field(default_factory=new_id)
    description: str = ""


Record = Person | Appointment | Event | Keeper | Attachment
Entry = Appointment | Event
