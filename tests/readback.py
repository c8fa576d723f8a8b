"""Reading exports back as their readers would: a PDF's page text, metadata and attached log."""

from __future__ import annotations

import io
import json
from typing import Any

from pypdf import PdfReader


def pages_text(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Text with every run of white space made one space (page text wraps anywhere)."""
    return " ".join(text.split())


def attached_log(data: bytes) -> dict[str, Any]:
    reader = PdfReader(io.BytesIO(data))
    return json.loads(reader.attachments["appointment-log.json"][0])


def metadata(data: bytes) -> dict[str, str]:
    info = PdfReader(io.BytesIO(data)).metadata or {}
    return {key: str(value) for key, value in info.items()}


def everything_readable(data: bytes, is_pdf: bool) -> list[str]:
    """All a reader of an export could see: a PDF's pages, attached log and metadata, or the
    text of any other format."""
    if not is_pdf:
        return [data.decode("utf-8-sig")]
    return [*pages_text(data), json.dumps(attached_log(data), ensure_ascii=False),
            *metadata(data).values()]  # fmt: skip
