"""Leaving things out of an export, the same way for every format.

A redacted value is removed from the record before anything is written, so it
can appear in no page, no cell and no embedded log. What each choice removes:

- NI number: the person's National Insurance number;
- staff names: the staff member's name and who refused a private room;
- third parties: who came with the person, and the detail of a "someone with
  me" adjustment;
- free text: everything written in the person's own words (what happened, how
  it affected them, what staff said, every note, reason and summary), which
  may name anyone;
- an attached file's name and description are the person's own words too, and
  may name anyone: leaving out free text, staff names or third parties leaves
  them out (its kind, size, SHA-256 and when it was attached stay, which is
  all that checking a copy of it needs).

A name removed (who came along, the staff member's name, who refused a room)
is also taken out wherever it appears in the rest of the same entry's words,
and "[name left out]" stands in its place.

Parts of an entry left out of an export (the privacy facts, what happened, how
it affected them) are removed the same way, so what a page does not show is
not in the attached log or the spreadsheet either.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import codec
from companion.export.options import Part, Redaction
from companion.i18n import translate
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Appointment,
    Attachment,
    Event,
    Keeper,
    Person,
    Record,
)

STAFF_NAME_FIELDS = ("staff_name", "private_room_refused_by")
_APPOINTMENT_FIELDS: dict[Redaction, tuple[str, ...]] = {
    Redaction.STAFF_NAMES: STAFF_NAME_FIELDS,
    Redaction.THIRD_PARTIES: ("companions",),
    Redaction.FREE_TEXT: (
        "account", "impact", "in_earshot_notes", "background_noise_notes", "said_aloud_notes",
        "private_room_refusal_reason", "staff_stated_location", "conduct_quotes",
    ),
}  # fmt: skip
_EVENT_FIELDS: dict[Redaction, tuple[str, ...]] = {Redaction.FREE_TEXT: ("summary", "notes")}
# An attached file's words; no name in them can be told from the rest, so they go whole.
ATTACHMENT_WORDS = ("description", "name")
_ATTACHMENT_FIELDS: dict[Redaction, tuple[str, ...]] = {
    choice: ATTACHMENT_WORDS
    for choice in (Redaction.FREE_TEXT, Redaction.STAFF_NAMES, Redaction.THIRD_PARTIES)
}
# The records whose own words may hold an NI number, taken out when NI numbers are left out.
_WORDED = (Appointment, Event, Attachment)

PRIVACY_FIELDS = (
    "layout", "staff_location", "staff_stated_location",
    "private_room_requested", "private_room_offered", "private_room_used",
    "private_room_refused_by", "private_room_refusal_reason",
    "in_earshot", "in_earshot_count", "in_earshot_notes",
    "background_noise", "background_noise_notes", "staff_said_alone", "staff_said_headphones",
    "staff_said_private", "said_aloud_answer", "said_aloud", "said_aloud_notes",
    "refused_aloud", "declined_to_disclose", "recording_requested", "recording_allowed",
    "recorded_by", "adjustments",
)  # fmt: skip
_PART_FIELDS: dict[Part, tuple[str, ...]] = {
    Part.PRIVACY: PRIVACY_FIELDS,
    Part.ACCOUNT: ("account",),
    Part.IMPACT: ("impact", "distress"),
}
_EMPTY = {
    cls: {f.name: f.default for f in dataclasses.fields(cls)}
    for cls in (Appointment, Event, Person, Keeper)
}
# Only the words of an adjustment are free text; what was asked for and the answer stay.
_WORDS_ONLY = "adjustments (words)"
# The detail of "someone with me" names who came along.
_COMPANION_DETAIL = "adjustments (who came along)"

_NAME_LEFT_OUT = QT_TRANSLATE_NOOP("Entry", "[name left out]")
# Capitalised words in a name box that are not names: whatever a name is written with, these
# are left where they stand elsewhere in the entry.
_NOT_NAMES = frozenset(
    [
        "me",
        "my",
        "mine",
        "myself",
        "i",
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "they",
        "them",
        "their",
        "we",
        "us",
        "our",
        "you",
        "your",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "with",
        "for",
        "mum",
        "mam",
        "dad",
        "mother",
        "father",
        "sister",
        "brother",
        "son",
        "daughter",
        "partner",
        "wife",
        "husband",
        "friend",
        "carer",
        "support",
        "worker",
        "advocate",
        "neighbour",
        "aunt",
        "uncle",
        "gran",
        "nan",
        "grandad",
        "cousin",
        "work",
        "coach",
        "assessor",
        "nurse",
        "doctor",
        "receptionist",
        "manager",
        "staff",
        "officer",
        "adviser",
        "advisor",
        "healthcare",
        "health",
        "professional",
        "security",
        "guard",
        "disability",
        "employment",
        "case",
        "decision",
        "maker",
        "first",
        "name",
        "only",
        "not",
        "given",
        "unknown",
        "dwp",
        "jobcentre",
        "someone",
        "somebody",
        "nobody",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
    ]
)


def name_words(values: Iterable[str]) -> frozenset[str]:
    """The words in name boxes that look like names: capitalised, and not a common word.
    "Ellis-Jones" gives Ellis-Jones, Ellis and Jones; "Sarah's" gives Sarah."""
    found = set()
    for value in values:
        for word in re.findall(r"[^\W\d_][\w'’-]*", value):
            word = re.sub(r"['’]s?$", "", word)
            for part in {word, *word.split("-")}:
                if len(part) > 1 and part[0].isupper() and part.casefold() not in _NOT_NAMES:
                    found.add(part)
    return frozenset(found)


# A National Insurance number written anywhere in free text, spaced or not, in either case.
_NI_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d](?![A-Za-z0-9])"
)
_SIX_DIGITS = re.compile(r"\d\s?\d\s?\d\s?\d\s?\d\s?\d")
_NI_LEFT_OUT = QT_TRANSLATE_NOOP("Entry", "[NI number left out]")


@functools.lru_cache(maxsize=256)
def _name_pattern(words: frozenset[str]) -> re.Pattern[str]:
    # As written, and in capitals ("RHYS said no"), so a shouted name is caught too.
    spellings = {w for word in words for w in (word, word.upper())}
    alternatives = "|".join(re.escape(w) for w in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _scrubber(names: frozenset[str], ni_numbers: bool = False) -> Callable[[str], str]:
    steps: list[Callable[[str], str]] = []
    if names:
        pattern, marker = _name_pattern(names), translate("Entry", _NAME_LEFT_OUT)
        steps.append(lambda text: pattern.sub(marker, text))
    if ni_numbers:
        ni_marker = translate("Entry", _NI_LEFT_OUT)
        steps.append(lambda text: _NI_IN_TEXT.sub(ni_marker, text))

    def scrub(text: str) -> str:
        for step in steps:
            text = step(text) if text else text
        return text

    return scrub


def record_names(
    versions: Iterable[dict[str, Any]], redact: frozenset[Redaction]
) -> frozenset[str]:
    """The names to take out of a record: those in its name boxes in any of its versions, so a
    name corrected away in one version is still taken out of the others."""
    if not names_left_out(redact):
        return frozenset()
    found: set[str] = set()
    for fields in versions:
        if isinstance(fields, dict):
            found |= _names_to_remove(fields, redact)
    return frozenset(found)


def names_left_out(redact: frozenset[Redaction]) -> bool:
    """Whether these choices take names out of an entry's words."""
    return Redaction.STAFF_NAMES in redact or Redaction.THIRD_PARTIES in redact


