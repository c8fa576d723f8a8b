"""The JSON interchange format: any valid content survives export and import unchanged."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import codec, errors, heads
from companion.errors import SyntaxProblem
from companion.export import ExportOptions, Format, export
from companion.importer import import_file
from companion.interchange import document
from companion.messages import describe
from companion.model import (
    Adjustment,
    AdjustmentKind,
    AdjustmentOutcome,
    Answer,
    Appointment,
    Layout,
    Listener,
    Person,
    Relationship,
)
from companion.vault import Vault
from tests import strategies
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock


def content(doc: dict[str, Any]) -> dict[str, Any]:
    """A document without what describes the export or its vault rather than the records
    (proofs are tied to one vault's tree, so a copy in another vault has others)."""
    out = {k: v for k, v in doc.items() if k not in ("exported_at", "vault")}
    for section in ("people", "appointments", "events"):
        out[section] = sorted(
            (
                {
                    **item,
                    "versions": [
                        {k: x for k, x in {**v, "imported_at": None}.items() if k != "proof"}
                        for v in item["versions"]
                    ],
                }
                for item in doc[section]
            ),
            key=lambda item: item["id"],
        )
    return out


def export_json(vault: Vault, folder: Path, name: str) -> dict[str, Any]:
    """The whole record, NI numbers included, as when moving it to another vault."""
    path = folder / name
    export(vault, Format.JSON, ExportOptions(show_ni_number=True), path)
    return json.loads(path.read_text(encoding="utf-8"))


@st.composite
def vault_contents(draw: st.DrawFn) -> list[tuple[Any, list[Any]]]:
    """People, and entries for them, each with one to three saved versions."""
    people = draw(st.lists(strategies.people(), min_size=1, max_size=3, unique_by=lambda p: p.id))
    records: list[tuple[Any, list[Any]]] = []
    for person in people:
        records.append((person, []))
        for _ in range(draw(st.integers(0, 3))):
            make = draw(st.sampled_from([strategies.appointments, strategies.events]))
            entry = draw(make(person.id))
            edits = draw(st.lists(make(person.id), max_size=2))
            records.append((entry, [dataclasses.replace(e, id=entry.id) for e in edits]))
    return records


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vault_contents())
def test_any_valid_content_survives_export_and_import(records: list[tuple[Any, list[Any]]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        clock = Clock()
        source, _ = Vault.create(folder / "a.companion", PASSPHRASE, policy=FAST_KDF, clock=clock)
        for record, edits in records:
            for version in [record, *edits]:
                clock.advance(minutes=7)
                source.save(version)
        first = export_json(source, folder, "first.json")
        source.close()

        target, _ = Vault.create(folder / "b.companion", PASSPHRASE, policy=FAST_KDF, clock=clock)
        import_file(target, folder / "first.json")
        second = export_json(target, folder, "second.json")
        target.close()
        for place in ("a.companion", "b.companion"):  # each example's own, never seen again
            heads.forget(folder / place)
    assert content(second) == content(first)
    assert all(
        v["imported_at"] is not None for item in second["appointments"] for v in item["versions"]
    )


def test_corrections_keep_their_times_through_a_round_trip(
    new_vault: Vault, clock: Clock, tmp_path: Path
) -> None:
    person = new_vault.save(make_person()).record
    appointment = new_vault.save(make_appointment(person.id, account="First")).record
    first_time = clock.now
    clock.advance(days=2)
    new_vault.save(dataclasses.replace(appointment, account="Second"))
    export(new_vault, Format.JSON, ExportOptions(show_ni_number=True), tmp_path / "out.json")

    other, _ = Vault.create(tmp_path / "other.companion", PASSPHRASE, policy=FAST_KDF)
    import_file(other, tmp_path / "out.json")
    versions = other.versions(appointment.id)
    assert [v.record.account for v in versions] == ["First", "Second"]
    assert versions[0].saved_at == first_time
    assert other.get(appointment.id).imported_at is not None
    other.close()


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    new_vault: Vault, tmp_path: Path
) -> None:
    person = new_vault.save(make_person()).record
    new_vault.save(make_event(person.id))
    export(new_vault, Format.JSON, ExportOptions(show_ni_number=True), tmp_path / "out.json")
    other, _ = Vault.create(tmp_path / "other.companion", PASSPHRASE, policy=FAST_KDF)
    first = import_file(other, tmp_path / "out.json")
    second = import_file(other, tmp_path / "out.json")
    assert (first.people, first.events, first.already_there) == (1, 1, 0)
    assert (second.people, second.events, second.already_there) == (0, 0, 2)
    other.close()


def _doc_with(appointment_fields: dict[str, Any]) -> dict[str, Any]:
    person_id, appointment_id = "a" * 32, "b" * 32
    return {
        "format": document.FORMAT_NAME,
        "version": 1,
        "people": [
            {
                "id": person_id,
                "versions": [
                    {"saved_at": "2026-01-01T10:00:00+00:00", "fields": {"display_name": "Alex"}}
                ],
            }
        ],
        "appointments": [
            {
                "id": appointment_id,
                "person_id": person_id,
                "versions": [
                    {"saved_at": "2026-01-02T10:00:00+00:00", "fields": appointment_fields}
                ],
            }
        ],
    }


@pytest.mark.parametrize(
    ("fields", "field", "value"),
    [
        ({"date": "2026-02-03", "layout": "hallway"}, "layout", "hallway"),
        ({"date": "2026-02-03", "distress": 11}, "distress", "11"),
        (
            {"date": "2026-02-03", "in_earshot": ["Other claimants", "ghosts"]},
            "in_earshot",
            "ghosts",
        ),
        ({"date": "2026-02-03", "acount": "typo"}, "acount", "typo"),
    ],
)
def test_one_bad_value_imports_nothing_and_names_the_entry_by_its_date(
    new_vault: Vault, tmp_path: Path, fields: dict[str, Any], field: str, value: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_doc_with(fields)))
    before = new_vault.fingerprint()
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    where = "The appointment dated Tuesday 3 February 2026 (the 1st appointment in the file)"
    assert raised.value.row == where
    assert raised.value.field == field and raised.value.value == value
    assert raised.value.expected
    assert describe(raised.value).startswith(where + ": ")
    assert new_vault.fingerprint() == before and new_vault.people() == []


