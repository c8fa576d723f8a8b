"""Make the spaces in Qt's PDFs read as spaces.

Qt's PDF writer gives the space glyph no Unicode mapping (with some fonts it
maps it to a tab instead), so text copied from the PDF, searched in it or read
aloud by a screen reader runs words together. This rewrites each font's
ToUnicode map: a code with no mapping, or mapped to a control character, whose
width is exactly the shipped font's space width, is mapped to U+0020. Matching
the width means a glyph that merely lacks a mapping (a ligature, say) is never
mistaken for a space. It works on bytes in memory: no file is written here.
"""

from __future__ import annotations

import functools
import io
import re
from typing import TYPE_CHECKING

from PySide6.QtGui import QRawFont

from companion.export.fonts import ensure_fonts
from companion.resources import resource

if TYPE_CHECKING:
    from pypdf.generic import DictionaryObject

# pypdf is imported only on the rare paths that need it, so a usual export never loads it.

_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@functools.cache
def _space_widths() -> dict[str, int]:
    """The space advance (in PDF's thousandths of an em) of each shipped face, by PDF name."""
    ensure_fonts()
    widths = {}
    for path in resource("fonts").glob("*.ttf"):
        raw = QRawFont(str(path), 1000)
        glyphs = raw.glyphIndexesForString(" ")
        widths[path.stem] = round(raw.advancesForGlyphIndexes(glyphs)[0].x())
    return widths


def _mapped(cmap: bytes) -> dict[int, int]:
    """CID -> first Unicode code point, from a ToUnicode CMap's bfchar and bfrange entries."""
    out: dict[int, int] = {}
    for block in _BFCHAR.findall(cmap):
        codes = [int(h, 16) for h in _HEX.findall(block)]
        for cid, uni in zip(codes[::2], codes[1::2], strict=False):
            out[cid] = uni
    for block in _BFRANGE.findall(cmap):
        for line in block.splitlines():
            parts = [int(h, 16) for h in _HEX.findall(line)]
            if len(parts) < 3:
                continue
            low, high, *targets = parts
            if b"[" in line:
                for offset, uni in enumerate(targets):
                    out[low + offset] = uni
            else:
                for offset in range(high - low + 1):
                    out[low + offset] = targets[0] + offset
    return out


def _widths(font: DictionaryObject) -> dict[int, float]:
    """CID -> width from a CID font's /W array (both of its forms)."""
    out: dict[int, float] = {}
    descendant = font["/DescendantFonts"][0].get_object()
    from pypdf.generic import ArrayObject

    w = descendant.get("/W", ArrayObject())
    i = 0
    while i < len(w):
        first = int(w[i])
        nxt = w[i + 1]
        if isinstance(nxt, ArrayObject):
            for offset, width in enumerate(nxt):
                out[first + offset] = float(width)
            i += 2
        else:
            for cid in range(first, int(nxt) + 1):
                out[cid] = float(w[i + 2])
            i += 3
    return out


def _fix_font(font: DictionaryObject, space: int) -> bool:
    stream = font["/ToUnicode"].get_object()
    cmap = stream.get_data()
    mapped = _mapped(cmap)
    spaces = [
        cid
        for cid, width in _widths(font).items()
        if cid and round(width) == space and (cid not in mapped or mapped[cid] < 0x20)
    ]
    if not spaces:
        return False
    entries = b"".join(b"<%04X> <0020>\n" % cid for cid in spaces)
    extra = b"%d beginbfchar\n%sendbfchar\n" % (len(spaces), entries)
    stream.set_data(cmap.replace(b"endcmap", extra + b"endcmap", 1))
    return True


_TAB_TARGET = re.compile(rb"(beginbf(?:range|char).*?endbf(?:range|char))", re.S)


def _tabs_to_spaces(pdf: bytes) -> bytes:
    """Qt maps the space glyph to U+0009 (tab); point those entries at U+0020 instead.

    Qt writes its ToUnicode maps uncompressed, and the edit keeps every byte count, so
    nothing else in the file moves.
    """
    return _TAB_TARGET.sub(lambda m: m.group(1).replace(b"<0009>", b"<0020>"), pdf)


_CMAP = re.compile(rb"begincmap(.*?)endcmap", re.S)


def _spaces_unmapped(pdf: bytes) -> bool:
    """Whether some font's ToUnicode map still gives no code U+0020 (then the width pass,
    which needs pypdf to read the fonts, has work to do)."""
    return any(b"<0020>" not in cmap for cmap in _CMAP.findall(pdf))


def _width_pass(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    widths = _space_widths()
    seen: set[int] = set()
    changed = False
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen or font.get("/Subtype") != NameObject("/Type0"):
                continue
            seen.add(id(font))
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            if name in widths and "/ToUnicode" in font:
                changed |= _fix_font(font, widths[name])
    if not changed:
        return pdf
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fix_spaces(pdf: bytes, info: dict[str, str] | None = None) -> bytes:
    """The same PDF, with its space glyphs mapped to U+0020 for copying and reading aloud.

    `info` adds document information entries Qt cannot set (such as /Subject).
    """
    pdf = _tabs_to_spaces(pdf)
    if _spaces_unmapped(pdf):
        pdf = _width_pass(pdf)
    return add_info(pdf, info) if info else pdf


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def _pdf_text(text: str) -> bytes:
    """A PDF text string: UTF-16 with its byte-order mark, written in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def add_info(pdf: bytes, info: dict[str, str]) -> bytes:
    """Add entries to the document information dictionary by an incremental update (ISO
    32000-1, 7.5.6): the new dictionary and a one-entry cross-reference table are appended,
    so nothing already written moves and the rest of the file need not be read."""
    trailer = _TRAILER.search(pdf, max(0, len(pdf) - 4096))
    if trailer is None:
        return _info_with_pypdf(pdf, info)
    fields = trailer.group(1)
    number = re.search(rb"/Info\s+(\d+)\s+0\s+R", fields)
    size = re.search(rb"/Size\s+(\d+)", fields)
    if number is None or size is None:
        return _info_with_pypdf(pdf, info)
    old = re.search(rb"\n%s 0 obj\s*<<(.*?)>>\s*endobj" % number.group(1), pdf, re.S)
    if old is None:
        return _info_with_pypdf(pdf, info)
    # Qt writes its strings as UTF-16, so a ">>" inside a title cannot end the match early.
    entries = old.group(1) + b"".join(
        b"\n" + key.encode("ascii") + b" " + _pdf_text(value) for key, value in info.items()
    )
    start = len(pdf) + 1
    body = b"\n%s 0 obj\n<<%s\n>>\nendobj\n" % (number.group(1), entries)
    xref_at = start + len(body) - 1
    kept = re.sub(rb"/Prev\s+\d+", b"", fields)
    return (
        pdf
        + body
        + (
            b"xref\n%s 1\n%010d 00000 n \ntrailer\n<<%s/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n"
            % (number.group(1), start, kept, trailer.group(2), xref_at)
        )
    )


def _info_with_pypdf(pdf: bytes, info: dict[str, str]) -> bytes:
    """The slow way, for a file not laid out as Qt writes one."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
