"""The vault's keys: its passphrase, its recovery key and this computer's remembered secret.

A part of `Vault` (companion/vault.py), kept apart so each file says one thing. Every
change here re-wraps the one vault key in a keyslot; no saved change is re-encrypted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion import keyslots, keystore
from companion.crypto import KdfPolicy
from companion.errors import NoNewPassphrase, WrongPassphrase, WrongRecoveryKey
from companion.keyslots import SlotKind
from companion.recovery_key import RecoveryKey

if TYPE_CHECKING:
    from companion.store import Store


class VaultKeys:
    """Key management for an open vault (mixed into Vault)."""

    _store: Store
    _key: bytes
    _policy: KdfPolicy

    if TYPE_CHECKING:  # given by Vault, which this is mixed into
        vault_id: str
        read_only: bool

        def _require_writable(self) -> None: ...

    # -- the passphrase and the recovery key -----------------------------------------

    @property
    def recovery_key_shown(self) -> bool:
        """False when the recovery key was made but never confirmed as shown (a set-up or
        a recovery that stopped part way): then a new one should be made."""
        return keyslots.recovery_shown(self._store.read_slots()[SlotKind.RECOVERY])

    def confirm_recovery_key(self, recovery: RecoveryKey) -> None:
        """Record that `recovery` (the vault's current recovery key) was shown."""
        self._require_writable()
        slot = self._store.read_slots()[SlotKind.RECOVERY]
        if keyslots.open_with_recovery(slot, self.vault_id, recovery) != self._key:
            raise WrongRecoveryKey()
        if keyslots.recovery_shown(slot):
            return
        with self._store.transaction():
            self._store.put_slot(
                keyslots.recovery_slot(self.vault_id, self._key, recovery, shown=True)
            )

    def new_recovery_key(self, passphrase: str) -> RecoveryKey:
        """Replace the recovery key (the passphrase must be given); the old one stops working.

        The new key is recorded as not yet shown until `confirm_recovery_key` is called.
        """
        self._require_writable()
        self._check_passphrase(passphrase)
        fresh = RecoveryKey.generate()
        with self._store.transaction():
            self._store.put_slot(keyslots.recovery_slot(self.vault_id, self._key, fresh))
        return fresh

    def _check_passphrase(self, passphrase: str) -> None:
        slot = self._store.read_slots()[SlotKind.PASSPHRASE]
        if (
            keyslots.open_with_passphrase(slot, self.vault_id, passphrase, self._policy)
            != self._key
        ):
            raise WrongPassphrase()

    def change_passphrase(self, current: str, new: str) -> None:
        """Re-wrap the vault key under a new passphrase; no record is re-encrypted."""
        if not new:
            raise NoNewPassphrase()
        self._require_writable()
        self._check_passphrase(current)
        new_slot = keyslots.passphrase_slot(self.vault_id, self._key, new, self._policy)
        with self._store.transaction():
            self._store.put_slot(new_slot)

    # -- this computer -----------------------------------------------------------

    @property
    def remembered(self) -> bool:
        return SlotKind.DEVICE in self._store.read_slots()

    def remember_on_this_computer(self) -> None:
        """Keep a device secret in the OS password store, so this computer opens the vault."""
        self._require_writable()
        secret = keyslots.new_device_secret()
        keystore.store_device_secret(self.vault_id, secret)
        try:
            with self._store.transaction():
                self._store.put_slot(keyslots.device_slot(self.vault_id, self._key, secret))
        except BaseException:
            keystore.delete_device_secret(self.vault_id)
            raise

    def forget_this_computer(self) -> None:
        """Remove the password-store item and the device slot; the passphrase is needed again.

        The item goes first: without it the slot opens nothing, so even a
        vault that may no longer be written to stops opening by itself.
        """
        keystore.delete_device_secret(self.vault_id)
        if SlotKind.DEVICE in self._store.read_slots() and not self.read_only:
            with self._store.transaction():
                self._store.delete_slot(SlotKind.DEVICE)
