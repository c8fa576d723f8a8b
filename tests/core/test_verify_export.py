"""Checking an export later: intact, altered, or from another vault."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from companion.export import Format, export
from companion.export.options import ExportOptions, Redaction
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE


@pytest.fixture
def exported(new_vault: Vault, tmp_path: Path) -> dict[str, Path]:
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id, account="The words as written on the day."))
    new_vault.save(make_appointment(person.id, account="Another day."))
    out = {}
    for fmt in (Format.JSON, Format.PDF):
        out[fmt.value] = tmp_path / f"log.{fmt.value}"
        export(new_vault, fmt, ExportOptions(show_ni_number=True), out[fmt.value])
    return out


def test_untouched_exports_are_intact(cli, exported: dict[str, Path], new_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    new_vault.close()
    result = cli("verify", str(exported["json"]), passphrase_file=None, vault=None)
    assert result.code == 0, result.err
    assert "Intact: all 3 saved versions" in result.out and "fingerprint" in result.out
    result = cli("verify", str(exported["pdf"]), passphrase_file=None, vault=None)
    assert result.code == 0 and "Intact: all 3 saved versions" in result.out, result.err


def test_an_export_without_ni_numbers_is_vouched_for_by_the_vault(
    cli, new_vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Every format leaves NI numbers out unless asked: the person's wording can then be shown
    to be in the vault, but only the vault can say it is as held."""
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id))
    for fmt in (Format.JSON, Format.PDF):
        export(new_vault, fmt, ExportOptions(), tmp_path / f"plain.{fmt.value}")
    new_vault.close()
    for fmt in (Format.JSON, Format.PDF):
        path = tmp_path / f"plain.{fmt.value}"
        assert "QQ123456C" not in path.read_bytes().decode("latin-1")
        alone = cli("verify", str(path), passphrase_file=None, vault=None)
        assert alone.code == 0 and "1 of the 2 saved versions match" in alone.out, alone.err
        against = cli("verify", str(path))
        assert against.code == 0 and "Intact: all 2 saved versions" in against.out


