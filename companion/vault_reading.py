"""Reading an open vault: its people, entries and keeper as they stand, every saved version
of a record, and what an export needs to prove them (revisions, the tree, what a purge
erased). A part of `Vault` (companion/vault.py), kept apart so each file says one thing."""

from __future__ import annotations

from datetime import UTC, datetime

from companion import merkle
from companion.i18n import translate
from companion.ledger import Ledger, Saved, StoredVersion, Version
from companion.model import Appointment, Event, Keeper, Person
from companion.revisions import Op, Revision

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class VaultReading:
    """What an open vault holds, read from memory (mixed into Vault)."""

    _ledger: Ledger

    def people(self) -> list[Saved[Person]]:
        """Everyone in the vault, by name.

        If a person's own record cannot be read but their entries can, a
        placeholder marked as damaged stands in, so those entries are never
        silently left out of a list or an export.
        """
        people = self._ledger.all_saved(Person)
        known = {p.record.id for p in people}
        orphans = {
            rec.person_id
            for rec in self._ledger.current.values()
            if isinstance(rec, Appointment | Event) and rec.person_id not in known
        }
        for person_id in sorted(orphans):
            placeholder = Person(
                display_name=translate("Vault", "A person whose record cannot be read"),
                id=person_id,
            )
            people.append(Saved(placeholder, _EPOCH, _EPOCH, 0, None, damaged=True))
        return sorted(people, key=lambda s: s.record.display_name.lower())

    def appointments(self) -> list[Saved[Appointment]]:
        return self._ledger.all_saved(Appointment)

    def events(self) -> list[Saved[Event]]:
        return self._ledger.all_saved(Event)

    def keeper(self) -> Saved[Keeper] | None:
        """Who keeps this vault's records, if they have said; None for a vault made before
        the app asked."""
        kept = self._ledger.all_saved(Keeper)
        return kept[0] if kept else None

    def get(self, record_id: str) -> Saved:
        if record_id not in self._ledger.current:
            raise KeyError(record_id)
        return self._ledger.saved(record_id)

    def versions(self, record_id: str) -> list[Version]:
        """Every saved state of a record, oldest first: the original, then each correction."""
        return self._ledger.versions(record_id)

    def revisions_of(self, record_id: str) -> list[Revision]:
        """A record's saved revisions as stored (for proofs in an export), oldest first."""
        return [r for r in self._ledger.history.get(record_id, []) if r.op is not Op.DELETE]

    def was_erased(self, seq: int) -> bool:
        """Whether the saved change numbered `seq` was erased by a purge (its leaf remains)."""
        return seq in self._ledger.erased

    def erased_as(self, seq: int) -> tuple[str, int] | None:
        """For an erased change: the record and revision it was."""
        return self._ledger.erased.get(seq)

    def was_purged(self, person_id: str) -> bool:
        return person_id in self._ledger.purged_people

    def tree(self) -> merkle.Tree:
        """The whole Merkle tree, for inclusion proofs."""
        return self._ledger.tree()

    def stored_versions(self, record_id: str) -> list[StoredVersion]:
        """The same versions as plain fields, for exports."""
        return self._ledger.stored_versions(record_id)
