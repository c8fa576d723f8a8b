"""Evidence files attached to an entry: kept sealed in the vault, read back exactly, and every
kind of tampering with their stored chunks caught with a typed error."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from pathlib import Path

import pytest

from companion import errors, revisions
from companion.attachment_chunks import CHUNK, CHUNKS_PER_PART
from companion.errors import ChunkProblem
from companion.ledger import ProblemKind
from companion.vault import Vault
from tests.conftest import Clock, create_vault, reopen
from tests.core.attachment_helpers import (
    a_file,
    alter_chunks,
    entry_in,
    flip,
    random_file,
    stored_chunks,
    stored_ids,
)

# An empty file is refused (there is nothing to keep); every stored attachment ends in one
# last chunk that is never empty.
SIZES = [1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17, CHUNKS_PER_PART * CHUNK + 5]


@pytest.mark.parametrize("size", SIZES)
def test_a_file_comes_back_exactly_as_it_was_attached(
    new_vault: Vault, tmp_path: Path, size: int
) -> None:
    path = random_file(tmp_path, size)
    saved = new_vault.attach(entry_in(new_vault), path)
    data = path.read_bytes()
    chunks = list(new_vault.attachment_chunks(saved.record.id))
    assert b"".join(chunks) == data
    assert [len(c) for c in chunks[:-1]] == [CHUNK] * (len(chunks) - 1) and chunks[-1]
    assert saved.record.size == size
    assert saved.record.sha256 == hashlib.sha256(data).hexdigest()
    assert new_vault.verify() == []


def test_what_is_recorded_at_capture(new_vault: Vault, tmp_path: Path, clock: Clock) -> None:
    entry = entry_in(new_vault)
    path = tmp_path / "decision letter.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    clock.advance(days=3)
    saved = new_vault.attach(entry, path, description="PIP decision, page 1")
    record = saved.record
    assert (record.name, record.size, record.media_type) == (
        "decision letter.pdf", 5009, "application/pdf"
    )  # fmt: skip
    assert record.captured_at == clock.now and saved.written_at == clock.now
    assert record.description == "PIP decision, page 1" and record.entry_id == entry
    assert new_vault.attachments_of(entry) == [saved]


def test_the_type_shown_comes_from_the_bytes_not_the_name(new_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "decision.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    saved = new_vault.attach(entry_in(new_vault), path)
    assert saved.record.media_type == "image/png"


def test_an_empty_file_is_refused_and_nothing_is_kept(new_vault: Vault, tmp_path: Path) -> None:
    entry = entry_in(new_vault)
    before = new_vault.fingerprint()
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(errors.EmptyFile):
        new_vault.attach(entry, tmp_path / "empty.txt")
    assert new_vault.fingerprint() == before and stored_ids(new_vault) == set()


def test_only_an_ordinary_file_is_read(new_vault: Vault, tmp_path: Path) -> None:
    entry = entry_in(new_vault)
    os.mkfifo(tmp_path / "pipe")
    for place in (tmp_path, tmp_path / "pipe", tmp_path / "missing.mp3"):
        with pytest.raises(errors.InvalidInput):
            new_vault.attach(entry, place)
    assert stored_ids(new_vault) == set()


def test_only_an_appointment_or_letter_takes_an_attachment(
    new_vault: Vault, tmp_path: Path
) -> None:
    entry = entry_in(new_vault)
    person = new_vault.get(entry).record.person_id
    for not_an_entry in (person, "0" * 32):
        with pytest.raises(errors.InvalidInput):
            new_vault.attach(not_an_entry, a_file(tmp_path, 10))
    assert stored_ids(new_vault) == set()


# -- tampering with the stored chunks ---------------------------------------------------------


@pytest.fixture
def three_chunks(new_vault: Vault, tmp_path: Path) -> tuple[Vault, str, Path]:
    """A closed vault holding an attachment of three chunks (the last a short one)."""
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 2 * CHUNK + 100))
    path = new_vault.path
    new_vault.close()
    return new_vault, saved.record.id, path


def damage_of(path: Path, attachment_id: str) -> errors.AttachmentDamaged:
    vault = reopen(path)
    try:
        problems = vault.verify()
        assert [p.kind for p in problems] == [ProblemKind.ATTACHMENT_DAMAGED]
        assert problems[0].record_id == attachment_id
        with pytest.raises(errors.AttachmentDamaged) as caught:
            for _chunk in vault.attachment_chunks(attachment_id):
                pass
        return caught.value
    finally:
        vault.close()


@pytest.mark.parametrize("chunk", [0, 1, 2])
@pytest.mark.parametrize("where", ["nonce", "middle", "tag"])
def test_one_flipped_byte_in_any_chunk_is_caught(
    three_chunks: tuple[Vault, str, Path], chunk: int, where: str
) -> None:
    _vault, attachment_id, path = three_chunks

    def change(chunks: list[bytes]) -> list[bytes]:
        at = {"nonce": 3, "middle": len(chunks[chunk]) // 2, "tag": len(chunks[chunk]) - 2}
        chunks[chunk] = flip(chunks[chunk], at[where])
        return chunks

    alter_chunks(path, attachment_id, change)
    found = damage_of(path, attachment_id)
    assert (found.problem, found.chunk) == (ChunkProblem.UNREADABLE, chunk)


def test_a_dropped_last_chunk_is_caught(three_chunks: tuple[Vault, str, Path]) -> None:
    _vault, attachment_id, path = three_chunks
    alter_chunks(path, attachment_id, lambda chunks: chunks[:-1])
    assert damage_of(path, attachment_id).problem is ChunkProblem.TRUNCATED


def test_every_chunk_dropped_is_caught(three_chunks: tuple[Vault, str, Path]) -> None:
    _vault, attachment_id, path = three_chunks
    alter_chunks(path, attachment_id, lambda chunks: [])
    assert damage_of(path, attachment_id).problem is ChunkProblem.MISSING


def test_two_swapped_chunks_are_caught(three_chunks: tuple[Vault, str, Path]) -> None:
    _vault, attachment_id, path = three_chunks
    alter_chunks(path, attachment_id, lambda c: [c[1], c[0], c[2]])
    found = damage_of(path, attachment_id)
    assert (found.problem, found.chunk) == (ChunkProblem.UNREADABLE, 0)


def test_a_chunk_added_after_the_last_is_caught(three_chunks: tuple[Vault, str, Path]) -> None:
    _vault, attachment_id, path = three_chunks
    alter_chunks(path, attachment_id, lambda c: [*c, c[0]])
    assert damage_of(path, attachment_id).problem is ChunkProblem.EXTRA


def test_a_chunk_from_another_attachment_is_caught(new_vault: Vault, tmp_path: Path) -> None:
    entry = entry_in(new_vault)
    mine = new_vault.attach(entry, a_file(tmp_path, 2 * CHUNK, "a.mp3", seed=1)).record.id
    other = new_vault.attach(entry, a_file(tmp_path, 2 * CHUNK, "b.mp3", seed=2)).record.id
    new_vault.close()
    theirs = stored_chunks(new_vault.path, other)
    alter_chunks(new_vault.path, mine, lambda c: [theirs[0], c[1]])
    found = damage_of(new_vault.path, mine)
    assert (found.problem, found.chunk) == (ChunkProblem.UNREADABLE, 0)


def test_a_chunk_from_another_vault_is_caught(new_vault: Vault, tmp_path: Path) -> None:
    mine = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 2 * CHUNK)).record.id
    new_vault.close()
    elsewhere = create_vault(tmp_path / "elsewhere.companion")
    theirs = elsewhere.attach(entry_in(elsewhere), a_file(tmp_path, 2 * CHUNK)).record.id
    elsewhere.close()
    foreign = stored_chunks(tmp_path / "elsewhere.companion", theirs)
    alter_chunks(new_vault.path, mine, lambda c: [c[0], foreign[1]])
    found = damage_of(new_vault.path, mine)
    assert (found.problem, found.chunk) == (ChunkProblem.UNREADABLE, 1)


def test_content_stored_without_a_record_is_reported(
    three_chunks: tuple[Vault, str, Path],
) -> None:
    _vault, attachment_id, path = three_chunks
    chunks = stored_chunks(path, attachment_id)
    from tests.core.attachment_helpers import store_chunks

    store_chunks(path, "ab" * 16, chunks)
    vault = reopen(path)
    try:
        assert [p.kind for p in vault.verify()] == [ProblemKind.ATTACHMENT_UNEXPLAINED]
    finally:
        vault.close()


def test_a_damaged_attachment_gives_no_copy(
    three_chunks: tuple[Vault, str, Path], tmp_path: Path
) -> None:
    _vault, attachment_id, path = three_chunks
    alter_chunks(path, attachment_id, lambda c: [c[0], c[1], flip(c[2], 40)])
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    vault = reopen(path)
    try:
        with pytest.raises(errors.AttachmentDamaged):
            vault.save_attachment_copy(attachment_id, chosen / "copy.mp3")
    finally:
        vault.close()
    assert list(chosen.iterdir()) == []  # not the copy, nor a hidden part of it


# -- the record: revisions, the tree, corrections, deletion --------------------------------


def test_the_content_hash_is_in_the_tree(new_vault: Vault, tmp_path: Path) -> None:
    entry = entry_in(new_vault)
    before = new_vault.fingerprint()
    saved = new_vault.attach(entry, a_file(tmp_path, 1000))
    after = new_vault.fingerprint()
    assert after.size == before.size + 1 and after.root != before.root
    [rev] = new_vault.revisions_of(saved.record.id)
    assert rev.ns is revisions.Namespace.ATTACHMENT and rev.parent == saved.record.person_id
    assert rev.content is not None and rev.content["sha256"] == saved.record.sha256
    assert revisions.leaf(rev, new_vault.vault_id) == new_vault.tree().levels[0][-1]
    # The leaf commits to the content's hash: another hash gives another leaf.
    other = dataclasses.replace(rev, content={**rev.content, "sha256": "0" * 64})
    assert revisions.leaf(other, new_vault.vault_id) != revisions.leaf(rev, new_vault.vault_id)


def test_a_changed_description_is_a_new_revision(new_vault: Vault, tmp_path: Path) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 1000), description="First")
    before = new_vault.fingerprint()
    again = new_vault.save(dataclasses.replace(saved.record, description="Corrected"))
    assert again.version_count == 2 and again.record.description == "Corrected"
    assert new_vault.fingerprint().root != before.root
    assert [v.record.description for v in new_vault.versions(saved.record.id)] == [
        "First",
        "Corrected",
    ]
    assert new_vault.verify() == []


@pytest.mark.parametrize(
    "change", [{"sha256": "0" * 64}, {"size": 5}, {"entry_id": "1" * 32}, {"media_type": "x/y"}]
)
def test_what_was_captured_cannot_be_corrected(
    new_vault: Vault, tmp_path: Path, change: dict[str, object]
) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 1000))
    before = new_vault.fingerprint()
    with pytest.raises(errors.InvalidInput):
        new_vault.save(dataclasses.replace(saved.record, **change))
    assert new_vault.fingerprint() == before


def test_an_attachment_is_added_only_by_attaching(new_vault: Vault, tmp_path: Path) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 1000))
    with pytest.raises(errors.InvalidInput):
        new_vault.save(dataclasses.replace(saved.record, id="2" * 32))


def test_deleting_an_attachment_is_a_tombstone(new_vault: Vault, tmp_path: Path) -> None:
    entry = entry_in(new_vault)
    saved = new_vault.attach(entry, a_file(tmp_path, 1000))
    new_vault.delete(saved.record.id)
    assert new_vault.attachments_of(entry) == [] and new_vault.attachments() == []
    assert len(new_vault.versions(saved.record.id)) == 2  # its history stays
    assert new_vault.verify() == []  # and so does its content, still checked


def test_attachments_open_again_after_closing(vault_path: Path, tmp_path: Path) -> None:
    vault = create_vault(vault_path)
    entry = entry_in(vault)
    path = a_file(tmp_path, CHUNK * 2 + 3)
    saved = vault.attach(entry, path)
    vault.close()
    again = reopen(vault_path)
    try:
        assert again.attachments_of(entry) == [saved]
        assert b"".join(again.attachment_chunks(saved.record.id)) == path.read_bytes()
    finally:
        again.close()


# -- a copy where the person chose ---------------------------------------------------------


def test_a_copy_is_written_whole_and_owner_only(new_vault: Vault, tmp_path: Path) -> None:
    path = random_file(tmp_path, 3 * CHUNK + 5)
    saved = new_vault.attach(entry_in(new_vault), path)
    out = tmp_path / "out" / "copy.mp3"
    out.parent.mkdir()
    seen: list[tuple[int, int]] = []
    new_vault.save_attachment_copy(saved.record.id, out, progress=lambda d, t: seen.append((d, t)))
    assert out.read_bytes() == path.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert seen[-1] == (path.stat().st_size, path.stat().st_size) and len(seen) == 4
    assert [p.name for p in out.parent.iterdir()] == ["copy.mp3"]


def test_a_copy_goes_only_to_an_ordinary_file_and_never_over_the_vault(
    new_vault: Vault, tmp_path: Path
) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 100))
    for place in (tmp_path, new_vault.path, tmp_path / "no such folder" / "x.mp3"):
        with pytest.raises(errors.InvalidInput):
            new_vault.save_attachment_copy(saved.record.id, place)
    assert new_vault.verify() == []


def test_a_copy_stopped_part_way_leaves_nothing(new_vault: Vault, tmp_path: Path) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 3 * CHUNK))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(errors.Cancelled):
        new_vault.save_attachment_copy(saved.record.id, out / "c.mp3", stop=lambda: True)
    assert list(out.iterdir()) == []


def test_a_copy_onto_a_full_disk_leaves_nothing(
    new_vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 3 * CHUNK))
    out = tmp_path / "out"
    out.mkdir()
    (out / "c.mp3").write_bytes(b"an earlier copy")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(errors.StorageFull):
        new_vault.save_attachment_copy(saved.record.id, out / "c.mp3")
    monkeypatch.undo()
    assert [p.name for p in out.iterdir()] == ["c.mp3"]
    assert (out / "c.mp3").read_bytes() == b"an earlier copy"


def test_copying_between_vaults_keeps_every_version(new_vault: Vault, tmp_path: Path) -> None:
    entry = entry_in(new_vault)
    path = random_file(tmp_path, 2 * CHUNK + 9)
    saved = new_vault.attach(entry, path, description="First")
    new_vault.save(dataclasses.replace(saved.record, description="Second"))
    other = create_vault(tmp_path / "theirs.companion")
    try:
        items = [
            (rid, new_vault.versions(rid)) for rid in (new_vault.get(entry).record.person_id, entry)
        ]
        other.import_versions(items)
        copied = other.import_attachment(new_vault, saved.record.id)
        assert copied.record == new_vault.get(saved.record.id).record
        assert [v.saved_at for v in other.versions(saved.record.id)] == [
            v.saved_at for v in new_vault.versions(saved.record.id)
        ]
        assert b"".join(other.attachment_chunks(saved.record.id)) == path.read_bytes()
        assert other.verify() == []
    finally:
        other.close()


def test_attachments_cannot_be_brought_in_as_plain_records(
    new_vault: Vault, tmp_path: Path
) -> None:
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 10))
    with pytest.raises(errors.InvalidInput):
        new_vault.import_versions([("x", new_vault.versions(saved.record.id))])


# -- each part of a chunk's associated data, under one key ------------------------------------


def test_each_chunk_opens_only_at_its_own_place() -> None:
    from companion.attachment_chunks import open_chunks, seal_chunk
    from companion.crypto import Box, random_bytes

    box = Box(random_bytes(32))
    vault, attachment = "v" * 32, "a" * 32
    sealed = seal_chunk(box, vault, attachment, 0, True, b"the only chunk")
    assert list(open_chunks(box, vault, attachment, [(sealed, True)])) == [b"the only chunk"]
    for other_vault, other_attachment in ((vault.upper(), attachment), (vault, "b" * 32)):
        with pytest.raises(errors.AttachmentDamaged):
            list(open_chunks(box, other_vault, other_attachment, [(sealed, True)]))
    middle = seal_chunk(box, vault, attachment, 1, False, b"x")
    last = seal_chunk(box, vault, attachment, 1, True, b"x")
    with pytest.raises(errors.AttachmentDamaged):  # chunk 1 stored as chunk 0
        list(open_chunks(box, vault, attachment, [(last, True)]))
    with pytest.raises(errors.AttachmentDamaged) as cut:  # not sealed as the last
        list(open_chunks(box, vault, attachment, [(seal_chunk(box, vault, attachment, 0, False,
                                                               b"y"), True)]))  # fmt: skip
    assert cut.value.problem is ChunkProblem.TRUNCATED
    with pytest.raises(errors.AttachmentDamaged):
        list(open_chunks(box, vault, attachment, [(sealed, False), (middle, True)]))
    empty_last = seal_chunk(box, vault, attachment, 0, True, b"")
    with pytest.raises(errors.AttachmentDamaged):  # the last chunk is never empty
        list(open_chunks(box, vault, attachment, [(empty_last, True)]))


def test_content_that_is_not_the_file_recorded_is_caught(new_vault: Vault, tmp_path: Path) -> None:
    """Every chunk opens, yet the whole differs from the SHA-256 recorded at capture."""
    saved = new_vault.attach(entry_in(new_vault), a_file(tmp_path, 3 * CHUNK))
    record = saved.record
    new_vault._ledger.current[record.id] = dataclasses.replace(record, sha256="0" * 64)
    with pytest.raises(errors.AttachmentDamaged) as caught:
        list(new_vault.attachment_chunks(record.id))
    assert caught.value.problem is ChunkProblem.DIFFERENT
