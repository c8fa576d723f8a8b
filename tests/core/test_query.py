"""Choosing entries: by person, dates, kind, text and "problems only"."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from companion.model import (
    Answer,
    AppointmentKind,
    Layout,
)
from companion.query import (
    Selection,
    TextIndex,
    find_people,
    previous_values,
    select,
)
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person


def test_selection_by_person_dates_kind_text_and_privacy(new_vault: Vault) -> None:
    alex = new_vault.save(make_person(display_name="Alex Example")).record
    sam = new_vault.save(make_person(display_name="Sam Example")).record
    quiet = make_appointment(
        alex.id,
        date=date(2026, 1, 10),
        layout=Layout.PRIVATE_ROOM,
        private_room_offered=Answer.YES,
        private_room_used=Answer.YES,
        in_earshot=(),
        in_earshot_count=0,
        adjustments=(),
        said_aloud=(),
        account="A calm meeting about my claimant commitment",
        kind=AppointmentKind.WORK_SEARCH_REVIEW,
    )
    new_vault.save(quiet)
    loud = new_vault.save(make_appointment(alex.id, date=date(2026, 2, 1))).record
    sams = new_vault.save(make_appointment(sam.id, date=date(2026, 1, 20))).record
    letter = new_vault.save(make_event(alex.id, date=date(2026, 1, 15))).record
    people = new_vault.people()
    everything = [*new_vault.appointments(), *new_vault.events()]

    def ids(**kw: object) -> list[str]:
        return [s.record.id for s in select(everything, people, Selection(**kw))]  # type: ignore[arg-type]

    assert ids() == [quiet.id, letter.id, sams.id, loud.id]  # date order, events inline
    assert ids(person_ids=frozenset({sam.id})) == [sams.id]
    assert ids(date_from=date(2026, 1, 15), date_to=date(2026, 1, 31)) == [letter.id, sams.id]
    # Only appointments with a problem; letters and events stay (docs/exports.md says so).
    assert ids(problems_only=True) == [letter.id, sams.id, loud.id]
    assert ids(kinds=frozenset({AppointmentKind.WORK_SEARCH_REVIEW})) == [quiet.id]
    assert ids(text="CALM claimant") == [quiet.id]
    assert ids(text="sam example") == [sams.id]
    assert ids(text="open plan") == [sams.id, loud.id]  # labels are searchable too


def test_entries_on_the_same_day_are_ordered_by_time(new_vault: Vault) -> None:
    alex = new_vault.save(make_person()).record
    late = new_vault.save(make_appointment(alex.id, time=time(15, 0))).record
    early = new_vault.save(make_appointment(alex.id, time=time(9, 0))).record
    untimed = new_vault.save(dataclasses.replace(make_appointment(alex.id), time=None)).record
    order = select(new_vault.appointments(), new_vault.people(), Selection())
    assert [s.record.id for s in order] == [untimed.id, early.id, late.id]


def test_people_are_found_by_name_ignoring_case_and_spacing(new_vault: Vault) -> None:
    new_vault.save(make_person(display_name="Gwyneth  Example"))
    assert [p.display_name for p in find_people(new_vault.people(), "gwyneth example")] == [
        "Gwyneth Example"
    ]


def test_an_index_finds_exactly_what_a_plain_search_finds(new_vault: Vault) -> None:
    alex = new_vault.save(make_person(display_name="Alex Example")).record
    for n, words in enumerate(["front desk", "open floor", "phone call from an office"]):
        new_vault.save(make_appointment(alex.id, date=date(2026, 1, 1 + n), account=words))
    entries, people = new_vault.appointments(), new_vault.people()
    index = TextIndex(entries, people)
    for text in ["desk", "FLOOR", "alex office", "nothing like this", "open plan"]:
        plain = select(entries, people, Selection(text=text))
        indexed = select(entries, people, Selection(text=text), index)
        assert [s.record.id for s in indexed] == [s.record.id for s in plain], text


def test_places_and_staff_names_are_remembered_most_recent_first(new_vault: Vault) -> None:
    alex = new_vault.save(make_person()).record
    for day, place in [
        (1, "Exampleton Jobcentre"),
        (5, "Assessment Centre"),
        (9, "exampleton jobcentre"),
    ]:
        new_vault.save(make_appointment(alex.id, date=date(2026, 1, day), location=place))
    assert previous_values(new_vault.appointments(), "location") == [
        "exampleton jobcentre",
        "Assessment Centre",
    ]


def test_filtering_by_a_kind_never_mixes_appointments_and_letters(new_vault: Vault) -> None:
    from companion.model import EventKind

    alex = new_vault.save(make_person()).record
    other_appointment = new_vault.save(make_appointment(alex.id, kind=AppointmentKind.OTHER)).record
    new_vault.save(make_event(alex.id, kind=EventKind.OTHER))
    everything = [*new_vault.appointments(), *new_vault.events()]
    chosen = select(
        everything, new_vault.people(), Selection(kinds=frozenset({AppointmentKind.OTHER}))
    )
    assert [s.record.id for s in chosen] == [other_appointment.id]


def test_search_finds_the_answers_chosen_not_only_the_words_typed(new_vault: Vault) -> None:
    """Each of these entries has no typed words at all: only chosen answers."""
    from companion.model import (
        Adjustment,
        AdjustmentKind,
        AdjustmentOutcome,
        Appointment,
        Listener,
        Noise,
    )

    alex = new_vault.save(make_person(display_name="Alex Example")).record

    def bare(**answers: object) -> str:
        record = Appointment(alex.id, date(2026, 1, 5), **answers)  # type: ignore[arg-type]
        return new_vault.save(record).record.id

    plain = bare()
    refused = bare(
        adjustments=(Adjustment(AdjustmentKind.RECORDING, outcome=AdjustmentOutcome.REFUSED),)
    )
    open_plan = bare(layout=Layout.OPEN_PLAN)
    corridor = bare(layout=Layout.CORRIDOR)
    children = bare(in_earshot=(Listener.CHILDREN,))
    noise = bare(background_noise=(Noise.CHILDREN,))
    headphones = bare(staff_said_headphones=Answer.YES)
    entries, people = new_vault.appointments(), new_vault.people()
    index = TextIndex(entries, people)

    def found(text: str) -> set[str]:
        plain_search = {s.record.id for s in select(entries, people, Selection(text=text))}
        indexed = {s.record.id for s in select(entries, people, Selection(text=text), index)}
        assert plain_search == indexed, text
        return indexed

    assert found("refused") == {refused}
    assert found("open plan") == {open_plan}
    assert found("Corridor") == {corridor}
    assert found("children") == {children, noise}
    assert found("headphones") == {headphones}
    assert plain in found("alex")  # the person's name
    assert found(alex.id[:6]) == set()  # ids are not words anyone searches for
