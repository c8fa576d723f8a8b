"""The last fingerprint seen for each vault, kept outside the vault.

A vault cannot notice by itself that it was swapped for an older copy: every
copy is internally consistent. So the tree head last seen is kept in the
app's settings folder (never any content, only the vault id, a count and a
hash) and each opening checks that the vault still extends it.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass

from companion import paths


@dataclass(frozen=True)
class Head:
    size: int
    root: bytes


def _load() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(paths.seen_heads_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recall(vault_id: str) -> Head | None:
    entry = _load().get(vault_id)
    try:
        return Head(int(entry["size"]), bytes.fromhex(str(entry["root"])))  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        return None


def remember(vault_id: str, head: Head) -> None:
    """Record a head; failing to (a read-only settings folder) only loses this extra check."""
    data = _load()
    data[vault_id] = {"size": head.size, "root": head.root.hex()}
    target = paths.seen_heads_file()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(target.name + ".tmp")
        temp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temp, target)
