"""What letters say of the rules: the person's own nation's law, the language to reply in, a
chaser's deadline only where a rule gives one, and logging a letter as sent starting its clock."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from companion import deadlines
from companion.chronology import chronology
from companion.errors import InvalidInput
from companion.i18n import long_date
from companion.importer import import_file
from companion.letters import LetterKind, LetterRequest, candidates, compose, log_sent
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Benefit,
    EventKind,
    Keeper,
    Language,
    Region,
)
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import Clock
from tests.readback import flat


def words(html: str) -> str:
    return flat(re.sub(r"<[^>]+>", " ", html))


def letter_text(vault: Vault, kind: LetterKind, person_id: str, **kw: object) -> str:
    return words(compose(vault, LetterRequest(kind, person_id, **kw)).html)  # type: ignore[arg-type]


def test_welsh_is_asked_for_where_welsh_is_preferred_and_english_otherwise(
    new_vault: Vault,
) -> None:
    cymraeg = new_vault.save(make_person(preferred_language=Language.WELSH)).record
    english = new_vault.save(make_person(display_name="Sam Example")).record
    for who in (cymraeg, english):
        new_vault.save(make_appointment(who.id))
    for kind in LetterKind:
        assert "Please reply in Welsh." in letter_text(new_vault, kind, cymraeg.id)
        assert "Please reply in English." in letter_text(new_vault, kind, english.id)


def test_northern_ireland_is_given_the_dda_never_the_equality_act(new_vault: Vault) -> None:
    belfast = new_vault.save(make_person(region=Region.NORTHERN_IRELAND)).record
    new_vault.save(make_appointment(belfast.id))
    text = letter_text(new_vault, LetterKind.ADJUSTMENT, belfast.id)
    assert "Disability Discrimination Act 1995" in text
    assert "the Equality Act 2010 (section 20)" not in text  # as the law the request relies on
    assert "Equality Act 2010 s.20" not in text  # nor as a source
    assert "Department for Communities" in text  # said plainly in the draft notice
    england = new_vault.save(make_person(display_name="Sam Example")).record
    new_vault.save(make_appointment(england.id))
    assert "Equality Act 2010" in letter_text(new_vault, LetterKind.ADJUSTMENT, england.id)


def test_an_ice_referral_in_northern_ireland_names_the_department_for_communities(
    new_vault: Vault,
) -> None:
    belfast = new_vault.save(make_person(region=Region.NORTHERN_IRELAND)).record
    new_vault.save(make_appointment(belfast.id))
    text = letter_text(new_vault, LetterKind.ICE, belfast.id)
    assert "The Department for Communities' final response is dated [the date of the " in text
    assert "DWP's final response" not in text
    new_vault.save(
        make_event(belfast.id, kind=EventKind.FINAL_RESPONSE, date=date(2026, 2, 2), reference="")
    )
    text = letter_text(new_vault, LetterKind.ICE, belfast.id, on=date(2026, 3, 2))
    assert "The Department for Communities' final response is dated Monday 2 February 2026" in text
    assert "DWP's final response" not in text


def test_an_adult_disability_payment_is_never_given_dwps_rules_silently(
    new_vault: Vault,
) -> None:
    scot = new_vault.save(
        make_person(benefits=(Benefit.ADULT_DISABILITY_PAYMENT,), region=Region.SCOTLAND)
    ).record
    new_vault.save(
        make_appointment(
            scot.id,
            benefit=Benefit.ADULT_DISABILITY_PAYMENT,
            organisation="Social Security Scotland",
        )
    )
    new_vault.save(
        make_event(scot.id, kind=EventKind.COMPLAINT_SENT, date=date(2026, 1, 5), received_on=None)
    )
    for kind in (LetterKind.COMPLAINT, LetterKind.ICE, LetterKind.CHASER):
        text = letter_text(new_vault, kind, scot.id, on=date(2026, 3, 2))
        assert "run by Social Security Scotland, not DWP" in text, kind
        assert "Scottish Public Services Ombudsman" in text
    # A complaint to Social Security Scotland is not told DWP's 15 working days.
    assert "15 working days" not in letter_text(new_vault, LetterKind.COMPLAINT, scot.id)
    # Someone on DWP benefits in Scotland follows DWP's rules, with no such note.
    dwp = new_vault.save(make_person(display_name="Sam Example", region=Region.SCOTLAND)).record
    new_vault.save(make_appointment(dwp.id))
    text = letter_text(new_vault, LetterKind.COMPLAINT, dwp.id)
    assert "Social Security Scotland" not in text and "15 working days" in text


def test_an_adjustment_letter_asks_for_what_the_record_shows_else_a_private_room(
    new_vault: Vault,
) -> None:
    alex = new_vault.save(make_person()).record
    new_vault.save(
        make_appointment(
            alex.id,
            adjustments=(Adjustment(AdjustmentKind.PHONE_INSTEAD, "", AdjustmentOutcome.REFUSED),),
            private_room_requested=None,
            recording_requested=Answer.YES,
            recording_allowed=Answer.NO,
        )
    )
    text = letter_text(new_vault, LetterKind.ADJUSTMENT, alex.id)
    assert "appointments by phone instead of in person" in text
    assert "to record the interviews" in text
    # The guidance is quoted as it is worded, never paraphrased.
    assert (
        "\u201cIf the claimant insists on recording their interview, a private interview room "
        "must be used.\u201d"
    ) in text
    assert "a private room at every appointment" not in text
    assert "asked for and refused" in text
    sam = new_vault.save(make_person(display_name="Sam Example")).record
    plain = make_appointment(
        sam.id, adjustments=(), private_room_requested=None, recording_requested=None
    )
    new_vault.save(plain)
    text = letter_text(new_vault, LetterKind.ADJUSTMENT, sam.id, entry_ids=(plain.id,))
    assert "a private room at every appointment" in text
    assert "to record the interviews" not in text


def test_an_adjustment_letter_says_a_refusal_only_of_the_appointments_that_show_one(
    new_vault: Vault,
) -> None:
    alex = new_vault.save(make_person()).record
    refused = make_appointment(alex.id, date=date(2026, 1, 6))  # a private room refused
    quiet = make_appointment(
        alex.id, date=date(2026, 2, 3), adjustments=(), private_room_requested=Answer.NO,
        recording_requested=None,
    )  # fmt: skip
    for appointment in (refused, quiet):
        new_vault.save(appointment)
    text = letter_text(new_vault, LetterKind.ADJUSTMENT, alex.id, entry_ids=(refused.id, quiet.id))
    assert "At 1 of the 2 appointments listed below, an adjustment was asked for and refused." in (
        text
    )
    assert "At every appointment" not in text
    text = letter_text(new_vault, LetterKind.ADJUSTMENT, alex.id, entry_ids=(refused.id,))
    assert "At every appointment listed below, an adjustment was asked for and refused." in text
    text = letter_text(new_vault, LetterKind.ADJUSTMENT, alex.id, entry_ids=(quiet.id,))
    assert "refused" not in text and "What happened at earlier appointments" in text


def test_an_evidence_summary_says_when_a_note_was_corrected_never_passing_it_off_as_same_day(
    new_vault: Vault, clock: Clock
) -> None:
    alex = new_vault.save(make_person()).record
    on_the_day = make_appointment(alex.id, date=clock.now.date())
    corrected = make_appointment(alex.id, date=clock.now.date(), time=None)
    new_vault.save(on_the_day)
    new_vault.save(corrected)
    clock.advance(days=2)
    new_vault.save(dataclasses.replace(corrected, impact="Corrected two days later."))
    text = letter_text(new_vault, LetterKind.EVIDENCE, alex.id, on=date(2026, 3, 9))
    assert "Note written the same day; last corrected 2 days later." in text
    assert text.count("Note written the same day.") == 1  # the note never corrected


def test_an_evidence_summary_attributes_to_r_i_2_51_only_what_it_says(new_vault: Vault) -> None:
    alex = new_vault.save(make_person()).record
    new_vault.save(make_appointment(alex.id))
    text = letter_text(new_vault, LetterKind.EVIDENCE, alex.id)
    assert "A claimant's own account is evidence in itself. Source: R(I) 2/51." in text
    assert "weighs most" not in text


def test_an_evidence_summary_never_invents_when_an_imported_note_was_written(
    new_vault: Vault, tmp_path: Path
) -> None:
    alex = new_vault.save(make_person()).record
    diary = tmp_path / "diary.csv"
    diary.write_text("date,layout,in_earshot_count\n01/03/2026,open_plan,4\n", encoding="utf-8")
    import_file(new_vault, diary)
    text = letter_text(new_vault, LetterKind.EVIDENCE, alex.id, on=date(2026, 3, 9))
    assert "When the note was written is not known: it was brought in from a file." in text
    assert "Note written" not in text


def test_an_annex_with_nothing_to_show_is_left_out_with_the_words_that_name_it(
    new_vault: Vault,
) -> None:
    alex = new_vault.save(make_person()).record
    quiet = make_appointment(
        alex.id, adjustments=(), private_room_requested=Answer.NO, recording_requested=None,
        layout=None, in_earshot=(), in_earshot_count=None, said_aloud=(),
    )  # fmt: skip
    new_vault.save(quiet)
    letter = compose(new_vault, LetterRequest(LetterKind.EVIDENCE, alex.id, (quiet.id,)))
    text = words(letter.html)
    assert "What the record shows, and the rules it may engage" not in text
    assert "annex" not in text and "page-break" not in letter.html


def test_a_chaser_names_the_request_and_when_its_answer_was_due(new_vault: Vault) -> None:
    alex = new_vault.save(make_person()).record
    sent = date(2026, 1, 5)
    complaint = make_event(
        alex.id, kind=EventKind.COMPLAINT_SENT, date=sent, received_on=None, reference="C-1"
    )
    sar = make_event(alex.id, kind=EventKind.SAR_SENT, date=sent, received_on=None, reference="")
    asked = make_event(
        alex.id, kind=EventKind.ADJUSTMENT_REQUESTED, date=sent, received_on=None, reference=""
    )
    for event in (complaint, sar, asked):
        new_vault.save(event)
    on = date(2026, 3, 2)
    offered = [s.record.id for s in candidates(new_vault, alex.id, LetterKind.CHASER)]
    assert set(offered) == {complaint.id, sar.id, asked.id}

    text = letter_text(new_vault, LetterKind.CHASER, alex.id, entry_ids=(complaint.id,), on=on)
    due = deadlines.dwp_complaint(sent, Region.ENGLAND_AND_WALES).due
    assert f"{long_date(sent)}: Complaint sent, to DWP, reference C-1" in text
    # DWP's 15 working days are its own target: said in its procedure's words, never "must".
    assert (
        "Your complaints procedure says you will contact me within 15 working days, so by "
        f"{long_date(due)}; I have had no answer."
    ) in text
    assert "must have been received" not in text
    assert "GOV.UK DWP complaints procedure" in text

    text = letter_text(new_vault, LetterKind.CHASER, alex.id, entry_ids=(sar.id,), on=on)
    due = deadlines.subject_access_request(sent, Region.ENGLAND_AND_WALES).due
    assert f"must have been received by {long_date(due)}, and I have had none." in text
    assert "UK GDPR Art 12(3)" in text

    text = letter_text(new_vault, LetterKind.CHASER, alex.id, entry_ids=(asked.id,), on=on)
    assert f"{long_date(sent)}: Reasonable adjustment asked for" in text
    assert "I have had no answer, and one is needed before the next appointment." in text
    assert "must have been received" not in text and "must be received" not in text
    # The letter speaks as its writer to the organisation, never of the app or the record.
    for chased in (complaint, sar, asked):
        said = letter_text(new_vault, LetterKind.CHASER, alex.id, entry_ids=(chased.id,), on=on)
        body = said.split("Dear Sir or Madam,")[1].split("Where the rules")[0]
        assert "app" not in body.split() and "recorded" not in body, chased.kind


def test_a_chaser_offers_only_requests_still_waiting(new_vault: Vault) -> None:
    alex = new_vault.save(make_person()).record
    answered = make_event(alex.id, kind=EventKind.SAR_SENT, date=date(2026, 1, 5))
    new_vault.save(answered)
    new_vault.save(make_event(alex.id, kind=EventKind.SAR_ANSWERED, date=date(2026, 1, 20)))
    asked = make_event(alex.id, kind=EventKind.ADJUSTMENT_REQUESTED, date=date(2026, 2, 1))
    new_vault.save(asked)
    new_vault.save(make_event(alex.id, kind=EventKind.ADJUSTMENT_ANSWERED, date=date(2026, 2, 9)))
    assert candidates(new_vault, alex.id, LetterKind.CHASER) == []


def test_the_ico_and_ice_letters_name_the_earlier_complaint_and_final_response(
    new_vault: Vault,
) -> None:
    alex = new_vault.save(make_person()).record
    new_vault.save(make_appointment(alex.id))
    bare = letter_text(new_vault, LetterKind.ICO, alex.id, on=date(2026, 3, 2))
    assert "[the date you complained]" in bare and "had its chance" in bare
    new_vault.save(
        make_event(
            alex.id, kind=EventKind.COMPLAINT_SENT, date=date(2026, 1, 5), reference="C-1",
            received_on=None,
        )
    )  # fmt: skip
    new_vault.save(
        make_event(
            alex.id, kind=EventKind.FINAL_RESPONSE, date=date(2026, 2, 2),
            received_on=date(2026, 2, 4), reference="F-9",
        )
    )  # fmt: skip
    new_vault.save(
        make_event(
            alex.id, kind=EventKind.REPLY_RECEIVED, date=date(2026, 1, 20), reference="",
            received_on=None,
        )
    )  # fmt: skip
    text = letter_text(new_vault, LetterKind.ICO, alex.id, on=date(2026, 3, 2))
    assert "on Monday 5 January 2026 (reference C-1), so it has had its chance" in text
    assert (
        "put this right. It replied on Tuesday 20 January 2026 and gave its final response on "
        "Monday 2 February 2026."
    ) in text
    assert "Their answers" not in text
    ico_by = deadlines.ico(date(2026, 2, 4)).due
    assert f"so by {long_date(ico_by)}" in text and "ICO guidance" in text
    text = letter_text(new_vault, LetterKind.ICE, alex.id, on=date(2026, 3, 2))
    assert "final response is dated Monday 2 February 2026 (reference F-9)" in text
    # The final response is said once, in its own paragraph, and the complaint is the
    # writer's own: "I complained to DWP", never "Alex's complaint".
    assert text.count("Monday 2 February 2026") == 1
    assert "I complained to DWP on Monday 5 January 2026 (reference C-1). It replied on" in text
    assert "Department for Communities" not in text  # said only to someone in Northern Ireland
    assert f"so by {long_date(deadlines.ice(date(2026, 2, 4)).due)}" in text
    assert "GOV.UK ICE" in text and "comes after that date" not in text
    late = letter_text(new_vault, LetterKind.ICE, alex.id, on=date(2026, 9, 1))
    assert "[why this comes later]" in late
    # A referral already recorded in time is what counts: a later letter following it up is
    # not called late.
    new_vault.save(
        make_event(alex.id, kind=EventKind.ICE_REFERRAL, date=date(2026, 3, 9), reference="")
    )
    again = letter_text(new_vault, LetterKind.ICE, alex.id, on=date(2026, 9, 1))
    first = "I first asked the Independent Case Examiner to look at this complaint on Monday 9"
    assert f"{first} March 2026." in again
    assert "why this comes later" not in again and "comes after that date" not in again


@pytest.mark.parametrize(
    ("kind", "sent_kind"),
    [(LetterKind.COMPLAINT, EventKind.COMPLAINT_SENT), (LetterKind.SAR, EventKind.SAR_SENT)],
)
def test_logging_a_letter_as_sent_starts_its_clock(
    new_vault: Vault, kind: LetterKind, sent_kind: EventKind
) -> None:
    new_vault.save(Keeper("Morwen Example"))
    alex = new_vault.save(make_person()).record
    new_vault.save(make_appointment(alex.id, complaint_reference="REF-7"))
    letter = compose(new_vault, LetterRequest(kind, alex.id))
    assert letter.sent_kind is sent_kind
    sent = date(2026, 3, 2)
    saved = log_sent(new_vault, letter, sent)
    event = saved.record
    assert (event.kind, event.date, event.person_id) == (sent_kind, sent, alex.id)
    assert event.summary == letter.title
    # A complaint quotes the complaint reference on its appointments; a new request does not.
    assert event.reference == ("REF-7" if kind is LetterKind.COMPLAINT else "")
    (step,) = chronology(alex, [e.record for e in new_vault.events()])
    assert step.event.id == event.id and step.deadline is not None
    assert step.deadline.start == sent


def test_an_evidence_summary_is_not_logged_as_sent(new_vault: Vault) -> None:
    alex = new_vault.save(make_person()).record
    new_vault.save(make_appointment(alex.id))
    letter = compose(new_vault, LetterRequest(LetterKind.EVIDENCE, alex.id))
    assert letter.sent_kind is None
    with pytest.raises(InvalidInput):
        log_sent(new_vault, letter, date(2026, 3, 2))
    assert new_vault.events() == []
