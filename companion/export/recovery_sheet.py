"""A printed page holding the recovery key, for the person to keep somewhere safe.

Written only where the person chooses (a printer, or a PDF they name). The
page says what the key is for and nothing about what the vault holds.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageSize, QPdfWriter, QTextDocument

from companion.export import write_file
from companion.export.fonts import ensure_fonts
from companion.export.pdf_spaces import fix_spaces
from companion.i18n import long_datetime, translate
from companion.recovery_key import RecoveryKey


def sheet_html(key: RecoveryKey, made_at: datetime) -> str:
    groups = key.display().split("-")
    lines = ["&nbsp;&nbsp;".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    title = translate("RecoverySheet", "Recovery key for your appointment records")
    intro = translate(
        "RecoverySheet",
        "If you forget your passphrase, this key is the only way to open your records. "
        "Keep this page somewhere safe, away from the computer, where others will not see it.",
    )
    made = translate("RecoverySheet", "Made on {when}.").format(when=long_datetime(made_at))
    using = translate(
        "RecoverySheet",
        'To use it, choose "Forgot passphrase? Use recovery key" when the app asks for your '
        "passphrase, type the key (capital letters or not, with or without the dashes), "
        "then choose a new passphrase. You will then be given a new recovery key, and this "
        "one will stop working.",
    )
    key_html = "<br>".join(lines)
    return (
        f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>"
        f'<p style="font-size: 22pt; letter-spacing: 2px;">'
        f"<b>{key_html}</b></p>"
        f"<p>{html.escape(made)}</p><p>{html.escape(using)}</p>"
    )


def render_sheet(device: QPagedPaintDevice, key: RecoveryKey, made_at: datetime) -> None:
    """Draw the sheet on a printer or PDF writer."""
    document = QTextDocument()
    document.setDefaultFont(QFont(ensure_fonts(), 12))
    document.setHtml(sheet_html(key, made_at))
    document.print_(device)


def pdf_bytes(key: RecoveryKey, made_at: datetime) -> bytes:
    """The sheet as a PDF, made in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(translate("RecoverySheet", "Recovery key"))
    render_sheet(writer, key, made_at)
    del writer  # finishes the document
    return fix_spaces(bytes(buffer.data()))


def write_pdf(path: Path, key: RecoveryKey, made_at: datetime) -> None:
    """Save the sheet where the person chose, whole or not at all."""
    write_file(path, pdf_bytes(key, made_at))
