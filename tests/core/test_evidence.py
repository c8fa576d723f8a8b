"""Exports read as a tribunal clerk reads them: every wording carries the time it was saved,
the keeper and their capacity are named, and what a copy leaves out is marked, not missing.

The case: an appointee (fictional) keeps the records of her adult son. His appointment on
Friday 5 April 2024 was written up that afternoon and corrected eleven days later.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from companion.export import Format, render
from companion.export.options import ExportOptions, Mode, Part, Purpose, Redaction
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Appointment,
    EventKind,
    Keeper,
    Relationship,
    Role,
)
from companion.presentation.entry import present, shown_entry
from companion.query import Selection
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import Clock
from tests.readback import attached_log, everything_readable, flat, metadata, pages_text

FIRST = datetime(2024, 4, 5, 14, 20, tzinfo=UTC)  # 15:20 in London (summer time)
CORRECTED = datetime(2024, 4, 16, 9, 0, tzinfo=UTC)  # 10:00 in London
KEEPER = "Morwen Example"
SON = "Dylan Example"


@pytest.fixture
def appointee(new_vault: Vault, clock: Clock) -> dict[str, str]:
    clock.now = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    new_vault.save(Keeper(KEEPER, address="1 Example Row", phone="01632 960000"))
    me = new_vault.save(make_person(display_name=KEEPER, ni_number="QQ123456A")).record
    son = new_vault.save(
        make_person(
            display_name=SON,
            relationship=Relationship.CHILD,
            role=Role.OFFICIAL_APPOINTEE,
            ni_number="QQ654321B",
        )
    ).record
    clock.now = FIRST
    first = new_vault.save(
        make_appointment(son.id, date=date(2024, 4, 5), account="Asked about his panic attacks.")
    ).record
    clock.now = CORRECTED
    new_vault.save(dataclasses.replace(first, account="Asked about his panic attacks and pills."))
    return {"me": me.id, "son": son.id, "entry": first.id}


def _only_son(appointee: dict[str, str], **options: object) -> ExportOptions:
    selection = Selection(person_ids=frozenset({appointee["son"]}))
    return ExportOptions(selection=selection, **options)  # type: ignore[arg-type]


WORDING_TIMES = (
    "First written Friday 5 April 2024 at 15:20, the same day. This wording saved "
    "Tuesday 16 April 2024 at 10:00, 11 days later."
)


@pytest.mark.parametrize("fmt", [Format.PDF, Format.MARKDOWN, Format.CSV])
def test_a_correction_is_never_shown_as_written_on_the_day(
    new_vault: Vault, appointee: dict[str, str], fmt: Format
) -> None:
    options = _only_son(appointee, parts=frozenset(Part) - {Part.CORRECTIONS})
    data = render(new_vault, fmt, options)
    text = flat(" ".join(pages_text(data)) if fmt is Format.PDF else data.decode("utf-8-sig"))
    assert "pills" in text  # the current wording is shown...
    assert WORDING_TIMES in text  # ...with the time it was saved, not only the first day's
    assert "Its earlier wording is left out of this copy." in text
    assert "Written Friday 5 April 2024 at 15:20, the same day." not in text


def test_the_entry_view_says_when_the_wording_it_shows_was_saved(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    saved = new_vault.get(appointee["entry"])
    shown = present(shown_entry(saved, new_vault.versions(saved.record.id), ExportOptions()), SON)
    assert shown.written.startswith(WORDING_TIMES)
    assert "What it said before is shown below." in shown.written
    assert len(shown.corrections) == 1


def test_a_correction_only_to_what_was_left_out_keeps_the_first_time_and_says_so(
    new_vault: Vault, appointee: dict[str, str], clock: Clock
) -> None:
    clock.now = datetime(2024, 4, 20, 9, 0, tzinfo=UTC)
    current = new_vault.get(appointee["entry"]).record
    new_vault.save(dataclasses.replace(current, staff_name="A new name"))
    options = _only_son(appointee, redact=frozenset({Redaction.STAFF_NAMES}))
    text = flat(render(new_vault, Format.MARKDOWN, options).decode())
    assert WORDING_TIMES in text  # the shown wording dates from the 16th, not the 20th
    assert "It was also changed later, only in what this copy leaves out." in text


def test_written_n_days_later_counts_days_in_british_summer_time(
    new_vault: Vault, clock: Clock
) -> None:
    person = new_vault.save(make_person()).record
    clock.now = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    new_vault.save(make_appointment(person.id, date=date(2026, 6, 30)))
    text = flat(render(new_vault, Format.MARKDOWN, ExportOptions()).decode())
    assert "Written Wednesday 1 July 2026 at 00:30, 1 day later." in text
    clock.now = datetime(2026, 7, 1, 22, 59, tzinfo=UTC)  # 23:59 on 1 July in London
    new_vault.save(make_appointment(person.id, date=date(2026, 7, 1)))
    text = flat(render(new_vault, Format.MARKDOWN, ExportOptions()).decode())
    assert "Written Wednesday 1 July 2026 at 23:59, the same day." in text


KEPT_BY = f"Kept by {KEEPER}, official appointee for {SON}."


def test_an_appointees_pdf_says_who_kept_it_and_in_what_capacity_on_every_page(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    for _ in range(30):  # enough entries for several pages
        new_vault.save(make_appointment(appointee["son"], date=date(2024, 5, 1)))
    data = render(new_vault, Format.PDF, _only_son(appointee, attest_as=KEEPER))
    pages = [flat(page) for page in pages_text(data)]
    assert len(pages) > 3
    for page in pages:
        assert KEPT_BY in page
    assert f"Kept by {KEEPER}" in pages[0] and "In the capacity of official appointee" in pages[0]
    assert f"Name: {KEEPER} Capacity: official appointee for {SON}" in pages[-1]
    info = metadata(data)
    assert info["/Author"] == KEEPER
    assert KEPT_BY in info["/Subject"]


def test_no_export_says_the_son_kept_his_own_record(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    for fmt in (Format.MARKDOWN, Format.PDF):
        data = render(new_vault, fmt, _only_son(appointee))
        text = flat(" ".join(pages_text(data)) if fmt is Format.PDF else data.decode())
        assert KEPT_BY in text
        assert f"kept by {SON}".casefold() not in text.casefold()
    assert attached_log(render(new_vault, Format.PDF, _only_son(appointee)))["keeper"] == {
        "name": KEEPER,
        "kept_by": KEPT_BY,
    }


def test_the_keepers_own_record_and_her_sons_name_each_capacity(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    text = flat(render(new_vault, Format.MARKDOWN, ExportOptions()).decode())
    assert f"Kept by {KEEPER}, the claimant; official appointee for {SON}." in text


def test_a_vault_that_names_no_keeper_says_so_rather_than_guess(
    new_vault: Vault, clock: Clock
) -> None:
    son = new_vault.save(make_person(display_name=SON, role=Role.OFFICIAL_APPOINTEE)).record
    new_vault.save(make_appointment(son.id))
    data = render(new_vault, Format.PDF, ExportOptions())
    assert all("Who kept this record is not recorded." in flat(p) for p in pages_text(data))
    assert metadata(data).get("/Author", "") == ""


def test_what_a_copy_leaves_out_is_marked_in_place_and_listed_on_the_cover(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    everything_out = frozenset(
        {Redaction.FREE_TEXT, Redaction.THIRD_PARTIES, Redaction.STAFF_NAMES}
    )
    options = _only_son(appointee, redact=everything_out)
    for fmt in (Format.PDF, Format.MARKDOWN):
        data = render(new_vault, fmt, options)
        text = flat(" ".join(pages_text(data)) if fmt is Format.PDF else data.decode())
        plain = text.replace("*", "").replace(":", "")  # Markdown's marks; the PDF's columns
        assert "What happened Left out of this copy." in plain, fmt
        for marked in ("Who came along", "How it affected Dylan Example"):
            assert marked in text, (fmt, marked)
        assert "Refused by: [left out of this copy]" in text
        assert "This copy leaves out" in text or "What this copy leaves out" in text
        assert "The names of people who came along." in text
        assert "National Insurance numbers." in text
    sheet = render(new_vault, Format.CSV, options).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(sheet)))
    assert {"account", "companions", "staff_name"} <= set(row["left_out"].split("; "))


def test_nothing_left_out_says_so(new_vault: Vault, appointee: dict[str, str]) -> None:
    text = render(new_vault, Format.MARKDOWN, _only_son(appointee, show_ni_number=True)).decode()
    assert "Nothing: every entry is shown in full." in text
    assert "left out of this copy" not in text.casefold()


SENTINEL = "Zqxv"  # a word no label, date or heading contains


def _every_redactable_value(person_id: str, n: int) -> Appointment:
    word = f"{SENTINEL}{n}"
    return make_appointment(
        person_id,
        date=date(2024, 6, n),
        staff_name=f"{word}staff Smith",
        private_room_refused_by=f"{word}refuser",
        private_room_refusal_reason=f"{word} reason",
        staff_stated_location=f"{word} at home",
        companions=f"{word}friend Jones",
        in_earshot_notes=f"{word} notes",
        background_noise_notes=f"{word} noise",
        said_aloud_notes=f"{word} said",
        conduct_quotes=f'"{word} quote"',
        account=f"{word} account, with {word}friend and {word}staff beside me",
        impact=f"{word} impact",
        adjustments=(
            Adjustment(AdjustmentKind.SOMEONE_WITH_ME, f"{word}friend Jones"),
            Adjustment(
                AdjustmentKind.PRIVATE_ROOM,
                f"{word} detail",
                AdjustmentOutcome.REFUSED,
                f"{word} reason given",
            ),
        ),  # fmt: skip
    )


def test_a_sentinel_in_every_redactable_value_is_in_no_format_and_no_log(
    new_vault: Vault, appointee: dict[str, str], clock: Clock
) -> None:
    son = appointee["son"]
    clock.now = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)
    first = new_vault.save(_every_redactable_value(son, 1)).record
    new_vault.save(
        dataclasses.replace(_every_redactable_value(son, 2), id=first.id, date=first.date)
    )
    new_vault.save(make_event(son, summary=f"{SENTINEL}3 summary", notes=f"{SENTINEL}3 notes"))
    options = ExportOptions(redact=frozenset(Redaction))  # NI numbers too
    for fmt in Format:
        data = render(new_vault, fmt, options)
        for text in everything_readable(data, fmt is Format.PDF):
            assert SENTINEL.casefold() not in text.casefold(), fmt
            assert "QQ654321B" not in text and "QQ 65 43 21 B" not in text, fmt
    # Shown NI numbers and redacted ones: redaction wins, in every format.
    both = ExportOptions(redact=frozenset({Redaction.NI_NUMBER}), show_ni_number=True)
    for fmt in Format:
        data = render(new_vault, fmt, both)
        text = " ".join(pages_text(data)) if fmt is Format.PDF else data.decode("utf-8-sig")
        assert "QQ654321B" not in text, fmt


def test_a_companion_named_in_an_adjustment_or_the_account_is_left_out_there_too(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    new_vault.save(
        make_appointment(
            appointee["son"],
            date=date(2024, 7, 1),
            companions="Ceri Jones (a friend)",
            account="Ceri held my hand while they asked.",
            adjustments=(
                Adjustment(AdjustmentKind.OTHER, "Ceri Jones to sit with me"),
                Adjustment(AdjustmentKind.SOMEONE_WITH_ME, "my older brother"),
            ),
        )
    )
    options = _only_son(appointee, redact=frozenset({Redaction.THIRD_PARTIES}))
    text = render(new_vault, Format.MARKDOWN, options).decode()
    assert "Ceri" not in text and "Jones" not in text
    assert "[name left out] held my hand" in text
    assert "my older brother" not in text  # who came along, even without a name
    assert "Someone with me ([left out of this copy])" in text


def test_every_dispute_step_prints_by_name(new_vault: Vault, appointee: dict[str, str]) -> None:
    for n, kind in enumerate(EventKind, start=1):
        new_vault.save(make_event(appointee["son"], date=date(2024, 8, 1 + n % 28), kind=kind))
    text = flat(" ".join(pages_text(render(new_vault, Format.PDF, _only_son(appointee)))))
    from companion.labels import label

    for kind in EventKind:
        assert f": {label(kind)}" in text, kind
    assert text.count("Something else") == 0


def test_the_short_version_gives_what_where_and_problems_in_full(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    new_vault.save(
        make_appointment(
            appointee["son"],
            date=date(2024, 9, 3),
            location="Exampleton Jobcentre, the second floor by the lifts near the stairs",
            account="The work coach read out his medication list at the open desk. Then more.",
        )
    )
    data = render(new_vault, Format.PDF, _only_son(appointee, mode=Mode.CONCISE))
    text = flat(" ".join(pages_text(data)[1:]))
    assert "…" not in text.replace("Then more", "")  # nothing cut off
    assert "the second floor by the lifts near the stairs" in text
    assert "The work coach read out his medication list at the open desk." in text
    assert "Then more" not in text  # the first sentence only: a summary, not the account
    assert "Private details said, or asked for, with others present" not in text  # not a count
    assert "Private room asked for and refused" in text  # the problems, in full


def test_the_short_version_lists_every_problem_entry_when_not_all_fit(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    son = appointee["son"]
    quiet = {
        "layout": None, "private_room_requested": None, "private_room_offered": None,
        "private_room_used": None, "in_earshot": (), "in_earshot_count": None, "adjustments": (),
        "said_aloud": (), "recording_requested": None, "account": "A calm meeting.",
    }  # fmt: skip
    for n in range(300):
        new_vault.save(make_appointment(son, date=date(2023, 1, 1 + n % 28), **quiet))
    for n in range(12):
        new_vault.save(
            make_appointment(son, date=date(2023, 2, 1 + n), account=f"Problem number {n}.")
        )
    data = render(new_vault, Format.PDF, _only_son(appointee, mode=Mode.CONCISE))
    pages = pages_text(data)
    assert len(pages) <= 4
    text = flat(" ".join(pages))
    for n in range(12):
        assert f"Problem number {n}." in text
    assert "more entries are not listed here" in text


def test_letters_stay_when_only_appointments_with_a_problem_are_chosen(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    new_vault.save(make_event(appointee["son"], summary="MR notice arrived."))
    options = _only_son(appointee)
    chosen = dataclasses.replace(
        options, selection=dataclasses.replace(options.selection, problems_only=True)
    )
    text = render(new_vault, Format.MARKDOWN, chosen).decode()
    assert "MR notice arrived." in text
    assert "Appointments where no problem is recorded." in text  # the cover says what it skips


def test_the_purpose_is_printed_with_the_keeper(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    data = render(new_vault, Format.PDF, _only_son(appointee, purpose=Purpose.APPEAL))
    assert metadata(data)["/Subject"] == f"A tribunal appeal. {KEPT_BY}"


def test_a_staff_name_is_left_out_of_refused_by_reasons_and_corrections_too(
    new_vault: Vault, appointee: dict[str, str], clock: Clock
) -> None:
    first = new_vault.save(
        make_appointment(
            appointee["son"],
            date=date(2024, 10, 1),
            staff_name="Sarah Jones",
            staff_role="Work coach",
            private_room_refused_by="Sarah",
            private_room_refusal_reason="Sarah said the rooms were for safeguarding.",
            adjustments=(
                Adjustment(
                    AdjustmentKind.PRIVATE_ROOM,
                    outcome=AdjustmentOutcome.REFUSED,
                    reason_given="Refused by Sarah Jones at the desk",
                ),
            ),  # fmt: skip
        )
    ).record
    clock.advance(days=2)
    new_vault.save(dataclasses.replace(first, private_room_refused_by="Sarah's manager, Ahmed"))
    options = ExportOptions(redact=frozenset({Redaction.STAFF_NAMES}))
    for fmt in Format:
        data = render(new_vault, fmt, options)
        for text in everything_readable(data, fmt is Format.PDF):
            assert "Sarah" not in text and "Jones" not in text and "Ahmed" not in text, fmt
    text = render(new_vault, Format.MARKDOWN, options).decode()
    assert "Work coach" in text  # the role stays
    assert "[name left out] said the rooms were for safeguarding." in text


def test_with_the_privacy_facts_left_out_an_entry_says_its_problems_are_left_out(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    options = _only_son(appointee, parts=frozenset(Part) - {Part.PRIVACY}, mode=Mode.CONCISE)
    text = flat(" ".join(pages_text(render(new_vault, Format.PDF, options))))
    assert "[privacy problems left out of this copy]" in text
    assert "Private details said, or asked for, with others present: 1 of 1" in text


def test_an_appointment_that_did_not_go_ahead_says_so_in_its_heading_and_short_row(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    from companion.model import Status

    new_vault.save(
        Appointment(
            appointee["son"], date(2024, 11, 4), status=Status.MOVED, moved_to=date(2024, 11, 11)
        )
    )
    new_vault.save(Appointment(appointee["son"], date(2024, 11, 5), status=Status.CANCELLED))
    for mode in Mode:
        text = flat(
            " ".join(pages_text(render(new_vault, Format.PDF, _only_son(appointee, mode=mode))))
        )
        assert "(moved to 11 Nov 2024)" in text and "(cancelled)" in text, mode
    text = flat(render(new_vault, Format.MARKDOWN, _only_son(appointee)).decode())
    assert "It was moved to Monday 11 November 2024." in text
    assert "Moved, cancelled or did not happen: 2 (not counted below)." in text


def test_search_words_are_not_printed_on_a_cover_that_leaves_names_out(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    options = ExportOptions(
        selection=Selection(text="Work coach"), redact=frozenset({Redaction.STAFF_NAMES})
    )
    text = render(new_vault, Format.MARKDOWN, options).decode()
    assert "Entries that do not contain the words searched for." in text
    assert '"Work coach"' not in text


def test_the_statement_is_never_split_from_its_signature_line(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    """Wherever a page ends, the statement and its signature line share a page: one account
    grows a line at a time, moving the statement down a whole page's worth of lines and past
    the point where it no longer fits and goes over to the next page."""
    options = _only_son(appointee, attest_as=KEEPER, parts=frozenset(Part) - {Part.CORRECTIONS})
    entry = new_vault.save(make_appointment(appointee["son"], date=date(2024, 12, 1))).record
    page_counts = set()
    for lines in range(56):
        account = "\n".join(["One more line of what happened."] * lines)
        new_vault.save(dataclasses.replace(entry, account=account))
        pages = PdfReader(io.BytesIO(render(new_vault, Format.PDF, options))).pages
        page_counts.add(len(pages))
        last = flat(pages[-1].extract_text())  # only the last page: reading text is slow
        assert "Signed:" in last and "I wrote these notes" in last, lines
        assert KEPT_BY in last and SON in last.split("Kept by")[0]  # names in the header
    assert len(page_counts) > 1  # the statement did meet the end of a page


def test_long_words_and_two_ni_numbers_are_never_cut_off(new_vault: Vault) -> None:
    alex = new_vault.save(
        make_person(display_name="Alexandra Gwenllian Example-Evans", ni_number="QQ123456A")
    ).record
    sam = new_vault.save(
        make_person(display_name="Samuel Bartholomew Example-Pritchard", ni_number="QQ654321B")
    ).record
    place = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Jobcentre"
    for person in (alex, sam):
        new_vault.save(make_appointment(person.id, location=place))
    for mode in Mode:
        options = ExportOptions(mode=mode, show_ni_number=True, reference="SC123/45/67890")
        data = render(new_vault, Format.PDF, options)
        text = "".join(" ".join(pages_text(data)).split())
        assert "…" not in text, mode
        assert place.replace(" ", "") in text, mode
        assert "QQ123456A" in text and "QQ654321B" in text, mode


def test_the_markdown_gives_who_could_hear_and_a_stranger_signing_is_not_given_a_capacity(
    new_vault: Vault, appointee: dict[str, str]
) -> None:
    text = render(new_vault, Format.MARKDOWN, _only_son(appointee, attest_as="A Friend")).decode()
    assert "- Who could hear: Other claimants (1), Security guards (1)." in text
    assert "Capacity: not stated (the record's keeper is Morwen Example)" in text
