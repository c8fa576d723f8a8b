"""Forged exports: an edited history, or an edited page, never passes `companion verify`.

One vault, two people, appointments corrected once and twice, and events, is exported as a
JSON log in full, as a JSON log with free text and NI numbers left out (whose versions carry
the salted hash of their words instead of their salt), and as a PDF. Then, for each log
(the one in the PDF rewritten as a careful forger would, with the PDF's page list made to
match it):

- every single version taken out,
- every two neighbouring versions of a record swapped,
- every version given twice,
- every field of one version edited (its words, its details and its proof),

is checked with and without the vault. The one thing the file alone cannot show, a
record's latest correction taken out, is checked to be said plainly, and caught with the
vault. A PDF's pages: every byte of a page's content stream flipped, single bytes flipped
across the whole file, a page's text map, notes, properties and page count changed.

Every case is a parameter, enumerated at collection from SHAPE and the model's fields, so
the run's summary counts each; the loops over bytes count their cases with attack_cases.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import re
import zlib
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject

from companion import codec, paths, verification
from companion.export import Format, render
from companion.export.options import ExportOptions, Redaction
from companion.export.pdf_pages import LOG_ATTACHMENT, PAGES_ATTACHMENT, PageHasher
from companion.model import Appointment
from companion.query import Selection
from companion.vault import Vault
from tests.attack import attack_cases
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, MemoryKeyring
from tests.readback import pages_text

# How many versions each record in the logs has, in the order the logs list them.
SHAPE: dict[str, tuple[int, ...]] = {
    "people": (2, 1),  # Alex (their benefits corrected), Sam
    "appointments": (3, 1, 2),  # Alex's, corrected twice; Alex's; Sam's, corrected once
    "events": (2, 1),  # Alex's letter, corrected once; Sam's
}
FORMS = ("json", "json with words left out", "pdf")

VERSIONS = [
    (section, r, v) for section, counts in SHAPE.items() for r, n in enumerate(counts)
    for v in range(n)
]  # fmt: skip
NEIGHBOURS = [
    (section, r, v) for section, counts in SHAPE.items() for r, n in enumerate(counts)
    for v in range(n - 1)
]  # fmt: skip
EDITED = ("appointments", 0, 1)  # the middle version of the entry corrected twice
EDITS = (
    [("fields", name) for name in codec.field_names(Appointment)]
    + [("version", "saved_at"), ("version", "imported_at")]
    + [("proof", key) for key in ("seq", "rev", "op", "leaf", "path", "salt or digest")]
    + [("record", "id"), ("record", "person_id")]
)
# Every case below, counted: (forms x versions taken out, swapped, given twice) and
# (forms x fields edited), each with and without the vault.
CASES = 2 * len(FORMS) * (2 * len(VERSIONS) + len(NEIGHBOURS) + len(EDITS))


def _id(case: tuple[str, int, int]) -> str:
    section, r, v = case
    return f"{section}[{r}].versions[{v}]"


@dataclasses.dataclass
class Made:
    vault: Path
    logs: dict[str, bytes]  # by form: the JSON logs, and the PDF itself
    short_pdf: bytes  # one person's first appointment alone: two pages


@contextlib.contextmanager
def _own_folders(home: Path) -> Iterator[None]:
    """What tests/conftest.py does for each test, for a fixture shared by the module."""
    previous = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        patch.setattr(paths, "data_dir", lambda: home / "data")
        patch.setattr(paths, "config_dir", lambda: home / "config")
        patch.delenv("COMPANION_PASSPHRASE", raising=False)
        keyring.set_keyring(MemoryKeyring())
        try:
            yield
        finally:
            keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    home = tmp_path_factory.mktemp("forgery")
    with _own_folders(home):
        clock = Clock()
        path = home / "records.companion"
        vault, _ = Vault.create(path, PASSPHRASE, policy=FAST_KDF, clock=clock)

        def later(record: Any, **changes: Any) -> None:
            clock.advance(days=1)
            vault.save(dataclasses.replace(record, **changes))

        alex = vault.save(make_person(display_name="Alex Example")).record
        sam = vault.save(make_person(display_name="Sam Example", ni_number="AB123456D")).record
        twice = vault.save(make_appointment(alex.id, date=date(2026, 1, 5))).record
        once = vault.save(make_appointment(sam.id, date=date(2026, 1, 7))).record
        vault.save(make_appointment(alex.id, date=date(2026, 1, 10), account="Just once."))
        letter = vault.save(make_event(alex.id, date=date(2026, 1, 12))).record
        vault.save(make_event(sam.id, date=date(2026, 1, 14)))
        later(twice, account="Corrected the next day.", staff_name="Work coach Jo")
        later(twice, account="Corrected again.", distress=9)
        later(once, impact="Added later.")
        later(letter, summary="Corrected summary.")
        later(alex, benefits=alex.benefits[:1])
        logs = {
            "json": render(vault, Format.JSON, ExportOptions(show_ni_number=True)),
            "json with words left out": render(
                vault, Format.JSON, ExportOptions(redact=frozenset({Redaction.FREE_TEXT}))
            ),
            "pdf": render(vault, Format.PDF, ExportOptions(show_ni_number=True)),
        }
        short = ExportOptions(selection=Selection(person_ids=frozenset({sam.id})))
        short_pdf = render(vault, Format.PDF, short)
        vault.close()
    made = Made(path, logs, short_pdf)
    for form in FORMS:
        doc = _log_of(made, form)
        assert {s: tuple(len(i["versions"]) for i in doc[s]) for s in SHAPE} == SHAPE
        assert sorted(doc["appointments"][0]["versions"][1]["fields"]) == sorted(
            codec.field_names(Appointment)
        )
    return made


def _log_of(made: Made, form: str) -> dict[str, Any]:
    data = made.logs[form]
    if form == "pdf":
        data = PdfReader(io.BytesIO(data)).attachments[LOG_ATTACHMENT][0]
    return json.loads(data)


# -- rewriting a PDF as a forger would: an incremental update, nothing else moved --------


_STARTXREF = re.compile(rb"startxref\s*(\d+)\s*%%EOF\s*$")


def append_objects(pdf: bytes, objects: dict[int, bytes]) -> bytes:
    """New bodies for objects (by number, old or new), appended as an incremental update."""
    reader = PdfReader(io.BytesIO(pdf))
    previous = int(_STARTXREF.search(pdf).group(1))  # type: ignore[union-attr]
    body = bytearray(pdf)
    entries = []
    for number in sorted(objects):
        entries.append(b"%d 1\n%010d 00000 n \n" % (number, len(body)))
        body += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(body)
    trailer = DictionaryObject(
        {NameObject(k): reader.trailer.raw_get(k) for k in reader.trailer if k != "/Prev"}
    )
    trailer[NameObject("/Prev")] = NumberObject(previous)
    size = max(int(reader.trailer["/Size"]), max(objects) + 1)
    trailer[NameObject("/Size")] = NumberObject(size)
    written = io.BytesIO()
    trailer.write_to_stream(written)
    body += b"xref\n" + b"".join(entries) + b"trailer\n" + written.getvalue()
    body += b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(body)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    head = b"<< %s /Filter /FlateDecode /Length %d >>\nstream\n" % (entries, len(packed))
    return head + packed + b"\nendstream"


def attachment_objects(pdf: bytes) -> dict[str, int]:
    """The object number of each attached file's data, by its name."""
    reader = PdfReader(io.BytesIO(pdf))
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    return {
        str(names[i]): names[i + 1].get_object()["/EF"].raw_get("/F").idnum
        for i in range(0, len(names), 2)
    }


