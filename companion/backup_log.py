"""When each vault was last backed up, where to, with which fingerprint; and an automatic
backup that failed, until it has been said.

Kept in the app's settings folder (`backups.json`, owner-only), per place a vault is
kept, like seen-fingerprints.json (companion/heads.py): never any content, only a time,
a file name, a count and a hash. Not in the vault itself: writing there just after a
backup would change the vault, so the newest backup would never be the vault it was made
from, and a backup made without the key (the command line, the copy on closing) could not
write there at all. The command line and the app share it, so Settings shows a backup
made with `companion backup` too.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import paths
from companion.fingerprint import Fingerprint
from companion.heads import place_of
from companion.i18n import clock_time, local, long_date, translate, translate_n
from companion.safe_read import loads_or_none

FILE_VERSION = 1
MAX_BYTES = 1 << 20


class FailureKind(StrEnum):
    """Why an automatic backup was not made, so it can be said in the person's words."""

    FULL = "full"  # the disk or stick is full
    FOLDER = "folder"  # the folder is gone (a stick taken out) or cannot be written
    IN_USE = "in_use"  # the vault was open elsewhere
    DAMAGED = "damaged"  # the vault itself failed its checks
    OTHER = "other"


@dataclass(frozen=True)
class LastBackup:
    made_at: datetime
    file: Path
    fingerprint: Fingerprint


@dataclass(frozen=True)
class Failure:
    at: datetime
    kind: FailureKind
    on_close: bool  # made as the app closed: said when the vault is next opened


def _load() -> dict[str, Any]:
    try:
        raw = paths.backup_log_file().read_bytes()[:MAX_BYTES]
    except OSError:
        return {}
    data = loads_or_none(raw)
    if not isinstance(data, dict) or data.get("version") != FILE_VERSION:
        return {}
    places = data.get("places")
    return places if isinstance(places, dict) else {}


def _save(places: dict[str, Any]) -> None:
    """Owner-only, replaced whole; failing to write it loses only this note, never a backup."""
    target = paths.backup_log_file()
    with contextlib.suppress(OSError):
        paths.private_dir(target.parent)
        temp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"version": FILE_VERSION, "places": places}, handle, indent=1)
        os.replace(temp, target)


def _entry(vault_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    places = _load()
    entry = places.get(place_of(vault_path))
    if not isinstance(entry, dict):
        entry = {}
    places[place_of(vault_path)] = entry
    return places, entry


def record_made(vault_path: Path, last: LastBackup) -> None:
    """A backup of the vault at `vault_path` is complete; an earlier failure is settled."""
    places, entry = _entry(vault_path)
    entry["last"] = {
        "made_at": last.made_at.isoformat(),
        "file": str(last.file),
        "vault_id": last.fingerprint.vault_id,
        "size": last.fingerprint.size,
        "root": last.fingerprint.root.hex(),
    }
    entry.pop("failed", None)
    _save(places)


def record_failure(vault_path: Path, failure: Failure) -> None:
    places, entry = _entry(vault_path)
    entry["failed"] = {
        "at": failure.at.isoformat(),
        "kind": failure.kind.value,
        "on_close": failure.on_close,
    }
    _save(places)


def clear_failure(vault_path: Path) -> None:
    """The failure has been said: it is not said again."""
    places, entry = _entry(vault_path)
    if entry.pop("failed", None) is not None:
        _save(places)


def _time(raw: Any) -> datetime:
    value = datetime.fromisoformat(str(raw))
    if value.tzinfo is None:
        raise ValueError("naive time")
    return value


def last_backup(vault_path: Path) -> LastBackup | None:
    raw = _load().get(place_of(vault_path))
    try:
        last = raw["last"]  # type: ignore[index]
        size = last["size"]
        if type(size) is not int or size < 0:
            raise ValueError("size")
        fingerprint = Fingerprint(str(last["vault_id"]), size, bytes.fromhex(str(last["root"])))
        return LastBackup(_time(last["made_at"]), Path(str(last["file"])), fingerprint)
    except (KeyError, TypeError, ValueError):
        return None


def failure(vault_path: Path) -> Failure | None:
    raw = _load().get(place_of(vault_path))
    try:
        failed = raw["failed"]  # type: ignore[index]
        return Failure(_time(failed["at"]), FailureKind(failed["kind"]), bool(failed["on_close"]))
    except (KeyError, TypeError, ValueError):
        return None


# -- in words ---------------------------------------------------------------------------------


def when_in_words(made_at: datetime, now: datetime) -> str:
    """Like "today at 14:05", "yesterday at 09:12" or "3 days ago (Tuesday 1 December 2026)"."""
    then, today = local(made_at), local(now).date()
    days = (today - then.date()).days
    at = clock_time(then.time())
    if days <= 0:
        return translate("Backups", "today at {time}").format(time=at)
    if days == 1:
        return translate("Backups", "yesterday at {time}").format(time=at)
    return translate("Backups", "{ago} ({date})").format(
        ago=translate_n("Backups", "%n day(s) ago", days), date=long_date(then.date())
    )


def last_backup_text(vault_path: Path, now: datetime) -> str:
    """What Settings says of the last backup, in one line."""
    last = last_backup(vault_path)
    if last is None:
        return translate("Backups", "No backup has been made yet.")
    return translate("Backups", "Last backup: {when}, to {file} (fingerprint {short}).").format(
        when=when_in_words(last.made_at, now), file=last.file, short=last.fingerprint.short()
    )


def due(vault_path: Path, now: datetime, every: timedelta = timedelta(days=1)) -> bool:
    """Whether a daily backup is due: none yet, or the last one is `every` old (or from a
    time ahead of this computer's clock, which cannot be trusted)."""
    last = last_backup(vault_path)
    return last is None or not (now - every < last.made_at <= now)


_REASONS = {
    FailureKind.FULL: QT_TRANSLATE_NOOP("Backups", "the disk it goes to is full"),
    FailureKind.FOLDER: QT_TRANSLATE_NOOP(
        "Backups",
        "the backup folder is not there or cannot be written to (was a USB stick taken out?)",
    ),
    FailureKind.IN_USE: QT_TRANSLATE_NOOP(
        "Backups", "the vault was open in another copy of the app"
    ),
    FailureKind.DAMAGED: QT_TRANSLATE_NOOP("Backups", "your records failed their checks"),
    FailureKind.OTHER: QT_TRANSLATE_NOOP("Backups", "a file could not be written"),
}


# (as the app closed, the vault itself failed its checks): the sentence a reason goes in.
_SENTENCES = {
    (False, False): QT_TRANSLATE_NOOP(
        "Backups",
        "The automatic backup was not made because {reason}; your records themselves are safe.",
    ),
    (True, False): QT_TRANSLATE_NOOP(
        "Backups",
        "The backup as the app last closed was not made because {reason}; your records "
        "themselves are safe.",
    ),
    (False, True): QT_TRANSLATE_NOOP(
        "Backups", "The automatic backup was not made because {reason}; keep your earlier backups."
    ),
    (True, True): QT_TRANSLATE_NOOP(
        "Backups",
        "The backup as the app last closed was not made because {reason}; keep your earlier "
        "backups.",
    ),
}


def failure_text(failed: Failure) -> str:
    """The one sentence the status line says about a failed automatic backup."""
    sentence = _SENTENCES[(failed.on_close, failed.kind is FailureKind.DAMAGED)]
    reason = translate("Backups", _REASONS[failed.kind])
    return translate("Backups", sentence).format(reason=reason)
