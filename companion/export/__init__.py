"""Exports: the dated log as PDF, JSON, CSV or Markdown, for exactly the entries chosen.

Every format is drawn from one `ExportContent` (companion/export/content.py),
so the same choices (people, dates, purpose, what to leave out) give the same
entries everywhere. Plaintext is written only to the file the person chose,
and only once it is complete: it is written beside the target and moved into
place, so a failure never leaves half a file where a good one was.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from companion.errors import InvalidInput, StorageFailed, StorageFull
from companion.export.content import ExportContent, prepare
from companion.export.options import ExportOptions
from companion.ledger import Saved
from companion.model import Appointment, Person
from companion.query import Selection, select
from companion.vault import Vault

Progress = Callable[[int, int], None]


class Format(StrEnum):
    PDF = "pdf"
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


@contextlib.contextmanager
def _many_small_objects() -> Iterator[None]:
    """An export makes hundreds of thousands of short-lived dicts and strings and no cycles;
    Python's cycle collector, run again and again while they pile up, only slows it down
    (by a tenth to a quarter). It is paused for the export and runs as usual afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def render_content(
    vault: Vault, fmt: Format, content: ExportContent, progress: Progress | None = None
) -> bytes:
    """The export's bytes, from content already prepared."""
    from companion.export.json_log import build_log

    with _many_small_objects():
        log = build_log(vault, content) if fmt in LOGGED else None
        return render_prepared(fmt, content, log, progress)


LOGGED = (Format.JSON, Format.PDF)  # the formats that carry the log (and so need the vault)


def render_prepared(
    fmt: Format,
    content: ExportContent,
    log: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> bytes:
    """Everything after reading the vault (the log, for JSON and PDF, is built beforehand):
    safe to run away from the window's thread."""
    with _many_small_objects():
        return _render_prepared(fmt, content, log, progress)


def _render_prepared(
    fmt: Format, content: ExportContent, log: dict[str, Any] | None, progress: Progress | None
) -> bytes:
    if fmt is Format.JSON:
        # Compact: the C encoder is used only without indentation (about 2.5 times faster);
        # the log holds no cycles, so the encoder need not look for them.
        return (json.dumps(log, ensure_ascii=False, check_circular=False) + "\n").encode()
    if fmt is Format.CSV:
        from companion.export.csv_log import render as render_csv

        return render_csv(content)
    if fmt is Format.MARKDOWN:
        from companion.export.markdown import render as render_markdown

        return render_markdown(content).encode()
    from companion.export.pdf import render_with_log

    return render_with_log(content, log or {}, progress)


def render(
    vault: Vault, fmt: Format, options: ExportOptions, progress: Progress | None = None
) -> bytes:
    with _many_small_objects():
        return render_content(vault, fmt, prepare(vault, options), progress)


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole, or not at all.

    A new file is readable by its owner only; a file replaced keeps its permissions.
    """
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.part")
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o600
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException as exc:  # an interruption too: no plaintext left behind
        with contextlib.suppress(OSError):
            temp.unlink()
        if not isinstance(exc, OSError):
            raise
        if exc.errno == 28:
            raise StorageFull() from exc
        raise StorageFailed(type(exc).__name__) from exc


def check_target(vault: Vault, path: Path) -> None:
    """Refuse to write an export over the vault itself (or its journal files)."""
    own = vault.path.resolve()
    if path.resolve() in (own, Path(f"{own}-wal"), Path(f"{own}-shm")):
        raise InvalidInput("", "file", path.name, "a file other than the vault itself")


def export(
    vault: Vault, fmt: Format, options: ExportOptions, path: Path,
    progress: Progress | None = None,
) -> int:  # fmt: skip
    """Write the export; returns how many entries it holds."""
    check_target(vault, path)
    with _many_small_objects():
        content = prepare(vault, options)
        data = render_content(vault, fmt, content, progress)
    write_file(path, data)
    return entries_in(fmt, content)


def entries_in(fmt: Format, content: ExportContent) -> int:
    """How many entries the file holds (a spreadsheet holds appointments only)."""
    if fmt is Format.CSV:
        return sum(isinstance(e.record, Appointment) for e in content.entries)
    return len(content.entries)