def forge_pdf_log(pdf: bytes, change: Callable[[dict[str, Any]], Any]) -> bytes:
    """The PDF with its log changed, and the page list's hash of the log made to match."""
    files = PdfReader(io.BytesIO(pdf)).attachments
    doc = json.loads(files[LOG_ATTACHMENT][0])
    change(doc)
    log = json.dumps(doc, ensure_ascii=False).encode()
    listed = json.loads(files[PAGES_ATTACHMENT][0])
    listed["log"] = hashlib.sha256(log).hexdigest()
    numbers = attachment_objects(pdf)
    return append_objects(
        pdf,
        {
            numbers[LOG_ATTACHMENT]: stream(log, b"/Type /EmbeddedFile"),
            numbers[PAGES_ATTACHMENT]: stream(json.dumps(listed).encode(), b"/Type /EmbeddedFile"),
        },
    )


def forged(made: Made, form: str, folder: Path, change: Callable[[dict[str, Any]], Any]) -> Path:
    if form == "pdf":
        path = folder / "forged.pdf"
        path.write_bytes(forge_pdf_log(made.logs["pdf"], change))
        return path
    doc = _log_of(made, form)
    change(doc)
    path = folder / "forged.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def verify(cli, path: Path, made: Made | None = None):  # type: ignore[no-untyped-def]
    """`companion verify FILE`, with `--vault` when `made` is given."""
    if made is None:
        return cli("verify", str(path), passphrase_file=None, vault=None)
    return cli("verify", str(path), vault=made.vault)


