"""`companion handover`: says where the new vault is, its recovery key and fingerprint; takes
its new passphrase only when given for it; erases the person here only when confirmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.recovery_key import RecoveryKey
from companion.store import Store
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import PASSPHRASE, reopen

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"


@pytest.fixture
def two_people(new_vault: Vault) -> Vault:
    son = new_vault.save(make_person(display_name="Dylan Example")).record
    other = new_vault.save(make_person(display_name="Rhian Other")).record
    new_vault.save(make_appointment(son.id, account="His account."))
    new_vault.save(make_appointment(other.id, account="Her account."))
    new_vault.close()
    return new_vault


@pytest.fixture
def new_secret(tmp_path: Path) -> Path:
    path = tmp_path / "new-passphrase.txt"
    path.write_text(NEW_PASSPHRASE + "\n")
    return path


def test_it_says_where_the_vault_is_its_recovery_key_and_its_fingerprint(
    cli, two_people: Vault, tmp_path: Path, new_secret: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dylan.companion"
    done = cli(
        "handover", "--person", "Dylan Example", "--out", str(out),
        "--new-passphrase-file", str(new_secret), "--keeper", "Dylan Example",
    )  # fmt: skip
    assert done.code == 0, done.err
    assert str(out) in done.out
    key_lines = [line.strip() for line in done.out.splitlines() if line.startswith("    ")]
    recovery = RecoveryKey.parse(" ".join(key_lines))
    fingerprint = Store.read_fingerprint(out)
    assert fingerprint.short() in done.out and fingerprint.checkpoint().strip() in done.out
    new = Vault.open(out, recovery_key=recovery, use_device=False)
    assert new.recovery_key_shown  # recorded as shown once it was printed
    assert [p.record.display_name for p in new.people()] == ["Dylan Example"]
    assert new.keeper().record.name == "Dylan Example"  # type: ignore[union-attr]
    new.close()
    reopen(out, passphrase=NEW_PASSPHRASE).close()


def test_the_new_passphrase_is_never_taken_from_the_variable(
    cli, two_people: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMPANION_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "dylan.companion"
    done = cli("handover", "--person", "Dylan Example", "--out", str(out), passphrase_file=None)
    assert done.code == 3  # nobody at the keyboard to type a new one: refused
    assert "passphrase" in done.err and "Traceback" not in done.err
    assert (
        not out.exists() and sorted(p.name for p in tmp_path.iterdir() if ".dylan" in p.name) == []
    )


def test_the_new_passphrase_must_differ_from_this_vaults(
    cli, two_people: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    same = tmp_path / "same.txt"
    same.write_text(PASSPHRASE + "\n")
    out = tmp_path / "dylan.companion"
    done = cli(
        "handover", "--person", "Dylan Example", "--out", str(out),
        "--new-passphrase-file", str(same),
    )  # fmt: skip
    assert done.code == 4 and "passphrase of its own" in done.err
    assert not out.exists()


@pytest.mark.parametrize("where", ["existing", "folder", "vault"])
def test_a_place_it_must_not_go_is_one_sentence_and_exit_1(
    cli, two_people: Vault, tmp_path: Path, new_secret: Path, vault_path: Path, where: str
) -> None:  # type: ignore[no-untyped-def]
    existing = tmp_path / "there.companion"
    existing.write_text("keep me")
    target = {"existing": existing, "folder": tmp_path, "vault": vault_path}[where]
    done = cli(
        "handover", "--person", "Dylan Example", "--out", str(target),
        "--new-passphrase-file", str(new_secret),
    )  # fmt: skip
    assert done.code == 1 and done.err.count("\n") == 1 and "Traceback" not in done.err
    assert existing.read_text() == "keep me"


def test_purge_after_erases_here_only_once_confirmed(
    cli, two_people: Vault, tmp_path: Path, new_secret: Path, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dylan.companion"
    args = ["handover", "--person", "Dylan Example", "--out", str(out)]
    args += ["--new-passphrase-file", str(new_secret), "--purge-after"]
    refused = cli(*args)  # no keyboard to type the name at, and no --yes
    assert refused.code == 4 and "nothing was erased" in refused.err
    assert not out.exists()
    assert cli("handover", "--person", "Dylan Example", "--out", str(out), "--yes").code == 2
    assert not out.exists()
    done = cli(*args, "--yes")
    assert done.code == 0, done.err
    assert "Erased Dylan Example" in done.out and "kept aside by a restore" in done.out
    old = reopen(vault_path)
    assert [p.record.display_name for p in old.people()] == ["Rhian Other"]
    assert old.verify() == []
    old.close()
    new = reopen(out, passphrase=NEW_PASSPHRASE)
    assert [p.record.display_name for p in new.people()] == ["Dylan Example"]
    assert len(new.appointments()) == 1
    new.close()


def test_without_purge_the_old_vault_keeps_the_person(
    cli, two_people: Vault, tmp_path: Path, new_secret: Path, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dylan.companion"
    done = cli(
        "handover", "--person", "Dylan Example", "--out", str(out),
        "--new-passphrase-file", str(new_secret),
    )  # fmt: skip
    assert done.code == 0
    assert "who keeps its records" in done.out  # no keeper named: says how to name one
    old = reopen(vault_path)
    assert sorted(p.record.display_name for p in old.people()) == ["Dylan Example", "Rhian Other"]
    old.close()


def test_no_new_passphrase_is_said_of_the_new_vault(cli, two_people: Vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dylan.companion"
    done = cli("handover", "--person", "Dylan Example", "--out", str(out))
    assert done.code == 3 and done.out == ""
    assert done.err.strip() == (
        "No passphrase was given for the new vault, so nothing was handed over and no file "
        "was made."
    )
    assert [p.name for p in tmp_path.iterdir() if "dylan" in p.name] == []
