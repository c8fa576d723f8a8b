"""An attached file as every format shows it: its name, kind, size, SHA-256, when it was
attached and its description, with a note saying what the SHA-256 shows. The PDF, the
Markdown and the app's entry view only lay these words out."""

from __future__ import annotations

from dataclasses import dataclass

from companion.attachment_types import label, size_in_words
from companion.i18n import long_datetime, translate
from companion.model import Attachment

SHORT_SHA = 8  # hex characters of a SHA-256 shown where the whole will not fit


def _tr(text: str) -> str:
    return translate("Attachments", text)


@dataclass(frozen=True)
class AttachmentShown:
    name: str  # as attached, or a marker where this copy leaves it out
    kind: str  # "an MP3 recording"
    size: str  # "4.2 MB"
    sha256: str  # all 64 hexadecimal characters
    short_sha: str  # "SHA-256 9f86d081…"
    captured: str  # "Tuesday 17 February 2026 at 10:30"
    description: str  # "" when none was given; a marker where this copy leaves it out
    name_left_out: bool
    description_left_out: bool

    @property
    def summary(self) -> str:
        """ "interview.mp3 (an MP3 recording, 4.2 MB)"."""
        return _tr("{name} ({kind}, {size})").format(name=self.name, kind=self.kind, size=self.size)

    @property
    def note(self) -> str:
        """What the SHA-256 taken when the file was attached shows, in one sentence."""
        return _tr(
            "Attached on {when}, when its SHA-256 was {sha}: a copy with the same SHA-256 is "
            "exactly this file."
        ).format(when=self.captured, sha=self.sha256)


def left_out_marker() -> str:
    return "[" + _tr("left out of this copy") + "]"


def shown_attachment(record: Attachment, stored: Attachment | None = None) -> AttachmentShown:
    """The words for an attached file. `record` is as shown (with what a copy leaves out
    emptied) and `stored` as kept, so what was left out is marked, never blank."""
    stored = stored or record
    name_left_out = not record.name and bool(stored.name)
    description_left_out = not record.description and bool(stored.description)
    return AttachmentShown(
        name=left_out_marker() if name_left_out else record.name,
        kind=label(record.media_type),
        size=size_in_words(record.size),
        sha256=record.sha256,
        short_sha=_tr("SHA-256 {start}…").format(start=record.sha256[:SHORT_SHA]),
        captured=long_datetime(record.captured_at),
        description=left_out_marker() if description_left_out else record.description,
        name_left_out=name_left_out,
        description_left_out=description_left_out,
    )