@pytest.mark.parametrize(
    ("fields", "field", "value"),
    [({"date": "2026-02-30"}, "date", "2026-02-30"), ({}, "date", ""), ({"date": 3}, "date", "3")],
)
def test_an_entry_without_a_readable_date_is_named_by_its_place_in_the_file(
    new_vault: Vault, tmp_path: Path, fields: dict[str, Any], field: str, value: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_doc_with(fields)))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row == "The 1st appointment in the file"
    assert (raised.value.field, raised.value.value) == (field, value)


def test_people_and_letters_are_named_by_name_and_date_and_versions_by_number(
    new_vault: Vault, tmp_path: Path
) -> None:
    doc = _doc_with({"date": "2026-02-03"})
    doc["people"][0]["versions"][0]["fields"]["role"] = "boss"
    path = tmp_path / "person.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row == 'The person "Alex" (the 1st person in the file)'

    doc = _doc_with({"date": "2026-02-03"})
    saved = {"saved_at": "2026-03-05T10:00:00+00:00"}
    doc["events"] = [
        {
            "id": "c" * 32,
            "person_id": "a" * 32,
            "versions": [{**saved, "fields": {"date": "2026-03-01", "kind": "decision_letter"}}],
        },
        {
            "id": "d" * 32,
            "person_id": "a" * 32,
            "versions": [
                {**saved, "fields": {"date": "2026-03-02", "kind": "hearing", "summry": ""}},
                {**saved, "fields": {"date": "2026-03-12", "kind": "hearing"}},
            ],
        },
    ]
    path.write_text(json.dumps(doc))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row == (
        "The letter or event dated Thursday 12 March 2026 (the 2nd letter or event in the file), "
        "version 1"
    )  # named as it now reads; the version says which wording holds the mistake
    assert raised.value.field == "summry"


def test_a_misspelt_key_is_shown_exactly_as_written(new_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(_doc_with({"date": "2026-02-03", "sadi_aloud": ["health"]})))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    text = describe(raised.value)
    assert '"sadi_aloud" is not a name this app knows' in text and "sadi aloud" not in text
    assert text.endswith(" Nothing was changed.")


def test_choices_may_be_written_as_their_labels_in_any_case(
    new_vault: Vault, tmp_path: Path
) -> None:
    path = tmp_path / "labels.json"
    doc = _doc_with(
        {
            "date": "2026-02-03",
            "layout": "Open plan",
            "in_earshot": ["other CLAIMANTS", "security"],
            "private_room_requested": "yes",
            "adjustments": [{"kind": "A private room", "outcome": "REFUSED"}],
        }
    )
    doc["people"][0]["versions"][0]["fields"]["relationship"] = "My child"
    path.write_text(json.dumps(doc))
    import_file(new_vault, path)
    appointment = new_vault.appointments()[0].record
    assert appointment.layout is Layout.OPEN_PLAN
    assert appointment.in_earshot == (Listener.OTHER_CLAIMANTS, Listener.SECURITY)
    assert appointment.private_room_requested is Answer.YES
    assert appointment.adjustments == (
        Adjustment(AdjustmentKind.PRIVATE_ROOM, outcome=AdjustmentOutcome.REFUSED),
    )
    assert new_vault.people()[0].record.relationship is Relationship.CHILD
    stored = export_json(new_vault, tmp_path, "out.json")["appointments"][0]["versions"][0]
    assert stored["fields"]["layout"] == "open_plan"  # the stored value, never the label


def test_only_an_import_reads_labels_the_vault_keeps_stored_values_strict() -> None:
    with pytest.raises(errors.InvalidInput):
        codec.from_fields(
            Appointment,
            {"date": "2026-02-03", "layout": "Open plan"},
            id="b" * 32,
            person_id="a" * 32,
        )