def _ni_in_words(values: Iterable[Any]) -> bool:
    """Whether any of these values is text holding something written like an NI number."""
    # One search over all of them (the pattern's edges do not reach across the line breaks),
    # and only where six digits stand together: most words have none, and that is quicker.
    text = "\n".join(v for v in values if isinstance(v, str))
    return bool(_SIX_DIGITS.search(text)) and bool(_NI_IN_TEXT.search(text))


def _adjustment_words_of(adjustments: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for a in adjustments:
        if isinstance(a, dict):
            out += [a.get("detail"), a.get("reason_given")]
        elif isinstance(a, Adjustment):
            out += [a.detail, a.reason_given]
    return out


def _names_to_remove(values: dict[str, Any], redact: frozenset[Redaction]) -> frozenset[str]:
    boxes: list[str] = []
    if Redaction.THIRD_PARTIES in redact:
        boxes.append(values.get("companions") or "")
        boxes += [
            a.get("detail") or ""
            for a in values.get("adjustments") or []
            if isinstance(a, dict) and a.get("kind") == AdjustmentKind.SOMEONE_WITH_ME.value
        ]
    if Redaction.STAFF_NAMES in redact:
        boxes += [values.get(name) or "" for name in STAFF_NAME_FIELDS]
    return name_words(b for b in boxes if isinstance(b, str))


def removed_fields(
    record: Record | type[Record],
    redact: frozenset[Redaction],
    left_out: frozenset[Part] = frozenset(),
) -> tuple[str, ...]:
    """The fields of `record` that the chosen redactions, and the parts left out, empty."""
    if not redact and not left_out:
        return ()
    cls = record if isinstance(record, type) else type(record)  # a record or its class
    if issubclass(cls, Person):
        return ("ni_number",) if Redaction.NI_NUMBER in redact else ()
    if issubclass(cls, Attachment):
        return ATTACHMENT_WORDS if any(c in _ATTACHMENT_FIELDS for c in redact) else ()
    if not issubclass(cls, Appointment | Event):
        return ()
    table = _APPOINTMENT_FIELDS if issubclass(cls, Appointment) else _EVENT_FIELDS
    names: set[str] = set()
    for choice in redact:
        names.update(table.get(choice, ()))
    if issubclass(cls, Appointment):
        for part in left_out:
            names.update(_PART_FIELDS.get(part, ()))
        if "adjustments" not in names:
            if Redaction.FREE_TEXT in redact:
                names.add(_WORDS_ONLY)
            if Redaction.THIRD_PARTIES in redact:
                names.add(_COMPANION_DETAIL)
    return tuple(sorted(names))


@functools.cache
def _text_fields(cls: type) -> frozenset[str]:
    """The fields holding typed text (not dates, times or choices, which are strings too)."""
    hints = typing.get_type_hints(cls)
    return frozenset(name for name in codec.field_names(cls) if hints[name] is str)


def _empty(cls: type, name: str) -> Any:
    return _EMPTY.get(cls, {}).get(name, "")


def _adjustment_words(adjustment: dict[str, Any], removed: tuple[str, ...]) -> dict[str, Any]:
    out = dict(adjustment)
    if _WORDS_ONLY in removed:
        out["detail"], out["reason_given"] = "", ""
    if _COMPANION_DETAIL in removed and out.get("kind") == AdjustmentKind.SOMEONE_WITH_ME.value:
        out["detail"] = ""
    return out


def redact_fields(
    fields: dict[str, Any],
    record: Record | type[Record],
    redact: frozenset[Redaction],
    left_out: frozenset[Part] = frozenset(),
    names: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The stored form of a version (codec fields) with the chosen values emptied, and the
    names removed (these, and any in its own name boxes) taken out of the rest of its words,
    as are NI numbers written in them when NI numbers are left out."""
    cls = record if isinstance(record, type) else type(record)
    removed = removed_fields(record, redact, left_out)
    in_words = Redaction.NI_NUMBER in redact and issubclass(cls, _WORDED)
    if not removed and not names and not in_words:
        return fields
    if not removed and not names and not names_left_out(redact):
        # Only NI numbers written in the words could go: most entries have none, so look
        # before copying anything (every export leaves NI numbers out unless asked).
        texts = [fields.get(name) for name in _text_fields(cls)]
        if not _ni_in_words([*texts, *_adjustment_words_of(fields.get("adjustments") or [])]):
            return fields
    scrub = _scrubber(names | _names_to_remove(fields, redact), in_words)
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in removed:
            empty = _empty(cls, name)
            out[name] = [] if empty == () else empty
        elif name == "adjustments" and isinstance(value, list):
            out[name] = [
                {
                    k: scrub(v) if k in ("detail", "reason_given") and isinstance(v, str) else v
                    for k, v in _adjustment_words(a, removed).items()
                }
                if isinstance(a, dict)
                else a
                for a in value
            ]
        elif name in _text_fields(cls) and isinstance(value, str):
            out[name] = scrub(value)
        else:
            out[name] = value
    return out


def redact_record(
    record: Record,
    redact: frozenset[Redaction],
    left_out: frozenset[Part] = frozenset(),
    names: frozenset[str] = frozenset(),
) -> Record:
    """A copy of `record` with the chosen values emptied (see `redact_fields`)."""
    removed = removed_fields(record, redact, left_out)
    in_words = Redaction.NI_NUMBER in redact and isinstance(record, _WORDED)
    if not removed and not names and not in_words:
        return record
    if not removed and not names and not names_left_out(redact):  # see redact_fields
        texts = [getattr(record, name) for name in _text_fields(type(record))]
        adjustments = getattr(record, "adjustments", ())
        if not _ni_in_words([*texts, *_adjustment_words_of(adjustments)]):
            return record
    fields = codec.to_fields(record)
    kept = redact_fields(fields, record, redact, left_out, names)
    changes: dict[str, Any] = {}
    for name, value in kept.items():
        if value != fields[name]:
            if name == "adjustments":
                changes[name] = tuple(Adjustment(**_adjustment_args(a)) for a in value)
            elif name in removed:
                changes[name] = _empty(type(record), name)
            else:
                changes[name] = value  # text with names taken out
    return dataclasses.replace(record, **changes) if changes else record


def _adjustment_args(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": AdjustmentKind(raw["kind"]),
        "detail": raw.get("detail", ""),
        "outcome": None if raw.get("outcome") is None else AdjustmentOutcome(raw["outcome"]),
        "reason_given": raw.get("reason_given", ""),
    }