def test_a_changed_word_in_the_json_log_is_caught(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = exported["json"]
    path.write_text(path.read_text().replace("written on the day", "written on the tay"))
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 5 and "is not what the vault held" in result.err


def _rewrite_attachment(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    writer = PdfWriter(clone_from=PdfReader(path))
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    stream = names[1].get_object()["/EF"]["/F"].get_object()
    stream.set_data(change(stream.get_data()))
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def test_one_changed_byte_in_the_pdfs_log_is_caught(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = exported["pdf"]
    _rewrite_attachment(path, lambda data: data.replace(b"Another day.", b"Another dav."))
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 5 and "not what the vault held" in result.err


def test_damage_to_the_pdfs_compressed_log_is_caught(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = exported["pdf"]
    raw = bytearray(path.read_bytes())
    number = re.search(rb"/EF\s*<<\s*/F\s+(\d+) 0 R", raw).group(1)  # type: ignore[union-attr]
    start = raw.index(b"\n%s 0 obj" % number)
    stream = raw.index(b"stream", start) + 40
    raw[stream] ^= 0xFF
    path.write_bytes(bytes(raw))
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 5 and result.err.strip()


def test_a_proof_moved_to_another_entry_is_caught(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = exported["json"]
    doc = json.loads(path.read_text())
    first, second = doc["appointments"]
    first["versions"][0]["proof"], second["versions"][0]["proof"] = (
        second["versions"][0]["proof"],
        first["versions"][0]["proof"],
    )
    path.write_text(json.dumps(doc))
    assert cli("verify", str(path), passphrase_file=None, vault=None).code == 5


def test_a_redacted_export_is_checked_as_far_as_it_can_be(
    cli, new_vault: Vault, exported: dict[str, Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "redacted.json"
    export(new_vault, Format.JSON, ExportOptions(redact=frozenset({Redaction.FREE_TEXT})), path)
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 0 and "Intact" not in result.out
    # The salted hash of its words still proves when each version was saved and its place.
    assert "shows when each was saved and its place in its record's history" in result.out
    assert "but not its words or whose record it is" in result.out


def test_against_the_vault_later_corrections_are_reported_not_failed(
    cli, new_vault: Vault, exported: dict[str, Path], vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    entry = new_vault.appointments()[0].record
    new_vault.save(dataclasses.replace(entry, account="Corrected after the export."))
    new_vault.close()
    result = cli("verify", str(exported["pdf"]))
    assert result.code == 0, result.err
    assert "agrees with the vault's history" in result.out
    assert "1 exported entries have been corrected since" in result.out


def test_an_export_from_another_vault_does_not_agree(
    cli, exported: dict[str, Path], new_vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    new_vault.close()
    other = tmp_path / "other.companion"
    Vault.create(other, PASSPHRASE, policy=FAST_KDF)[0].close()
    result = cli("verify", str(exported["json"]), vault=other)
    assert result.code == 5 and "different vault" in result.err


def test_a_file_that_is_not_an_export_is_unreadable_exit_5(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "notes.json"
    other.write_text('{"shopping": ["bread"]}')
    result = cli("verify", str(other), passphrase_file=None, vault=None)
    assert result.code == 5 and "cannot be read as an export" in result.err


def _forge(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def _strip_salt_and_reword(doc: dict) -> None:  # type: ignore[type-arg]
    version = doc["appointments"][0]["versions"][0]
    del version["proof"]["salt"]
    version["fields"]["account"] = "Words that were never written."
    version["saved_at"] = "2026-03-02T09:30:00+00:00"


def _copy_an_entry_under_a_new_id(doc: dict) -> None:  # type: ignore[type-arg]
    twin = json.loads(json.dumps(doc["appointments"][0]))
    twin["id"] = "f" * 32
    for version in twin["versions"]:
        version["proof"].pop("salt", None)
    doc["appointments"].append(twin)


@pytest.mark.parametrize("change", [_strip_salt_and_reword, _copy_an_entry_under_a_new_id])
def test_a_forged_log_is_caught_with_or_without_the_vault(
    cli, exported: dict[str, Path], new_vault: Vault, change
) -> None:  # type: ignore[no-untyped-def]
    new_vault.close()
    path = exported["json"]
    _forge(path, change)
    alone = cli("verify", str(path), passphrase_file=None, vault=None)
    assert alone.code == 5, alone.out
    # Even if the file claims its free text was left out, the vault knows what it said.
    _forge(path, lambda doc: doc.update(redacted=["free_text"]))
    against = cli("verify", str(path))
    assert against.code == 5 and "Traceback" not in against.err


def test_a_forgery_that_claims_a_redaction_is_told_apart_only_by_the_vault(
    cli, exported: dict[str, Path], new_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    """Free text 'left out' and a date changed: the proofs alone cannot see it, and verify
    says so plainly; the vault can."""
    new_vault.close()
    path = exported["json"]

    def claim_and_change(doc: dict) -> None:  # type: ignore[type-arg]
        doc["redacted"] = ["free_text"]
        for item in doc["appointments"]:
            for version in item["versions"]:
                del version["proof"]["salt"]
                for name in ("account", "impact", "in_earshot_notes", "background_noise_notes",
                             "said_aloud_notes", "private_room_refusal_reason",
                             "staff_stated_location"):  # fmt: skip
                    version["fields"][name] = ""
                version["fields"]["adjustments"] = [
                    {**a, "detail": "", "reason_given": ""}
                    for a in version["fields"]["adjustments"]
                ]
        doc["appointments"][0]["versions"][0]["fields"]["date"] = "2020-01-01"

    _forge(path, claim_and_change)
    alone = cli("verify", str(path), passphrase_file=None, vault=None)
    assert alone.code == 0 and "Intact" not in alone.out
    assert "not when they were saved, what they said or their place" in alone.out
    assert "cannot show whether versions are missing" in alone.out
    assert "agrees with the vault" not in alone.out
    against = cli("verify", str(path))
    assert against.code == 5 and "not what the vault holds" in against.err


@pytest.fixture
def free_text_out(new_vault: Vault, tmp_path: Path) -> tuple[Path, str, str]:
    """Two people, an entry each, exported with their own words left out (so no salts)."""
    alex = new_vault.save(make_person(display_name="Alex Example")).record
    sam = new_vault.save(make_person(display_name="Sam Example")).record
    new_vault.save(make_appointment(alex.id, account="Alex's words."))
    new_vault.save(make_appointment(sam.id, account="Sam's words."))
    path = tmp_path / "ft.json"
    export(new_vault, Format.JSON, ExportOptions(redact=frozenset({Redaction.FREE_TEXT})), path)
    return path, alex.id, sam.id


def test_against_the_vault_an_entry_cannot_change_hands(
    cli, new_vault: Vault, free_text_out: tuple[Path, str, str]
) -> None:  # type: ignore[no-untyped-def]
    path, _alex, sam = free_text_out
    new_vault.close()
    _forge(path, lambda doc: doc["appointments"][0].update(person_id=sam))
    against = cli("verify", str(path))
    assert against.code == 5 and "not what the vault holds" in against.err


def test_an_entry_claimed_to_be_erased_must_have_been(
    cli, new_vault: Vault, free_text_out: tuple[Path, str, str]
) -> None:  # type: ignore[no-untyped-def]
    path, alex, sam = free_text_out
    new_vault.purge_person(sam)
    new_vault.close()
    assert cli("verify", str(path)).code == 0  # the purge is reported, not failed

    original = path.read_text(encoding="utf-8")

    def sams_entry(doc: dict) -> dict:  # type: ignore[type-arg]
        return next(a for a in doc["appointments"] if a["person_id"] == sam)

    # Whose it is sits inside the salted hash of its words, which the file cannot open: only
    # the vault, which knows whose each erased change was, can tell.
    _forge(path, lambda doc: sams_entry(doc).update(person_id=alex))
    assert cli("verify", str(path), passphrase_file=None, vault=None).code == 0
    against = cli("verify", str(path))
    assert against.code == 5 and "not what the vault holds" in against.err

    # Under another id, its leaf (rebuilt from that hash) names another record: caught by
    # the proofs alone.
    path.write_text(original, encoding="utf-8")
    _forge(path, lambda doc: sams_entry(doc).update(person_id=alex, id="f" * 32))
    for kwargs in ({"passphrase_file": None, "vault": None}, {}):
        result = cli("verify", str(path), **kwargs)
        assert result.code == 5 and "is not what the vault held" in result.err


@pytest.mark.parametrize(
    "damage",
    [
        lambda v: v.update(saved_at="garbage"),
        lambda v: v["proof"].pop("rev"),
        lambda v: v.pop("fields"),
    ],
    ids=["a bad time", "no revision", "no fields"],
)
def test_a_malformed_version_is_not_in_the_form_the_app_writes(
    cli, new_vault: Vault, tmp_path: Path, damage
) -> None:  # type: ignore[no-untyped-def]
    person = new_vault.save(make_person()).record
    new_vault.save(make_appointment(person.id))
    path = tmp_path / "ft.json"
    export(new_vault, Format.JSON, ExportOptions(redact=frozenset({Redaction.FREE_TEXT})), path)
    new_vault.close()
    _forge(path, lambda doc: damage(doc["appointments"][0]["versions"][0]))
    for kwargs in ({"passphrase_file": None, "vault": None}, {}):
        result = cli("verify", str(path), **kwargs)
        assert result.code == 5 and "not in the form the app writes" in result.err, result.err


def test_an_entry_with_no_versions_is_not_intact(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    path = exported["json"]
    _forge(path, lambda doc: doc["appointments"][0].update(versions=[]))
    for vault in (None, ...):
        kwargs = {"passphrase_file": None, "vault": None} if vault is None else {}
        result = cli("verify", str(path), **kwargs)
        assert result.code == 5 and result.err.count("\n") <= 2 and "Traceback" not in result.err


@pytest.mark.parametrize(
    "content",
    [b"", b"[" * 100_000, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", b"\x00\xff" * 100],
    ids=["empty", "deeply nested", "a broken pdf", "binary"],
)
def test_odd_files_are_unreadable_in_one_sentence(cli, tmp_path: Path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.pdf"
    path.write_bytes(content)
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 5 and len(result.err.strip().splitlines()) == 1, result.err


def test_a_folder_is_not_a_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("verify", str(tmp_path), passphrase_file=None, vault=None)
    assert result.code == 4 and len(result.err.strip().splitlines()) == 1, result.err


def test_the_pdf_check_says_it_read_the_attached_log(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    result = cli("verify", str(exported["pdf"]), passphrase_file=None, vault=None)
    assert result.code == 0 and "attached" in result.out


def test_a_spreadsheet_export_is_not_mistaken_for_an_altered_one(
    cli, new_vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "log.csv"
    export(new_vault, Format.CSV, ExportOptions(), path)
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 4 and "PDF or JSON" in result.err and "altered" not in result.err


def test_a_reworded_entry_with_its_leaf_rebuilt_from_its_own_salt_fails_its_proof(
    cli, exported: dict[str, Path]
) -> None:  # type: ignore[no-untyped-def]
    """A forger who rewords an entry and recomputes its leaf from the file's own salt still
    cannot make the leaf's audit path lead to the fingerprint: the inclusion proof fails."""
    from companion.export.json_log import leaf_of

    def reword_and_rebuild(doc: dict) -> None:  # type: ignore[type-arg]
        item = doc["appointments"][0]
        version = item["versions"][0]
        version["fields"]["account"] = "Words that were never written."
        rebuilt = leaf_of(
            version, vault_id=doc["vault"]["id"], ns="appointment", record_id=item["id"],
            parent=item["person_id"],
        )  # fmt: skip
        version["proof"]["leaf"] = rebuilt.hex()

    path = exported["json"]
    _forge(path, reword_and_rebuild)
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 5
    assert "does not belong to the vault with this fingerprint" in result.err
    assert "is not what the vault held" not in result.err  # the leaf matched; the proof did not


def test_a_name_given_twice_in_a_log_is_refused_as_an_altered_file(
    cli, exported: dict[str, Path]
) -> None:  # type: ignore[no-untyped-def]
    """A reader keeps one value of a repeated name, verify would check another: refused."""
    repeated = b'"account": "Words that were never written.", "account": '

    def repeat(raw: bytes) -> bytes:
        assert raw.count(b'"account": ') >= 1
        return raw.replace(b'"account": ', repeated, 1)

    exported["json"].write_bytes(repeat(exported["json"].read_bytes()))
    _rewrite_attachment(exported["pdf"], repeat)
    for path in exported.values():
        for kwargs in ({"passphrase_file": None, "vault": None}, {}):
            result = cli("verify", str(path), **kwargs)
            assert result.code == 5, result.err
            assert '"account" is given twice' in result.err
            assert "This file has been altered" in result.err and not result.out


def _first_version(doc: dict) -> dict:  # type: ignore[type-arg]
    """The person's first version: saved change 1, revision 1."""
    return doc["people"][0]["versions"][0]


CRAFTED = {
    "a section that is a number": lambda doc: doc.update(appointments=-1),
    "a section that is an object": lambda doc: doc.update(people={}),
    "a version number that is true": lambda doc: doc.update(version=True),
    "a version number in quotes": lambda doc: doc.update(version="2"),
    "a size in quotes": lambda doc: doc["vault"].update(size=str(doc["vault"]["size"])),
    "a size with a decimal point": lambda doc: doc["vault"].update(size=doc["vault"]["size"] * 1.0),
    "a root with a line break": lambda doc: doc["vault"].update(root=doc["vault"]["root"] + "\n"),
    "a saved change numbered true": lambda doc: _first_version(doc)["proof"].update(seq=True),
    "a saved change numbered in quotes": lambda doc: _first_version(doc)["proof"].update(seq="1"),
    "a revision numbered true": lambda doc: _first_version(doc)["proof"].update(rev=True),
    "a revision numbered 1.0": lambda doc: _first_version(doc)["proof"].update(rev=1.0),
    "a leaf in capitals": lambda doc: _first_version(doc)["proof"].update(
        leaf=_first_version(doc)["proof"]["leaf"].upper()
    ),
    "a time written another way": lambda doc: _first_version(doc).update(
        saved_at=_first_version(doc)["saved_at"].replace("+00:00", "Z")
    ),
    "a path that is text": lambda doc: _first_version(doc)["proof"].update(path="abc"),
    "a salt that is a number": lambda doc: _first_version(doc)["proof"].update(salt=7),
    "fields that are a list": lambda doc: _first_version(doc).update(fields=[]),
    "a proof that is a list": lambda doc: _first_version(doc).update(proof=[]),
    "an import time that is a number": lambda doc: _first_version(doc).update(imported_at=0),
    "a keeper that is a number": lambda doc: doc.update(keeper=5),
    "removals that are not a list": lambda doc: doc.update(redacted="ni_number"),
    "a removal that is a number": lambda doc: doc.update(left_out=[1]),
    "a section the app never writes": lambda doc: doc.update(notes=["Checked by DWP."]),
    "a field the app never writes": lambda doc: _first_version(doc).update(note="Corrected."),
    "a record with no versions": lambda doc: doc["appointments"][0].update(versions=[]),
}


@pytest.mark.parametrize("change", CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_log_is_refused_in_plain_words_never_an_internal_error(
    cli, exported: dict[str, Path], change
) -> None:  # type: ignore[no-untyped-def]
    """Every value must be of the kind the app writes (true is not a number in a log, "1"
    is not 1, and a time is written one way): several of these once passed as intact."""
    path = exported["json"]
    _forge(path, change)
    for kwargs in ({"passphrase_file": None, "vault": None}, {}):
        result = cli("verify", str(path), **kwargs)
        assert result.code == 5, result.out + result.err
        assert "This file has been altered" in result.err and "Intact" not in result.out
        assert "Something went wrong" not in result.err


def test_a_pipe_a_device_or_a_huge_file_is_refused_in_one_sentence(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    from companion.verification import MAX_FILE_BYTES

    pipe = tmp_path / "x.json"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, or read
    for path in (pipe, Path("/dev/zero"), huge):
        result = cli("verify", str(path), passphrase_file=None, vault=None)
        assert result.code == 4 and len(result.err.strip().splitlines()) == 1, result.err
        assert "ordinary file" in result.err or "smaller than" in result.err


def test_a_removal_claimed_over_words_still_there_is_caught(cli, exported: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    """A file that says the person's own words were left out, yet shows them, was not made
    by the app as it says: someone changed what it says it leaves out."""
    path = exported["json"]
    _forge(path, lambda doc: doc.update(redacted=["free_text"]))
    result = cli("verify", str(path), passphrase_file=None, vault=None)
    assert result.code == 5 and "shows what the file says was left out of it" in result.err
