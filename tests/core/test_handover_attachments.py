"""A hand-over takes the evidence files kept with the person's entries: every version of each
file's record, and its content sealed again under the new vault's key; nobody else's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from companion import errors, handover
from companion.handover import confirm_shown, hand_over
from companion.handover_check import purge_after
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, Clock, reopen

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"
SIZE = 3 * 65536 + 17  # more than one chunk, the last one short
THEIRS = b"ZqOtherPersonsRecordingMarker"


@pytest.fixture
def with_files(new_vault: Vault, clock: Clock, tmp_path: Path) -> tuple[Vault, str, str, bytes]:
    son = new_vault.save(make_person(display_name="Dylan Example")).record
    other = new_vault.save(make_person(display_name="Rhian Other")).record
    entry = new_vault.save(make_appointment(son.id)).record
    gone = new_vault.save(make_appointment(son.id, account="Deleted later.")).record
    hers = new_vault.save(make_appointment(other.id)).record
    content = bytes((n * 7) % 251 for n in range(SIZE))
    (tmp_path / "interview.mp3").write_bytes(content)
    (tmp_path / "hers.mp3").write_bytes(THEIRS * 100)
    (tmp_path / "gone.pdf").write_bytes(b"%PDF-1.4 a letter")
    clock.advance(hours=1)
    saved = new_vault.attach(entry.id, tmp_path / "interview.mp3", description="The interview")
    clock.advance(hours=1)
    new_vault.save(dataclasses.replace(saved.record, description="The interview, in full"))
    new_vault.attach(hers.id, tmp_path / "hers.mp3")
    new_vault.attach(gone.id, tmp_path / "gone.pdf")
    new_vault.delete(gone.id)
    clock.advance(days=1)
    return new_vault, son.id, saved.record.id, content


def test_the_persons_files_come_with_every_version_and_their_content(
    with_files: tuple[Vault, str, str, bytes], tmp_path: Path
) -> None:
    vault, son, file_id, content = with_files
    before = [(v.saved_at, v.record) for v in vault.versions(file_id)]
    target = tmp_path / "dylan.companion"
    confirm_shown(target, hand_over(vault, son, target, NEW_PASSPHRASE, policy=FAST_KDF))
    new = reopen(target, passphrase=NEW_PASSPHRASE)
    try:
        assert [s.record.id for s in new.attachments()] == [file_id]  # not hers, not the deleted
        assert [(v.saved_at, v.record) for v in new.versions(file_id)] == before
        assert b"".join(new.attachment_chunks(file_id)) == content
        assert new.verify() == []
    finally:
        new.close()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("dylan"))
    assert THEIRS not in data


def test_a_new_vault_without_its_files_is_never_moved_into_place(
    with_files: tuple[Vault, str, str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, son, _file_id, _content = with_files
    monkeypatch.setattr(Vault, "import_attachment", lambda *args, **kwargs: None)
    (tmp_path / "out").mkdir()
    with pytest.raises(errors.HandoverIncomplete):
        hand_over(vault, son, tmp_path / "out" / "dylan.companion", NEW_PASSPHRASE,
                  policy=FAST_KDF)  # fmt: skip
    assert list((tmp_path / "out").iterdir()) == []


def test_no_erasing_here_before_the_new_vault_holds_the_files(
    with_files: tuple[Vault, str, str, bytes], tmp_path: Path
) -> None:
    vault, son, _file_id, _content = with_files
    target = tmp_path / "dylan.companion"
    without = dataclasses.replace(handover.plan(vault, son), attachments=())
    handover.build(without, target, NEW_PASSPHRASE, vault, policy=FAST_KDF)
    with pytest.raises(errors.NotHandedOver):
        purge_after(vault, son, target, NEW_PASSPHRASE, "Dylan Example", policy=FAST_KDF)
    assert any(p.record.id == son for p in vault.people())
