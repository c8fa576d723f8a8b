"""The vault's fingerprint: its Merkle tree head, short for people and in full for exports."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from companion import APP_NAME
from companion.recovery_key import ALPHABET

SHORT_BYTES = 10  # 80 bits: 16 characters, enough that no two states share one by chance


@dataclass(frozen=True)
class Fingerprint:
    vault_id: str
    size: int
    root: bytes

    def short(self) -> str:
        """Four groups of four characters, easy to read out or copy into an email."""
        value = int.from_bytes(self.root[:SHORT_BYTES], "big")
        chars = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(16)))
        return "-".join(chars[i : i + 4] for i in range(0, 16, 4))

    def checkpoint(self) -> str:
        """The full head in the three-line form transparency logs use: origin, size, root."""
        origin = f"{APP_NAME}/vault/{self.vault_id}"
        return f"{origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"