def assert_caught(result) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 5, result.out + result.err
    assert "This file has been altered" in result.err
    assert "Intact" not in result.out and "agrees with the vault" not in result.out


# -- a log's history -----------------------------------------------------------------


def test_every_untouched_export_verifies(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for form in FORMS:
        path = forged(made, form, tmp_path, lambda doc: None)
        for result in (verify(cli, path), verify(cli, path, made)):
            assert result.code == 0, result.err
    assert "Every record has every version the vault held" in verify(cli, path, made).out


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", VERSIONS, ids=_id)
def test_taking_out_any_one_version_is_caught(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path, form: str, case: tuple[str, int, int]
) -> None:
    section, r, v = case
    path = forged(made, form, tmp_path, lambda doc: doc[section][r]["versions"].pop(v))
    assert_caught(verify(cli, path, made))
    alone = verify(cli, path)
    count = SHAPE[section][r]
    if count > 1 and v == count - 1:
        # The latest correction: what is left still runs 1, 2, ... The file alone cannot
        # tell, and says so; it never claims to agree with the vault.
        assert alone.code == 0, alone.err
        assert "The file alone cannot show that a record's latest correction" in alone.out
        assert "agrees with the vault" not in alone.out
    else:
        assert_caught(alone)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", NEIGHBOURS, ids=_id)
def test_swapping_two_neighbouring_versions_is_caught(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path, form: str, case: tuple[str, int, int]
) -> None:
    section, r, v = case

    def swap(doc: dict[str, Any]) -> None:
        versions = doc[section][r]["versions"]
        versions[v], versions[v + 1] = versions[v + 1], versions[v]

    path = forged(made, form, tmp_path, swap)
    for result in (verify(cli, path), verify(cli, path, made)):
        assert_caught(result)
        assert "out of order" in result.err


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", VERSIONS, ids=_id)
def test_giving_any_version_twice_is_caught(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path, form: str, case: tuple[str, int, int]
) -> None:
    section, r, v = case

    def repeat(doc: dict[str, Any]) -> None:
        versions = doc[section][r]["versions"]
        versions.insert(v + 1, json.loads(json.dumps(versions[v])))

    path = forged(made, form, tmp_path, repeat)
    for result in (verify(cli, path), verify(cli, path, made)):
        assert_caught(result)
        assert "more than once" in result.err


def _edited(value: Any) -> Any:
    """The same kind of value, changed as little as it can be."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if value is None:
        return "yes"
    if isinstance(value, list):
        return value[:-1] if value else ["other"]
    assert isinstance(value, str), value
    if re.fullmatch(r"[0-9a-f]{32,}", value):
        return value[:-1] + ("0" if value[-1] != "0" else "1")
    for kind, step in ((date, timedelta(days=1)), (datetime, timedelta(seconds=1))):
        with contextlib.suppress(ValueError):
            return (kind.fromisoformat(value) + step).isoformat()  # type: ignore[attr-defined]
    with contextlib.suppress(ValueError):
        moved = datetime.combine(date(2026, 1, 1), time.fromisoformat(value)) + timedelta(minutes=1)
        return moved.time().isoformat(timespec="minutes")
    return value + "." if value else "Something."


def _edit(doc: dict[str, Any], where: str, name: str) -> None:
    section, r, v = EDITED
    record = doc[section][r]
    version = record["versions"][v]
    if where == "record":
        record[name] = _edited(record[name])
    elif where == "version":
        previous = version[name]
        version[name] = version["saved_at"] if previous is None else _edited(previous)
    elif where == "proof":
        proof = version["proof"]
        key = ("salt" if "salt" in proof else "digest") if name == "salt or digest" else name
        proof[key] = "create" if key == "op" else _edited(proof[key])
    else:
        version["fields"][name] = _edited(version["fields"][name])


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("edit", EDITS, ids=lambda e: ".".join(e))
def test_editing_any_field_of_a_version_is_caught(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path, form: str, edit: tuple[str, str]
) -> None:
    where, name = edit
    before = json.dumps(_log_of(made, form), sort_keys=True)
    path = forged(made, form, tmp_path, lambda doc: _edit(doc, where, name))
    assert json.dumps(json.loads(_read_log(path)), sort_keys=True) != before  # it did change
    assert_caught(verify(cli, path, made))
    alone = verify(cli, path)
    if form == "json with words left out" and where == "fields":
        # Its words are proven only by the vault; the file alone says it cannot show them,
        # unless the edit filled in what the file says was left out. (Whose it is, in the
        # salted hash too, is checked below: here the edit names nobody in the file.)
        assert alone.code in (0, 5), alone.err
        if alone.code == 0:
            assert "Intact" not in alone.out
            assert "but not its words or whose record it is" in alone.out
    else:
        assert_caught(alone)


def _read_log(path: Path) -> bytes:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return PdfReader(io.BytesIO(data)).attachments[LOG_ATTACHMENT][0]
    return data


# Parts of a log that no proof covers: what it was for, its reference, its cover's words,
# who kept it and when it was written (each must still be of the right kind).
UNPROVEN = {"purpose", "reference", "leaves_out", "keeper", "exported_at", "version"}


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _leaves(item, (*path, n))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 2**40) | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                               max_size=3),
    max_leaves=6,
)  # fmt: skip


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_value_anywhere_in_a_log_replaced_is_caught_unless_no_proof_covers_it(
    made: Made, data: st.DataObject
) -> None:
    doc = _log_of(made, "json")
    paths_in_doc = [p for p in _leaves(doc) if p]
    where = data.draw(st.sampled_from(paths_in_doc))
    new = data.draw(json_values)
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    old = parent[where[-1]]
    if type(new) is type(old) and new == old:
        return
    parent[where[-1]] = new
    check = verification.check_log(doc)  # never raises, whatever the file holds
    if check.intact:
        # Whole entries taken out cannot show (an export may hold any selection of them).
        whole_entries_out = len(where) == 1 and new == [] and where[0] in SHAPE
        assert where[0] in UNPROVEN or whole_entries_out, where
    attack_cases(1)


# -- a PDF's pages -------------------------------------------------------------------


def _content_stream(pdf: bytes, page: int) -> tuple[tuple[int, int], int, int]:
    """A page's content stream: its object, and where its bytes start and end in the file."""
    reader = PdfReader(io.BytesIO(pdf))
    ref = reader.pages[page].raw_get("/Contents")
    head = re.compile(
        rb"(?:^|[\r\n])%d %d obj\s*<<(.*?)>>\s*stream\r?\n" % (ref.idnum, ref.generation), re.S
    ).search(pdf)
    assert head is not None
    given = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head.group(1))
    assert given is not None
    length = int(given.group(1))
    if given.group(2):  # the length is an object of its own, as Qt writes it
        length = int(reader.get_object(length))  # type: ignore[call-overload]
    return (ref.idnum, ref.generation), head.end(), head.end() + length


