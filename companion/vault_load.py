"""Reading a vault's saved changes back when it is opened (or verified): every revision
opened and replayed, the tree checked against its sealed head, and what this computer last
saw at the vault's place compared. A part of `Vault` (companion/vault.py), kept apart so
each file says one thing."""

from __future__ import annotations

from datetime import datetime

from companion import heads, keyslots, keystore, revisions
from companion.crypto import Box, OpenFailed, open_sealed, seal
from companion.keyslots import Keyslot, SlotKind
from companion.ledger import Ledger, ProblemKind
from companion.store import Store, file_bytes


def load(store: Store, key: bytes, vault_id: str, *, deep: bool = False) -> Ledger:
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


def outside_checks(store: Store, ledger: Ledger, now: datetime) -> list[heads.Warning]:
    """Compare with what this computer last saw at this place (a swapped-in older copy, a
    different vault, a damaged log): every warning not yet acknowledged, noted as problems."""
    found = heads.Found(
        ledger.vault_id, ledger.size, file_bytes(store.path), _latest_change(ledger)
    )
    warnings = heads.check(store.path, found, ledger.leaves, now)
    for warning in warnings:
        ledger.note(ProblemKind(warning.kind.value))
    return warnings


def device_key(slots: dict[SlotKind, Keyslot], vault_id: str) -> bytes | None:
    """The vault key, opened with this computer's remembered secret, if it has one."""
    slot = slots.get(SlotKind.DEVICE)
    if slot is None:
        return None
    secret = keystore.load_device_secret(vault_id)
    return None if secret is None else keyslots.open_with_device(slot, vault_id, secret)


def seal_checkpoint(key: bytes, vault_id: str, size: int, root: bytes) -> bytes:
    """The tree head (how many leaves, and their root), sealed under the vault key."""
    return seal(key, revisions.encode_checkpoint(size, root), revisions.checkpoint_ad(vault_id))
