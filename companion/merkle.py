"""RFC 6962 Merkle tree hashing over the vault's revisions.

Every revision is a leaf. The tree head (size and root) is the vault's
fingerprint: any change to any earlier revision changes it. A tree rather than
a plain hash chain, so that a later export can prove one person's entries are
in the vault without revealing anyone else's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def root(leaves: Sequence[bytes]) -> bytes:
    """The Merkle tree hash (RFC 6962 section 2.1) of already-hashed leaves."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    # Hashing level by level and carrying an odd last node up unchanged gives
    # exactly RFC 6962's split at the largest power of two below n.
    level = list(leaves)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]
