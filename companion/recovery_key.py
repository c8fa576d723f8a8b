"""The recovery key: 256 random bits a person can write down and type back.

Shown as 14 groups of 4 Crockford base32 characters. The first 13 groups carry
the key; the last carries a 20-bit checksum, so a typing mistake is caught at
once, before any key derivation, and reported as a typo rather than as a wrong
key. Crockford's alphabet has no I, L, O or U, and reading treats I and L as 1
and O as 0, so the usual confusions do no harm.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from companion.errors import RecoveryKeyTypo

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {ch: i for i, ch in enumerate(ALPHABET)}
_DECODE.update({"I": 1, "L": 1, "O": 0})
KEY_BYTES = 32
KEY_CHARS = 52  # 256 bits plus 4 zero bits
CHECK_CHARS = 4  # 20 bits
GROUP = 4
TOTAL_CHARS = KEY_CHARS + CHECK_CHARS


def _to_base32(value: int, chars: int) -> str:
    out = []
    for _ in range(chars):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def _checksum(secret: bytes) -> int:
    digest = hashlib.sha256(b"companion recovery key checksum" + secret).digest()
    return int.from_bytes(digest[:3], "big") >> 4


@dataclass(frozen=True)
class RecoveryKey:
    secret: bytes

    @classmethod
    def generate(cls) -> RecoveryKey:
        return cls(os.urandom(KEY_BYTES))

    def display(self) -> str:
        """The key as a person should write it down: groups of four, joined by dashes."""
        body = _to_base32(int.from_bytes(self.secret, "big") << 4, KEY_CHARS)
        text = body + _to_base32(_checksum(self.secret), CHECK_CHARS)
        return "-".join(text[i : i + GROUP] for i in range(0, TOTAL_CHARS, GROUP))

    @classmethod
    def parse(cls, text: str) -> RecoveryKey:
        """Read a typed recovery key; raise RecoveryKeyTypo if it cannot be what was shown."""
        compact = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
        if len(compact) != TOTAL_CHARS:
            raise RecoveryKeyTypo(length=len(compact))
        value = 0
        for ch in compact:
            if ch not in _DECODE:
                raise RecoveryKeyTypo(character=ch)
            value = (value << 5) | _DECODE[ch]
        check = value & ((1 << 20) - 1)
        body = value >> 20
        if body & 0xF:
            raise RecoveryKeyTypo()
        secret = (body >> 4).to_bytes(KEY_BYTES, "big")
        if _checksum(secret) != check:
            raise RecoveryKeyTypo()
        return cls(secret)

    def __repr__(self) -> str:  # never show the secret in a traceback or log
        return "RecoveryKey(<hidden>)"
