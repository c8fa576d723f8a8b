"""A fingerprint of every page of an exported PDF, attached to it, so a changed page shows.

The attached log proves the entries; the pages are drawn from them, but a
PDF editor can change a page's words without touching the log. So once the
PDF is finished, each page is hashed as a PDF reader sees it: the page's
objects and everything they use (its content streams, decompressed; its
fonts, with the maps that turn glyphs back into text; its images and any
notes or links on it), each object hashed by what it holds, not where it
sits in the file. The document's properties (title, author, subject, and the
same in its XMP metadata) and the rest of its catalogue are hashed too.

The list goes into a second attachment, `appointment-pages.json`, with the
SHA-256 of the attached log, added as an incremental update: nothing already
written moves, so the pages hash the same when the file is checked. It is
not in the log itself, so the log stays the same in every format (and can
still be imported). Like the log's wording outside its proofs, the list is
not covered by the vault's fingerprint: it shows a page was edited after
the file was made, not that a forger could not have rewritten the list too.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PdfReader

LOG_ATTACHMENT = "appointment-log.json"
PAGES_ATTACHMENT = "appointment-pages.json"
PAGES_FORMAT = "appointment-privacy-companion/pages"
PAGES_VERSION = 1

# Attributes a page may take from the page tree above it (ISO 32000-1, 7.7.3.4).
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
# How a stream is encoded, not what it holds: its decoded data is hashed instead.
_ENCODING = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL"})
# The catalogue's entries covered elsewhere: the pages one by one, the attachments by name.
_CATALOGUE_ELSEWHERE = frozenset({"/Pages", "/Names"})


@dataclass(frozen=True)
class Digests:
    pages: list[str]  # SHA-256, hex, of each page in order
    document: str  # SHA-256, hex, of the properties and the rest of the catalogue


class PageHasher:
    """Hashes PDF objects by content. An object used by many pages (a font) is hashed once;
    a reference to a page is written as its page number, so no page's hash depends on
    another's; any other loop is cut at the object already being hashed."""

    def __init__(self, reader: PdfReader) -> None:
        from pypdf import generic

        self.pdf = generic  # imported here, so the app never loads pypdf until it is needed
        self.reader = reader
        self.done: dict[tuple[int, int], bytes] = {}
        self.busy: set[tuple[int, int]] = set()
        self.page_numbers: dict[tuple[int, int], int] = {}
        for number, page in enumerate(reader.pages):
            ref = page.indirect_reference
            if ref is not None:
                self.page_numbers[(ref.idnum, ref.generation)] = number

    def value(self, obj: Any) -> bytes:
        pdf = self.pdf
        if isinstance(obj, pdf.IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in self.page_numbers:
                return b"page %d;" % self.page_numbers[key]
            if key in self.done:
                return self.done[key]
            if key in self.busy:
                return b"loop;"
            self.busy.add(key)
            digest = b"ref " + hashlib.sha256(self.value(obj.get_object())).digest()
            self.busy.discard(key)
            self.done[key] = digest
            return digest
        if isinstance(obj, pdf.NameObject):
            return b"name " + _sized(str(obj).encode("utf-8", "surrogatepass"))
        if isinstance(obj, pdf.StreamObject):
            data = hashlib.sha256(obj.get_data()).digest()
            return b"stream " + self.dictionary(obj, _ENCODING) + data
        if isinstance(obj, pdf.DictionaryObject):
            return self.dictionary(obj)
        if isinstance(obj, pdf.ArrayObject):
            return b"[" + b"".join(self.value(item) for item in obj) + b"]"
        if isinstance(obj, pdf.BooleanObject):
            return b"true;" if obj else b"false;"
        if isinstance(obj, pdf.NumberObject | pdf.FloatObject):
            return b"number " + _number(obj) + b";"
        if isinstance(obj, pdf.TextStringObject):
            return b"text " + _sized(obj.get_original_bytes())
        if isinstance(obj, pdf.ByteStringObject):
            return b"text " + _sized(bytes(obj))
        if obj is None or isinstance(obj, pdf.NullObject):
            return b"null;"
        raise TypeError(type(obj).__name__)

    def dictionary(self, obj: Any, leave_out: frozenset[str] = frozenset()) -> bytes:
        parts = [
            self.value(self.pdf.NameObject(key)) + self.value(obj.raw_get(key))
            for key in sorted(obj.keys())
            if key not in leave_out
        ]
        return b"<<" + b"".join(parts) + b">>"

    def page(self, number: int) -> str:
        from pypdf.generic import DictionaryObject

        page = self.reader.pages[number]
        own = DictionaryObject({_name(key): page.raw_get(key) for key in page})
        own.pop(_name("/Parent"), None)  # the tree it hangs from; what it inherits is below
        node, seen = page.get("/Parent"), 0
        while node is not None and seen < 64:
            node = node.get_object()
            for key in _INHERITED:
                if key not in own and key in node:
                    own[_name(key)] = node.raw_get(key)
            node, seen = node.get("/Parent"), seen + 1
        return hashlib.sha256(self.dictionary(own)).hexdigest()

    def document(self) -> str:
        catalogue = self.reader.trailer["/Root"].get_object()
        parts = [self.dictionary(catalogue, _CATALOGUE_ELSEWHERE)]
        names = catalogue.get("/Names")
        if names is not None:  # other name trees (scripts, destinations), not the attachments
            parts.append(self.dictionary(names.get_object(), frozenset({"/EmbeddedFiles"})))
        info = self.reader.trailer.get("/Info")
        parts.append(b"null;" if info is None else self.dictionary(info.get_object()))
        return hashlib.sha256(b"".join(parts)).hexdigest()


def _name(key: str) -> Any:
    from pypdf.generic import NameObject

    return NameObject(key)


def _number(value: Any) -> bytes:
    """A number by its value, not by how it is written: 595, 595.0 and 595.000000 are one."""
    number = float(value)
    if number.is_integer() and abs(number) < 2**53:
        return b"%d" % int(number)
    return repr(number).encode()


def _sized(raw: bytes) -> bytes:
    return b"%d:" % len(raw) + raw


def digests(reader: PdfReader) -> Digests:
    """The hash of every page and of the document around them, as a PDF reader sees them.

    Raises whatever the reader raises for a file it cannot read."""
    hasher = PageHasher(reader)
    return Digests([hasher.page(n) for n in range(len(reader.pages))], hasher.document())


def page_list(found: Digests, log: bytes) -> bytes:
    """The attachment's bytes: the page hashes and the hash of the log they came with."""
    doc = {
        "format": PAGES_FORMAT,
        "version": PAGES_VERSION,
        "log": hashlib.sha256(log).hexdigest(),
        "document": found.document,
        "pages": found.pages,
    }
    return (json.dumps(doc, indent=1) + "\n").encode()


_STARTXREF = re.compile(rb"startxref\s*(\d+)\s*%%EOF\s*$")


def add_page_list(pdf: bytes, log: bytes) -> bytes:
    """The finished PDF with its page list attached beside `log` (the attached log's bytes).

    The list is appended as an incremental update (ISO 32000-1, 7.5.6): the new file, its
    file specification, a new names dictionary and the catalogue pointing at it. No page
    object is rewritten, so the pages hash the same in the result as they did here.
    """
    from pypdf import PdfReader

    if _STARTXREF.search(pdf, max(0, len(pdf) - 1024)) is None:
        pdf = _rewritten(pdf)  # not laid out as Qt writes a file: write it plainly first
    reader = PdfReader(io.BytesIO(pdf))
    listed = page_list(digests(reader), log)
    return _append_attachment(pdf, reader, PAGES_ATTACHMENT, listed)


def _rewritten(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    out = io.BytesIO()
    PdfWriter(clone_from=PdfReader(io.BytesIO(pdf))).write(out)
    return out.getvalue()


def _serialised(obj: Any) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _key_bytes(key: Any) -> bytes:
    original = getattr(key, "get_original_bytes", None)
    return original() if original is not None else bytes(key)


def _append_attachment(pdf: bytes, reader: PdfReader, name: str, data: bytes) -> bytes:
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    match = _STARTXREF.search(pdf, max(0, len(pdf) - 1024))
    assert match is not None  # add_page_list has made sure of it
    trailer = reader.trailer
    first = int(trailer["/Size"])
    root = trailer.raw_get("/Root")
    catalogue = root.get_object()
    old_names = catalogue.get("/Names")
    names = DictionaryObject()
    if old_names is not None:
        old_names = old_names.get_object()
        names.update({_name(k): old_names.raw_get(k) for k in old_names})
    files = names.get("/EmbeddedFiles")
    pairs: list[tuple[Any, Any]] = []
    if files is not None:
        listed = files.get_object().get("/Names", ArrayObject())
        pairs = [(listed[i], listed[i + 1]) for i in range(0, len(listed) - 1, 2)]
    pairs = [(key, ref) for key, ref in pairs if str(key) != name]
    # Written as Qt writes the log's name (UTF-16 with its byte-order mark), since a name
    # tree is kept in the order of its keys' bytes.
    key = ByteStringObject(b"\xfe\xff" + name.encode("utf-16-be"))
    pairs.append((key, IndirectObject(first + 1, 0, reader)))
    pairs.sort(key=lambda pair: _key_bytes(pair[0]))
    names[NameObject("/EmbeddedFiles")] = DictionaryObject(
        {NameObject("/Names"): ArrayObject([item for pair in pairs for item in pair])}
    )
    new_catalogue = DictionaryObject({_name(k): catalogue.raw_get(k) for k in catalogue})
    new_catalogue[NameObject("/Names")] = IndirectObject(first + 2, 0, reader)

    packed = zlib.compress(data)
    stream = (
        b"<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode "
        b"/Length %d /Params << /Size %d >> >>\nstream\n"
        % (len(packed), len(data))
        + packed
        + b"\nendstream"
    )
    spec = _serialised(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Filespec"),
                NameObject("/F"): TextStringObject(name),
                NameObject("/UF"): TextStringObject(name),
                NameObject("/EF"): DictionaryObject(
                    {NameObject("/F"): IndirectObject(first, 0, reader)}
                ),
            }
        )
    )
    objects = [
        (root.idnum, root.generation, _serialised(new_catalogue)),
        (first, 0, stream),
        (first + 1, 0, spec),
        (first + 2, 0, _serialised(names)),
    ]
    body = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = []
    for number, generation, content in objects:
        offsets.append(len(body))
        body += b"%d %d obj\n" % (number, generation) + content + b"\nendobj\n"
    xref_at = len(body)
    (root_offset, *new_offsets) = offsets
    body += b"xref\n%d 1\n%010d %05d n \n" % (root.idnum, root_offset, root.generation)
    body += b"%d %d\n" % (first, len(new_offsets))
    body += b"".join(b"%010d 00000 n \n" % offset for offset in new_offsets)
    new_trailer = DictionaryObject(
        {_name(k): trailer.raw_get(k) for k in trailer if k not in ("/Prev", "/XRefStm")}
    )
    new_trailer[NameObject("/Size")] = NumberObject(first + len(new_offsets))
    new_trailer[NameObject("/Prev")] = NumberObject(int(match.group(1)))
    body += b"trailer\n" + _serialised(new_trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(body)