def test_a_bad_adjustment_is_named_inside_its_entry(new_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "adjustment.json"
    adjustments = [{"kind": "breaks"}, {"kind": "big room", "outcome": "agreed"}]
    path.write_text(json.dumps(_doc_with({"date": "2026-02-03", "adjustments": adjustments})))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row == (
        "The appointment dated Tuesday 3 February 2026 (the 1st appointment in the file), "
        'the 2nd in "adjustments"'
    )
    assert (raised.value.field, raised.value.value) == ("kind", "big room")
    assert "private_room (A private room)" in raised.value.expected


def test_a_file_from_a_newer_version_is_refused_plainly(new_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "newer.json"
    path.write_text(json.dumps({**_doc_with({"date": "2026-02-03"}), "version": 3}))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert "newer version" in raised.value.expected


GOOD_START = '{\n  "format": "appointment-privacy-companion/log",\n  "version": 2'


P = SyntaxProblem


@pytest.mark.parametrize(
    ("rest", "line", "column", "problem", "words"),
    [
        ('\n  "people": []\n}', 3, 15, P.COMMA_MISSING, "a comma is missing"),
        (",\n}", 3, 15, P.COMMA_TOO_MANY, "a comma too many"),
        (',\n  "people": [1,]}', 4, 15, P.COMMA_TOO_MANY, "a comma too many"),
        (",\n  oops\n}", 4, 3, P.NAME_EXPECTED, "a name in double quotes"),
        (',\n  "people": [hello]}', 4, 14, P.VALUE_EXPECTED, "double quotes around"),
        (',\n  "people" []}', 4, 12, P.COLON_MISSING, "colon"),
        (',\n  "x": "abc', 4, 8, P.UNTERMINATED_TEXT, "no closing one"),
        (',\n  "x": "a\tb"}', 4, 10, P.CONTROL_CHARACTER, "a tab"),
        (',\n  "x": "C:\\path"}', 4, 11, P.BAD_BACKSLASH, "backslash"),
        ("}\n}", 4, 1, P.EXTRA_DATA, "more after the end"),
    ],
)
def test_a_file_that_is_not_json_says_the_line_the_column_and_what_to_fix(
    new_vault: Vault,
    tmp_path: Path,
    rest: str,
    line: int,
    column: int,
    problem: SyntaxProblem,
    words: str,
) -> None:
    path = tmp_path / "broken.json"
    path.write_text(GOOD_START + rest, encoding="utf-8")
    with pytest.raises(errors.FileSyntax) as raised:
        import_file(new_vault, path)
    assert (raised.value.line, raised.value.column, raised.value.problem) == (line, column, problem)
    message = describe(raised.value)
    assert message.startswith(f"Line {line}, column {column}: this is not valid JSON: ")
    assert words in message and message.endswith(". Nothing was changed.")
    assert "empty" not in message


def test_a_file_not_saved_as_utf8_says_where_the_first_odd_character_is(
    new_vault: Vault, tmp_path: Path
) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(GOOD_START.encode() + ',\n  "x": "caf\xe9"}'.encode("cp1252"))
    with pytest.raises(errors.FileSyntax) as raised:
        import_file(new_vault, path)
    assert (raised.value.line, raised.value.column) == (4, 12)
    assert "UTF-8" in describe(raised.value)


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"\xef\xbb\xbf"])
def test_an_empty_file_says_it_is_empty(new_vault: Vault, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    with pytest.raises(errors.FileSyntax) as raised:
        import_file(new_vault, path)
    assert raised.value.problem is SyntaxProblem.EMPTY
    assert describe(raised.value).startswith("This file is empty")


def test_the_command_line_prints_where_to_fix_a_broken_file_and_exits_4(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    assert cli("init").code == 0
    path = tmp_path / "broken.json"
    path.write_text(GOOD_START + '\n  "people": []\n}')
    result = cli("import", str(path))
    assert result.code == 4 and "Traceback" not in result.err
    assert result.err.strip().splitlines() == [
        "Line 3, column 15: this is not valid JSON: a comma is missing here (or a double quote "
        'inside some text needs a backslash before it, like \\"). Nothing was changed.'
    ]


def plain(value: Any) -> bool:
    if type(value) is dict:
        return all(type(k) is str and plain(v) for k, v in value.items())
    if type(value) is list:
        return all(plain(v) for v in value)
    return value is None or type(value) in (str, int, bool)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(strategies.people(), strategies.appointments("p" * 32), strategies.events("p" * 32))
)
def test_every_field_is_written_in_plain_json_and_reads_back_the_same(record: Any) -> None:
    fields = codec.to_fields(record)
    # Plain JSON values only: an enum or a date left in would be written differently
    # by another JSON writer, and would change the record's fingerprint leaf.
    assert plain(fields)
    envelope = {} if isinstance(record, Person) else {"person_id": "p" * 32}
    back = codec.from_fields(type(record), fields, id=record.id, **envelope)
    assert back == record
