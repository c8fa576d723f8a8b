"""Handing one person's records over, into a new vault of their own.

An appointee keeps records for several people; when one of them takes over their own
claim, they need their records in a vault only they can open. `hand_over` makes that
vault at a new place: the person, their appointments and letters or events with every
correction and its original time (through `Vault.import_versions`, so each is marked as
brought in at the moment of the hand-over), and a first letter or event of its own (of
the kind "Records handed over", written at that same moment) that says where the records
came from and when: an entry brought in then is shown as handed over, not as brought in
from a file. Nothing of anyone else is copied: no other
person, and not the keeper's details unless they are chosen as the new vault's keeper.

The new vault is built under a hidden name beside the place chosen, checked (it opens
with its new passphrase and its new recovery key, verifies, and holds exactly what was
planned), and only then moved into place, so a failure or a kill part way leaves no file
there at all. The vault it came from is only read. Erasing the person from it afterwards
is a separate step (companion/handover_check.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import stat
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from companion import heads, leftovers
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.durable import storage_error as _storage_error
from companion.durable import sync_folder
from companion.errors import (
    HandoverNoPassphrase,
    InvalidInput,
    NoSuchFolder,
    StorageFailed,
    TargetIsFolder,
    TargetIsThisVault,
    VaultExists,
    VaultReadOnly,
)
from companion.fingerprint import Fingerprint
from companion.i18n import local, long_date, translate
from companion.ledger import NOT_GIVEN, Version
from companion.model import Event, EventKind, Keeper, Person, Relationship, Role
from companion.presentation.keeper import capacities
from companion.recovery_key import RecoveryKey
from companion.store import Store
from companion.vault import Progress, Vault


@dataclass(frozen=True)
class Plan:
    """What a hand-over copies, read from the vault when it was planned.

    `items` are (record id, versions oldest first), the person first; a version whose
    time of writing was never known (it came from a file that did not say) has
    NOT_GIVEN as its time, as an import expects. `own_claim` records the person as the
    claimant for themselves in the new vault (a correction dated at the hand-over).
    `attachments` are the files kept with those entries: their content is read from the
    vault when the new one is built, and sealed again under its key.
    """

    person: Person
    items: tuple[tuple[str, tuple[Version, ...]], ...]
    note: Event
    keeper: Keeper | None
    own_claim: bool
    # The evidence files kept with those entries, each with every version of its record.
    attachments: tuple[tuple[str, tuple[Version, ...]], ...] = ()

    @property
    def person_id(self) -> str:
        return self.person.id

    def own_claim_correction(self) -> Person | None:
        """The person as the new vault's claimant for themselves, if that changes anything."""
        if not self.own_claim:
            return None
        own = dataclasses.replace(self.person, relationship=Relationship.SELF, role=Role.CLAIMANT)
        return None if own == self.person else own


def _as_imported(version: Version) -> Version:
    """A version as an import takes it: its own time, or NOT_GIVEN where it came into the
    vault from a file that did not say when it was written (its time is then the import's),
    so the new vault says "not known" rather than pass the import's time off as written."""
    unknown = version.imported_at is not None and version.saved_at == version.imported_at
    return Version(NOT_GIVEN if unknown else version.saved_at, version.record)


def person_items(vault: Vault, person_id: str) -> list[tuple[str, tuple[Version, ...]]]:
    """The person's record and every entry of theirs that stands now, each with every
    version, as an import takes them. Deleted entries are left out, as in every export."""
    entries = [
        saved
        for saved in [*vault.appointments(), *vault.events()]
        if saved.record.person_id == person_id
    ]
    entries.sort(key=lambda s: (s.written_at, s.record.id))
    ids = [person_id, *(s.record.id for s in entries)]
    return [(rid, tuple(_as_imported(v) for v in vault.versions(rid))) for rid in ids]


