"""What each correction changed, in plain words: "What happened: was ..., now ...".

An edited entry is never silently overwritten; this turns its versions into
the list of corrections the app and the exports show.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from companion.i18n import clock_time, long_date, translate
from companion.labels import field_label, label
from companion.ledger import Version
from companion.model import Adjustment


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Correction:
    saved_at: datetime
    changes: tuple[Change, ...]


def value_text(value: Any) -> str:
    """A field's value as a person would write it; "not recorded" when empty."""
    if value is None or value == "" or value == ():
        return translate("History", "not recorded")
    if isinstance(value, Enum):
        return label(value)
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, time):
        return clock_time(value)
    if isinstance(value, tuple):
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, Adjustment):
        text = label(value.kind)
        if value.detail:
            text += f" ({value.detail})"
        if value.outcome is not None:
            text += ": " + label(value.outcome).lower()
        if value.reason_given:
            text += " (" + value.reason_given + ")"
        return text
    return str(value)


def changes(before: Any, after: Any) -> tuple[Change, ...]:
    out = []
    for f in dataclasses.fields(after):
        if f.name in ("id", "person_id"):
            continue
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old != new:
            out.append(Change(f.name, field_label(f.name), value_text(old), value_text(new)))
    return tuple(out)


def corrections(versions: list[Version]) -> list[Correction]:
    """Each correction after the original, oldest first, with what it changed."""
    out = []
    readable = [v for v in versions if v.record is not None]
    for older, newer in zip(readable, readable[1:], strict=False):
        out.append(Correction(newer.saved_at, changes(older.record, newer.record)))
    return out
