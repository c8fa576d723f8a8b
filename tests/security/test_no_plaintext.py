"""What a person writes never reaches the disk in readable form, except in an export they chose."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from companion.vault import Vault
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, reopen

NAME = "Bronwen Distinctive-Surname"
NI = "QQ987654B"
SENTENCE = "The assessor asked about my overdose loudly in the corridor"
CORRECTION = "Corrected: it was the waiting room, not the corridor"
STAFF = "Officer Unforgettable"
REFERENCE = "PIP-REF-ZX9Q7"


def needles() -> list[bytes]:
    out = []
    for text in (NAME, NI, "QQ 98 76 54 B", SENTENCE, CORRECTION, STAFF, REFERENCE):
        out += [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    return out


def every_file(*roots: Path) -> list[Path]:
    files = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            files += [Path(folder) / n for n in names]
    return files


def assert_nothing_readable(*roots: Path) -> None:
    files = every_file(*roots)
    assert files, "expected the program to have written something"
    for path in files:
        data = path.read_bytes()
        for needle in needles():
            assert needle not in data, f"{needle[:20]!r} found in {path.name}"


def test_distinctive_content_appears_in_no_file_the_program_wrote(
    tmp_path: Path, isolated_home: Path
) -> None:
    folder = tmp_path / "vaults"
    path = folder / "records.companion"
    vault, _ = Vault.create(path, PASSPHRASE, policy=FAST_KDF)
    person = vault.save(make_person(display_name=NAME, ni_number=NI)).record
    appointment = vault.save(
        make_appointment(
            person.id, account=SENTENCE, staff_name=STAFF, complaint_reference=REFERENCE
        )
    ).record
    vault.save(make_event(person.id, reference=REFERENCE, summary=SENTENCE))
    # While the vault is still open, its write-ahead log holds the latest pages.
    vault.save(dataclasses.replace(appointment, account=CORRECTION))
    assert_nothing_readable(folder, isolated_home)
    vault.close()
    reopened = reopen(path)
    assert reopened.get(appointment.id).record.account == CORRECTION
    reopened.close()
    assert_nothing_readable(folder, isolated_home)


def test_a_purged_persons_ciphertext_is_gone_from_the_file(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "records.companion"
    vault, _ = Vault.create(path, PASSPHRASE, policy=FAST_KDF)
    person = vault.save(make_person(display_name=NAME)).record
    vault.save(make_appointment(person.id, account=SENTENCE * 50))  # spills onto overflow pages
    vault.close()
    conn = sqlite3.connect(path)
    sealed = [bytes(row[0]) for row in conn.execute("SELECT sealed FROM revisions")]
    conn.close()

    vault = reopen(path)
    vault.purge_person(person.id)
    vault.close()
    data = b"".join(p.read_bytes() for p in every_file(tmp_path))
    for ciphertext in sealed:
        assert ciphertext[12:44] not in data  # not even in a free page or the log
