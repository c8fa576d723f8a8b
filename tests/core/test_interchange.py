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

from companion import codec, errors
from companion.export import ExportOptions, Format, export
from companion.importer import import_file
from companion.interchange import document
from companion.model import Person
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
    path = folder / name
    export(vault, Format.JSON, ExportOptions(), path)
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
    export(new_vault, Format.JSON, ExportOptions(), tmp_path / "out.json")

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
    export(new_vault, Format.JSON, ExportOptions(), tmp_path / "out.json")
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
        ({"date": "2026-02-30"}, "date", "2026-02-30"),
        ({"date": "2026-02-03", "layout": "hallway"}, "layout", "hallway"),
        ({"date": "2026-02-03", "distress": 11}, "distress", "11"),
        ({"date": "2026-02-03", "in_earshot": ["ghosts"]}, "in_earshot", "['ghosts']"),
        ({"date": "2026-02-03", "acount": "typo"}, "acount", "typo"),
        ({}, "date", ""),
    ],
)
def test_one_bad_value_imports_nothing_and_names_where_it_is(
    new_vault: Vault, tmp_path: Path, fields: dict[str, Any], field: str, value: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_doc_with(fields)))
    before = new_vault.fingerprint()
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row.startswith("appointments[1]")
    assert raised.value.field == field and raised.value.value == value
    assert raised.value.expected
    assert new_vault.fingerprint() == before and new_vault.people() == []


def test_a_file_from_a_newer_version_is_refused_plainly(new_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "newer.json"
    path.write_text(json.dumps({**_doc_with({"date": "2026-02-03"}), "version": 3}))
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert "newer version" in raised.value.expected


def test_a_file_that_is_not_json_names_the_line(new_vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "appointment-privacy-companion/log",\n  oops\n}')
    with pytest.raises(errors.InvalidInput) as raised:
        import_file(new_vault, path)
    assert raised.value.row == "line 3"


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
