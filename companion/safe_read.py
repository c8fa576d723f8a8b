"""Reading files and JSON that may be damaged, crafted or not what their name says.

Every file the app is given (an import, an export to check, a passphrase
file) is opened without waiting (a named pipe would otherwise hang), must be
an ordinary file, and is size-checked before a byte is read, so /dev/zero or
a huge file is refused in one sentence instead of filling memory.

JSON is read strictly: a name repeated inside one object is refused (Python
would silently keep the last value, so a reader and the app could see
different things), as are numbers with more digits than any count, NaN
and Infinity, and nesting deep enough to exhaust Python's own reader.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from companion.errors import (
    DuplicateName,
    FileSyntax,
    InvalidInput,
    StorageFailed,
    StorageFull,
    SyntaxProblem,
)

MAX_DIGITS = 30  # no count, size or year needs more
_JSON_SPACE = " \t\r\n"


def _megabytes(limit: int) -> str:
    return f"{max(1, limit // 2**20)} MB"


def read_file(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of an ordinary file no larger than `limit`, or one plain refusal.

    `what` names the file in the message ("file", "passphrase file", ...).
    """
    if not str(path):
        raise InvalidInput("", what, "", "the name of a file")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InvalidInput("", what, str(path), "a file that exists") from None
    except IsADirectoryError:
        raise InvalidInput("", what, str(path), "a file, not a folder") from None
    except OSError as exc:
        raise StorageFailed(type(exc).__name__) from exc
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput("", what, str(path), "a file, not a folder")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput("", what, str(path), "an ordinary file (not a device or a pipe)")
        if info.st_size > limit:
            raise InvalidInput("", what, path.name, f"a file smaller than {_megabytes(limit)}")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while being read
            raise InvalidInput("", what, path.name, f"a file smaller than {_megabytes(limit)}")
        return data
    except OSError as exc:
        if exc.errno == 28:
            raise StorageFull() from exc
        raise StorageFailed(type(exc).__name__) from exc
    finally:
        os.close(descriptor)


class _Refused(Exception):
    def __init__(self, problem: SyntaxProblem) -> None:
        super().__init__(problem)
        self.problem = problem


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in pairs:
        if name in out:
            raise DuplicateName(name)
        out[name] = value
    return out


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(SyntaxProblem.NUMBER_TOO_LONG)
    return int(text)


def _decimal(text: str) -> float:
    if len(text) > MAX_DIGITS * 2:
        raise _Refused(SyntaxProblem.NUMBER_TOO_LONG)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(SyntaxProblem.NUMBER_TOO_LONG)
    return value


def _constant(_text: str) -> Any:
    raise _Refused(SyntaxProblem.OTHER)


def syntax_at(text: str, pos: int, problem: SyntaxProblem) -> FileSyntax:
    line = text.count("\n", 0, pos) + 1
    return FileSyntax(line, pos - text.rfind("\n", 0, pos), problem)


# Python's words for what stopped it reading JSON, and the plain problem each means.
_JSON_PROBLEMS = (
    ("Expecting ',' delimiter", SyntaxProblem.COMMA_MISSING),
    ("Expecting ':' delimiter", SyntaxProblem.COLON_MISSING),
    ("Expecting property name", SyntaxProblem.NAME_EXPECTED),
    ("Expecting value", SyntaxProblem.VALUE_EXPECTED),
    ("Illegal trailing comma", SyntaxProblem.COMMA_TOO_MANY),
    ("Unterminated string", SyntaxProblem.UNTERMINATED_TEXT),
    ("Invalid control character", SyntaxProblem.CONTROL_CHARACTER),
    ("Invalid \\", SyntaxProblem.BAD_BACKSLASH),
    ("Extra data", SyntaxProblem.EXTRA_DATA),
)


def _json_syntax(text: str, exc: json.JSONDecodeError) -> FileSyntax:
    """Where a person should look, and what to fix there, for one of json's complaints."""
    problem = next((p for start, p in _JSON_PROBLEMS if exc.msg.startswith(start)), None)
    problem = problem or SyntaxProblem.OTHER
    pos = exc.pos
    before = len(text[:pos].rstrip(_JSON_SPACE))  # just after the last thing written
    if problem is SyntaxProblem.COMMA_MISSING:
        pos = before  # where the comma belongs, not the start of the next line
    elif (
        problem in (SyntaxProblem.NAME_EXPECTED, SyntaxProblem.VALUE_EXPECTED)
        and text[pos : pos + 1] in ("}", "]")
        and text[before - 1 : before] == ","
    ):
        problem, pos = SyntaxProblem.COMMA_TOO_MANY, before - 1
    return syntax_at(text, pos, problem)


def loads(text: str) -> Any:
    """JSON from text, strictly; FileSyntax (with a place) or DuplicateName when refused."""
    if not text.strip(_JSON_SPACE):
        raise FileSyntax(1, 1, SyntaxProblem.EMPTY)
    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=_integer,
            parse_float=_decimal,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise _json_syntax(text, exc) from None
    except _Refused as exc:
        raise FileSyntax(0, 0, exc.problem) from None
    except RecursionError:  # Python's reader gives up near 1,000 levels deep
        raise FileSyntax(0, 0, SyntaxProblem.TOO_DEEP) from None
    except ValueError:  # any other limit of Python's own
        raise FileSyntax(0, 0, SyntaxProblem.OTHER) from None


def loads_bytes(raw: bytes) -> Any:
    """JSON from UTF-8 bytes (a byte-order mark allowed), strictly, as `loads`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        readable = raw[: exc.start].decode("utf-8-sig", errors="replace")
        raise syntax_at(readable, len(readable), SyntaxProblem.NOT_UTF8) from None
    return loads(text)


def loads_or_none(raw: bytes | str) -> Any:
    """JSON for places where any refusal means the same thing (a damaged setting): None."""
    try:
        return loads_bytes(raw) if isinstance(raw, bytes) else loads(raw)
    except InvalidInput:
        return None
