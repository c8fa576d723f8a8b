"""The vault: create, open, read and change an encrypted record, one action at a time.

Key hierarchy (docs/security.md): a random 256-bit vault key, held wrapped in
keyslots (passphrase, recovery key, and optionally this computer's password
store). Every revision is sealed with the vault key and added to a Merkle
tree whose sealed head is checked at every opening.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from companion import codec, heads, keyslots, keystore, merkle, revisions
from companion.attachment_vault import VaultAttachments
from companion.crypto import (
    PRODUCTION_KDF,
    Box,
    KdfPolicy,
    OpenFailed,
    open_sealed,
    random_bytes,
    seal,
)
from companion.errors import (
    InvalidInput,
    NoPassphrase,
    VaultDamaged,
    VaultReadOnly,
)
from companion.fingerprint import Fingerprint
from companion.i18n import translate
from companion.keyslots import Keyslot, SlotKind
from companion.ledger import (
    NAMESPACE_OF,
    NOT_GIVEN,
    Ledger,
    Problem,
    ProblemKind,
    Saved,
    StoredVersion,
    Version,
)
from companion.model import Appointment, Attachment, Event, Keeper, Person, Record, new_id
from companion.recovery_key import RecoveryKey
from companion.revisions import Namespace, Op, Revision
from companion.store import FORMAT, Header, Store, StoredRevision, file_bytes
from companion.validation import validate
from companion.vault_drafts import VaultDrafts
from companion.vault_keys import VaultKeys

Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]

# Problems that warn but do not stop writing: a vault restored on purpose
# from an older copy is still the person's vault.
WARNINGS = {
    ProblemKind.ROLLED_BACK,
    ProblemKind.DIVERGED,
    ProblemKind.SWAPPED,
    ProblemKind.LOG_DAMAGED,
}


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _load(store: Store, key: bytes, vault_id: str, *, deep: bool = False) -> Ledger:
    """Open every revision, replay it, and check the tree against its sealed checkpoint.

    Each ciphertext's authentication ties it to its row, record and revision,
    and the stored leaves must give the sealed tree head, so without the key
    nothing can be changed unnoticed. `deep` also recomputes every leaf from
    its content (what `verify` does), which checks the app's own bookkeeping.
    """
    ledger = Ledger(vault_id)
    box = Box(key)
    for row in store.read_revisions():
        if row.seq != ledger.size + 1:
            ledger.note(ProblemKind.GAP, row.seq)
        ledger.leaves.append(row.leaf)
        if row.sealed is None:
            ledger.erased[row.seq] = (row.record_id, row.rev)
            continue
        ad = revisions.revision_ad(vault_id, row.seq, row.record_id, row.rev)
        try:
            rev = revisions.decode(box.open(row.sealed, ad), row.seq)
        except (OpenFailed, revisions.BadPayload):
            ledger.damage(ProblemKind.UNREADABLE, row.seq, row.record_id, row.rev)
            continue
        if (rev.record_id, rev.rev) != (row.record_id, row.rev) or (
            deep and revisions.leaf(rev, vault_id) != row.leaf
        ):
            ledger.damage(ProblemKind.LEAF_MISMATCH, row.seq, row.record_id, row.rev)
            continue
        ledger.apply(rev)
    ledger.finish()
    sealed_checkpoint = store.read_checkpoint()
    try:
        if sealed_checkpoint is None:
            raise OpenFailed("no checkpoint")
        head = revisions.decode_checkpoint(
            open_sealed(key, sealed_checkpoint, revisions.checkpoint_ad(vault_id))
        )
    except (OpenFailed, revisions.BadPayload):
        ledger.note(ProblemKind.TREE_MISMATCH)
    else:
        if head != (ledger.size, ledger.root()):
            ledger.note(ProblemKind.TREE_MISMATCH)
    return ledger


def _latest_change(ledger: Ledger) -> datetime | None:
    times = [revs[-1].saved_at for revs in ledger.history.values() if revs]
    return max(times, default=None)


def _outside_checks(store: Store, ledger: Ledger, now: datetime) -> list[heads.Warning]:
    """Compare with what this computer last saw at this place (a swapped-in older copy, a
    different vault, a damaged log): every warning not yet acknowledged, noted as problems."""
    found = heads.Found(
        ledger.vault_id, ledger.size, file_bytes(store.path), _latest_change(ledger)
    )
    warnings = heads.check(store.path, found, ledger.leaves, now)
    for warning in warnings:
        ledger.note(ProblemKind(warning.kind.value))
    return warnings


class Vault(VaultKeys, VaultDrafts, VaultAttachments):
    """An open, unlocked vault. Use `Vault.create` or `Vault.open`; call `close` when done."""

    def __init__(
        self,
        store: Store,
        header: Header,
        key: bytes,
        ledger: Ledger,
        policy: KdfPolicy,
        clock: Clock,
    ) -> None:
        self._store = store
        self._header = header
        self._key = key
        self._ledger = ledger
        self._policy = policy
        self._clock = clock
        self._warnings: list[heads.Warning] = []

    # -- creating and opening ---------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        policy: KdfPolicy = PRODUCTION_KDF,
        clock: Clock = utc_now,
    ) -> tuple[Vault, RecoveryKey]:
        """Make a new, empty vault; returns it open, with the recovery key to show once."""
        if not passphrase:
            raise NoPassphrase()
        header = Header(random_bytes(16).hex(), FORMAT)
        key = random_bytes(32)
        recovery = RecoveryKey.generate()
        slots = [
            keyslots.passphrase_slot(header.vault_id, key, passphrase, policy),
            keyslots.recovery_slot(header.vault_id, key, recovery),
        ]
        checkpoint = _seal_checkpoint(key, header.vault_id, 0, merkle.root([]))

        def write(store: Store) -> None:
            for slot in slots:
                store.put_slot(slot)
            store.write_checkpoint(checkpoint)

        Store.create(path, header, write)
        heads.forget(path)
        return cls.open(path, passphrase=passphrase, policy=policy, clock=clock), recovery

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        passphrase: str | None = None,
        ask: Callable[[], str] | None = None,
        recovery_key: RecoveryKey | None = None,
        use_device: bool = True,
        policy: KdfPolicy = PRODUCTION_KDF,
        clock: Clock = utc_now,
    ) -> Vault:
        """Unlock a vault with this computer's remembered key, a recovery key or a passphrase.

        `ask` is called for a passphrase only if nothing else opens the vault.
        Opening never writes: a wrong passphrase leaves the file as it was.
        """
        store = Store.open(path)
        try:
            header = store.read_header()
            slots = store.read_slots()
            if SlotKind.PASSPHRASE not in slots or SlotKind.RECOVERY not in slots:
                raise VaultDamaged("a keyslot is missing")
            if recovery_key is not None:
                key = keyslots.open_with_recovery(
                    slots[SlotKind.RECOVERY], header.vault_id, recovery_key
                )
            else:
                key = _device_key(slots, header.vault_id) if use_device else None
                if key is None:
                    # Refuse crafted settings before asking anyone for anything.
                    keyslots.check_passphrase_settings(slots[SlotKind.PASSPHRASE], policy)
                    if passphrase is None and ask is not None:
                        passphrase = ask()
                    if not passphrase:
                        raise NoPassphrase()
                    key = keyslots.open_with_passphrase(
                        slots[SlotKind.PASSPHRASE], header.vault_id, passphrase, policy
                    )
            ledger = _load(store, key, header.vault_id)
            warnings = _outside_checks(store, ledger, clock())
            vault = cls(store, header, key, ledger, policy, clock)
            vault._warnings = warnings
            if not vault.read_only:
                vault._header = store.migrate(header)
                vault._remember_head()
                if store.had_log:
                    # A crash left changes in the log (a purge's among them): move them into
                    # the file now, so what a purge erased is overwritten there too.
                    store.checkpoint_wal()
            return vault
        except BaseException:
            store.close()
            raise

    @classmethod
    def recover(
        cls,
        path: Path,
        recovery_key: RecoveryKey,
        new_passphrase: str,
        *,
        policy: KdfPolicy = PRODUCTION_KDF,
        clock: Clock = utc_now,
    ) -> tuple[Vault, RecoveryKey]:
        """Open with the recovery key, set a new passphrase and issue a new recovery key.

        The old recovery key stops working: it has been seen, so it is spent. The new
        one is recorded as not yet shown until `confirm_recovery_key` is called with it,
        so if the caller stops before showing it, the vault says so next time.
        """
        if not new_passphrase:
            raise NoPassphrase()
        vault = cls.open(path, recovery_key=recovery_key, policy=policy, clock=clock)
        try:
            vault._require_writable()
            fresh = RecoveryKey.generate()
            vid, key = vault.vault_id, vault._key
            new_slots = [
                keyslots.passphrase_slot(vid, key, new_passphrase, policy),
                keyslots.recovery_slot(vid, key, fresh),
            ]
            with vault._store.transaction():
                for slot in new_slots:
                    vault._store.put_slot(slot)
        except BaseException:
            vault.close()
            raise
        return vault, fresh

    def close(self) -> None:
        """Lock: drop the key and every decrypted record, and release the file."""
        self._key = b""
        self._ledger = Ledger(self._header.vault_id)
        self._store.close()

    # -- state ---------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def vault_id(self) -> str:
        return self._header.vault_id

    @property
    def problems(self) -> list[Problem]:
        return list(self._ledger.problems)

    @property
    def read_only(self) -> bool:
        """True when the vault failed an integrity check: then nothing more is written to it."""
        return any(p.kind not in WARNINGS for p in self._ledger.problems)

    def now(self) -> datetime:
        """The vault's clock: what "written on" times are taken from."""
        return self._clock()

    def fingerprint(self) -> Fingerprint:
        return Fingerprint(self.vault_id, self._ledger.size, self._ledger.root())

    @property
    def warnings(self) -> list[heads.Warning]:
        """What was found outside the vault's own checks (an older copy, a different vault
        at this place, a damaged log), kept until acknowledged; it can still be written to."""
        return list(self._warnings)

    def acknowledge_warnings(self) -> int:
        """The person has read the warnings: stop showing them. Returns how many there were."""
        count = heads.acknowledge(self.path)
        self._warnings = []
        self._ledger.problems = [p for p in self._ledger.problems if p.kind not in WARNINGS]
        if not self.read_only:
            self._remember_head()
        return count

    def verify(self) -> list[Problem]:
        """Read the whole file again, open every revision and check every hash, and read
        every attachment's every chunk and check it against its recorded SHA-256."""
        ledger = _load(self._store, self._key, self.vault_id, deep=True)
        ledger.problems += self._attachment_problems(ledger)
        for warning in heads.pending(self.path):
            ledger.note(ProblemKind(warning.kind.value))
        return ledger.problems

    # -- reading -------------------------------------------------------------

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

    # -- writing ---------------------------------------------------------------

    def save(self, record: Record) -> Saved:
        """Add a record, or save a correction to one. Saving an unchanged record does nothing.

        An attachment is added by `attach`; saving one corrects its name or description."""
        if isinstance(record, Attachment):
            record = self._tidy_attachment(record)
        else:
            record = validate(record)
        ns = NAMESPACE_OF[type(record)]
        parent = None if isinstance(record, Person | Keeper) else record.person_id
        keeper = self.keeper()
        if isinstance(record, Keeper) and keeper is not None and keeper.record.id != record.id:
            raise InvalidInput("", "id", record.id, "the keeper already named in this vault")
        if parent is not None and not isinstance(self._ledger.current.get(parent), Person):
            raise InvalidInput("", "person_id", parent, "a person in this vault")
        history = self._ledger.history.get(record.id, [])
        if history:
            if history[0].ns is not ns or record.id not in self._ledger.current:
                raise InvalidInput("", "id", record.id, "a record that can still be edited")
            if history[0].parent != parent:
                raise InvalidInput(
                    "", "person_id", str(parent), "the same person as when it was first written"
                )
            if self._ledger.current[record.id] == record:
                return self._ledger.saved(record.id)
        rev = Revision.new(
            seq=self._ledger.size + 1,
            ns=ns,
            record_id=record.id,
            rev=len(history) + 1,
            op=Op.EDIT if history else Op.CREATE,
            parent=parent,
            saved_at=self._clock(),
            content=codec.to_fields(record),
        )
        self._commit([rev])
        return self._ledger.saved(record.id)

    def delete(self, record_id: str) -> None:
        """Hide an appointment or event. Its history stays in the vault, marked as deleted."""
        history = self._ledger.history.get(record_id, [])
        if record_id not in self._ledger.current or history[0].ns is Namespace.PERSON:
            raise InvalidInput("", "id", record_id, "an appointment or event in this vault")
        rev = Revision.new(
            seq=self._ledger.size + 1,
            ns=history[0].ns,
            record_id=record_id,
            rev=len(history) + 1,
            op=Op.DELETE,
            parent=history[0].parent,
            saved_at=self._clock(),
            content=None,
        )
        self._commit([rev])

    def purge_person(self, person_id: str) -> int:
        """Erase a person and all their entries for good; returns how many revisions went.

        The tree keeps each erased revision's leaf (a hash that reveals nothing),
        and a purge revision records which were erased, so the vault still
        verifies and shows that an erasure happened.
        """
        if not isinstance(self._ledger.current.get(person_id), Person):
            raise InvalidInput("", "person", person_id, "a person in this vault")
        entries = self._ledger.people_entries(person_id)
        seqs = sorted(r.seq for r in entries)
        record_ids = {r.record_id for r in entries}
        rev = Revision.new(
            seq=self._ledger.size + 1,
            ns=Namespace.PURGE,
            record_id=new_id(),
            rev=1,
            op=Op.PURGE,
            parent=person_id,
            saved_at=self._clock(),
            content={"seqs": seqs},
        )

        def also() -> None:
            self._discard_drafts_of(person_id, record_ids)
            self._erase_attachments(record_ids)

        self._commit([rev], erase=seqs, also=also)
        self._store.checkpoint_wal()
        return len(seqs)

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

    # -- internals ---------------------------------------------------------------

    def _require_writable(self) -> None:
        if not self._key:
            raise VaultReadOnly()
        if self.read_only:
            raise VaultReadOnly()

    def _same_history(self, record_id: str, versions: list[Version]) -> bool:
        if record_id not in self._ledger.history:
            return False
        mine = self._ledger.versions(record_id)
        strip = [(v.saved_at, v.record) for v in versions]
        return [(v.saved_at, v.record) for v in mine] == strip

    def _commit(
        self,
        revs: list[Revision],
        erase: Iterable[int] = (),
        progress: Progress | None = None,
        also: Callable[[], None] | None = None,
    ) -> None:
        """Append revisions (and erase others) as one change; `also` runs inside it."""
        self._require_writable()
        erase = list(erase)
        with self._store.transaction():
            new_leaves = self._write_revisions(revs, erase, progress)
            if also is not None:
                also()
        self._committed(revs, new_leaves, erase)

    def _write_revisions(
        self, revs: list[Revision], erase: Iterable[int] = (), progress: Progress | None = None
    ) -> list[bytes]:
        """Seal and append revisions, erase others and write the new tree head, inside the
        caller's transaction; returns the new leaves, for `_committed` once it commits."""
        self._require_writable()
        new_leaves = [revisions.leaf(rev, self.vault_id) for rev in revs]
        leaves = self._ledger.leaves + new_leaves
        checkpoint = _seal_checkpoint(self._key, self.vault_id, len(leaves), merkle.root(leaves))
        total = len(revs)
        box = Box(self._key)
        for done, (rev, leaf) in enumerate(zip(revs, new_leaves, strict=True), start=1):
            ad = revisions.revision_ad(self.vault_id, rev.seq, rev.record_id, rev.rev)
            sealed = box.seal(revisions.encode(rev), ad)
            self._store.append_revision(
                StoredRevision(rev.seq, rev.record_id, rev.rev, sealed, leaf)
            )
            if progress is not None:
                progress(done, total)
        for seq in erase:
            self._store.erase_revision(seq)
        self._store.write_checkpoint(checkpoint)
        return new_leaves

    def _committed(self, revs: list[Revision], leaves: list[bytes], erase: list[int]) -> None:
        """What was written has been committed: the ledger follows, and the head is noted."""
        self._apply_committed(revs, leaves, erase)
        self._remember_head()

    def _apply_committed(self, revs: list[Revision], leaves: list[bytes], erase: list[int]) -> None:
        ledger = self._ledger
        erased = set(erase)
        for rid, hist in list(ledger.history.items()):
            if hist[0].seq in erased:
                ledger.erased.update({r.seq: (rid, r.rev) for r in hist})
                del ledger.history[rid]
                ledger.current.pop(rid, None)
        for rev, leaf in zip(revs, leaves, strict=True):
            ledger.leaves.append(leaf)
            ledger.apply(rev)  # a purge revision explains the erasures it lists

    def _remember_head(self) -> None:
        ledger = self._ledger
        heads.remember(
            self.path,
            heads.Seen(
                self.vault_id,
                ledger.size,
                ledger.root(),
                self._clock(),
                file_bytes(self.path),
            ),
        )


def _device_key(slots: dict[SlotKind, Keyslot], vault_id: str) -> bytes | None:
    slot = slots.get(SlotKind.DEVICE)
    if slot is None:
        return None
    secret = keystore.load_device_secret(vault_id)
    return None if secret is None else keyslots.open_with_device(slot, vault_id, secret)


def _seal_checkpoint(key: bytes, vault_id: str, size: int, root: bytes) -> bytes:
    return seal(key, revisions.encode_checkpoint(size, root), revisions.checkpoint_ad(vault_id))
