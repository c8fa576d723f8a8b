"""Exports: the dated log as PDF, JSON, CSV or Markdown, for exactly the entries chosen.

Every format is drawn from one `ExportContent` (companion/export/content.py),
so the same choices (people, dates, purpose, what to leave out) give the same
entries everywhere. Plaintext is written only to the file the person chose,
and only once it is complete: it is written beside the target and moved into
place, so a failure never leaves half a file where a good one was, and what an
export killed halfway left beside it is removed the next time (write_file).
Only a new name or an ordinary file is ever written: never a device, a pipe, a
folder or through a link.
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
from typing import TYPE_CHECKING, Any, NoReturn

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from companion.durable import storage_error as _storage_error
from companion.durable import sync_folder as _sync_folder
from companion.errors import InvalidInput, StorageFailed
from companion.export.options import ExportOptions
from companion.ledger import Saved
from companion.leftovers import finished, is_leftover_name, open_locked, remove_leftovers
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


def _refuse(path: Path, expected: str) -> NoReturn:
    raise InvalidInput("", "file", str(path), expected)


def check_writable(path: Path) -> None:
    """Refuse, in one sentence, a place an export must not be written: nothing named, a
    folder, a device, a pipe, a socket, a link (never followed), or a name in a folder that
    does not exist. A new name, or an ordinary file to replace, is accepted."""
    if str(path) in ("", "."):  # an empty name reaches here as ".", this folder
        raise InvalidInput("", "file", "", "the name of a file to write")
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        _refuse(path, "a file in a folder that exists")
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    if info is not None:
        kind = _not_ordinary(info.st_mode)
        if kind:
            _refuse(path, f"a new file or an ordinary one, not {kind}")
    if not path.parent.is_dir():
        _refuse(path, "a file in a folder that exists")


def _not_ordinary(mode: int) -> str:
    """What a thing that is not an ordinary file is, in words; "" for an ordinary file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISLNK(mode):
        return "a link (links are not followed)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole, or not at all.

    Only a new name or an ordinary file is written (see check_writable). The file is
    readable by its owner only, a file replaced too, whatever it allowed before.
    """
    check_writable(path)
    remove_leftovers(path.parent)
    try:
        temp, descriptor = open_locked(path, "part")
    except OSError as exc:
        raise _storage_error(exc) from exc
    try:
        handle = open(descriptor, "wb")  # noqa: SIM115 (closed below, after the move)
        try:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o600)  # whatever the umask or the file replaced
            os.fsync(handle.fileno())
            if fcntl is None:
                handle.close()  # Windows moves only a closed file
            check_writable(path)  # still nothing, or an ordinary file, just before the move
            os.replace(temp, path)  # while still locked: never a leftover to anyone
        finally:
            handle.close()
        finished(temp)
        _sync_folder(path.parent)
    except BaseException as exc:  # an interruption too: no plaintext left behind
        with contextlib.suppress(OSError):
            temp.unlink()
        finished(temp)
        if not isinstance(exc, OSError):
            raise
        raise _storage_error(exc) from exc


# What an export killed while writing leaves: see companion/leftovers.py.
remove_partial_files = remove_leftovers
is_part_name = is_leftover_name


def check_target(vault: Vault, path: Path) -> None:
    """Refuse a place an export must not go: one check_writable refuses, or the vault itself
    (or its journal files)."""
    check_writable(path)
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
