"""Plain sentences for what was given that could not be used: a value, a name or a row in a
file being brought in (named as the file names it), a file that is not valid JSON or
readable text, one cut short or with parts left out, and a file given to attach that is
empty or changed while it was read. A part of companion/messages.py, kept apart so each
file says one thing; the same translation context ("Messages").
"""

from __future__ import annotations

import functools
import typing
from datetime import date, time
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import codec, errors
from companion.i18n import translate
from companion.interchange.csv_format import (
    WINDOWS_1252,
    RowCells,
    TextProblem,
    UnclosedQuote,
    UnreadableText,
)
from companion.interchange.document import RepeatedId
from companion.labels import field_label
from companion.model import Adjustment, Appointment, Event, Person

# What the file readers put in `expected` for a name they do not know.
_UNKNOWN_NAMES = {"no such field", "no such section"}
_UNKNOWN_COLUMN = "no such column"
# A value longer than this is cut short in a message: it is in the file to be seen whole.
_LONGEST_VALUE = 80


def _shown(value: str) -> str:
    return value if len(value) <= _LONGEST_VALUE else value[: _LONGEST_VALUE - 3] + "..."


@functools.cache
def _value_kinds() -> dict[str, str]:
    """Each record field's name, and the kind of value it holds, to say "the date "..."."""
    kinds: dict[str, str] = {}
    for cls in (Person, Appointment, Event, Adjustment):
        for name, tp in typing.get_type_hints(cls).items():
            inner = codec.optional_inner(tp) or tp
            if typing.get_origin(inner) is tuple:
                inner = typing.get_args(inner)[0]
            if inner in (date, time):
                kinds[name] = inner.__name__
            elif inner is int:
                kinds[name] = "number"
            elif isinstance(inner, type) and issubclass(inner, Enum):
                kinds[name] = "choice"
    return kinds


_KIND_WORDS = {
    "date": QT_TRANSLATE_NOOP("Messages", "the date"),
    "time": QT_TRANSLATE_NOOP("Messages", "the time"),
    "number": QT_TRANSLATE_NOOP("Messages", "the number"),
    "choice": QT_TRANSLATE_NOOP("Messages", "the choice"),
    "value": QT_TRANSLATE_NOOP("Messages", "the value"),
}


def _from_file(exc: errors.InvalidInput) -> str:
    """A value read from a file: where it is, and its key or column exactly as written."""
    where = f"{exc.row[0].upper()}{exc.row[1:]}: "
    name, value, expected = exc.field, _shown(exc.value), exc.expected
    if expected == _UNKNOWN_COLUMN:
        text = translate(
            "Messages",
            'there is no column called "{name}" (perhaps it is misspelt; '
            "docs/format.md lists the columns).",
        )
    elif expected in _UNKNOWN_NAMES:
        text = translate(
            "Messages",
            '"{name}" is not a name this app knows, so what is under it cannot be brought in '
            "(perhaps it is misspelt; docs/format.md lists the names).",
        )
    elif not name:
        if value:
            text = translate("Messages", '"{value}" was not understood; expected {expected}.')
        else:
            text = translate("Messages", "this was not understood; expected {expected}.")
    elif value:
        kind = translate("Messages", _KIND_WORDS[_value_kinds().get(name, "value")])
        text = translate(
            "Messages", '{kind} "{value}" under "{name}" was not understood; expected {expected}.'
        )
        return where + text.format(kind=kind, value=value, name=name, expected=expected)
    else:
        text = translate("Messages", '"{name}" is missing or empty; expected {expected}.')
    return where + text.format(name=name, value=value, expected=expected)


def _typed(exc: errors.InvalidInput) -> str:
    """A single value typed in the app or on the command line, named as people say it."""
    try:
        name = field_label(exc.field)
    except KeyError:
        name = exc.field  # an option or a thing rather than a record field: as written
    else:
        if " " in name:  # a question or a phrase reads as a quotation, not inside a sentence
            if exc.value:
                text = translate(
                    "Messages", 'In "{name}", "{value}" was not understood; expected {expected}.'
                )
            else:
                text = translate("Messages", 'In "{name}", nothing was given; expected {expected}.')
            return text.format(name=name, value=_shown(exc.value), expected=exc.expected)
        name = name[0].lower() + name[1:]
    if exc.value:
        text = translate(
            "Messages", 'The {name} "{value}" was not understood; expected {expected}.'
        )
    else:
        text = translate("Messages", "The {name} is missing or empty; expected {expected}.")
    return text.format(name=name, value=_shown(exc.value), expected=exc.expected)


