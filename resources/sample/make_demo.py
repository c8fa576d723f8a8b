"""Builds resources/sample/demo.json, the fictional sample behind `companion --demo`.

Everyone in it is invented. It is made through the vault itself, so it is always
in the real interchange format:

    .venv/bin/python resources/sample/make_demo.py
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from companion.crypto import KdfPolicy  # noqa: E402
from companion.export import ExportOptions, Format, render  # noqa: E402
from companion.model import (  # noqa: E402
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    AppointmentKind,
    Benefit,
    Channel,
    Conduct,
    Event,
    EventKind,
    Language,
    Layout,
    Listener,
    Noise,
    Person,
    RecordedBy,
    Relationship,
    Role,
    StaffLocation,
    Status,
    Topic,
)
from companion.vault import Vault  # noqa: E402

OUT = Path(__file__).with_name("demo.json")
# Letters and requests the family sent, rather than received.
SENT = {
    EventKind.MR_REQUESTED,
    EventKind.APPEAL_LODGED,
    EventKind.COMPLAINT_SENT,
    EventKind.SAR_SENT,
    EventKind.ICE_REFERRAL,
    EventKind.ADJUSTMENT_REQUESTED,
    EventKind.HEARING,
    EventKind.ADJOURNMENT,
}
# Sent to, held by, or decided by the tribunal: their organisation is HMCTS, never DWP.
TRIBUNAL_STEPS = (
    EventKind.APPEAL_LODGED,
    EventKind.HEARING,
    EventKind.ADJOURNMENT,
    EventKind.TRIBUNAL_DECISION,
)
FAST = KdfPolicy(
    floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
)


class Clock:
    now = datetime(2024, 11, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def written(clock: Clock, day: date, hour: int = 19, days_later: int = 0) -> None:
    clock.now = datetime.combine(day + timedelta(days=days_later), time(hour, 10), UTC)


def main() -> None:
    clock = Clock()
    with tempfile.TemporaryDirectory() as temp:
        vault, _ = Vault.create(Path(temp) / "demo.companion", "demo", policy=FAST, clock=clock)
        me = vault.save(
            Person(
                "Morwen Sample (fictional)",
                benefits=(Benefit.PIP,),
                ni_number="QQ 12 34 56 A",
                preferred_language=Language.WELSH,
            )
        ).record
        sons = [
            vault.save(
                Person(
                    f"{name} Sample (fictional)",
                    relationship=Relationship.CHILD,
                    role=Role.OFFICIAL_APPOINTEE,
                    benefits=benefits,
                )
            ).record
            for name, benefits in [
                ("Dylan", (Benefit.UNIVERSAL_CREDIT,)),
                ("Owain", (Benefit.ESA, Benefit.PIP)),
                ("Rhys", (Benefit.UNIVERSAL_CREDIT, Benefit.PIP)),
            ]
        ]
        dylan, owain, rhys = sons

        # Morwen's own PIP phone assessments, with voices at the assessor's end.
        for n, (day, noise, note, said, held_back) in enumerate(
            [
                (
                    date(2024, 12, 3),
                    (Noise.CHILDREN, Noise.TV_OR_RADIO),
                    "I could hear a child asking for a drink and a television. "
                    "She said she was in a quiet room on her own.",
                    (Topic.MENTAL_HEALTH, Topic.MEDICATION, Topic.NI_NUMBER),
                    (),
                ),
                (
                    date(2025, 9, 16),
                    (Noise.OTHER_ADULTS, Noise.LAUGHTER),
                    "Halfway through I heard another adult laugh near her. When I asked, she said "
                    "nobody could hear me. I stopped talking about my overdose.",
                    (Topic.MEDICATION, Topic.NI_NUMBER),
                    (Topic.MENTAL_HEALTH,),
                ),
            ]
        ):
            written(clock, day, hour=16)
            a = vault.save(
                Appointment(
                    me.id,
                    day,
                    time=time(10, 0),
                    duration_minutes=70,
                    kind=AppointmentKind.PIP_ASSESSMENT,
                    benefit=Benefit.PIP,
                    organisation="Assessment provider (fictional)",
                    channel=Channel.TELEPHONE,
                    staff_role="Health professional",
                    staff_name_given=Answer.YES,
                    staff_location=StaffLocation.HOMEWORKING,
                    staff_stated_location="At home, in a room on her own",
                    in_earshot=(Listener.PEOPLE_AT_STAFF_END,),
                    background_noise=noise,
                    background_noise_notes=note,
                    staff_said_alone=Answer.YES,
                    staff_said_private=Answer.YES if n == 1 else None,
                    staff_said_headphones=Answer.NOT_SURE,
                    said_aloud_answer=Answer.YES,
                    said_aloud=said,
                    declined_to_disclose=held_back,
                    recording_requested=Answer.YES,
                    recording_allowed=Answer.YES,
                    recorded_by=RecordedBy.PROVIDER,
                    # She asked for the assessment in Welsh both times; it was held in English.
                    language_requested=Language.WELSH,
                    language=Language.ENGLISH,
                    account="The assessment was by phone. " + note,
                    impact="I felt exposed and could not concentrate on the questions afterwards.",
                    distress=8 - n,
                )
            ).record
            if n == 1:
                written(clock, day, hour=11, days_later=2)
                vault.save(
                    dataclasses.replace(
                        a,
                        account=a.account + " I asked for the call to be stopped; it was not.",
                        mr_requested=Answer.YES,
                    )
                )

        # Dylan: Universal Credit interviews on the open floor.
        for day, listeners, count, said, room in [
            (
                date(2025, 1, 14),
                (Listener.OTHER_CLAIMANTS, Listener.SECURITY),
                5,
                (Topic.MENTAL_HEALTH,),
                Answer.NO,
            ),
            (date(2025, 3, 11), (Listener.OTHER_CLAIMANTS,), 3, (Topic.MONEY, Topic.ADDRESS), None),
            (
                date(2025, 5, 6),
                (Listener.OTHER_CLAIMANTS, Listener.STAFF),
                6,
                (Topic.HEALTH, Topic.MEDICATION),
                Answer.NO,
            ),
            (
                date(2025, 7, 1),
                (Listener.OTHER_CLAIMANTS, Listener.CHILDREN),
                4,
                (Topic.FAMILY,),
                Answer.NO,
            ),
            (date(2025, 10, 7), (), None, (), Answer.YES),
            (
                date(2026, 1, 13),
                (Listener.OTHER_CLAIMANTS, Listener.MEMBERS_OF_PUBLIC),
                8,
                (Topic.MENTAL_HEALTH, Topic.NI_NUMBER),
                Answer.NO,
            ),
            (date(2026, 6, 9), (Listener.OTHER_CLAIMANTS,), 2, (Topic.HEALTH,), Answer.NO),
        ]:
            private = room is Answer.YES
            written(clock, day, hour=18)
            vault.save(
                Appointment(
                    dylan.id,
                    day,
                    time=time(11, 30),
                    duration_minutes=20,
                    companions="Me (his mother)",
                    kind=AppointmentKind.WORK_FOCUSED_INTERVIEW
                    if day.month % 2
                    else AppointmentKind.WORK_SEARCH_REVIEW,
                    benefit=Benefit.UNIVERSAL_CREDIT,
                    organisation="DWP",
                    channel=Channel.IN_PERSON,
                    location="Sampletown Jobcentre",
                    layout=Layout.PRIVATE_ROOM if private else Layout.OPEN_PLAN,
                    staff_role="Work coach",
                    staff_name_given=Answer.NO,
                    staff_location=StaffLocation.OFFICE,
                    private_room_requested=Answer.YES,
                    private_room_offered=room,
                    private_room_used=room,
                    private_room_refused_by="" if private else "Work coach",
                    private_room_refusal_reason=""
                    if private
                    else "Rooms are kept for interviews with a safeguarding need.",
                    in_earshot=listeners,
                    in_earshot_count=count,
                    said_aloud=said,
                    adjustments=(
                        Adjustment(
                            AdjustmentKind.PRIVATE_ROOM,
                            "Because of his anxiety",
                            AdjustmentOutcome.AGREED if private else AdjustmentOutcome.REFUSED,
                        ),
                    ),
                    account="A private room this time, after the complaint."
                    if private
                    else "We were seen at a desk on the open floor. The work coach asked Dylan "
                    "about his health in a normal voice while other people waited nearby.",
                    impact="" if private else "Dylan would not speak for the rest of the day.",
                    distress=None if private else 7,
                    complaint_reference="" if day < date(2025, 5, 6) else "CMP-0000-SAMPLE",
                )
            )

        # Dylan: one moved at a day's notice, one where nothing private came up, one that went
        # badly, with the work coach's words as Dylan's mother wrote them down.
        for day, extra in [
            (date(2025, 8, 12), dict(status=Status.MOVED, moved_to=date(2025, 8, 19),
                                     account="The jobcentre rang the day before to move it.")),
            (date(2025, 11, 18), dict(
                layout=Layout.OPEN_PLAN, in_earshot=(Listener.OTHER_CLAIMANTS,),
                in_earshot_count=3, said_aloud_answer=Answer.NO,
                account="A short work search review at the desk; nothing private came up.")),
            (date(2026, 2, 10), dict(
                layout=Layout.OPEN_PLAN, in_earshot=(Listener.OTHER_CLAIMANTS,),
                in_earshot_count=5, refused_aloud=(Topic.MENTAL_HEALTH,),
                conduct=(Conduct.RAISED_VOICE, Conduct.THREATENED_BENEFIT),
                conduct_quotes='"If you won\'t talk about it here, you\'ll get nothing."',
                account="The work coach asked Dylan to explain his panic attacks at the desk. "
                "He would not, with people waiting behind him.",
                impact="Dylan was shaking on the bus home.", distress=8)),
        ]:  # fmt: skip
            written(clock, day, hour=17)
            vault.save(
                Appointment(
                    dylan.id,
                    day,
                    time=time(11, 30),
                    kind=AppointmentKind.WORK_SEARCH_REVIEW,
                    benefit=Benefit.UNIVERSAL_CREDIT,
                    organisation="DWP",
                    channel=Channel.IN_PERSON,
                    location="Sampletown Jobcentre",
                    companions="Me (his mother)",
                    **extra,
                )
            )

        # Owain: a face-to-face Work Capability Assessment and a Health and Work Conversation.
        written(clock, date(2025, 4, 2), hour=20)
        vault.save(
            Appointment(
                owain.id,
                date(2025, 4, 2),
                time=time(14, 0),
                duration_minutes=55,
                kind=AppointmentKind.WORK_CAPABILITY_ASSESSMENT,
                benefit=Benefit.ESA,
                organisation="Assessment provider (fictional)",
                channel=Channel.IN_PERSON,
                location="Sample Assessment Centre",
                layout=Layout.BOOTH,
                companions="Me",
                staff_role="Healthcare professional",
                staff_name_given=Answer.YES,
                private_room_requested=Answer.YES,
                private_room_offered=Answer.NO,
                private_room_used=Answer.NO,
                private_room_refused_by="Receptionist",
                private_room_refusal_reason="All rooms were booked.",
                in_earshot=(Listener.OTHER_CLAIMANTS, Listener.STAFF),
                in_earshot_count=3,
                said_aloud=(Topic.HEALTH, Topic.MENTAL_HEALTH),
                refused_aloud=(Topic.NI_NUMBER,),
                said_aloud_notes="He was asked to read out his National Insurance number and "
                "wrote it down instead.",
                recording_requested=Answer.YES,
                recording_allowed=Answer.NO,
                adjustments=(
                    Adjustment(
                        AdjustmentKind.RECORDING,
                        "",
                        AdjustmentOutcome.REFUSED,
                        "No recording equipment available",
                    ),
                ),
                account="The booth had a curtain, not a door. The person in the next booth could "
                "hear everything about Owain's seizures.",
                impact="Owain was embarrassed and left out things he should have said.",
                distress=6,
            )
        )
        written(clock, date(2025, 8, 20), hour=9, days_later=1)
        vault.save(
            Appointment(
                owain.id,
                date(2025, 8, 20),
                time=time(10, 15),
                duration_minutes=30,
                kind=AppointmentKind.HEALTH_AND_WORK_CONVERSATION,
                benefit=Benefit.ESA,
                organisation="DWP",
                channel=Channel.IN_PERSON,
                location="Sampletown Jobcentre",
                layout=Layout.CORRIDOR,
                private_room_requested=Answer.NO,
                in_earshot=(Listener.MEMBERS_OF_PUBLIC,),
                in_earshot_count=2,
                said_aloud=(Topic.MEDICATION,),
                account="We were called into a side corridor because the floor was busy.",
                distress=4,
            )
        )

        # Rhys: a video assessment and a phone call, one done well.
        written(clock, date(2025, 11, 25), hour=17)
        vault.save(
            Appointment(
                rhys.id,
                date(2025, 11, 25),
                time=time(13, 0),
                duration_minutes=60,
                kind=AppointmentKind.PIP_ASSESSMENT,
                benefit=Benefit.PIP,
                organisation="Assessment provider (fictional)",
                channel=Channel.VIDEO,
                staff_location=StaffLocation.HOMEWORKING,
                staff_name_given=Answer.YES,
                background_noise=(Noise.PHONE_ANSWERED,),
                background_noise_notes="Her phone rang and she answered it during the call.",
                staff_said_alone=Answer.YES,
                staff_said_headphones=Answer.YES,
                said_aloud=(Topic.HEALTH,),
                language=Language.ENGLISH,
                account="The assessor answered a personal call in the middle of the assessment.",
                distress=3,
            )
        )
        written(clock, date(2026, 3, 3), hour=12)
        vault.save(
            Appointment(
                rhys.id,
                date(2026, 3, 3),
                time=time(9, 45),
                duration_minutes=15,
                kind=AppointmentKind.PHONE_CALL,
                benefit=Benefit.UNIVERSAL_CREDIT,
                organisation="DWP",
                channel=Channel.TELEPHONE,
                staff_location=StaffLocation.OFFICE,
                staff_said_alone=Answer.YES,
                account="A short call to check details. Quiet and polite.",
            )
        )

        # Letters and what was sent.
        for person, day, kind, benefit, summary in [
            (
                me,
                date(2025, 1, 9),
                EventKind.DECISION_LETTER,
                Benefit.PIP,
                "PIP awarded at the standard rate for daily living only.",
            ),
            (
                dylan,
                date(2025, 3, 20),
                EventKind.COMPLAINT_SENT,
                Benefit.UNIVERSAL_CREDIT,
                "Complaint about interviews on the open floor.",
            ),
            (
                dylan,
                date(2025, 4, 24),
                EventKind.REPLY_RECEIVED,
                Benefit.UNIVERSAL_CREDIT,
                "Reply: rooms are available on request. Reference CMP-0000-SAMPLE.",
            ),
            (
                owain,
                date(2025, 5, 14),
                EventKind.DECISION_LETTER,
                Benefit.ESA,
                "Found fit for work after the assessment.",
            ),
            (
                owain,
                date(2025, 7, 2),
                EventKind.MR_NOTICE,
                Benefit.ESA,
                "Mandatory reconsideration notice: decision not changed.",
            ),
            (
                me,
                date(2025, 10, 1),
                EventKind.SAR_SENT,
                Benefit.PIP,
                "Asked for the assessment recording and notes.",
            ),
            (
                rhys,
                date(2025, 12, 19),
                EventKind.DECISION_LETTER,
                Benefit.PIP,
                "PIP refused: 6 points for daily living.",
            ),
            # Owain's appeal, step by step.
            (owain, date(2025, 6, 2), EventKind.MR_REQUESTED, Benefit.ESA,
             "Asked DWP to look at the decision again, with the assessment notes."),
            (owain, date(2025, 7, 30), EventKind.APPEAL_LODGED, Benefit.ESA,
             "Appeal sent to the tribunal (SSCS1), with the MR notice."),
            (owain, date(2025, 9, 10), EventKind.DWP_RESPONSE, Benefit.ESA,
             "DWP's response and the bundle arrived: 112 pages."),
            (owain, date(2026, 1, 21), EventKind.HEARING, Benefit.ESA,
             "Hearing by video."),
            (owain, date(2026, 1, 21), EventKind.ADJOURNMENT, Benefit.ESA,
             "Adjourned: the tribunal asked for his GP records."),
            (owain, date(2026, 3, 18), EventKind.TRIBUNAL_DECISION, Benefit.ESA,
             "Appeal allowed."),
            # Dylan's complaint, as far as it went.
            (dylan, date(2025, 6, 30), EventKind.FINAL_RESPONSE, Benefit.UNIVERSAL_CREDIT,
             "Final response: the complaint was not upheld."),
            (dylan, date(2025, 9, 1), EventKind.ICE_REFERRAL, Benefit.UNIVERSAL_CREDIT,
             "Asked the Independent Case Examiner to look at the complaint."),
            (dylan, date(2025, 9, 22), EventKind.ADJUSTMENT_REQUESTED, Benefit.UNIVERSAL_CREDIT,
             "Wrote asking for a private room at every appointment, because of his anxiety."),
            (dylan, date(2025, 10, 3), EventKind.ADJUSTMENT_ANSWERED, Benefit.UNIVERSAL_CREDIT,
             "Agreed: a room will be booked when he asks at the desk."),
            (me, date(2025, 11, 3), EventKind.SAR_ANSWERED, Benefit.PIP,
             "The recording and the assessor's notes arrived on a disc."),
        ]:  # fmt: skip
            written(clock, day, hour=20, days_later=3)
            sent = kind in SENT
            vault.save(
                Event(
                    person.id,
                    day,
                    kind,
                    received_on=None if sent else day + timedelta(days=3),
                    benefit=benefit,
                    organisation="HM Courts and Tribunals Service"
                    if kind in TRIBUNAL_STEPS
                    else "DWP",
                    summary=summary,
                    award="ESA with the support component, from the date of the claim."
                    if kind is EventKind.TRIBUNAL_DECISION
                    else "",
                )
            )

        document = json.loads(render(vault, Format.JSON, ExportOptions(show_ni_number=True)))
        vault.close()
    for key in ("vault", "purpose", "reference", "redacted", "keeper", "leaves_out"):
        document.pop(key)
    for section in ("people", "appointments", "events"):
        for item in document[section]:
            for version in item["versions"]:
                version.pop("proof")  # proofs of a throwaway vault mean nothing
    document["exported_at"] = "2026-11-01T09:00:00+00:00"
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
