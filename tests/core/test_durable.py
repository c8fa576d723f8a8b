"""One way to write a file whole or not at all (companion/durable.py), shared by exports,
copies of attached files and backups: the same places refused with the same sentences, the
vault itself refused by any of its names, and a stop part way leaving nothing at all."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from companion import backup, durable, errors
from companion.export import check_target, write_file
from companion.messages import describe
from companion.vault import Vault
from tests.core.attachment_helpers import a_file, entry_in

ROOT = Path(__file__).resolve().parents[2]


def everything_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_stop_part_way_leaves_nothing_at_the_place_or_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "copy.bin"
    target.write_bytes(b"the earlier file")

    def stop(done: int) -> None:
        if done >= 8:
            raise errors.Cancelled()

    with pytest.raises(errors.Cancelled):
        durable.write_whole(target, (b"1234", b"5678", b"9abc"), stop)
    assert target.read_bytes() == b"the earlier file"
    assert [name for name in everything_in(tmp_path) if "copy.bin" in name] == ["copy.bin"]


def test_pieces_written_whole_are_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "copy.bin"
    told: list[int] = []
    durable.write_whole(target, (b"1234", b"56"), told.append)
    assert target.read_bytes() == b"123456" and told == [4, 6]
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_exports_and_backups_refuse_the_same_places_in_the_same_words(
    new_vault: Vault, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "folder").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    for name in ("pipe", "folder", "link"):
        with pytest.raises(errors.InvalidInput) as by_export:
            check_target(new_vault, tmp_path / name)
        with pytest.raises(errors.InvalidInput) as by_backup:
            backup.check_target(tmp_path / name, new_vault.path)
        assert describe(by_export.value) == describe(by_backup.value)
    with pytest.raises(errors.InvalidInput) as unnamed:
        backup.check_target(Path(""), new_vault.path)
    assert "the name of a file to write the backup to" in describe(unnamed.value)


@pytest.mark.parametrize("name", ["hard link", "journal"])
def test_no_copy_is_written_over_the_vault_by_another_of_its_names(
    new_vault: Vault, tmp_path: Path, name: str
) -> None:
    if name == "hard link":
        other = tmp_path / "another name.md"
        os.link(new_vault.path, other)
    else:
        other = Path(f"{new_vault.path}-journal")
    entry = entry_in(new_vault)
    attached = new_vault.attach(entry, a_file(tmp_path, 10))
    before = new_vault.path.read_bytes(), new_vault.fingerprint()
    refusals = [
        lambda: check_target(new_vault, other),
        lambda: backup.check_target(other, new_vault.path),
        lambda: new_vault.save_attachment_copy(attached.record.id, other),
    ]
    for refused in refusals:
        with pytest.raises(errors.InvalidInput) as raised:
            refused()
        assert "other than the vault itself" in describe(raised.value)
    assert (new_vault.path.read_bytes(), new_vault.fingerprint()) == before
    assert new_vault.verify() == []


def test_write_file_is_the_shared_writer(tmp_path: Path) -> None:
    write_file(tmp_path / "letter.pdf", b"%PDF")
    assert (tmp_path / "letter.pdf").read_bytes() == b"%PDF"


PRIVATE = {"_store", "_conn", "_key", "_ledger"}


def test_nothing_outside_the_vault_reaches_into_its_private_parts() -> None:
    """A backup reads the open vault's pages through Vault.backup_into, never through the
    vault's own connection: only the vault's own modules touch another object's private
    parts."""
    reached = []
    for path in sorted((ROOT / "companion").rglob("*.py")):
        if path.name.startswith("vault") and path.parent.name == "companion":
            continue  # the vault's own parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in PRIVATE
                and not (isinstance(node.value, ast.Name) and node.value.id == "self")
            ):
                reached.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert reached == []
