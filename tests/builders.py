"""Sample records with every field filled, so a test states only what it is about.

All names and numbers are fictional.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    AppointmentKind,
    Benefit,
    Channel,
    Event,
    EventKind,
    Language,
    Layout,
    Listener,
    Person,
    RecordedBy,
    Region,
    Relationship,
    Role,
    StaffLocation,
    Topic,
)


def make_person(**overrides: Any) -> Person:
    fields: dict[str, Any] = dict(
        display_name="Alex Example",
        relationship=Relationship.SELF,
        role=Role.CLAIMANT,
        benefits=(Benefit.PIP, Benefit.UNIVERSAL_CREDIT),
        ni_number="QQ123456C",
        preferred_language=Language.ENGLISH,
        region=Region.ENGLAND_AND_WALES,
    )
    fields.update(overrides)
    return Person(**fields)


def make_appointment(person_id: str, **overrides: Any) -> Appointment:
    fields: dict[str, Any] = dict(
        person_id=person_id,
        date=date(2026, 2, 17),
        time=time(10, 30),
        duration_minutes=45,
        companions="My sister",
        kind=AppointmentKind.WORK_FOCUSED_INTERVIEW,
        benefit=Benefit.UNIVERSAL_CREDIT,
        organisation="DWP",
        channel=Channel.IN_PERSON,
        location="Exampleton Jobcentre",
        layout=Layout.OPEN_PLAN,
        staff_name="Work coach (first name only)",
        staff_role="Work coach",
        staff_name_given=Answer.YES,
        staff_location=StaffLocation.OFFICE,
        staff_stated_location="",
        private_room_requested=Answer.YES,
        private_room_offered=Answer.NO,
        private_room_used=Answer.NO,
        private_room_refused_by="Work coach",
        private_room_refusal_reason="No rooms free today",
        in_earshot=(Listener.OTHER_CLAIMANTS, Listener.SECURITY),
        in_earshot_count=4,
        in_earshot_notes="A man at the next desk turned round.",
        background_noise=(),
        background_noise_notes="",
        staff_said_alone=None,
        staff_said_headphones=None,
        said_aloud=(Topic.MENTAL_HEALTH, Topic.MEDICATION),
        said_aloud_notes="Asked me to read out my medication list.",
        recording_requested=Answer.NO,
        recording_allowed=None,
        recorded_by=RecordedBy.NOT_RECORDED,
        adjustments=(
            Adjustment(
                AdjustmentKind.PRIVATE_ROOM,
                "Because of anxiety",
                AdjustmentOutcome.REFUSED,
                "None free",
            ),
        ),
        language=Language.ENGLISH,
        account="I was asked about my mental health at a desk on the open floor.",
        impact="I left shaking and could not sleep that night.",
        distress=8,
        complaint_reference="",
        mr_requested=Answer.NO,
    )
    fields.update(overrides)
    return Appointment(**fields)


def make_event(person_id: str, **overrides: Any) -> Event:
    fields: dict[str, Any] = dict(
        person_id=person_id,
        date=date(2026, 3, 4),
        kind=EventKind.DECISION_LETTER,
        received_on=date(2026, 3, 7),
        benefit=Benefit.PIP,
        organisation="DWP",
        reference="PIP/0000/EXAMPLE",
        summary="PIP refused: 4 points for daily living.",
        notes="Letter arrived three days after its date.",
    )
    fields.update(overrides)
    return Event(**fields)