def person_attachments(vault: Vault, entry_ids: set[str]) -> list[tuple[str, tuple[Version, ...]]]:
    """The evidence files kept with these entries (not deleted), each with every version."""
    return [
        (saved.record.id, tuple(vault.versions(saved.record.id)))
        for saved in vault.attachments()
        if saved.record.entry_id in entry_ids
    ]


def origin_note(vault: Vault, person: Person, today_text: str) -> tuple[str, str]:
    """The new vault's first words about itself: where its records came from and when."""
    kept = vault.keeper()
    if kept is None:
        summary = translate(
            "Handover", "Handed over on {date} from records whose keeper was not named."
        ).format(date=today_text)
    else:
        capacity = capacities([person])
        if capacity:
            summary = translate(
                "Handover", "Handed over on {date} from the records kept by {keeper}, {capacity}."
            )
        else:
            summary = translate(
                "Handover", "Handed over on {date} from the records kept by {keeper}."
            )
        summary = summary.format(date=today_text, keeper=kept.record.name, capacity=capacity)
    notes = translate(
        "Handover",
        "Every entry before this one was written in those records: each keeps the time it was "
        "first written and every correction, and is marked as handed over on the day of the "
        "hand-over.",
    )
    return summary, notes


def plan(
    vault: Vault, person_id: str, *, keeper: Keeper | None = None, own_claim: bool = True
) -> Plan:
    """Read what a hand-over of this person would copy (quick: the records are in memory).

    A vault that failed its checks is refused: what it holds of the person could not be
    shown to be whole."""
    if vault.read_only:
        raise VaultReadOnly()
    try:
        person = vault.get(person_id).record
    except KeyError:
        person = None
    if not isinstance(person, Person):
        raise InvalidInput("", "person", person_id, "a person in this vault")
    today = local(vault.now()).date()
    summary, notes = origin_note(vault, person, long_date(today))
    note = Event(person_id, today, EventKind.HANDED_OVER, summary=summary, notes=notes)
    items = tuple(person_items(vault, person_id))
    files = tuple(person_attachments(vault, {rid for rid, _versions in items[1:]}))
    return Plan(person, items, note, keeper, own_claim, files)


def check_target(path: Path, vault_path: Path) -> None:
    """A new vault goes only to a new name in a folder that exists: never over a file,
    into a folder's own name, or over the vault itself. Raises one typed error."""
    if path.is_dir():
        raise TargetIsFolder()
    if os.path.lexists(path):
        with contextlib.suppress(OSError):
            if os.path.samefile(path, vault_path):
                raise TargetIsThisVault()
        raise VaultExists()
    if not path.parent.is_dir():
        raise NoSuchFolder()


def hand_over(
    vault: Vault,
    person_id: str,
    path: Path,
    new_passphrase: str,
    *,
    keeper: Keeper | None = None,
    own_claim: bool = True,
    policy: KdfPolicy = PRODUCTION_KDF,
    progress: Progress | None = None,
) -> RecoveryKey:
    """Make a new vault at `path` holding this person's records and nobody else's, locked
    with `new_passphrase`; returns its recovery key, to be shown once (then call
    `confirm_shown`). The vault given is only read."""
    check_target(path, vault.path)
    chosen = plan(vault, person_id, keeper=keeper, own_claim=own_claim)
    return build(chosen, path, new_passphrase, vault, policy=policy, progress=progress)


