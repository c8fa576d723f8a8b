"""Checking a copy of an attached file against an export: is it exactly a file the export
lists? Its SHA-256 is worked out a chunk at a time (a recording may be large) and compared
with each SHA-256 the export's log lists, which its proofs tie to the vault's fingerprint.

Only ordinary files are read (companion/attachments.py's open_source: never a folder, a
pipe or a device; an empty file is refused), and nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion.attachment_chunks import CHUNK
from companion.attachment_log import Listed, listed_files
from companion.attachments import open_source, read_exactly
from companion.errors import EmptyFile, InvalidInput, SourceChanged
from companion.i18n import long_datetime, translate


def _tr(text: str) -> str:
    return translate("Verify", text)


@dataclass(frozen=True)
class CopyCheck:
    """What checking one copy found: the file it is, if any."""

    path: Path
    sha256: str
    size: int
    found: Listed | None

    @property
    def matches(self) -> bool:
        return self.found is not None

    def sentence(self) -> str:
        """One sentence saying whether the copy is a file the export lists, and which."""
        shown = self.path.name
        listed = self.found
        if listed is None:
            return _tr(
                'The file "{file}" does not match any attached file listed in this export (its '
                "SHA-256 is {sha}), so it is not a file that was attached, or it has been "
                "changed since."
            ).format(file=shown, sha=self.sha256)
        when = long_datetime(listed.captured_at)
        entry = listed.entry or _tr("an entry in the file")
        if listed.name:
            return _tr(
                'The file "{file}" matches the attached file "{name}" captured on {when}, '
                "kept with {entry}."
            ).format(file=shown, name=listed.name, when=when, entry=entry)
        return _tr(
            'The file "{file}" matches an attached file captured on {when} (its name is left '
            "out of this copy), kept with {entry}."
        ).format(file=shown, when=when, entry=entry)


def sha256_of(path: Path) -> tuple[str, int]:
    """A file's SHA-256 and size, read a chunk at a time."""
    digest = hashlib.sha256()
    try:
        with open_source(path) as source:
            for piece in read_exactly(source, CHUNK):
                digest.update(piece)
            return digest.hexdigest(), source.size
    except EmptyFile:  # no attached file is empty, so it matches none: said as that
        return digest.hexdigest(), 0
    except SourceChanged:
        raise InvalidInput(
            "", "--attachment", path.name, "a file that does not change while it is checked"
        ) from None


def check_copies(doc: Any, paths: list[Path]) -> list[CopyCheck]:
    """Each copy, in the order given, with the attached file it is (by SHA-256 and size)."""
    listed = listed_files(doc)
    out = []
    for path in paths:
        sha, size = sha256_of(path)
        found = next((f for f in listed if f.sha256 == sha and f.size == size), None)
        out.append(CopyCheck(path, sha, size, found))
    return out
