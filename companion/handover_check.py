"""Checking a handed-over vault, and erasing the person from the vault they came from.

A new vault made by a hand-over is moved into place only once it opens with its new
passphrase and its new recovery key, verifies, and holds exactly what was planned: the
same records with the same versions (ids, times, wording), nobody else. Erasing the
person from the appointee's vault afterwards is a separate step that needs their name
typed to confirm, and happens only once the new vault has been opened with its new
passphrase and found to hold every record of theirs as it stands now.
"""

from __future__ import annotations

from pathlib import Path

from companion import heads
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.errors import HandoverIncomplete, NotHandedOver, PurgeNotConfirmed
from companion.handover import Plan, plan
from companion.ledger import NOT_GIVEN, Version
from companion.model import Person
from companion.recovery_key import RecoveryKey
from companion.vault import Vault


def _same_version(want: Version, got: Version) -> bool:
    """The same wording, and the same time of writing; a time never known stays unknown
    (the import gives it its own time, and says so)."""
    if want.record != got.record:
        return False
    if want.saved_at == NOT_GIVEN:
        return got.imported_at is not None and got.saved_at == got.imported_at
    return got.saved_at == want.saved_at


def _history_holds(new: Vault, record_id: str, versions: tuple[Version, ...]) -> int | None:
    """How many versions `new` has of the record beyond those planned, or None if its
    history does not start with exactly the planned versions."""
    got = new.versions(record_id)
    if len(got) < len(versions):
        return None
    if not all(_same_version(w, g) for w, g in zip(versions, got, strict=False)):
        return None
    return len(got) - len(versions)


def holds_all(new: Vault, chosen: Plan) -> bool:
    """Whether `new` holds every planned record with its history as planned (it may hold
    more: later corrections and entries made in it since)."""
    planned = [*chosen.items, *chosen.attachments]
    return all(_history_holds(new, rid, versions) is not None for rid, versions in planned)


def holds_exactly(new: Vault, chosen: Plan) -> bool:
    """Whether a vault just built holds what was planned and nothing else: the person and
    their entries with every version, the files kept with them (whose content `verify`
    checks), the note of where they came from, the keeper chosen (or none), and, where the
    person now keeps their own claim, that one correction."""
    correction = chosen.own_claim_correction()
    for rid, versions in chosen.items:
        extra = _history_holds(new, rid, versions)
        if rid == chosen.person_id and correction is not None:
            if extra != 1 or new.get(rid).record != correction:
                return False
        elif extra != 0:
            return False
    if [p.record.id for p in new.people()] != [chosen.person_id]:
        return False
    entries = {s.record.id: s.record for s in [*new.appointments(), *new.events()]}
    planned = {rid for rid, _versions in chosen.items if rid != chosen.person_id}
    if set(entries) != planned | {chosen.note.id} or entries[chosen.note.id] != chosen.note:
        return False
    files = [s.record.id for s in new.attachments()]
    if sorted(files) != sorted(rid for rid, _versions in chosen.attachments):
        return False
    if any(_history_holds(new, rid, versions) != 0 for rid, versions in chosen.attachments):
        return False
    kept = new.keeper()
    return (kept.record if kept else None) == chosen.keeper


def check_built(
    path: Path, chosen: Plan, new_passphrase: str, recovery: RecoveryKey, policy: KdfPolicy
) -> None:
    """Open a vault just built as its new owner will: with the new passphrase, then with the
    new recovery key. Raises HandoverIncomplete unless it verifies and holds what was
    planned."""
    new = Vault.open(path, passphrase=new_passphrase, use_device=False, policy=policy)
    try:
        if new.verify() or not holds_exactly(new, chosen):
            raise HandoverIncomplete()
    finally:
        new.close()
    Vault.open(path, recovery_key=recovery, use_device=False).close()


def check_handed_over(
    chosen: Plan, path: Path, new_passphrase: str, policy: KdfPolicy = PRODUCTION_KDF
) -> None:
    """Before erasing: the vault at `path` opens with its new passphrase, verifies, and
    holds every record of the person as planned now. Raises NotHandedOver otherwise (a
    wrong passphrase or a missing file says so in its own words). Touches no open vault,
    so it can run off the window's thread."""
    new = Vault.open(path, passphrase=new_passphrase, use_device=False, policy=policy)
    try:
        if new.read_only or new.verify() or not holds_all(new, chosen):
            raise NotHandedOver()
    finally:
        new.close()
        heads.forget(path)  # this computer keeps no note of the new vault's place


def name_matches(typed: str, person: Person) -> bool:
    """The person's name typed to confirm an erasure (spaces and letter case aside)."""
    return " ".join(typed.split()).casefold() == " ".join(person.display_name.split()).casefold()


def purge_after(
    vault: Vault,
    person_id: str,
    path: Path,
    new_passphrase: str,
    typed_name: str,
    *,
    policy: KdfPolicy = PRODUCTION_KDF,
) -> int:
    """Erase a handed-over person from `vault`, for good: only with their name typed to
    confirm, and only once the vault at `path` opens with its new passphrase and holds
    every record of theirs as it stands now. Returns how many saved changes went."""
    chosen = plan(vault, person_id)
    if not name_matches(typed_name, chosen.person):
        raise PurgeNotConfirmed()
    check_handed_over(chosen, path, new_passphrase, policy)
    return vault.purge_person(person_id)
