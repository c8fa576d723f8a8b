"""Bringing records in with their histories, all or nothing: from an interchange file
(companion/importer.py) or a hand-over (companion/handover.py). A part of `Vault`
(companion/vault.py), kept apart so each file says one thing."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from companion import codec
from companion.errors import InvalidInput
from companion.ledger import NAMESPACE_OF, NOT_GIVEN, Version
from companion.model import Attachment, Person
from companion.revisions import Op, Revision
from companion.validation import validate
from companion.vault_writing import VaultWriting

Progress = Callable[[int, int], None]


class VaultImport(VaultWriting):
    """Adding records with every version they had (mixed into Vault; each import is one
    change, written as every change is: VaultWriting)."""

    def import_versions(
        self, items: Iterable[tuple[str, list[Version]]], progress: Progress | None = None
    ) -> list[str]:
        """Add records with their histories in one all-or-nothing action.

        Each item is (where it came from, its versions oldest first). Items
        already in the vault with exactly the same history are skipped.
        Returns the ids of the records added.
        """
        now = self._clock()
        pending: list[Revision] = []
        first_place: dict[str, str] = {}
        known_people = {rid for rid, rec in self._ledger.current.items() if isinstance(rec, Person)}
        for where, versions in items:
            if any(isinstance(v.record, Attachment) for v in versions):
                raise InvalidInput(where, "versions", "", "people, appointments and letters only")
            records = [validate(v.record, where) for v in versions if v.record is not None]
            if not records or len(records) != len(versions):
                raise InvalidInput(where, "versions", "", "at least one saved version")
            first = records[0]
            if first.id in first_place:  # one id twice in one file would brick the vault
                raise InvalidInput(
                    where, "id", first.id, f"an id not already used at {first_place[first.id]}"
                )
            first_place[first.id] = where
            if self._same_history(first.id, versions):
                continue
            if first.id in self._ledger.history or any(r.id != first.id for r in records):
                raise InvalidInput(where, "id", first.id, "an id not already used in this vault")
            ns = NAMESPACE_OF[type(first)]
            parent = None if isinstance(first, Person) else first.person_id
            if any(NAMESPACE_OF[type(r)] is not ns for r in records) or any(
                getattr(r, "person_id", None) != parent for r in records
            ):
                raise InvalidInput(where, "versions", "", "every version of the same record")
            if parent is not None and parent not in known_people:
                raise InvalidInput(where, "person_id", parent, "a person in this vault or file")
            if isinstance(first, Person):
                known_people.add(first.id)
            for n, (version, record) in enumerate(zip(versions, records, strict=True), start=1):
                pending.append(
                    Revision.new(
                        seq=self._ledger.size + len(pending) + 1,
                        ns=ns,
                        record_id=record.id,
                        rev=n,
                        op=Op.CREATE if n == 1 else Op.EDIT,
                        parent=parent,
                        saved_at=now if version.saved_at == NOT_GIVEN else version.saved_at,
                        content=codec.to_fields(record),
                        imported_at=now,
                    )
                )
        if pending:
            self._commit(pending, progress=progress)
        return list(dict.fromkeys(rev.record_id for rev in pending))

    def _same_history(self, record_id: str, versions: list[Version]) -> bool:
        if record_id not in self._ledger.history:
            return False
        mine = self._ledger.versions(record_id)
        strip = [(v.saved_at, v.record) for v in versions]
        return [(v.saved_at, v.record) for v in mine] == strip
