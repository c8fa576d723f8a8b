"""The recovery key can be kept on paper: the PDF holds the key, in words that copy correctly."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader

from companion.export.recovery_sheet import write_pdf
from companion.recovery_key import RecoveryKey


def test_the_saved_sheet_holds_the_key_and_plain_spaces(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = RecoveryKey.generate()
    path = tmp_path / "recovery.pdf"
    write_pdf(path, key, datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    # Words are separated by real spaces, so copying or reading aloud works.
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)
    text = " ".join(text.split())
    assert "Recovery key for your appointment records" in text
    assert "Made on Monday 2 March 2026 at 09:30." in text
    assert all(group in text for group in key.display().split("-"))
    fonts = {
        str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {"AtkinsonHyperlegibleNext-Regular", "AtkinsonHyperlegibleNext-Bold"}
