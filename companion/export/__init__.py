"""Exports: the dated log as JSON, CSV or Markdown, for exactly the entries chosen.

Plaintext is written only to the file the person chose, and only once it is
complete: it is written beside the target and moved into place, so a failure
never leaves half a file where a good one was.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from enum import StrEnum
from pathlib import Path

from companion.errors import StorageFailed, StorageFull
from companion.export import markdown
from companion.interchange import csv_format, document
from companion.ledger import Saved
from companion.model import Appointment, Person
from companion.query import Selection, select
from companion.vault import Vault


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "md"


def chosen(vault: Vault, selection: Selection) -> tuple[list[Saved[Person]], list[Saved]]:
    """The people and the entries a selection covers, entries in date order."""
    people = vault.people()
    entries = select([*vault.appointments(), *vault.events()], people, selection)
    if selection.person_ids:
        people = [p for p in people if p.record.id in selection.person_ids]
    return people, entries


def render(vault: Vault, fmt: Format, people: list[Saved[Person]], entries: list[Saved]) -> bytes:
    """The export's bytes for these people and entries (as picked by `chosen`)."""
    now = vault.now()
    if fmt is Format.JSON:
        doc = document.build(people, entries, vault.stored_versions, now, vault.fingerprint())
        # Compact: the C encoder is used only without indentation (about 2.5 times faster).
        return (json.dumps(doc, ensure_ascii=False) + "\n").encode()
    if fmt is Format.CSV:
        names = {p.record.id: p.record.display_name for p in people}
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=csv_format.COLUMNS)
        writer.writeheader()
        for saved in entries:
            if isinstance(saved.record, Appointment):
                writer.writerow(csv_format.to_row(saved, names[saved.record.person_id]))
        # A byte-order mark, so spreadsheet programs read names with accents correctly.
        return out.getvalue().encode("utf-8-sig")
    text = markdown.render(people, entries, vault.versions, now, vault.fingerprint())
    return text.encode()


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole, or not at all."""
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.part")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if exc.errno == 28:
            raise StorageFull() from exc
        raise StorageFailed(type(exc).__name__) from exc


def export(vault: Vault, fmt: Format, selection: Selection, path: Path) -> int:
    """Write the export; returns how many entries it holds."""
    people, entries = chosen(vault, selection)
    write_file(path, render(vault, fmt, people, entries))
    return len(entries)