_SYNTAX_PROBLEMS = {
    errors.SyntaxProblem.NOT_UTF8: QT_TRANSLATE_NOOP(
        "Messages", "the file is not saved as UTF-8 text (save it again, choosing UTF-8)"
    ),
    errors.SyntaxProblem.COMMA_MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "a comma is missing here (or a double quote inside some text needs a backslash "
        'before it, like \\")',
    ),
    errors.SyntaxProblem.COMMA_TOO_MANY: QT_TRANSLATE_NOOP(
        "Messages", "there is a comma too many here, before a closing bracket"
    ),
    errors.SyntaxProblem.COLON_MISSING: QT_TRANSLATE_NOOP(
        "Messages", "a colon (:) is missing after a name"
    ),
    errors.SyntaxProblem.NAME_EXPECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "a name in double quotes was expected (perhaps there is a comma too many)",
    ),
    errors.SyntaxProblem.VALUE_EXPECTED: QT_TRANSLATE_NOOP(
        "Messages",
        "a value was expected (text needs double quotes around it; "
        "perhaps there is a comma too many)",
    ),
    errors.SyntaxProblem.UNTERMINATED_TEXT: QT_TRANSLATE_NOOP(
        "Messages", "some text starts with a double quote here but has no closing one"
    ),
    errors.SyntaxProblem.CONTROL_CHARACTER: QT_TRANSLATE_NOOP(
        "Messages",
        "some text has a line break or a tab inside its double quotes (write them as \\n or \\t)",
    ),
    errors.SyntaxProblem.BAD_BACKSLASH: QT_TRANSLATE_NOOP(
        "Messages", "a backslash in some text must be written twice (\\\\)"
    ),
    errors.SyntaxProblem.EXTRA_DATA: QT_TRANSLATE_NOOP(
        "Messages",
        "there is more after the end of the log (perhaps a bracket closes too early)",
    ),
    errors.SyntaxProblem.TOO_DEEP: QT_TRANSLATE_NOOP(
        "Messages", "brackets are nested far more deeply than in any file this app writes"
    ),
    errors.SyntaxProblem.NUMBER_TOO_LONG: QT_TRANSLATE_NOOP(
        "Messages", "a number has more digits than any count or date needs"
    ),
    errors.SyntaxProblem.OTHER: QT_TRANSLATE_NOOP(
        "Messages", "something here does not follow the way JSON is written"
    ),
}


def _syntax(exc: errors.FileSyntax) -> str:
    if exc.problem is errors.SyntaxProblem.EMPTY:
        return (
            translate("Messages", "This file is empty, so there is nothing in it to bring in.")
            + " "
            + translate("Messages", "Nothing was changed.")
        )
    problem = translate("Messages", _SYNTAX_PROBLEMS[exc.problem])
    if exc.line == 0:  # a problem of the whole file, with no one place to point at
        return (
            translate("Messages", "This file cannot be read: {problem}.").format(problem=problem)
            + " "
            + translate("Messages", "Nothing was changed.")
        )
    return (
        translate(
            "Messages", "Line {line}, column {column}: this is not valid JSON: {problem}."
        ).format(line=exc.line, column=exc.column, problem=problem)
        + " "
        + translate("Messages", "Nothing was changed.")
    )


def _incomplete(exc: errors.IncompleteCopy) -> str:
    return translate(
        "Messages",
        "This file was exported with things left out ({what}), so it cannot be brought in: "
        "the records would be stored without them, and a reader would take them for never "
        "written. Export it again without leaving anything out. Nothing was changed.",
    ).format(what=", ".join(exc.left_out))