def build(
    chosen: Plan,
    path: Path,
    new_passphrase: str,
    source: Vault,
    *,
    policy: KdfPolicy = PRODUCTION_KDF,
    progress: Progress | None = None,
) -> RecoveryKey:
    """Write the planned vault under a hidden name beside `path`, check it, and move it into
    place; on any failure nothing is left at `path`. Of `source` (the vault planned from)
    it reads only the attachments' content and its clock, so it can run off the window's
    thread; if `source` is locked meanwhile, the hand-over fails and leaves nothing."""
    from companion.handover_check import check_built  # (it imports this module)

    if not new_passphrase:
        raise HandoverNoPassphrase()
    check_target(path, source.path)
    try:
        temp = _reserve(path)
    except OSError as exc:
        raise _storage_error(exc) from exc
    guard: int | None = None
    # One moment for the whole hand-over: every record it brings is marked as brought in at
    # the time its note was written, which is how each is known to have been handed over
    # (companion/ledger.py), not brought in from a file.
    moment = source.now()
    try:
        new, recovery = Vault.create(temp, new_passphrase, policy=policy, clock=lambda: moment)
        try:
            guard = _hold(temp)
            _fill(new, chosen, progress)
            for attachment_id, _versions in chosen.attachments:
                new.import_attachment(source, attachment_id, progress)
        finally:
            new.close()
        check_built(temp, chosen, new_passphrase, recovery, policy)
        _move_into_place(temp, path, guard)
    except BaseException as exc:  # an interruption too: nothing is left at the hidden name
        _remove(temp)
        if isinstance(exc, OSError):
            raise _storage_error(exc) from exc
        raise
    finally:
        if guard is not None:
            os.close(guard)
        leftovers.finished(temp)
        heads.forget(temp)
    heads.forget(path)  # a new vault at this place: what was seen here before is no guide
    return recovery


def _fill(new: Vault, chosen: Plan, progress: Progress | None) -> None:
    new.import_versions(
        ((_where(rid, chosen), list(versions)) for rid, versions in chosen.items), progress
    )
    correction = chosen.own_claim_correction()
    if correction is not None:
        new.save(correction)
    new.save(chosen.note)
    if chosen.keeper is not None:
        new.save(chosen.keeper)


def _where(record_id: str, chosen: Plan) -> str:
    if record_id == chosen.person_id:
        return translate("Handover", "the person")
    return translate("Handover", "the entry {id}").format(id=record_id)


def confirm_shown(path: Path, recovery: RecoveryKey) -> None:
    """Record in the new vault that its recovery key was shown (until then it says the key
    was never shown, as a set-up stopped part way does). Opened with that key itself."""
    new = Vault.open(path, recovery_key=recovery, use_device=False)
    try:
        new.confirm_recovery_key(recovery)
    finally:
        new.close()
        heads.forget(path)  # this computer keeps no note of the new vault's place


def fingerprint(path: Path) -> Fingerprint:
    """The new vault's fingerprint (no key is needed)."""
    return Store.read_fingerprint(path)


# -- the hidden file -----------------------------------------------------------------------


def _reserve(path: Path) -> Path:
    """A hidden name beside `path`, noted as being written (so a kill leaves nothing the
    next start does not remove), with nothing there yet: the vault is built at it."""
    temp, descriptor = leftovers.open_locked(path, "creating")
    os.unlink(temp)  # Store.create makes the file whole, then moves it to this name
    os.close(descriptor)
    return temp


def _hold(temp: Path) -> int:
    """Lock the hidden vault while it is filled, so no other copy of the app takes it for
    a leftover; returns the descriptor to close once it has been moved into place."""
    descriptor = os.open(temp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _same_file(descriptor, temp)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _same_file(descriptor: int, temp: Path) -> None:
    try:
        held, there = os.fstat(descriptor), os.lstat(temp)
    except OSError as exc:
        raise StorageFailed("handover file") from exc
    if not stat.S_ISREG(there.st_mode) or (held.st_dev, held.st_ino) != (
        there.st_dev,
        there.st_ino,
    ):
        raise StorageFailed("handover file")


def _move_into_place(temp: Path, path: Path, guard: int | None) -> None:
    if guard is not None:
        _same_file(guard, temp)
    log = Path(f"{temp}-wal")
    with contextlib.suppress(FileNotFoundError):
        if log.stat().st_size:
            raise StorageFailed("handover log")  # closed vaults leave none: never move half
        log.unlink()
    if os.path.lexists(path):
        raise VaultExists()
    try:
        os.replace(temp, path)
    except OSError as exc:
        raise StorageFailed("handover") from exc
    sync_folder(path.parent)


def _remove(temp: Path) -> None:
    for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
