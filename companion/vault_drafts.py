"""Drafts: what was typed into a form that was not yet saved, kept sealed in the vault.

A part of `Vault` (companion/vault.py), kept apart so each file says one thing.

A draft is not part of the record: it is not a revision, it is not in the tree or the
fingerprint, no export or verify sees it, and it is replaced each time it is written.
It is sealed with the vault key like a revision (AES-256-GCM, a fresh nonce each time),
its associated data binding the vault and the draft's slot, so a draft cannot be moved
to another slot or another vault. Its slot names only the kind of form and the id of the
entry being corrected (ids are stored in the clear for revisions too); everything typed
is inside the ciphertext. Nothing of it is ever written to disk in the clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion.crypto import APP_TAG, OpenFailed, associated_data, open_sealed, seal
from companion.errors import InvalidInput
from companion.revisions import FORMAT_MAJOR, canonical
from companion.safe_read import loads_or_none

if TYPE_CHECKING:
    from collections.abc import Callable

    from companion.store import Store

KINDS = ("appointment", "event", "person")
# A form holds a few thousand words at most; far more than that is not a draft.
MOST_BYTES = 512 * 1024


@dataclass(frozen=True)
class Draft:
    """What was typed into one form: a new entry (record_id None) or a correction."""

    kind: str
    record_id: str | None
    values: dict[str, Any]
    saved_at: datetime

    @property
    def slot(self) -> str:
        return draft_slot(self.kind, self.record_id)


def draft_slot(kind: str, record_id: str | None) -> str:
    if kind not in KINDS:
        raise InvalidInput("", "draft", kind, "appointment, event or person")
    return f"{kind}:{record_id or 'new'}"


def _ad(vault_id: str, slot: str) -> bytes:
    return associated_data(APP_TAG, FORMAT_MAJOR, "draft", vault_id, slot)


class VaultDrafts:
    """Drafts of open forms for an open vault (mixed into Vault)."""

    _store: Store
    _key: bytes
    _clock: Callable[[], datetime]

    if TYPE_CHECKING:  # given by Vault, which this is mixed into
        vault_id: str
        read_only: bool

        def _require_writable(self) -> None: ...

    def save_draft(self, kind: str, record_id: str | None, values: dict[str, Any]) -> Draft:
        """Keep what was typed into a form, replacing that form's earlier draft."""
        self._require_writable()
        slot = draft_slot(kind, record_id)
        saved_at = self._clock()
        try:
            body = canonical(
                {
                    "kind": kind,
                    "record_id": record_id,
                    "values": values,
                    "saved_at": saved_at.isoformat(),
                }
            )
        except (TypeError, ValueError):
            raise InvalidInput("", "draft", kind, "text, numbers and lists only") from None
        if len(body) > MOST_BYTES:
            raise InvalidInput("", "draft", kind, "a form of at most 512 KB")
        sealed = seal(self._key, body, _ad(self.vault_id, slot))
        with self._store.transaction():
            self._store.put_draft(slot, sealed)
        return Draft(kind, record_id, dict(values), saved_at)

    def drafts(self) -> list[Draft]:
        """Every draft that opens, the newest first. One that does not open (damaged, or
        moved from another slot) is left out; the next draft of that form replaces it."""
        found = []
        for slot, sealed in self._store.read_drafts():
            draft = _open(self._key, self.vault_id, slot, sealed)
            if draft is not None:
                found.append(draft)
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    def draft(self, kind: str, record_id: str | None) -> Draft | None:
        slot = draft_slot(kind, record_id)
        return next((d for d in self.drafts() if d.slot == slot), None)

    def discard_draft(self, kind: str, record_id: str | None) -> None:
        """The form was saved or closed on purpose: its draft goes."""
        if self.read_only:
            return
        slot = draft_slot(kind, record_id)
        with self._store.transaction():
            self._store.delete_draft(slot)

    def _discard_drafts_of(self, person_id: str, record_ids: set[str]) -> None:
        """A person is purged: every draft about them goes too (inside the caller's change)."""
        for draft in self.drafts():
            if draft.record_id in record_ids or draft.values.get("person_id") == person_id:
                self._store.delete_draft(draft.slot)


def _open(key: bytes, vault_id: str, slot: str, sealed: bytes) -> Draft | None:
    try:
        obj = loads_or_none(open_sealed(key, sealed, _ad(vault_id, slot)))
        draft = Draft(
            kind=str(obj["kind"]),
            record_id=None if obj["record_id"] is None else str(obj["record_id"]),
            values=dict(obj["values"]),
            saved_at=datetime.fromisoformat(obj["saved_at"]),
        )
    except (OpenFailed, ValueError, KeyError, TypeError):
        return None
    return draft if draft.slot == slot else None
