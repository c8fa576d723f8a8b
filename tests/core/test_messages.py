"""Every failure has its own plain sentence, every value a label, and Qt can collect them all."""

from __future__ import annotations

import inspect
import subprocess
import sys
import xml.etree.ElementTree as ET
from enum import Enum
from pathlib import Path

import pytest

from companion import errors, model
from companion.labels import LABELS, label, parse_enum
from companion.ledger import Problem, ProblemKind
from companion.messages import describe, problem_line, problems_summary

ROOT = Path(__file__).parents[2]
FALLBACK = describe(errors.CompanionError())


def example(cls: type[errors.CompanionError]) -> errors.CompanionError:
    if cls is errors.InvalidInput:
        return errors.InvalidInput("row 4", "date", "31/02/2026", "a real date")
    if cls is errors.FileSyntax:
        return errors.FileSyntax(12, 5, errors.SyntaxProblem.COMMA_MISSING)
    if cls is errors.IncompleteCopy:
        return errors.IncompleteCopy(["free_text", "corrections"])
    if cls is errors.DuplicateName:
        return errors.DuplicateName("account")
    return cls()


@pytest.mark.parametrize(
    "cls",
    [
        c
        for c in vars(errors).values()
        if inspect.isclass(c)
        and issubclass(c, errors.CompanionError)
        and c is not errors.CompanionError
    ],
)
def test_every_failure_has_its_own_sentence(cls: type[errors.CompanionError]) -> None:
    text = describe(example(cls)).split("for example")[0]  # a suggested passphrase is random
    assert text != FALLBACK and text.rstrip(": ").endswith((".", ",")) and "Traceback" not in text
    assert "invalid" not in text.lower() and "error" not in text.lower()  # no jargon, no blame


def test_invalid_input_names_the_row_the_field_the_value_and_what_would_do() -> None:
    text = describe(errors.InvalidInput("row 4", "date", "31/02/2026", "a real date"))
    assert text.startswith("Row 4: the date") and "31/02/2026" in text and "a real date" in text


@pytest.mark.parametrize("problem", list(errors.SyntaxProblem))
def test_a_file_that_cannot_be_read_says_where_and_what_in_plain_words(
    problem: errors.SyntaxProblem,
) -> None:
    text = describe(errors.FileSyntax(12, 5, problem))
    assert text.endswith(". Nothing was changed.") and text.count("\n") == 0
    assert "Expecting" not in text and "delimiter" not in text and "error" not in text.lower()
    if problem is errors.SyntaxProblem.EMPTY:
        assert text.startswith("This file is empty") and "Line" not in text
    else:
        assert text.startswith("Line 12, column 5: this is not valid JSON: ")
        assert "empty" not in text


def test_a_missing_comma_is_called_a_missing_comma_not_an_empty_file() -> None:
    text = describe(errors.FileSyntax(12, 5, errors.SyntaxProblem.COMMA_MISSING))
    assert text.startswith("Line 12, column 5: this is not valid JSON: a comma is missing")


Bad = errors.InvalidInput
FIRST = "The 1st appointment in the file"


@pytest.mark.parametrize(
    ("exc", "shown"),
    [
        (Bad("row 4", "private_room_requested", "maybe", "yes or no"), '"private_room_requested"'),
        (Bad(FIRST, "said_aloud", "", "a list"), '"said_aloud"'),
        (Bad(FIRST, "sadi_aloud", "x", "no such field"), '"sadi_aloud"'),
        (Bad("row 1", "in_earshot_note", "", "no such column"), '"in_earshot_note"'),
    ],
)
def test_a_name_from_a_file_is_shown_exactly_as_written_in_quotes(
    exc: errors.InvalidInput, shown: str
) -> None:
    text = describe(exc)
    assert shown in text and shown.strip('"').replace("_", " ") not in text
    assert text.endswith(" Nothing was changed.") and "expected no such" not in text


@pytest.mark.parametrize(
    ("exc", "start"),
    [
        (Bad("", "time", "half ten", "a time"), 'The time "half ten" was'),
        (Bad("", "ni_number", "AB", "a number"), 'In "National Insurance number", "AB"'),
        (Bad("", "duration_minutes", "", "a number"), 'In "How long (minutes)", nothing'),
        (Bad("", "--from date", "x", "a date"), 'The --from date "x" was'),
        (Bad("", "some_option", "x", "a thing"), 'The some_option "x" was'),
    ],
)
def test_a_value_typed_in_the_app_is_named_as_people_say_it(
    exc: errors.InvalidInput, start: str
) -> None:
    assert describe(exc).startswith(start)


def test_every_problem_kind_has_a_line_and_damage_gets_a_summary() -> None:
    for kind in ProblemKind:
        assert problem_line(Problem(kind, 3)).strip()
    assert "damaged" in problems_summary([Problem(ProblemKind.UNREADABLE, 2)])
    assert problems_summary([]) == ""


ENUMS = [
    obj
    for obj in vars(model).values()
    if inspect.isclass(obj) and issubclass(obj, Enum) and obj.__module__ == model.__name__
]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_every_value_has_a_label_that_reads_back(cls: type[Enum]) -> None:
    for member in cls:
        assert label(member)
        assert parse_enum(cls, label(member)) is member
        assert parse_enum(cls, member.value) is member
    assert len({label(m) for m in cls}) == len(cls)  # no two choices look the same


def test_qt_collects_every_core_string_for_translation(tmp_path: Path) -> None:
    ts = tmp_path / "companion.ts"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "companion").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(ts)], check=True, capture_output=True)
    tree = ET.parse(ts)
    collected = {
        (context.findtext("name"), message.findtext("source"))
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }
    # A call lupdate misreads files its text under an empty context.
    assert not [source for name, source in collected if not name]
    for text in LABELS.values():
        assert ("Label", text) in collected
    wrong = describe(errors.WrongPassphrase())
    assert ("Messages", wrong) in collected
    assert ("Entry", "Who could hear") in collected
    assert ("CommandLine", "Your passphrase has been changed.") in collected


def test_plural_forms_read_right_for_one_and_for_many() -> None:
    from companion.i18n import translate_n

    assert translate_n("Test", "%n saved change(s)", 1) == "1 saved change"
    assert translate_n("Test", "%n saved change(s)", 2) == "2 saved changes"
    assert translate_n("Test", "%n entr(y|ies) shown", 1) == "1 entry shown"
    assert translate_n("Test", "%n entr(y|ies) shown", 0) == "0 entries shown"


def test_no_two_kinds_in_the_timeline_filter_read_the_same() -> None:
    kinds = [label(m) for m in [*model.AppointmentKind, *model.EventKind]]
    assert len(kinds) == len(set(kinds))