def _duplicate(exc: errors.DuplicateName) -> str:
    return translate(
        "Messages",
        'The name "{name}" appears twice in one part of this file, so which value was meant '
        "cannot be told. Nothing was changed.",
    ).format(name=exc.name)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _repeated_id(exc: RepeatedId) -> str:
    return translate(
        "Messages",
        'The id "{id}" is used twice in this file, by {first} and by {second}, but each record '
        "needs an id of its own. Nothing was changed.",
    ).format(id=exc.record_id, first=_lower_first(exc.first), second=_lower_first(exc.second))


def _row_cells(exc: RowCells) -> str:
    return translate(
        "Messages",
        "Row {row} has a different number of cells ({cells}) from the number of columns row 1 "
        "names ({columns}), so which column each cell belongs under cannot be told (perhaps a "
        "comma is missing, or a cell with a comma in it has no double quotes around it). "
        "Nothing was changed.",
    ).format(row=exc.number, cells=exc.cells, columns=exc.columns)


def _unclosed_quote(exc: UnclosedQuote) -> str:
    return translate(
        "Messages",
        "Row {row}: a cell that opens with a double quote on line {line} of the file is never "
        "closed, so the file may have been cut short. Nothing was changed.",
    ).format(row=exc.number, line=exc.line)


_TEXT_PROBLEMS = {
    TextProblem.DAMAGED_UTF8: QT_TRANSLATE_NOOP(
        "Messages",
        "Line {line} of this file has a character that is not UTF-8 text although the rest "
        "is, so the file may be damaged (save or export it again as UTF-8). Nothing was changed.",
    ),
    TextProblem.DAMAGED_UTF16: QT_TRANSLATE_NOOP(
        "Messages",
        "Line {line} of this file cannot be read as the UTF-16 text its first bytes say it is, "
        "so the file may be damaged (save it again as UTF-8). Nothing was changed.",
    ),
    TextProblem.UNKNOWN: QT_TRANSLATE_NOOP(
        "Messages",
        "Line {line} of this file has a character that is neither UTF-8 text nor Windows' own "
        "encoding, so it cannot be read (save it again as UTF-8). Nothing was changed.",
    ),
}


def _unreadable_text(exc: UnreadableText) -> str:
    return translate("Messages", _TEXT_PROBLEMS[exc.problem]).format(line=exc.line)


def encoding_note(encoding: str) -> str:
    """What an import says about how it read a file's text: only a guess is worth saying
    (the ImportResult's `encoding`); "" when the file said what it is."""
    if encoding != WINDOWS_1252:
        return ""
    return translate(
        "Messages",
        "The file is not saved as UTF-8, so it was read as Windows' own encoding "
        "(Windows-1252): please check that accented letters and symbols look right.",
    )


def invalid(exc: errors.InvalidInput) -> str:
    """The sentence for a value, name, row or file that could not be used."""
    if isinstance(exc, RepeatedId):
        return _repeated_id(exc)
    if isinstance(exc, RowCells):
        return _row_cells(exc)
    if isinstance(exc, UnclosedQuote):
        return _unclosed_quote(exc)
    if isinstance(exc, UnreadableText):
        return _unreadable_text(exc)
    if isinstance(exc, errors.DuplicateName):
        return _duplicate(exc)
    if isinstance(exc, errors.FileSyntax):
        return _syntax(exc)
    if isinstance(exc, errors.IncompleteCopy):
        return _incomplete(exc)
    if isinstance(exc, errors.SourceChanged | errors.EmptyFile):
        return _attach_refused(exc)
    sentence = _from_file(exc) if exc.row else _typed(exc)
    return sentence + " " + translate("Messages", "Nothing was changed.")


def _attach_refused(exc: errors.SourceChanged | errors.EmptyFile) -> str:
    if isinstance(exc, errors.EmptyFile):
        text = translate(
            "Messages",
            'The file "{name}" is empty, so there is nothing to attach. Nothing was changed.',
        )
    else:
        text = translate(
            "Messages",
            'The file "{name}" changed while it was being attached (perhaps it is still being '
            "copied or recorded), so it was not attached. Nothing was changed.",
        )
    return text.format(name=_shown(exc.name))
