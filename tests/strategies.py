"""Hypothesis strategies for any valid record, built from the model's own type hints."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, time
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from companion import codec
from companion.model import Adjustment, Answer, Appointment, Event, Person, Status
from companion.validation import EARLIEST, LATEST

# Any text a person could type, including accents, Welsh letters, emoji and line breaks.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
names = (
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
ni_numbers = st.sampled_from(["", "QQ123456C", "AB123456D", "JG103759A"])
dates = st.dates(EARLIEST, LATEST)
times = st.times().map(lambda t: t.replace(microsecond=0))

_RANGES = {"duration_minutes": (1, 1440), "in_earshot_count": (0, 10_000), "distress": (0, 10)}


def _for_type(name: str, tp: Any) -> st.SearchStrategy[Any]:
    inner = codec.optional_inner(tp)
    if inner is not None:
        return st.none() | _for_type(name, inner)
    if tp is str:
        return text
    if tp is int:
        low, high = _RANGES[name]
        return st.integers(low, high)
    if tp is date:
        return dates
    if tp is time:
        return times
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    if typing.get_origin(tp) is tuple:
        item = typing.get_args(tp)[0]
        if item is Adjustment:
            return st.lists(adjustments(), max_size=3).map(tuple)
        return st.lists(st.sampled_from(list(item)), max_size=3, unique=True).map(tuple)
    raise TypeError(tp)


def _fields(cls: type, **fixed: st.SearchStrategy[Any]) -> dict[str, st.SearchStrategy[Any]]:
    hints = typing.get_type_hints(cls)
    out = {}
    for f in dataclasses.fields(cls):
        if f.name in fixed:
            out[f.name] = fixed[f.name]
        elif f.name not in ("id",):
            out[f.name] = _for_type(f.name, hints[f.name])
    return out


def adjustments() -> st.SearchStrategy[Adjustment]:
    return st.builds(Adjustment, **_fields(Adjustment))


def people() -> st.SearchStrategy[Person]:
    return st.builds(Person, **_fields(Person, display_name=names, ni_number=ni_numbers))


def _consistent(a: Appointment) -> bool:
    """What validation accepts: a new date only if moved, "nothing said" only with no topics."""
    moved_ok = a.moved_to is None or a.status in (None, Status.MOVED)
    said_ok = not (a.said_aloud_answer is Answer.NO and a.said_aloud)
    return moved_ok and said_ok


def appointments(person_id: str) -> st.SearchStrategy[Appointment]:
    built = st.builds(Appointment, **_fields(Appointment, person_id=st.just(person_id)))
    return built.filter(_consistent)


def events(person_id: str) -> st.SearchStrategy[Event]:
    return st.builds(Event, **_fields(Event, person_id=st.just(person_id)))
