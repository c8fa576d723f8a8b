"""Cryptographic building blocks, all from the `cryptography` package.

Nothing here is home-made: Argon2id and HKDF-SHA256 derive keys; AES-256-GCM
seals. What this module adds is policy: the bounds a key-derivation setting
must meet before any work is done, and one unambiguous encoding of the
associated data that ties a ciphertext to its place.
"""

from __future__ import annotations

import os
import struct
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

APP_TAG = b"appointment-privacy-companion"
KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


class OpenFailed(Exception):
    """A sealed box did not open: wrong key, or the bytes or their context changed."""


def random_bytes(n: int) -> bytes:
    return os.urandom(n)


def associated_data(*parts: bytes | str | int) -> bytes:
    """Encode context as length-prefixed fields, so no two contexts share an encoding."""
    out = bytearray()
    for part in parts:
        if isinstance(part, int):
            raw = struct.pack(">Q", part)
        elif isinstance(part, str):
            raw = part.encode("utf-8")
        else:
            raw = bytes(part)
        out += struct.pack(">I", len(raw)) + raw
    return bytes(out)


class Box:
    """AES-256-GCM with one key, for sealing or opening many items in a row."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, ad: bytes) -> bytes:
        """Seal under a fresh random 96-bit nonce; returns nonce || ciphertext+tag."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, ad)

    def open(self, sealed: bytes, ad: bytes) -> bytes:
        if len(sealed) < NONCE_BYTES + 16:
            raise OpenFailed("too short")
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], ad)
        except InvalidTag:
            raise OpenFailed("authentication failed") from None


def seal(key: bytes, plaintext: bytes, ad: bytes) -> bytes:
    return Box(key).seal(plaintext, ad)


def open_sealed(key: bytes, sealed: bytes, ad: bytes) -> bytes:
    return Box(key).open(sealed, ad)


def hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id settings as stored in a passphrase keyslot. Memory is in KiB."""

    iterations: int
    lanes: int
    memory_kib: int
    salt: bytes

    def derive(self, passphrase: str) -> bytes:
        return Argon2id(
            salt=self.salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class KdfPolicy:
    """What Argon2id settings this build creates, accepts and refuses.

    `floor_*` are the least a vault may use (anything lower is treated as a
    downgrade attack). Nothing more than creation can ever choose is accepted
    (the floor's passes and lanes, memory up to the cap), so a crafted file
    cannot make one try of a passphrase cost minutes and gigabytes.
    """

    floor_iterations: int = 3
    floor_lanes: int = 4
    floor_memory_kib: int = 64 * 1024
    # At creation, memory is raised until one derivation takes about this long,
    # but never past the cap.
    target_seconds: float = 0.5
    cap_memory_kib: int = 512 * 1024

    @property
    def max_iterations(self) -> int:
        return self.floor_iterations

    @property
    def max_lanes(self) -> int:
        return self.floor_lanes

    @property
    def max_memory_kib(self) -> int:
        return self.cap_memory_kib

    def check(self, params: Argon2Params) -> str | None:
        """Return why `params` must be refused, or None if they are acceptable."""
        if len(params.salt) != SALT_BYTES:
            return "the salt is not 16 bytes"
        if params.iterations > self.max_iterations or params.lanes > self.max_lanes:
            return "the key settings ask for more work than any real vault uses"
        if params.memory_kib > self.max_memory_kib:
            return "the key settings ask for more memory than any real vault uses"
        if (
            params.iterations < self.floor_iterations
            or params.lanes < self.floor_lanes
            or params.memory_kib < self.floor_memory_kib
        ):
            return "the key settings are weaker than this app ever writes"
        return None

    def choose(self) -> Argon2Params:
        """Settings for a new passphrase slot: the floor, with memory raised to the target time."""
        memory = self.floor_memory_kib
        salt = os.urandom(SALT_BYTES)
        probe = Argon2Params(self.floor_iterations, self.floor_lanes, memory, salt)
        started = time.perf_counter()
        probe.derive("calibration")
        elapsed = max(time.perf_counter() - started, 1e-6)
        if elapsed < self.target_seconds:
            scaled = int(memory * self.target_seconds / elapsed)
            # Whole MiB, at least the floor, at most the cap.
            memory = max(self.floor_memory_kib, min(self.cap_memory_kib, scaled // 1024 * 1024))
        return Argon2Params(self.floor_iterations, self.floor_lanes, memory, salt)


PRODUCTION_KDF = KdfPolicy()
