"""Reading an exported file: the log inside a JSON file, or attached to a PDF, refused in
one sentence when it cannot be read or says two things at once; for a PDF, what checking
its pages found (companion/page_check.py)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from companion import safe_read
from companion.errors import DuplicateName, ExportUnreadable, InvalidInput
from companion.interchange.document import FORMAT_NAME
from companion.log_shape import shown, verify_text
from companion.page_check import ATTACHMENT, PageCheck, check_pages

# Far larger than any export (10,000 appointments make about 30 MiB); a bigger file is
# not read into memory at all.
MAX_FILE_BYTES = 512 * 2**20

_t = verify_text
_shown = shown


class AlteredExport(ExportUnreadable):
    """A file refused before any proof was looked at, with the sentence that says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ReadLog:
    doc: dict[str, Any]
    from_pdf: bool  # the log attached to a PDF
    pages: PageCheck | None = None  # for a PDF: what checking its pages found


def read_log(path: Path) -> ReadLog:
    """The log inside an exported file (a JSON file, or the attachment of a PDF), and for a
    PDF what checking its pages found."""
    if path.suffix.lower() in (".csv", ".md", ".txt"):
        raise InvalidInput(
            "", "file", path.name, "an exported PDF or JSON file (only those carry proofs)"
        )
    raw = safe_read.read_file(path, MAX_FILE_BYTES)
    if raw.startswith(b"%PDF"):
        return _read_pdf(raw)
    return ReadLog(_log_doc(raw), from_pdf=False)


def _log_doc(raw: bytes) -> dict[str, Any]:
    try:
        doc = safe_read.loads_bytes(raw)
    except DuplicateName as exc:
        raise AlteredExport(
            _t(
                'The name "{name}" is given twice in one part of the log, so which value was '
                "meant cannot be told."
            ).format(name=_shown(exc.name))
        ) from None
    except InvalidInput:
        raise ExportUnreadable() from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise ExportUnreadable()
    return doc


def _read_pdf(raw: bytes) -> ReadLog:
    from pypdf import PdfReader

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a damaged file is reported in one sentence, below
    try:
        try:
            reader = PdfReader(io.BytesIO(raw))
            files = {str(name): list(found) for name, found in reader.attachments.items()}
        except Exception:  # a crafted PDF can stop the reader in a great many ways
            raise ExportUnreadable() from None
        logs = files.get(ATTACHMENT) or []
        if not logs:
            raise ExportUnreadable()
        if len(logs) > 1:
            raise AlteredExport(
                _t("The PDF carries more than one log, so which one was meant cannot be told.")
            )
        doc = _log_doc(logs[0])
        return ReadLog(doc, from_pdf=True, pages=check_pages(reader, files, logs[0]))
    finally:
        quiet.setLevel(level)
