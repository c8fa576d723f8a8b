"""A composed letter as an editable ODT or a PDF, made in memory and written only where the
person chose, whole or not at all; and logging it as sent, which starts its clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from companion.errors import InvalidInput
from companion.export import check_target, write_file
from companion.export.letter_files import document_bytes
from companion.ledger import Saved
from companion.letters.compose import Letter
from companion.letters.kinds import LetterFormat
from companion.model import Event
from companion.vault import Vault


def render(letter: Letter, fmt: LetterFormat) -> bytes:
    """The letter's bytes, made in memory: nothing is written anywhere."""
    return document_bytes(letter.html, letter.title, LetterFormat(fmt).value)


def save_letter(vault: Vault, letter: Letter, fmt: LetterFormat, path: Path) -> None:
    """Write the letter to `path`, whole or not at all; never over the vault itself."""
    check_target(vault, path)
    write_file(path, render(letter, fmt))


def log_sent(vault: Vault, letter: Letter, on: date) -> Saved:
    """Record that the letter was sent on `on`: an event for the person, which starts the
    clock its kind has (companion/chronology.py)."""
    if letter.sent_kind is None:
        raise InvalidInput(
            "", "kind", letter.kind.value, "a letter that is sent (an evidence summary goes "
            "with another letter, so it is not logged on its own)",
        )  # fmt: skip
    return vault.save(
        Event(
            person_id=letter.person_id,
            date=on,
            kind=letter.sent_kind,
            organisation=letter.recipient,
            reference=letter.reference,
            summary=letter.title,
        )
    )
