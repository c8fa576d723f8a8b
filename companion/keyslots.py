"""Keyslots: each one holds the vault key, wrapped under a key derived another way.

- passphrase: Argon2id(passphrase) wraps the vault key;
- recovery: HKDF(recovery key) wraps it (the recovery key is 256 random bits,
  so no slow derivation is needed);
- device: HKDF(a random secret kept in the OS password store), only when the
  person chose "remember on this computer".

Each slot also carries an unkeyed checksum over its stored bytes. It is
checked first, so a damaged slot is reported as damage, never as a wrong
passphrase (KeePassXC draws the same line). Someone who edits a slot on purpose
can recompute that checksum, so each slot also holds a short check value derived
from its wrapping key: a passphrase that gives the right check but does not
open the wrapped key means the slot was altered, and that is said as damage.

The recovery slot records whether its key has been shown: a vault made (or a
key replaced) by a process that stopped before showing the key says so, and a
new key can be made with the passphrase.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from companion.crypto import (
    APP_TAG,
    KEY_BYTES,
    SALT_BYTES,
    Argon2Params,
    KdfPolicy,
    OpenFailed,
    associated_data,
    hkdf,
    open_sealed,
    random_bytes,
    seal,
)
from companion.errors import VaultDamaged, WrongPassphrase, WrongRecoveryKey
from companion.recovery_key import RecoveryKey
from companion.safe_read import loads_or_none

FORMAT_MAJOR = 1


class SlotKind(StrEnum):
    PASSPHRASE = "passphrase"
    RECOVERY = "recovery"
    DEVICE = "device"


@dataclass(frozen=True)
class Keyslot:
    kind: SlotKind
    params: bytes  # canonical JSON
    wrapped: bytes  # nonce || sealed vault key

    def checksum(self) -> bytes:
        return hashlib.sha256(associated_data(self.kind.value, self.params, self.wrapped)).digest()


def _canonical(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def _ad(vault_id: str, kind: SlotKind, params: bytes) -> bytes:
    return associated_data(APP_TAG, FORMAT_MAJOR, "keyslot", vault_id, kind.value, params)


_CHECK_BYTES = 16


def _check_value(kek: bytes) -> str:
    return hkdf(kek, b"", b"companion keyslot check v1")[:_CHECK_BYTES].hex()


def _wrap(kind: SlotKind, params: dict[str, Any], kek: bytes, vault_id: str, key: bytes) -> Keyslot:
    raw = _canonical({**params, "check": _check_value(kek)})
    return Keyslot(kind, raw, seal(kek, key, _ad(vault_id, kind, raw)))


def _unwrap(slot: Keyslot, kek: bytes, vault_id: str) -> bytes | None:
    """The vault key; None if `kek` is not this slot's (a wrong passphrase or key).

    VaultDamaged if the key is right by the slot's check value but the slot does not
    open: then the slot itself was altered.
    """
    check = _params(slot).get("check")
    if check is not None and not hmac.compare_digest(str(check), _check_value(kek)):
        return None
    try:
        key = open_sealed(kek, slot.wrapped, _ad(vault_id, slot.kind, slot.params))
    except OpenFailed:
        key = None
    if key is None or len(key) != KEY_BYTES:
        if check is not None:
            raise VaultDamaged(f"the {slot.kind.value} keyslot was altered")
        return None
    return key


def _params(slot: Keyslot) -> dict[str, Any]:
    params = loads_or_none(slot.params)
    if not isinstance(params, dict):
        raise VaultDamaged("a keyslot's settings cannot be read")
    return params


def _salt(params: dict[str, Any]) -> bytes:
    try:
        salt = bytes.fromhex(params["salt"])
    except (KeyError, TypeError, ValueError):
        raise VaultDamaged("a keyslot's salt cannot be read") from None
    if len(salt) != SALT_BYTES:
        raise VaultDamaged("a keyslot's salt is the wrong length")
    return salt


def argon2_params(slot: Keyslot) -> Argon2Params:
    params = _params(slot)
    try:
        if params["kdf"] != "argon2id":
            raise VaultDamaged("the passphrase slot names an unknown key derivation")
        values = (params["iterations"], params["lanes"], params["memory_kib"])
    except KeyError:
        raise VaultDamaged("the passphrase slot's settings are incomplete") from None
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values):
        raise VaultDamaged("the passphrase slot's settings are not whole numbers")
    return Argon2Params(*values, salt=_salt(params))


def passphrase_slot(vault_id: str, key: bytes, passphrase: str, policy: KdfPolicy) -> Keyslot:
    a2 = policy.choose()
    params = {
        "kdf": "argon2id",
        "iterations": a2.iterations,
        "lanes": a2.lanes,
        "memory_kib": a2.memory_kib,
        "salt": a2.salt.hex(),
    }
    return _wrap(SlotKind.PASSPHRASE, params, a2.derive(passphrase), vault_id, key)


def _hkdf_slot(kind: SlotKind, vault_id: str, key: bytes, secret: bytes, **extra: Any) -> Keyslot:
    salt = random_bytes(SALT_BYTES)
    kek = hkdf(secret, salt, b"companion " + kind.value.encode() + b" slot v1")
    return _wrap(kind, {"kdf": "hkdf-sha256", "salt": salt.hex(), **extra}, kek, vault_id, key)


def _hkdf_unwrap(slot: Keyslot, vault_id: str, secret: bytes) -> bytes | None:
    params = _params(slot)
    if params.get("kdf") != "hkdf-sha256":
        raise VaultDamaged(f"the {slot.kind.value} slot names an unknown key derivation")
    kek = hkdf(secret, _salt(params), b"companion " + slot.kind.value.encode() + b" slot v1")
    return _unwrap(slot, kek, vault_id)


def recovery_slot(
    vault_id: str, key: bytes, recovery: RecoveryKey, *, shown: bool = False
) -> Keyslot:
    """A slot for a new recovery key; `shown` once the person has been shown it."""
    return _hkdf_slot(SlotKind.RECOVERY, vault_id, key, recovery.secret, shown=shown)


def recovery_shown(slot: Keyslot) -> bool:
    """Whether the recovery key was shown (a vault made before this was recorded: yes)."""
    return _params(slot).get("shown", True) is True


def device_slot(vault_id: str, key: bytes, secret: bytes) -> Keyslot:
    return _hkdf_slot(SlotKind.DEVICE, vault_id, key, secret)


def check_passphrase_settings(slot: Keyslot, policy: KdfPolicy) -> Argon2Params:
    """Refuse settings out of bounds or below the floor before doing any work."""
    a2 = argon2_params(slot)
    problem = policy.check(a2)
    if problem:
        raise VaultDamaged(problem)
    return a2


def open_with_passphrase(slot: Keyslot, vault_id: str, passphrase: str, policy: KdfPolicy) -> bytes:
    a2 = check_passphrase_settings(slot, policy)
    key = _unwrap(slot, a2.derive(passphrase), vault_id)
    if key is None:
        raise WrongPassphrase()
    return key


def open_with_recovery(slot: Keyslot, vault_id: str, recovery: RecoveryKey) -> bytes:
    key = _hkdf_unwrap(slot, vault_id, recovery.secret)
    if key is None:
        raise WrongRecoveryKey()
    return key


def open_with_device(slot: Keyslot, vault_id: str, secret: bytes) -> bytes | None:
    """The vault key, or None if this computer's secret no longer fits (then ask as usual)."""
    return _hkdf_unwrap(slot, vault_id, secret)


def new_device_secret() -> bytes:
    return random_bytes(KEY_BYTES)
