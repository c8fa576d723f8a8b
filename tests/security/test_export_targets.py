"""An export is written only to a new name or over an ordinary file, owner-only, whole or not
at all: never over a device, a pipe or a folder, never through a link, and nothing readable is
left beside it when the disk fills up."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from companion import errors
from companion.export import (
    ExportOptions,
    Format,
    check_target,
    export,
    remove_partial_files,
    write_file,
)
from companion.export.recovery_sheet import write_pdf
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from tests.builders import make_appointment, make_person

EARLIER = "an earlier export, kept"


@pytest.fixture
def filled(new_vault: Vault) -> Vault:
    person = new_vault.save(make_person(display_name="Alex Example")).record
    new_vault.save(make_appointment(person.id, account="Spoken to on the open floor."))
    return new_vault


def one_sentence(text: str) -> bool:
    return bool(text.strip()) and "Traceback" not in text and len(text.strip().splitlines()) == 1


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".part"))


def test_a_pipe_a_folder_and_a_link_are_refused_and_left_as_they_were(
    filled: Vault, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening it to write would wait for a reader for ever
    folder = tmp_path / "folder"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text(EARLIER)
    link = tmp_path / "link.md"
    link.symlink_to(elsewhere)
    for target in (pipe, folder, link):
        with pytest.raises(errors.InvalidInput):
            export(filled, Format.MARKDOWN, ExportOptions(), target)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert stat.S_ISDIR(os.lstat(folder).st_mode) and list(folder.iterdir()) == []
    assert link.is_symlink() and elsewhere.read_text() == EARLIER
    assert leftovers(tmp_path) == []


def test_the_app_is_told_before_the_file_is_made(filled: Vault, tmp_path: Path) -> None:
    """The Export dialog checks the place first, so a refusal comes before any waiting."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(errors.InvalidInput):
        check_target(filled, pipe)


def test_every_writer_is_refused_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    """The recovery sheet is written with write_file alone: it checks too."""
    with pytest.raises(errors.InvalidInput):
        write_file(tmp_path / "no such folder" / "recovery.pdf", b"key")
    assert os.listdir(tmp_path) == []


def test_the_command_line_says_why_in_one_sentence_with_the_bad_input_code(
    cli, tmp_path: Path, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").code == 0
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "folder").mkdir()
    (tmp_path / "real.md").write_text(EARLIER)
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    expected = {
        str(pipe): "not a pipe",
        str(tmp_path / "folder"): "not a folder",
        str(tmp_path / "link.md"): "not a link (links are not followed)",
        "": "expected the name of a file to write",
        str(tmp_path / "no such folder" / "log.md"): "a file in a folder that exists",
        str(tmp_path / "real.md" / "log.md"): "a file in a folder that exists",
    }
    for out, words in expected.items():
        result = cli("export", "--format", "md", "--out", out)
        assert result.code == 4, (out, result.err)
        assert one_sentence(result.err) and words in result.err, (out, result.err)
        assert result.err.strip().endswith("Nothing was changed.")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert (tmp_path / "real.md").read_text() == EARLIER
    assert not (tmp_path / "no such folder").exists()


def test_a_replaced_export_is_owner_only_whatever_the_old_file_allowed(
    filled: Vault, tmp_path: Path
) -> None:
    shared = tmp_path / "shared.md"
    shared.write_text(EARLIER)
    shared.chmod(0o644)
    export(filled, Format.MARKDOWN, ExportOptions(), shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600
    assert shared.read_text().startswith("# Record")
    fresh = tmp_path / "fresh.md"
    old_mask = os.umask(0)  # even where new files are made readable by everyone
    try:
        export(filled, Format.MARKDOWN, ExportOptions(), fresh)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_a_full_disk_keeps_the_earlier_export_and_leaves_nothing_beside_it(
    filled: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    earlier = out / "log.md"
    earlier.write_text(EARLIER)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(errors.StorageFull):
        export(filled, Format.MARKDOWN, ExportOptions(), earlier)
    assert earlier.read_text() == EARLIER
    assert os.listdir(out) == ["log.md"]


def test_a_full_disk_is_one_sentence_on_the_command_line(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").code == 0
    out = tmp_path / "exports"
    out.mkdir()
    (out / "log.md").write_text(EARLIER)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = cli("export", "--format", "md", "--out", str(out / "log.md"))
    assert result.code == 1 and one_sentence(result.err) and "disk is full" in result.err
    assert os.listdir(out) == ["log.md"] and (out / "log.md").read_text() == EARLIER


def test_a_target_that_becomes_a_pipe_while_the_export_is_made_is_not_replaced(
    filled: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "log.md"
    real_fsync = os.fsync

    def swapped(fd: int) -> None:  # someone puts a pipe in its place meanwhile
        real_fsync(fd)
        if not target.exists():
            os.mkfifo(target)

    monkeypatch.setattr(os, "fsync", swapped)
    with pytest.raises(errors.InvalidInput):
        write_file(target, b"plaintext")
    assert stat.S_ISFIFO(os.lstat(target).st_mode)
    assert leftovers(tmp_path) == []


def test_the_recovery_sheet_is_never_written_over_a_pipe(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pipe = tmp_path / "recovery.pdf"
    os.mkfifo(pipe)
    with pytest.raises(errors.InvalidInput):
        write_pdf(pipe, RecoveryKey.generate(), datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and leftovers(tmp_path) == []


def test_only_abandoned_files_of_the_exports_own_naming_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    abandoned = folder / ".log.md.0123abcd.part"
    abandoned.write_text("plaintext left by an export that was killed")
    being_written = folder / ".log.pdf.89abcdef.part"
    being_written.write_text("plaintext an export is writing right now")
    others = [".notes.part", "log.md.0123abcd.part", ".log.md.0123ABCD.part", ".log.md.part"]
    others += [".log.md.0123abcd.part.bak", ".log.md.012345.part", "log.md"]
    for name in others:
        (folder / name).write_text("not ours")
    outside = tmp_path / "outside.txt"
    outside.write_text("kept")
    (folder / ".linked.md.fedcba98.part").symlink_to(outside)
    (folder / ".folder.md.fedcba98.part").mkdir()
    holder = os.open(being_written, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as write_file holds it while it writes
    try:
        assert remove_partial_files(folder) == 1
    finally:
        os.close(holder)
    assert not abandoned.exists() and being_written.exists()
    assert all((folder / name).exists() for name in others)
    assert (folder / ".linked.md.fedcba98.part").is_symlink() and outside.read_text() == "kept"
    assert (folder / ".folder.md.fedcba98.part").is_dir()
    assert remove_partial_files(folder) == 1  # its writer is gone now: a leftover too
    assert not being_written.exists()


def test_the_next_export_to_a_folder_removes_what_a_killed_one_left(
    filled: Vault, tmp_path: Path
) -> None:
    left = tmp_path / ".first.md.0123abcd.part"
    left.write_bytes(b"Alex Example QQ123456C")
    export(filled, Format.MARKDOWN, ExportOptions(), tmp_path / "second.md")
    assert not left.exists() and leftovers(tmp_path) == []


def test_a_cli_command_removes_leftovers_from_the_data_folder(cli, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    from companion import paths

    data = paths.data_dir()
    data.mkdir(parents=True)
    left = data / ".log.json.0123abcd.part"
    left.write_bytes(b"QQ123456C")
    assert cli("init").code == 0  # any command: the data folder is tidied as it starts
    assert not left.exists()