def _shown(reader: PdfReader, page: int) -> bytes | None:
    try:
        return reader.pages[page]["/Contents"].get_object().get_data()
    except Exception:
        return None


def test_every_byte_of_a_pages_content_flipped_is_caught_if_it_changes_the_page(
    made: Made,
) -> None:
    """Each byte of the entry page's content stream flipped in turn: whenever what the page
    shows changes, so does its hash (the fonts and resources around it, unchanged by the
    flip, are hashed once, from the file as made)."""
    pdf = made.logs["pdf"]
    page = 1
    original = PdfReader(io.BytesIO(pdf))
    hasher = PageHasher(original)
    wanted = hasher.page(page)
    listed = json.loads(original.attachments[PAGES_ATTACHMENT][0])["pages"]
    assert wanted == listed[page]
    key, start, end = _content_stream(pdf, page)
    shown = _shown(original, page)
    unchanged = {k: v for k, v in hasher.done.items() if k != key}
    changing = 0
    for offset in range(start, end):
        flipped = bytearray(pdf)
        flipped[offset] ^= 0xFF
        reader = PdfReader(io.BytesIO(bytes(flipped)))
        if _shown(reader, page) == shown:
            continue  # the page is the same (a flip in the stream's checksum, say)
        changing += 1
        again = PageHasher(reader)
        again.done.update(unchanged)
        try:
            found = again.page(page)
        except Exception:
            found = None  # a page that cannot be read is reported as changed
        assert found != wanted, offset
    attack_cases(end - start)
    assert changing > (end - start) * 0.9


