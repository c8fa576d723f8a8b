"""What this computer last saw at each place a vault is kept, and warnings not yet read.

A vault cannot notice by itself that it was swapped for an older copy: every
copy is internally consistent. So the tree head last seen at each place (a
file path) is kept in the app's settings folder: never any content, only the
vault id, a count, a hash, a date and a size. Each opening checks that the
vault at that place still extends what was seen there.

It is kept per place, not per vault: a copy of the vault kept elsewhere, opened
and changed there, is a different place, so it never makes the original look
older. And a warning, once found, is kept until the person says they have
read it: a write made afterwards (which moves the head on) does not hide it.

A restore the person chose (companion/backup_restore.py) is not a copy put back
behind their back: just before the backup is moved into place, its head is noted
as expected at that place, and once it is there it becomes what was seen there.
Anything else put in place (an older file copied over the vault) is warned of.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from companion import merkle, paths
from companion.safe_read import loads_or_none

FILE_VERSION = 2
MAX_BYTES = 4 * 2**20


class WarningKind(StrEnum):
    ROLLED_BACK = "rolled_back"  # fewer saved changes than were seen here
    DIVERGED = "diverged"  # a different history from the one seen here
    SWAPPED = "swapped"  # a different vault from the one seen here
    LOG_DAMAGED = "log_damaged"  # the write-ahead log was damaged: recent saves lost


@dataclass(frozen=True)
class Seen:
    """The vault as this computer last saw it at one place."""

    vault_id: str
    size: int  # saved changes
    root: bytes
    seen_at: datetime
    file_bytes: int


@dataclass(frozen=True)
class Found:
    """The vault as it was when a warning was raised."""

    vault_id: str
    size: int
    file_bytes: int
    latest_change: datetime | None  # when the newest saved change that remains was saved


@dataclass(frozen=True)
class Warning:
    kind: WarningKind
    found_at: datetime
    found: Found
    before: Seen | None = None  # what was seen here last (none for a damaged log)
    kept_as: str | None = None  # where a damaged log was put aside
    lost_changes: int = 0  # for a damaged log: committed changes beyond the damage


@dataclass
class _Place:
    seen: Seen | None = None
    warnings: list[Warning] = field(default_factory=list)
    restoring: Seen | None = None  # a restore chosen by the person, about to be put in place


def place_of(path: Path) -> str:
    return str(Path(os.path.abspath(path)))


# -- reading and writing the file ------------------------------------------------


def _time(raw: Any) -> datetime:
    value = datetime.fromisoformat(str(raw))
    if value.tzinfo is None:
        raise ValueError("naive time")
    return value


def _seen(raw: Any) -> Seen:
    return Seen(
        str(raw["vault_id"]),
        _count(raw["size"]),
        bytes.fromhex(str(raw["root"])),
        _time(raw["seen_at"]),
        _count(raw["file_bytes"]),
    )


def _count(raw: Any) -> int:
    if type(raw) is not int or raw < 0:
        raise ValueError("not a count")
    return raw


def _warning(raw: Any) -> Warning:
    found = raw["found"]
    latest = found.get("latest_change")
    return Warning(
        WarningKind(raw["kind"]),
        _time(raw["found_at"]),
        Found(
            str(found["vault_id"]),
            _count(found["size"]),
            _count(found["file_bytes"]),
            None if latest is None else _time(latest),
        ),
        None if raw.get("before") is None else _seen(raw["before"]),
        None if raw.get("kept_as") is None else str(raw["kept_as"]),
        _count(raw.get("lost_changes", 0)),
    )


def _load() -> dict[str, _Place]:
    try:
        raw = paths.seen_heads_file().read_bytes()[:MAX_BYTES]
    except OSError:
        return {}
    data = loads_or_none(raw)
    if not isinstance(data, dict) or data.get("version") != FILE_VERSION:
        return {}  # the first version kept one head per vault id; it is seen afresh
    places: dict[str, _Place] = {}
    for name, entry in (data.get("places") or {}).items():
        place = _Place()
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            place.seen = _seen(entry["seen"])
        for item in entry.get("warnings", []) if isinstance(entry, dict) else []:
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                place.warnings.append(_warning(item))
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            if entry.get("restoring") is not None:
                place.restoring = _seen(entry["restoring"])
        places[str(name)] = place
    return places


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _save(places: dict[str, _Place]) -> None:
    """Write the file, owner-only; failing to (a read-only settings folder) only loses
    this extra check, never the vault."""
    data = {
        "version": FILE_VERSION,
        "places": {
            name: {
                "seen": None if place.seen is None else _plain(asdict(place.seen)),
                "warnings": [_plain(asdict(w)) for w in place.warnings],
                "restoring": None if place.restoring is None else _plain(asdict(place.restoring)),
            }
            for name, place in places.items()
        },
    }
    target = paths.seen_heads_file()
    with contextlib.suppress(OSError):
        paths.private_dir(target.parent)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, indent=1, sort_keys=True))
        os.chmod(temp, 0o600)
        os.replace(temp, target)


# -- what the vault asks -----------------------------------------------------------


def recall(path: Path) -> Seen | None:
    return _load().get(place_of(path), _Place()).seen


def remember(path: Path, seen: Seen) -> None:
    places = _load()
    place = places.setdefault(place_of(path), _Place())
    place.seen = seen
    place.restoring = None  # whichever vault was found, the expected restore is settled
    _save(places)


def pending(path: Path) -> list[Warning]:
    """Warnings found at this place and not yet acknowledged, oldest first."""
    return list(_load().get(place_of(path), _Place()).warnings)


def raise_warning(path: Path, warning: Warning) -> None:
    """Keep a warning until it is acknowledged (the same finding is kept once)."""
    places = _load()
    place = places.setdefault(place_of(path), _Place())
    same = (warning.kind, warning.before, warning.kept_as)
    if all((w.kind, w.before, w.kept_as) != same for w in place.warnings):
        place.warnings.append(warning)
        _save(places)


def acknowledge(path: Path) -> int:
    """The person has read the warnings for this place: forget them. Returns how many."""
    places = _load()
    place = places.get(place_of(path))
    if place is None or not place.warnings:
        return 0
    count = len(place.warnings)
    place.warnings = []
    _save(places)
    return count


def check(path: Path, found: Found, leaves: list[bytes], now: datetime) -> list[Warning]:
    """Compare the vault just opened with what was last seen at its place; keep any new
    finding; return every warning not yet acknowledged for this place.

    A damaged log is noted by the store as soon as it is found (companion/store.py); an
    older vault than was seen is then what that damage explains, not a copy put back.
    """
    place = _load().get(place_of(path), _Place())
    seen = place.seen
    explained = any(w.kind is WarningKind.LOG_DAMAGED for w in place.warnings)
    if place.restoring is not None and _is(place.restoring, found, leaves):
        seen = None  # the backup the person chose to restore: nothing to compare it with
    if seen is not None:
        kind = None
        if seen.vault_id != found.vault_id:
            kind = WarningKind.SWAPPED
        elif found.size < seen.size:
            kind = None if explained else WarningKind.ROLLED_BACK
        elif merkle.root(leaves[: seen.size]) != seen.root:
            kind = WarningKind.DIVERGED
        if kind is not None:
            raise_warning(path, Warning(kind, now, found, before=seen))
    return pending(path)


def _is(expected: Seen, found: Found, leaves: list[bytes]) -> bool:
    """Whether the vault found is exactly the one expected (the same vault and history)."""
    return (
        expected.vault_id == found.vault_id
        and expected.size == found.size == len(leaves)
        and merkle.root(leaves) == expected.root
    )


def expect_restore(path: Path, seen: Seen) -> None:
    """A backup the person chose is about to be put in place at `path`: when it is found
    there, it is not an older copy put back (even if it is older than what was seen)."""
    places = _load()
    places.setdefault(place_of(path), _Place()).restoring = seen
    _save(places)


def restored(path: Path, seen: Seen, kept_as: Path | None) -> None:
    """The chosen backup is now at `path`: it is what was seen there. What was remembered
    of the vault it replaced (and any warning not yet read about it) moves with that vault
    to where it was kept aside, `kept_as`."""
    places = _load()
    before = places.pop(place_of(path), None)
    if kept_as is not None and before is not None:
        before.restoring = None
        places[place_of(kept_as)] = before
    places[place_of(path)] = _Place(seen=seen)
    _save(places)


def forget(path: Path) -> None:
    """A new vault is made at this place: what was seen here before no longer applies."""
    places = _load()
    if places.pop(place_of(path), None) is not None:
        _save(places)
