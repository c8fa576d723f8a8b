"""What a copy leaves out, listed for its cover: nothing is missing without saying so."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.export.options import ExportOptions, Mode, Part, Redaction
from companion.export.redact import removed_fields
from companion.i18n import long_date, translate, translate_n
from companion.labels import label
from companion.model import Attachment, Person

_REDACTIONS = {
    Redaction.STAFF_NAMES: QT_TRANSLATE_NOOP(
        "Omissions", "Staff members' names, and the name of whoever refused a private room."
    ),
    Redaction.THIRD_PARTIES: QT_TRANSLATE_NOOP("Omissions", "The names of people who came along."),
    Redaction.FREE_TEXT: QT_TRANSLATE_NOOP(
        "Omissions",
        "Everything written in the person's own words: what happened, how it affected them, "
        "what staff said, notes, reasons and the summaries of letters.",
    ),
}
_PARTS = {
    Part.PRIVACY: QT_TRANSLATE_NOOP(
        "Omissions",
        "The privacy facts of each entry (the counts on this page still include them).",
    ),
    Part.ACCOUNT: QT_TRANSLATE_NOOP("Omissions", "What happened, in the person's own words."),
    Part.IMPACT: QT_TRANSLATE_NOOP("Omissions", "How each appointment affected the person."),
    Part.CORRECTIONS: QT_TRANSLATE_NOOP(
        "Omissions",
        "The earlier wording of corrected entries (each such entry says when the wording "
        "shown was saved).",
    ),
    Part.LETTERS: QT_TRANSLATE_NOOP("Omissions", "Letters and other events."),
}


def attachment_lines(options: ExportOptions, attached_files: int) -> list[str]:
    """What a copy leaves out of the files attached to its entries: always their contents
    (only what each is and its SHA-256 are listed), and their own words where chosen."""
    if not attached_files:
        return []
    if options.mode is Mode.CONCISE:  # the short PDF has no room to list them
        listed = QT_TRANSLATE_NOOP(
            "Omissions",
            "The contents of the attached files (%n in this copy): the full timeline and the "
            "log attached to this copy list each, with its SHA-256 fingerprint, so a copy of "
            "it can be checked.",
        )
    else:
        listed = QT_TRANSLATE_NOOP(
            "Omissions",
            "The contents of the attached files (%n in this copy): each is listed with its "
            "entry and at the end, with its SHA-256 fingerprint, so a copy of it can be checked.",
        )
    lines = [translate_n("Omissions", listed, attached_files)]
    if removed_fields(Attachment, options.redactions):
        lines.append(
            translate(
                "Omissions",
                "The names and descriptions of the attached files, which are in the person's "
                "own words (their SHA-256 fingerprints are still listed).",
            )
        )
    return lines


def left_out_lines(
    options: ExportOptions, people: Iterable[Person], attached_files: int = 0
) -> list[str]:
    """One line for each thing this copy leaves out, or none if it leaves out nothing;
    `attached_files` is how many files are attached to the entries in it."""
    lines: list[str] = []
    if not options.ni_shown and any(p.ni_number for p in people):
        lines.append(translate("Omissions", "National Insurance numbers."))
    lines += [
        translate("Omissions", text)
        for choice, text in _REDACTIONS.items()
        if choice in options.redact
    ]
    lines += [
        translate("Omissions", text) for part, text in _PARTS.items() if part in options.left_out
    ]
    chosen = options.selection
    if chosen.problems_only:
        lines.append(translate("Omissions", "Appointments where no problem is recorded."))
    if chosen.kinds:
        kinds = ", ".join(sorted(label(k) for k in chosen.kinds))
        lines.append(
            translate("Omissions", "Entries of any kind but these: {kinds}.").format(kinds=kinds)
        )
    if chosen.text.strip():
        if options.redact:  # the words searched for may be a name this copy leaves out
            lines.append(
                translate("Omissions", "Entries that do not contain the words searched for.")
            )
        else:
            lines.append(
                translate("Omissions", 'Entries that do not contain the words "{text}".').format(
                    text=chosen.text.strip()
                )
            )
    if chosen.date_from:
        lines.append(
            translate("Omissions", "Entries before {day}.").format(day=long_date(chosen.date_from))
        )
    if chosen.date_to:
        lines.append(
            translate("Omissions", "Entries after {day}.").format(day=long_date(chosen.date_to))
        )
    return lines + attachment_lines(options, attached_files)
