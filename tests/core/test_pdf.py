"""The PDF timeline, read back as a tribunal clerk or an adviser would receive it."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from companion.export import Format, render
from companion.export.options import ExportOptions, Mode, Part, Purpose, Redaction
from companion.importer import import_file
from companion.model import Appointment
from companion.query import Selection
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock
from tests.readback import attached_log, flat, pages_text


@pytest.fixture
def filled(new_vault: Vault, clock: Clock) -> dict[str, str]:
    alex = new_vault.save(
        make_person(display_name="Alex Gwŷn 😟 Example", ni_number="QQ123456C")
    ).record
    sam = new_vault.save(make_person(display_name="Sam Example", ni_number="AB123456D")).record
    ids = {"alex": alex.id, "sam": sam.id}
    for n, day in enumerate([date(2026, 3, 9), date(2026, 1, 12), date(2026, 2, 2)]):
        clock.advance(hours=1)
        saved = new_vault.save(
            make_appointment(
                alex.id,
                date=day,
                account=f"Account number {n}: spoken to by Officer Plainly.",
                staff_name="Officer Plainly",
                companions="My friend Jo Bloggs",
            )
        )
        ids[f"a{n}"] = saved.record.id
    first = new_vault.get(ids["a0"]).record
    clock.advance(days=1)
    new_vault.save(dataclasses.replace(first, account="Account number 0, corrected."))
    new_vault.save(make_event(alex.id, date=date(2026, 2, 20), summary="PIP letter arrived."))
    new_vault.save(make_appointment(sam.id, date=date(2026, 2, 1), account="Sam's own words."))
    return ids


def test_entries_appear_in_date_order_with_page_x_of_y_on_every_page(
    new_vault: Vault, filled: dict[str, str]
) -> None:
    options = ExportOptions(
        selection=Selection(person_ids=frozenset({filled["alex"]})),
        purpose=Purpose.APPEAL,
        reference="SC999/00/12345",
    )
    data = render(new_vault, Format.PDF, options)
    pages = pages_text(data)
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text
        assert "SC999/00/12345" in text  # the reference in every page's header
    body = flat(" ".join(pages))
    order = [body.index(f"Account number {n}") for n in (1, 2)] + [body.index("PIP letter")]
    assert order == sorted(order)  # 12 Jan, 2 Feb, then the letter of 20 Feb
    assert body.index("PIP letter") < body.index("Account number 0, corrected.")  # 9 March
    assert "Record of appointments: evidence for an appeal" in body
    assert "Corrected on" in body and 'was "Account number 0: spoken to' in body
    assert "Written " in body and ("the same day" in body or "days later" in body)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Record of appointments: evidence for an appeal"
    assert reader.metadata.subject.startswith("A tribunal appeal.")


def test_only_the_shipped_font_is_used_and_welsh_and_emoji_survive(
    new_vault: Vault, filled: dict[str, str]
) -> None:
    data = render(new_vault, Format.PDF, ExportOptions())
    text = flat(" ".join(pages_text(data)))
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)  # spaces copy as spaces
    assert "Alex Gwŷn [worried face] Example" in text  # an emoji is named where it cannot print
    assert attached_log(data)["people"][0]["versions"][0]["fields"]["display_name"] in (
        "Alex Gwŷn 😟 Example",
        "Sam Example",
    )
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(f.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.startswith("AtkinsonHyperlegibleNext-") for name in fonts)


def test_redacted_values_are_nowhere_in_the_pdf_or_its_log(
    new_vault: Vault, filled: dict[str, str]
) -> None:
    redact = frozenset({Redaction.NI_NUMBER, Redaction.STAFF_NAMES, Redaction.THIRD_PARTIES})
    data = render(new_vault, Format.PDF, ExportOptions(redact=redact, show_ni_number=True))
    visible = flat(" ".join(pages_text(data)))
    log = json.dumps(attached_log(data), ensure_ascii=False)
    for secret in ("QQ123456C", "AB123456D", "Jo Bloggs"):
        assert secret not in visible and secret not in log
    staff = {
        v["fields"]["staff_name"] for a in attached_log(data)["appointments"] for v in a["versions"]
    }
    assert staff == {""}  # the field is emptied; a name written in free text needs free text out
    free = render(new_vault, Format.PDF, ExportOptions(redact=redact | {Redaction.FREE_TEXT}))
    visible = flat(" ".join(pages_text(free)))
    log = json.dumps(attached_log(free), ensure_ascii=False)
    for secret in ("Officer Plainly", "Account number", "Sam's own words", "PIP letter arrived"):
        assert secret not in visible and secret not in log


def test_the_ni_number_is_in_the_header_only_when_asked_for(
    new_vault: Vault, filled: dict[str, str]
) -> None:
    only_alex = Selection(person_ids=frozenset({filled["alex"]}))
    hidden = pages_text(render(new_vault, Format.PDF, ExportOptions(selection=only_alex)))
    shown = pages_text(
        render(new_vault, Format.PDF, ExportOptions(selection=only_alex, show_ni_number=True))
    )
    assert not any("QQ123456C" in page for page in hidden)
    assert all("QQ123456C" in page for page in shown)
    # The attached log carries the number only where the pages show it.
    hidden_log = render(new_vault, Format.PDF, ExportOptions(selection=only_alex))
    assert "QQ123456C" not in json.dumps(attached_log(hidden_log))
    shown_log = render(
        new_vault, Format.PDF, ExportOptions(selection=only_alex, show_ni_number=True)
    )
    assert "QQ123456C" in json.dumps(attached_log(shown_log))


def test_one_persons_ni_number_never_heads_anothers_pages(new_vault: Vault) -> None:
    sam = new_vault.save(make_person(display_name="Sam", ni_number="QQ000001A")).record
    samantha = new_vault.save(make_person(display_name="Samantha", ni_number="QQ000002B")).record
    new_vault.save(make_appointment(sam.id, date=date(2026, 1, 5)))
    new_vault.save(make_appointment(samantha.id, date=date(2026, 1, 6)))
    pages = pages_text(render(new_vault, Format.PDF, ExportOptions(show_ni_number=True)))
    for page in pages:
        if page.startswith("Samantha"):
            assert "QQ000001A" not in page


def test_the_attached_log_reimports_into_an_empty_vault_with_the_same_content(
    new_vault: Vault, filled: dict[str, str], tmp_path: Path
) -> None:
    data = render(new_vault, Format.PDF, ExportOptions())
    (tmp_path / "log.json").write_bytes(json.dumps(attached_log(data)).encode())
    other, _ = Vault.create(tmp_path / "other.companion", PASSPHRASE, policy=FAST_KDF)
    import_file(other, tmp_path / "log.json")
    assert {a.record for a in other.appointments()} == {a.record for a in new_vault.appointments()}
    assert {e.record for e in other.events()} == {e.record for e in new_vault.events()}
    assert [v.record.account for v in other.versions(filled["a0"])] == [
        "Account number 0: spoken to by Officer Plainly.",
        "Account number 0, corrected.",
    ]
    other.close()


def test_a_person_filter_never_leaks_into_any_format(
    new_vault: Vault, filled: dict[str, str], tmp_path: Path
) -> None:
    only_sam = ExportOptions(selection=Selection(person_ids=frozenset({filled["sam"]})))
    for fmt in Format:
        data = render(new_vault, fmt, only_sam)
        text = flat(" ".join(pages_text(data))) if fmt is Format.PDF else data.decode("utf-8-sig")
        assert "Sam's own words." in text or "Sam's own words" in text
        for other in ("Alex", "Account number", "PIP letter", "QQ123456C"):
            assert other not in text, (fmt, other)
        if fmt is Format.PDF:
            log = json.dumps(attached_log(data), ensure_ascii=False)
            assert "Alex" not in log and "Account number" not in log


def test_concise_mode_fits_many_entries_on_four_pages_problems_first(
    new_vault: Vault, clock: Clock
) -> None:
    person = new_vault.save(make_person(display_name="Busy Example")).record
    items = []
    from companion.ledger import Version

    for n in range(220):
        quiet = n % 3 == 0
        record = make_appointment(
            person.id,
            date=date(2024, 1, 1).replace(day=1 + n % 28),
            account=f"Entry {n}",
            in_earshot=() if quiet else make_appointment(person.id).in_earshot,
            layout=None if quiet else make_appointment(person.id).layout,
            private_room_offered=None,
            private_room_used=None,
            private_room_requested=None,
            adjustments=(),
            said_aloud=(),
        )
        items.append((f"row {n}", [Version(clock.now, record)]))
    new_vault.import_versions(items)
    data = render(new_vault, Format.PDF, ExportOptions(mode=Mode.CONCISE, attest_as="Busy Example"))
    pages = pages_text(data)
    assert len(pages) <= 4
    text = flat(" ".join(pages))
    assert "more entries are not listed here" in text
    assert "I wrote these notes at the times shown" in text and "Name: Busy Example" in text
    assert len(attached_log(data)["appointments"]) == 220  # the log still holds them all


def test_leaving_parts_out(new_vault: Vault, filled: dict[str, str]) -> None:
    options = ExportOptions(parts=frozenset(Part) - {Part.ACCOUNT, Part.LETTERS, Part.CORRECTIONS})
    text = flat(" ".join(pages_text(render(new_vault, Format.PDF, options))))
    assert "Account number" not in text and "PIP letter" not in text and "Corrected on" not in text
    assert "Private room" in text
    # What the pages leave out, the attached log and the spreadsheet leave out too.
    log = json.dumps(attached_log(render(new_vault, Format.PDF, options)), ensure_ascii=False)
    assert "Account number" not in log and "PIP letter" not in log
    sheet = render(new_vault, Format.CSV, options).decode("utf-8-sig")
    assert "Account number" not in sheet
    private = ExportOptions(parts=frozenset(Part) - {Part.PRIVACY})
    text = flat(" ".join(pages_text(render(new_vault, Format.PDF, private))))
    assert "Asked for:" not in text and "Refused by:" not in text and "Account number" in text
    # The summary still counts what happened; the entries say their privacy facts are left out.
    assert "Private details said, or asked for, with others present" in text
    assert "Privacy facts Left out of this copy." in text
    # The only correction was to the account: with the account left out it has nothing to show.
    no_account = ExportOptions(parts=frozenset(Part) - {Part.ACCOUNT})
    text = flat(" ".join(pages_text(render(new_vault, Format.PDF, no_account))))
    assert "Corrected on" not in text


def test_every_page_gives_the_same_local_day_it_was_made(new_vault: Vault, clock: Clock) -> None:
    person = new_vault.save(make_person(display_name="Alex Example")).record
    new_vault.save(make_appointment(person.id, date=date(2026, 6, 30)))
    clock.now = clock.now.replace(year=2026, month=7, day=1, hour=23, minute=30)  # 00:30 in London
    pages = pages_text(render(new_vault, Format.PDF, ExportOptions()))
    assert all("Made on Thursday 2 July 2026" in page for page in pages)


def test_a_page_where_one_persons_part_ends_and_anothers_begins_names_both(
    new_vault: Vault,
) -> None:
    alex = new_vault.save(make_person(display_name="Alex Example")).record
    sam = new_vault.save(make_person(display_name="Sam Example")).record
    new_vault.save(Appointment(alex.id, date(2026, 1, 5), account="Alex's words."))
    new_vault.save(Appointment(sam.id, date(2026, 1, 6), account="Sam's words."))
    pages = pages_text(render(new_vault, Format.PDF, ExportOptions()))
    shared = [p for p in pages if "Alex's words" in p and "Sam's words" in p]
    assert shared, "both short parts fit on one page"
    header = shared[0].splitlines()[0]
    assert "Alex Example" in header and "Sam Example" in header


def test_a_page_that_starts_part_way_through_an_entry_says_which(new_vault: Vault) -> None:
    alex = new_vault.save(make_person(display_name="Alex Example")).record
    long = "\n".join(f"Line {n} of what happened at the desk." for n in range(120))
    new_vault.save(Appointment(alex.id, date(2026, 2, 17), account=long))
    pages = pages_text(render(new_vault, Format.PDF, ExportOptions()))
    later = [p for p in pages if "Line 119 of what happened" in p]
    assert later and "Tuesday 17 February 2026: Appointment (continued)" in flat(later[0])
