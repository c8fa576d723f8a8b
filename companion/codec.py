"""Turn records into plain JSON-ready dicts and back, strictly.

The same dicts are sealed inside the vault and written to the interchange
format, so a field means one thing everywhere. Decoding never guesses: a value
of the wrong type raises InvalidInput naming the field and what was expected.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

from companion.errors import InvalidInput

T = TypeVar("T")

# `id` and `person_id` travel beside the fields (in the revision envelope or
# the interchange record), never inside them.
ENVELOPE_FIELDS = ("id", "person_id")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@functools.cache
def field_names(cls: type) -> tuple[str, ...]:
    """The content fields of a record class, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ENVELOPE_FIELDS)


def optional_inner(tp: Any) -> Any | None:
    """For `X | None` return X; otherwise None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return None


def _encode_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        if value.second == 0 and value.microsecond == 0:
            return value.isoformat(timespec="minutes")
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode_value(v) for v in value]
    if dataclasses.is_dataclass(value):
        return to_fields(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


Encoder = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _compile_encoder(tp: Any) -> Encoder:
    """A function that writes one field's value as _encode_value would, chosen once per field."""
    inner = optional_inner(tp)
    if inner is not None:
        encode_inner = _compile_encoder(inner)
        if encode_inner is _same:
            return _same
        return lambda value: None if value is None else encode_inner(value)
    if tp in (str, int, bool):
        return _same
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {member: member.value for member in tp}.__getitem__  # faster than .value
    if tp is date:
        return lambda value: value.isoformat()
    if typing.get_origin(tp) is tuple:
        encode_item = _compile_encoder(typing.get_args(tp)[0])
        if encode_item is _same:
            return list
        return lambda value: [encode_item(item) for item in value]
    return _encode_value  # times and nested groups: rare enough to take the general path


@functools.cache
def _encoders(cls: type) -> tuple[tuple[str, Encoder], ...]:
    hints = _hints(cls)
    return tuple((name, _compile_encoder(hints[name])) for name in field_names(cls))


def to_fields(record: Any) -> dict[str, Any]:
    """Every content field of `record` as a JSON-ready value (envelope fields left out)."""
    return {name: encode(getattr(record, name)) for name, encode in _encoders(type(record))}


def _expected(tp: Any) -> str:
    inner = optional_inner(tp)
    if inner is not None:
        return f"{_expected(inner)}, or nothing"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of: " + ", ".join(m.value for m in tp)
    if tp is date:
        return "a date written as YYYY-MM-DD"
    if tp is datetime:
        return "a date and time with its time zone, written as YYYY-MM-DDTHH:MM:SS+00:00"
    if tp is time:
        return "a time written as HH:MM"
    if tp is int:
        return "a whole number"
    if tp is str:
        return "text"
    if typing.get_origin(tp) is tuple:
        return f"a list, each item {_expected(typing.get_args(tp)[0])}"
    if dataclasses.is_dataclass(tp):
        return "a group of fields: " + ", ".join(field_names(tp))
    return str(tp)


class _Bad(Exception):
    """A raw value does not fit its field; from_fields turns this into InvalidInput."""


Decoder = Callable[[Any], Any]


def _compile(tp: Any) -> Decoder:
    """A function that checks and converts one raw JSON value into a `tp`.

    Built once per field, so reading thousands of records does not inspect
    type hints thousands of times.
    """
    inner = optional_inner(tp)
    if inner is not None:
        decode_inner = _compile(inner)
        return lambda raw: None if raw is None else decode_inner(raw)
    if tp in (str, int, bool):

        def exact(raw: Any, tp: type = tp) -> Any:
            if type(raw) is not tp:
                raise _Bad
            return raw

        return exact
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = {m.value: m for m in tp}

        def member(raw: Any) -> Any:
            try:
                return members[raw]
            except (KeyError, TypeError):
                raise _Bad from None

        return member
    if tp in (date, time, datetime):

        def moment(raw: Any, tp: Any = tp) -> Any:
            try:
                value = tp.fromisoformat(raw)
            except (TypeError, ValueError):
                raise _Bad from None
            if tp is time and value.tzinfo is not None:
                raise _Bad
            if tp is datetime and value.tzinfo is None:  # a moment must say where it was
                raise _Bad
            return value

        return moment
    if typing.get_origin(tp) is tuple:
        decode_item = _compile(typing.get_args(tp)[0])

        def items(raw: Any) -> Any:
            if type(raw) is not list:
                raise _Bad
            return tuple(decode_item(item) for item in raw)

        return items
    if dataclasses.is_dataclass(tp):

        def group(raw: Any, tp: Any = tp) -> Any:
            if not isinstance(raw, Mapping):
                raise _Bad
            return from_fields(tp, raw)

        return group
    raise TypeError(f"cannot decode into {tp!r}")


@functools.cache
def _decoders(cls: type) -> dict[str, Decoder]:
    hints = _hints(cls)
    return {name: _compile(hints[name]) for name in field_names(cls)}


def from_fields(cls: type[T], raw: Mapping[str, Any], where: str = "", **envelope: Any) -> T:
    """Build a `cls` from a dict made by to_fields, checking every value.

    Missing fields take their defaults (so files written before a field existed
    still read). Unknown fields are refused: a misspelt column must not
    silently lose what was written in it.
    """
    if not isinstance(raw, Mapping):
        raise InvalidInput(where, "fields", type(raw).__name__, "a group of named fields")
    decoders = _decoders(cls)
    values: dict[str, Any] = dict(envelope)
    for name, value in raw.items():
        decode = decoders.get(name)
        if decode is None:
            raise InvalidInput(where, name, _show(value), "no such field")
        try:
            values[name] = decode(value)
        except _Bad:
            raise InvalidInput(where, name, _show(value), _expected(_hints(cls)[name])) from None
    try:
        return cls(**values)
    except TypeError:
        missing = [
            f.name
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if f.name not in values
            and f.default is dataclasses.MISSING
            and f.default_factory is dataclasses.MISSING
        ]
        name = missing[0] if missing else "fields"
        raise InvalidInput(where, name, "", _expected(_hints(cls).get(name, str))) from None


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
