"""An attach that fails part way (an error, a full disk, a stop, a file still being written)
leaves nothing in the vault; a purge erases attachments' content with their person."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from companion import errors
from companion.attachment_chunks import CHUNK, CHUNKS_PER_PART
from companion.vault import Vault
from tests.attack import snapshot
from tests.builders import make_appointment, make_person
from tests.conftest import reopen
from tests.core.attachment_helpers import a_file, entry_in, stored_chunks, stored_ids

BIG = CHUNKS_PER_PART * CHUNK * 2 + 11  # three stored parts


def unchanged(vault: Vault, before: tuple[object, object]) -> None:
    """Nothing of the failed attach is kept, in memory or in the file, and the vault opens,
    verifies and takes the next change."""
    assert (vault.fingerprint(), snapshot(vault)) == before
    assert vault.attachments() == [] and stored_ids(vault) == set()
    path = vault.path
    vault.close()
    again = reopen(path)
    try:
        assert again.problems == [] and again.verify() == []
        assert (again.fingerprint(), snapshot(again)) == before
        assert again.attachments() == [] and stored_ids(again) == set()
        again.save(make_person(display_name="Saved afterwards"))
    finally:
        again.close()


@pytest.fixture
def ready(new_vault: Vault, tmp_path: Path) -> tuple[Vault, str, Path, tuple[object, object]]:
    entry = entry_in(new_vault)
    return new_vault, entry, a_file(tmp_path, BIG), (new_vault.fingerprint(), snapshot(new_vault))


def test_an_error_from_the_progress_callback_leaves_nothing(ready) -> None:  # type: ignore[no-untyped-def]
    vault, entry, path, before = ready
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == CHUNKS_PER_PART + 3:  # in the second stored part
            raise RuntimeError("the window went away")

    with pytest.raises(RuntimeError):
        vault.attach(entry, path, progress=progress)
    unchanged(vault, before)


def test_stopping_leaves_nothing(ready) -> None:  # type: ignore[no-untyped-def]
    vault, entry, path, before = ready
    asked = iter([False] * 100 + [True] * 1000)
    with pytest.raises(errors.Cancelled):
        vault.attach(entry, path, stop=lambda: next(asked))
    unchanged(vault, before)


def test_a_full_disk_leaves_nothing(ready) -> None:  # type: ignore[no-untyped-def]
    vault, entry, path, before = ready
    conn: sqlite3.Connection = vault._store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1500}")  # room for about 6 MB: not enough
    with pytest.raises(errors.StorageFull):
        vault.attach(entry, path)
    conn.execute("PRAGMA max_page_count = 4294967294")
    unchanged(vault, before)


def test_a_disk_error_while_reading_the_file_leaves_nothing(
    ready, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    vault, entry, path, before = ready
    import companion.attachments as attachments

    reads = []
    real = attachments._read_full

    def failing(handle, want):  # type: ignore[no-untyped-def]
        reads.append(want)
        if len(reads) == 70:
            raise errors.StorageFull()  # what _read_full makes of ENOSPC or EIO
        return real(handle, want)

    monkeypatch.setattr(attachments, "_read_full", failing)
    with pytest.raises(errors.StorageFull):
        vault.attach(entry, path)
    unchanged(vault, before)


def test_a_file_that_grows_while_attached_is_refused(ready) -> None:  # type: ignore[no-untyped-def]
    vault, entry, path, before = ready

    def still_recording(done: int, total: int) -> None:
        if done == CHUNK:
            with path.open("ab") as handle:
                handle.write(b"more sound")

    with pytest.raises(errors.SourceChanged):
        vault.attach(entry, path, progress=still_recording)
    unchanged(vault, before)


def test_a_file_that_shrinks_while_attached_is_refused(ready) -> None:  # type: ignore[no-untyped-def]
    vault, entry, path, before = ready

    def cut(done: int, total: int) -> None:
        if done == CHUNK:
            with path.open("r+b") as handle:
                handle.truncate(CHUNK * 5)

    with pytest.raises(errors.SourceChanged):
        vault.attach(entry, path, progress=cut)
    unchanged(vault, before)


def test_a_vault_that_failed_its_checks_takes_no_attachment(
    new_vault: Vault, tmp_path: Path
) -> None:
    entry = entry_in(new_vault)
    path = new_vault.path
    new_vault.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE revisions SET sealed = zeroblob(60) WHERE seq = 2")
    conn.close()
    vault = reopen(path)
    try:
        assert vault.read_only
        with pytest.raises(errors.VaultReadOnly):
            vault.attach(entry, a_file(tmp_path, 10))
    finally:
        vault.close()


def test_a_purge_erases_the_persons_attachments_and_nobody_elses(
    new_vault: Vault, tmp_path: Path
) -> None:
    leaving = new_vault.save(make_person(display_name="Leaving")).record
    theirs = new_vault.save(make_appointment(leaving.id)).record
    staying = entry_in(new_vault, "Staying")
    gone = [
        new_vault.attach(theirs.id, a_file(tmp_path, 3 * CHUNK, f"{n}.mp3", seed=n)).record.id
        for n in range(2)
    ]
    kept = new_vault.attach(staying, a_file(tmp_path, 2 * CHUNK, "kept.mp3", seed=7)).record
    path = new_vault.path
    new_vault.close()
    sealed = [c for rid in gone for c in stored_chunks(path, rid)]
    vault = reopen(path)
    try:
        vault.purge_person(leaving.id)
        assert stored_ids(vault) == {kept.id}
        assert [a.record for a in vault.attachments()] == [kept]
        assert vault.verify() == []
    finally:
        vault.close()
    data = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.is_file())
    assert not [c for c in sealed if c[12:60] in data]  # overwritten, not only unlinked
    again = reopen(path)
    try:
        assert again.problems == [] and again.verify() == []
        assert b"".join(again.attachment_chunks(kept.id)) == (tmp_path / "kept.mp3").read_bytes()
    finally:
        again.close()