@pytest.mark.parametrize("page", [0, 1])
def test_flipped_bytes_in_a_pages_content_are_reported_naming_the_page(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path, page: int
) -> None:
    pdf = made.logs["pdf"]
    _key, start, end = _content_stream(pdf, page)
    shown = _shown(PdfReader(io.BytesIO(pdf)), page)
    path = tmp_path / "flipped.pdf"
    offsets = [*range(start, start + 48), *range(start + 48, end - 8, 97), *range(end - 8, end)]
    for offset in offsets:
        flipped = bytearray(pdf)
        flipped[offset] ^= 0xFF
        path.write_bytes(bytes(flipped))
        result = verify(cli, path)
        if _shown(PdfReader(io.BytesIO(bytes(flipped))), page) == shown:
            assert result.code in (0, 5)
            continue
        assert_caught(result)
        assert f"Page {page + 1} has been changed since the file was made." in result.err
    attack_cases(len(offsets))


def test_no_single_changed_byte_anywhere_in_a_pdf_passes_with_other_words(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path
) -> None:
    """Single bytes changed across the whole file (as the attack that found this did): when
    verify passes, the pages read exactly as before and the log is the same."""
    pdf = made.short_pdf
    texts = pages_text(pdf)
    log = PdfReader(io.BytesIO(pdf)).attachments[LOG_ATTACHMENT][0]
    path = tmp_path / "changed.pdf"
    offsets = range(0, len(pdf), max(1, len(pdf) // 150))
    passed = 0
    for offset in offsets:
        changed = bytearray(pdf)
        changed[offset] = (changed[offset] + 1) % 256
        path.write_bytes(bytes(changed))
        result = verify(cli, path)
        assert result.code in (0, 5), result.err
        if result.code == 0:
            passed += 1
            reader = PdfReader(io.BytesIO(bytes(changed)))
            assert reader.attachments[LOG_ATTACHMENT][0] == log, offset
            assert pages_text(bytes(changed)) == texts, offset
    attack_cases(len(offsets))
    assert passed < len(offsets) / 4  # most bytes of a PDF are what its pages are drawn from


def _pdf_path(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "changed.pdf"
    path.write_bytes(data)
    return path


def test_a_changed_text_map_is_reported(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The map from glyphs back to letters decides what is copied, searched and read aloud:
    changing it changes the words without touching the page's drawing."""
    pdf = made.logs["pdf"]
    at = pdf.index(b"[<", pdf.index(b"beginbfrange")) + 2  # the first letter a range maps to
    changed = bytearray(pdf)
    changed[at + 3] = ord("3") if changed[at + 3] != ord("3") else ord("4")  # R is now S, say
    assert pages_text(bytes(changed)) != pages_text(pdf)  # the same drawing, other words
    result = verify(cli, _pdf_path(tmp_path, bytes(changed)))
    assert_caught(result)
    assert "have been changed since the file was made" in result.err


def test_a_note_added_to_a_page_is_reported(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = made.logs["pdf"]
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[1]
    note = b"<< /Type /Annot /Subtype /FreeText /Rect [50 50 300 80] /Contents (Not true) >>"
    number = int(reader.trailer["/Size"])
    annots = page.raw_get("/Annots")
    forged = append_objects(pdf, {number: note, annots.idnum: b"[ %d 0 R ]" % number})
    result = verify(cli, _pdf_path(tmp_path, forged))
    assert_caught(result)
    assert "Page 2 has been changed since the file was made." in result.err


def test_changed_document_properties_are_reported(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = made.logs["pdf"]
    reader = PdfReader(io.BytesIO(pdf))
    info = reader.trailer.raw_get("/Info")
    forged = append_objects(pdf, {info.idnum: b"<< /Author (Someone Else) >>"})
    result = verify(cli, _pdf_path(tmp_path, forged))
    assert_caught(result)
    assert "document properties" in result.err


def test_a_page_taken_out_is_reported(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(made.logs["pdf"])))
    pages = len(writer.pages)
    writer.remove_page(pages - 1)
    out = io.BytesIO()
    writer.write(out)
    result = verify(cli, _pdf_path(tmp_path, out.getvalue()))
    assert_caught(result)
    assert f"The PDF has {pages - 1} pages, but it had {pages} when it was made." in result.err
    assert "have been changed" not in result.err  # the others are as they were


def _without(pdf: bytes, name: str, extra: tuple[str, bytes] | None = None) -> bytes:
    """The PDF with one attachment taken out (and another added, if given)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    tree = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(tree), 2):
        if str(tree[i]) == name:
            del tree[i : i + 2]
            break
    if extra is not None:
        writer.add_attachment(*extra)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_without_its_page_list_says_its_pages_were_not_checked(  # type: ignore[no-untyped-def]
    cli, made: Made, tmp_path: Path
) -> None:
    """As a PDF made before pages were listed: its log is checked, and the report says
    plainly that the pages were not."""
    result = verify(cli, _pdf_path(tmp_path, _without(made.logs["pdf"], PAGES_ATTACHMENT)))
    assert result.code == 0, result.err
    assert "The pages were not checked" in result.out
    assert "pages are as they were" not in result.out


def test_a_file_attached_later_is_reported(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    extra = ("corrected-log.json", b"{}")
    data = _without(made.logs["pdf"], "nothing", extra)
    result = verify(cli, _pdf_path(tmp_path, data))
    assert_caught(result)
    assert "1 attached files that the app did not put there" in result.err


def test_another_log_put_in_its_place_is_reported(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Another genuine log from the same vault (here, one leaving out the words), put in the
    PDF in place of its own: every proof holds, but it is not the log the pages came with."""
    pdf = made.logs["pdf"]
    other = made.logs["json with words left out"].rstrip(b"\n")
    numbers = attachment_objects(pdf)
    forged = append_objects(pdf, {numbers[LOG_ATTACHMENT]: stream(other, b"/Type /EmbeddedFile")})
    result = verify(cli, _pdf_path(tmp_path, forged))
    assert_caught(result)
    assert "The log attached to the PDF is not the one it was made with." in result.err


def test_a_pdf_carrying_two_logs_is_refused(cli, made: Made, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = made.logs["pdf"]
    data = _without(pdf, "nothing", (LOG_ATTACHMENT, made.logs["json"]))
    result = verify(cli, _pdf_path(tmp_path, data))
    assert result.code == 5 and "more than one log" in result.err, result.err
