"""Exports: the dated log as PDF, JSON, CSV or Markdown, for exactly the entries chosen.

Every format is drawn from one `ExportContent` (companion/export/content.py),
so the same choices (people, dates, purpose, what to leave out) give the same
entries everywhere. Plaintext is written only to the file the person chose,
and only once it is complete: it is written beside the target and moved into
place, so a failure never leaves half a file where a good one was, and what an
export killed halfway left beside it is removed the next time (write_file, through
companion/durable.py's write_whole, as every whole-or-nothing file is written). Only a new
name or an ordinary file is ever written: never a device, a pipe, a folder or through a
link.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.durable import check_not_the_vault, check_place, write_whole
from companion.export.options import ExportOptions
from companion.ledger import Saved
from companion.leftovers import is_leftover_name, remove_leftovers
from companion.model import Appointment, Person
from companion.query import Selection, select
from companion.vault import Vault

if TYPE_CHECKING:
    from companion.export.content import ExportContent

Progress = Callable[[int, int], None]


def prepare(vault: Vault, options: ExportOptions) -> ExportContent:
    """What the export holds (companion/export/content.py). Brought in when first needed:
    the words of an entry (companion/presentation/entry.py) use this package's options, and
    the content uses those words, so neither may load the other as it starts."""
    from companion.export.content import prepare as prepare_content

    return prepare_content(vault, options)


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


def check_writable(path: Path) -> None:
    """Refuse, in one sentence, a place an export must not be written: nothing named, a
    folder, a device, a pipe, a socket, a link (never followed), or a name in a folder that
    does not exist. A new name, or an ordinary file to replace, is accepted."""
    check_place(path)


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole, or not at all (companion/durable.py's write_whole).

    Only a new name or an ordinary file is written (see check_writable). The file is
    readable by its owner only, a file replaced too, whatever it allowed before.
    """
    write_whole(path, (data,))


# What an export killed while writing leaves: see companion/leftovers.py.
remove_partial_files = remove_leftovers
is_part_name = is_leftover_name


def check_target(vault: Vault, path: Path) -> None:
    """Refuse a place an export must not go: one check_writable refuses, or the vault itself
    (or its journal files)."""
    check_writable(path)
    check_not_the_vault(path, vault.path)


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
