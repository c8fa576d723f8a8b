"""The vault: create, open, read and change an encrypted record, one action at a time.

Key hierarchy (docs/security.md): a random 256-bit vault key, held wrapped in
keyslots (passphrase, recovery key, and optionally this computer's password
store). Every revision is sealed with the vault key and added to a Merkle
tree whose sealed head is checked at every opening.

Here: creating, opening, recovering and closing a vault, and its state. Its other parts,
each mixed into `Vault`: reading it (vault_reading.py), changing it (vault_writing.py) and
bringing records in (vault_import.py, which builds on it), its keys (vault_keys.py), drafts
(vault_drafts.py) and attached files (attachment_vault.py); what opening reads back is
vault_load.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from companion import heads, keyslots, merkle
from companion.attachment_vault import VaultAttachments
from companion.crypto import PRODUCTION_KDF, KdfPolicy, random_bytes
from companion.errors import NoNewPassphrase, NoPassphrase, VaultDamaged, VaultReadOnly
from companion.fingerprint import Fingerprint
from companion.keyslots import SlotKind
from companion.ledger import Ledger, Problem, ProblemKind
from companion.recovery_key import RecoveryKey
from companion.store import FORMAT, Header, Store
from companion.vault_drafts import VaultDrafts
from companion.vault_import import VaultImport
from companion.vault_keys import VaultKeys
from companion.vault_load import device_key, load, outside_checks, seal_checkpoint
from companion.vault_reading import VaultReading

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


def utc_now() -> datetime:
    return datetime.now(UTC)


class Vault(VaultReading, VaultImport, VaultKeys, VaultDrafts, VaultAttachments):
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
            raise NoNewPassphrase()
        header = Header(random_bytes(16).hex(), FORMAT)
        key = random_bytes(32)
        recovery = RecoveryKey.generate()
        slots = [
            keyslots.passphrase_slot(header.vault_id, key, passphrase, policy),
            keyslots.recovery_slot(header.vault_id, key, recovery),
        ]
        checkpoint = seal_checkpoint(key, header.vault_id, 0, merkle.root([]))

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
                key = device_key(slots, header.vault_id) if use_device else None
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
            ledger = load(store, key, header.vault_id)
            warnings = outside_checks(store, ledger, clock())
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
            raise NoNewPassphrase()
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

    def backup_into(
        self, dest: sqlite3.Connection, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Copy the whole vault file, as it stands, into the empty database `dest` (SQLite's
        online backup: only ciphertext, and changes saved meanwhile are in the copy). The
        vault holds its file's only lock while it is open, so this is the one way to read
        its pages; `progress` is told (pages done, pages in all) and may raise to stop.
        Checking the copy and putting it in place is companion/backup.py's."""
        self._store.copy_into(dest, progress)

    def verify(self) -> list[Problem]:
        """Read the whole file again, open every revision and check every hash, and read
        every attachment's every chunk and check it against its recorded SHA-256."""
        ledger = load(self._store, self._key, self.vault_id, deep=True)
        ledger.problems += self._attachment_problems(ledger)
        for warning in heads.pending(self.path):
            ledger.note(ProblemKind(warning.kind.value))
        return ledger.problems

    # -- internals ---------------------------------------------------------------

    def _require_writable(self) -> None:
        if not self._key:
            raise VaultReadOnly()
        if self.read_only:
            raise VaultReadOnly()
