"""Attached files in the exports: the PDF lists each beside its entry and in an appendix, the
Markdown and the JSON log carry the same, the cover says their contents are not in the copy,
and what a copy leaves out of an entry's words it leaves out of its files' names too."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path

import pytest

from companion.export import Format, export, render
from companion.export.options import ExportOptions, Mode, Part, Redaction
from companion.model import Attachment
from companion.presentation.attachments import shown_attachment
from companion.query import Selection
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import Clock
from tests.readback import attached_log, flat, pages_text

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@dataclasses.dataclass
class Kept:
    person: str
    first: str  # an appointment on 17 February with a recording and a photo
    second: str  # an appointment on 9 March with nothing attached
    letter: str  # a letter on 20 March with its PDF
    recording: Attachment
    photo: Attachment
    letter_pdf: Attachment


@pytest.fixture
def kept(new_vault: Vault, tmp_path: Path, clock: Clock) -> Kept:
    person = new_vault.save(make_person(display_name="Alex Example")).record
    first = new_vault.save(make_appointment(person.id, date=date(2026, 2, 17))).record
    second = new_vault.save(make_appointment(person.id, date=date(2026, 3, 9))).record
    letter = new_vault.save(make_event(person.id, date=date(2026, 3, 20))).record
    files = tmp_path / "files"
    files.mkdir()
    (files / "pip-assessment.mp3").write_bytes(b"ID3" + bytes(5000))
    (files / "room.png").write_bytes(PNG)
    (files / "decision.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 900)
    clock.advance(days=1)
    recording = new_vault.attach(
        first.id, files / "pip-assessment.mp3", description="The assessor's end of the call"
    ).record
    photo = new_vault.attach(first.id, files / "room.png").record
    letter_pdf = new_vault.attach(letter.id, files / "decision.pdf").record
    return Kept(person.id, first.id, second.id, letter.id, recording, photo, letter_pdf)


def _pdf(vault: Vault, **options: object) -> tuple[bytes, list[str]]:
    data = render(vault, Format.PDF, ExportOptions(**options))  # type: ignore[arg-type]
    return data, [flat(text) for text in pages_text(data)]


def test_the_pdf_lists_each_file_beside_its_entry_and_in_an_appendix(
    new_vault: Vault, kept: Kept
) -> None:
    _data, pages = _pdf(new_vault)
    appendix = [n for n, text in enumerate(pages) if text.find("Attached files These files") >= 0]
    assert len(appendix) == 1, "one appendix"
    entries = " ".join(pages[: appendix[0]])
    listing = " ".join(pages[appendix[0] :])
    for record in (kept.recording, kept.photo, kept.letter_pdf):
        assert record.sha256 in entries and record.sha256 in listing
        assert record.name in entries and record.name in listing
    # Beside its own entry: after that entry's heading and before the next entry's.
    first = entries.index("Tuesday 17 February 2026")
    second = entries.index("Monday 9 March 2026")
    assert first < entries.index(kept.recording.sha256) < second
    assert first < entries.index(kept.photo.sha256) < second
    assert entries.index("Friday 20 March 2026") < entries.index(kept.letter_pdf.sha256)
    assert "an MP3 recording, 5.0 KB" in entries and "a PNG picture, 1.0 KB" in entries
    assert "Attached on Tuesday 3 March 2026 at 09:30" in entries
    assert "The assessor's end of the call" in entries
    # The appendix names each file's entry.
    assert "With Tuesday 17 February 2026" in listing and "With Friday 20 March 2026" in listing


def test_the_cover_says_the_files_contents_are_not_in_the_copy(
    new_vault: Vault, kept: Kept
) -> None:
    data, pages = _pdf(new_vault)
    cover = pages[0]
    leaves_out = cover[cover.index("What this copy leaves out") :]
    assert "The contents of the attached files (3 in this copy)" in leaves_out
    assert "SHA-256 fingerprint" in leaves_out
    log = attached_log(data)
    assert any("contents of the attached files" in line for line in log["leaves_out"])
    assert PNG[20:60].hex() not in data.hex()  # nothing of a file's content


def test_a_copy_of_one_entry_lists_only_its_files(new_vault: Vault, kept: Kept) -> None:
    chosen = Selection(date_from=date(2026, 3, 1))
    data, pages = _pdf(new_vault, selection=chosen)
    text = " ".join(pages)
    assert kept.letter_pdf.sha256 in text
    assert kept.recording.sha256 not in text and kept.photo.sha256 not in text
    assert [a["id"] for a in attached_log(data)["attachments"]] == [kept.letter_pdf.id]
    assert "The contents of the attached files (1 in this copy)" in pages[0]


def test_a_copy_with_no_files_has_no_appendix_and_says_nothing_of_them(
    new_vault: Vault, kept: Kept
) -> None:
    data, pages = _pdf(new_vault, selection=Selection(date_from=date(2026, 3, 5),
                                                      date_to=date(2026, 3, 10)))  # fmt: skip
    text = " ".join(pages)
    assert "Attached file" not in text and "attached files" not in text
    assert "attachments" not in attached_log(data)


def test_the_short_version_says_where_the_files_are_listed(new_vault: Vault, kept: Kept) -> None:
    _data, pages = _pdf(new_vault, mode=Mode.CONCISE)
    text = " ".join(pages)
    assert "3 files attached to these entries are listed" in text
    assert len(pages) <= 4
    # The cover does not promise a list this copy has no room for.
    assert "the full timeline and the log attached to this copy list each" in pages[0]
    assert "at the end" not in pages[0]


def test_markdown_lists_the_same_files(new_vault: Vault, kept: Kept) -> None:
    text = render(new_vault, Format.MARKDOWN, ExportOptions()).decode()
    entries, appendix = text.split("## Attached files")
    for record in (kept.recording, kept.photo, kept.letter_pdf):
        assert f"SHA-256: `{record.sha256}`" in entries
        assert f"SHA-256: `{record.sha256}`" in appendix
    assert "pip-assessment.mp3 (an MP3 recording, 5.0 KB)" in entries
    assert "The contents of the attached files (3 in this copy)" in text.split("## Alex")[0]


def test_the_log_carries_every_version_of_the_chosen_entries_files(
    new_vault: Vault, kept: Kept, clock: Clock
) -> None:
    clock.advance(days=1)
    renamed = dataclasses.replace(kept.photo, name="waiting room.png", description="Open plan")
    new_vault.save(renamed)
    new_vault.delete(kept.letter_pdf.id)
    doc = attached_log(render(new_vault, Format.PDF, ExportOptions()))
    listed = {a["id"]: a for a in doc["attachments"]}
    assert set(listed) == {kept.recording.id, kept.photo.id}  # a deleted file is not listed
    photo = listed[kept.photo.id]
    assert photo["person_id"] == kept.person
    assert [v["fields"]["name"] for v in photo["versions"]] == ["room.png", "waiting room.png"]
    assert [v["proof"]["rev"] for v in photo["versions"]] == [1, 2]
    assert photo["versions"][-1]["fields"]["entry_id"] == kept.first
    assert photo["versions"][-1]["fields"]["sha256"] == hashlib.sha256(PNG).hexdigest()
    latest = attached_log(
        render(new_vault, Format.PDF, ExportOptions(parts=frozenset(Part) - {Part.CORRECTIONS}))
    )
    photo = {a["id"]: a for a in latest["attachments"]}[kept.photo.id]
    assert [v["fields"]["name"] for v in photo["versions"]] == ["waiting room.png"]


@pytest.mark.parametrize(
    "choice", [Redaction.FREE_TEXT, Redaction.STAFF_NAMES, Redaction.THIRD_PARTIES]
)
def test_leaving_out_words_or_names_leaves_out_the_files_names_and_descriptions(
    new_vault: Vault, kept: Kept, tmp_path: Path, choice: Redaction
) -> None:
    options = ExportOptions(redact=frozenset({choice}))
    for fmt in (Format.PDF, Format.MARKDOWN, Format.JSON):
        out = tmp_path / f"copy.{fmt.value}"
        export(new_vault, fmt, options, out)
        raw = out.read_bytes()
        readable = " ".join(pages_text(raw)) if fmt is Format.PDF else raw.decode()
        if fmt is Format.PDF:
            readable += str(attached_log(raw))
        assert "pip-assessment" not in readable and "assessor's end" not in readable, fmt
        assert kept.recording.sha256 in readable, fmt  # still checkable
    pages = " ".join(_pdf(new_vault, redact=frozenset({choice}))[1])
    assert "[left out of this copy] (an MP3 recording, 5.0 KB)" in pages
    assert "The names and descriptions of the attached files" in pages


def test_an_ni_number_in_a_files_description_is_left_out_with_the_others(
    new_vault: Vault, kept: Kept
) -> None:
    new_vault.save(dataclasses.replace(kept.photo, description="Letter about QQ 12 34 56 C"))
    data, pages = _pdf(new_vault)
    assert "QQ 12 34 56 C" not in " ".join(pages) and "QQ 12 34 56 C" not in str(attached_log(data))
    assert "[NI number left out]" in " ".join(pages)


def test_the_words_for_a_file_mark_what_a_copy_leaves_out() -> None:
    from datetime import UTC, datetime

    kept = Attachment(
        person_id="a" * 32, entry_id="b" * 32, name="call.mp3", size=4_200_000,
        sha256="9f86d081" + "0" * 56, media_type="audio/mpeg",
        captured_at=datetime(2026, 2, 17, 10, 30, tzinfo=UTC), description="The whole call",
    )  # fmt: skip
    shown = shown_attachment(kept)
    assert shown.summary == "call.mp3 (an MP3 recording, 4.2 MB)"
    assert shown.short_sha == "SHA-256 9f86d081…"
    assert shown.captured == "Tuesday 17 February 2026 at 10:30"
    assert kept.sha256 in shown.note and "Attached on Tuesday 17 February 2026" in shown.note
    emptied = shown_attachment(dataclasses.replace(kept, name="", description=""), kept)
    assert emptied.name_left_out and emptied.description_left_out
    assert emptied.name == emptied.description == "[left out of this copy]"
    assert not shown_attachment(dataclasses.replace(kept, description="")).description


def test_a_log_listing_attached_files_imports_its_entries_without_the_files(
    new_vault: Vault, kept: Kept, tmp_path: Path
) -> None:
    from companion.importer import import_file
    from tests.conftest import create_vault

    log = tmp_path / "log.json"
    export(new_vault, Format.JSON, ExportOptions(show_ni_number=True), log)
    assert '"attachments"' in log.read_text(encoding="utf-8")
    elsewhere = create_vault(tmp_path / "elsewhere.companion")
    try:
        import_file(elsewhere, log)
        ids = {saved.record.id for saved in [*elsewhere.appointments(), *elsewhere.events()]}
        assert {kept.first, kept.second, kept.letter} <= ids
        assert elsewhere.attachments() == []  # a log holds no file's content
        assert elsewhere.verify() == []
    finally:
        elsewhere.close()
