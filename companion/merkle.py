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


class Tree:
    """A whole tree built once, so that many inclusion proofs are cheap (an export needs one
    for every version it carries)."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.size = len(leaves)
        self._hex: list[list[str]] | None = None
        self.levels = [list(leaves)]
        while len(self.levels[-1]) > 1:
            level = self.levels[-1]
            paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            if len(level) % 2:
                paired.append(level[-1])
            self.levels.append(paired)

    @property
    def root(self) -> bytes:
        return self.levels[-1][0] if self.size else root([])

    def inclusion_proof(self, index: int) -> list[bytes]:
        """The audit path (RFC 6962 section 2.1.1) for the leaf at `index`, bottom up."""
        if not 0 <= index < self.size:
            raise IndexError(index)
        proof = []
        for level in self.levels[:-1]:
            if index % 2:
                proof.append(level[index - 1])
            elif index + 1 < len(level):
                proof.append(level[index + 1])
            index //= 2  # an odd last node is carried up unchanged, with no sibling
        return proof

    def hex_proof(self, index: int) -> list[str]:
        """The same audit path, each hash as hex (as an export writes it); every node is
        turned into hex once, however many proofs share it."""
        if not 0 <= index < self.size:
            raise IndexError(index)
        if self._hex is None:
            self._hex = [[node.hex() for node in level] for level in self.levels[:-1]]
        proof = []
        for level in self._hex:
            sibling = index ^ 1
            if sibling < len(level):
                proof.append(level[sibling])
            index >>= 1
        return proof


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], head: bytes
) -> bool:
    """Whether `leaf` is at `index` in the tree of `size` leaves whose root is `head` (RFC 9162
    section 2.1.3.2)."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == head
