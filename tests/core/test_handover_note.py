"""A handed-over vault says what happened: its first note is listed as "Records handed over",
and each entry it brought says it was handed over from records someone else kept (with the
time each wording was written), never that it came from a file. A file brought in later
still says so; the vault format that holds the note is 1.4, and older vaults open."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from companion.export import ExportOptions, Format, render
from companion.handover import confirm_shown, hand_over
from companion.importer import import_file
from companion.labels import label
from companion.letters.wording import written_when
from companion.model import EventKind, Keeper
from companion.presentation.entry import present, shown_entry
from companion.store import FORMAT
from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"
HANDED = "from records someone else kept"


class Ticking:
    """A clock that moves on a second each time it is read, as a real one moves between
    the steps of a hand-over."""

    def __init__(self) -> None:
        self.now = datetime(2026, 4, 4, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def appointee_vault(path: Path, tmp_path: Path) -> tuple[Vault, str]:
    """A vault with a person, a written entry, a corrected one and one from a diary sheet
    that gave no time of writing; returns it and the person's id."""
    vault, _key = Vault.create(path, PASSPHRASE, policy=FAST_KDF, clock=Ticking())
    vault.save(Keeper("Morwen Keeper"))
    son = vault.save(make_person(display_name="Dylan Example")).record
    first = vault.save(make_appointment(son.id, account="As first written.")).record
    vault.save(make_appointment(son.id, account="Corrected later.", id=first.id))
    vault.save(make_event(son.id, summary="PIP refused."))
    sheet = tmp_path / "diary.csv"
    sheet.write_text("person,date,account\nDylan Example,2026-01-05,From a paper diary.\n")
    import_file(vault, sheet)
    return vault, son.id


def handed_over(tmp_path: Path) -> Path:
    vault, son = appointee_vault(tmp_path / "mine.companion", tmp_path)
    target = tmp_path / "dylan.companion"
    recovery = hand_over(vault, son, target, NEW_PASSPHRASE, policy=FAST_KDF)
    confirm_shown(target, recovery)
    vault.close()
    return target


def words_of(vault: Vault) -> dict[str, str]:
    """Each entry's account or summary, and the words saying when it was written."""
    shown = {}
    for saved in [*vault.appointments(), *vault.events()]:
        entry = shown_entry(saved, vault.versions(saved.record.id), ExportOptions())
        text = getattr(saved.record, "account", "") or saved.record.summary  # type: ignore[union-attr]
        shown[text] = present(entry, "Dylan Example").written
    return shown


def test_the_hand_overs_note_is_listed_as_records_handed_over(tmp_path: Path) -> None:
    new = reopen(handed_over(tmp_path), passphrase=NEW_PASSPHRASE)
    try:
        [note] = [s for s in new.events() if s.record.kind is EventKind.HANDED_OVER]
        assert label(note.record.kind) == "Records handed over"
        assert note.record.summary.startswith("Handed over on Saturday 4 April 2026 from the")
        assert not note.handed_over and note.imported_at is None  # written there, not brought
        markdown = render(new, Format.MARKDOWN, ExportOptions()).decode()
        assert "Records handed over" in markdown and "Another letter or event" not in markdown
    finally:
        new.close()


def test_each_entry_it_brought_says_it_was_handed_over_with_when_it_was_written(
    tmp_path: Path,
) -> None:
    new = reopen(handed_over(tmp_path), passphrase=NEW_PASSPHRASE)
    try:
        words = words_of(new)
        when = "Handed over on Saturday 4 April 2026 at"
        assert words["Corrected later."].startswith("First written Saturday 4 April 2026 at")
        assert "This wording saved" in words["Corrected later."]
        assert words["PIP refused."].startswith("Written Saturday 4 April 2026 at")
        for text in ("Corrected later.", "PIP refused."):
            assert f"{when}" in words[text] and words[text].endswith(f"{HANDED}.")
        diary_words = words["From a paper diary."]
        assert diary_words.startswith(when)
        assert diary_words.endswith(f"{HANDED}, which did not say when it was written.")
        assert not any("from a file" in text for text in words.values())
        diary = next(s for s in new.appointments() if s.record.account == "From a paper diary.")
        assert written_when(diary) == (
            "When the note was written is not known: it was handed over from records "
            "someone else kept."
        )
    finally:
        new.close()


def test_a_file_brought_in_later_still_says_it_came_from_a_file(tmp_path: Path) -> None:
    new = reopen(handed_over(tmp_path), passphrase=NEW_PASSPHRASE)
    try:
        sheet = tmp_path / "later.csv"
        sheet.write_text("person,date,account\nDylan Example,2026-04-01,Typed up later.\n")
        import_file(new, sheet)
        words = words_of(new)
        assert words["Typed up later."].startswith("Brought in from a file on")
        assert words["Corrected later."].endswith(f"{HANDED}.")
    finally:
        new.close()


def test_a_records_handed_over_entry_written_by_hand_makes_no_file_handed_over(
    tmp_path: Path,
) -> None:
    vault, son = appointee_vault(tmp_path / "mine.companion", tmp_path)
    try:
        vault.save(make_event(son, kind=EventKind.HANDED_OVER, summary="Typed in by hand."))
        words = words_of(vault)
        assert words["From a paper diary."].startswith("Brought in from a file on")
    finally:
        vault.close()


def _header(path: Path) -> dict:  # type: ignore[type-arg]
    conn = sqlite3.connect(path)
    try:
        return json.loads(conn.execute("SELECT data FROM header").fetchone()[0])
    finally:
        conn.close()


def _write_header(path: Path, header: dict) -> None:  # type: ignore[type-arg]
    raw = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                "UPDATE header SET data = ?, checksum = ?", (raw, hashlib.sha256(raw).digest())
            )
    finally:
        conn.close()


def test_a_format_1_3_vault_opens_brought_up_to_1_4(tmp_path: Path) -> None:
    path = tmp_path / "older.companion"
    vault, son = appointee_vault(path, tmp_path)
    fingerprint = vault.fingerprint()
    vault.close()
    _write_header(path, {**_header(path), "format": [1, 3]})
    again = reopen(path)
    try:
        assert again.problems == [] and again.verify() == []
        assert again.fingerprint() == fingerprint
        again.save(make_event(son, kind=EventKind.HANDED_OVER))
    finally:
        again.close()
    assert FORMAT == (1, 4) and _header(path)["format"] == [1, 4]
