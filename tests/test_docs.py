"""The documentation names everything the code accepts, so it cannot quietly fall behind."""

from __future__ import annotations

import dataclasses
import inspect
import re
from enum import Enum
from pathlib import Path

from companion import model
from companion.cli import EXIT, build_parser
from companion.interchange.csv_format import COLUMNS

ROOT = Path(__file__).parents[1]
FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_format_doc_names_every_field_column_and_allowed_value() -> None:
    for cls in (
        model.Person,
        model.Appointment,
        model.Event,
        model.Adjustment,
        model.Keeper,
        model.Attachment,
    ):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in FORMAT, f"{cls.__name__}.{f.name}"
    for column in COLUMNS:
        assert f"`{column}`" in FORMAT, column
    stored = [
        cls
        for cls in vars(model).values()
        if inspect.isclass(cls) and issubclass(cls, Enum) and cls.__module__ == model.__name__
    ]
    for cls in stored:
        for member in cls:
            assert f"`{member.value}`" in FORMAT, f"{cls.__name__}.{member.name}"


def test_readme_shows_the_set_up_commands_every_command_and_every_exit_code() -> None:
    assert "make run" in README and "make test" in README
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"`companion {name}" in README, name
    for code in EXIT.values():
        assert re.search(rf"^\| {code} \|", README, re.M), code


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert [
        line for line in script.splitlines() if line and not line.startswith(("#", "set", "cd"))
    ] == ["make test"]


def test_the_exports_guide_names_every_export_option_and_choice() -> None:
    from companion.export.options import Part, Purpose, Redaction

    guide = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for action in commands["export"]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option not in ("--help", "--vault", "--passphrase-file"):
                assert f"`{option}" in guide, option
    for cls in (Part, Purpose, Redaction):
        for member in cls:
            assert member.value in guide, member


def test_the_exports_guide_defines_every_count_the_app_shows() -> None:
    """Each summary line's name appears in the table of what each count counts."""
    from collections import Counter

    from companion.problems import EntryProblem
    from companion.summary import Summary, tallies

    guide = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    table = guide[guide.index("## What each count counts") :]
    table = table[: table.index("\n## ")]
    everything = Summary(
        appointments=1, calls=1, not_held=1, problems=Counter(set(EntryProblem)), at_risk=1,
        with_any_problem=1, held_back=1,
    )  # fmt: skip
    for tally in tallies(everything):
        name = tally.text.split(":")[0]
        assert name in table, name
