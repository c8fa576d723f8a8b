"""A PDF's pages checked against the page list attached beside its log
(companion/export/pdf_pages.py): a page edited after the file was made shows. The list
is not part of the proof, and the report says so."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from companion import safe_read
from companion.errors import InvalidInput
from companion.export import pdf_pages
from companion.log_shape import _hash, _int, _Malformed, verify_text

ATTACHMENT = pdf_pages.LOG_ATTACHMENT  # the log, beside the page list
_t = verify_text


@dataclass
class PageCheck:
    """What checking a PDF's pages found."""

    listed: bool = False  # the PDF carries its page list (exports made since pages were listed)
    pages: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _PageList:
    log: str
    document: str
    pages: list[str]


def _page_list(raw: bytes) -> _PageList:
    try:
        doc = safe_read.loads_bytes(raw)
    except InvalidInput:
        raise _Malformed("page list") from None
    if not isinstance(doc, dict) or set(doc) != {"format", "version", "log", "document", "pages"}:
        raise _Malformed("page list")
    if doc["format"] != pdf_pages.PAGES_FORMAT or _int(doc["version"]) != pdf_pages.PAGES_VERSION:
        raise _Malformed("page list")
    pages = doc["pages"]
    if not isinstance(pages, list):
        raise _Malformed("page list")
    return _PageList(_hash(doc["log"]), _hash(doc["document"]), [_hash(p) for p in pages])


def _numbers(pages: list[int]) -> str:
    """1, 2 and 5; or, for many, the first few and how many more."""
    shown = [str(n) for n in pages[:10]]
    if len(pages) > 10:
        return _t("{first} and {more} more").format(first=", ".join(shown), more=len(pages) - 10)
    if len(shown) == 1:
        return shown[0]
    return _t("{first} and {last}").format(first=", ".join(shown[:-1]), last=shown[-1])


def check_pages(reader: Any, files: dict[str, list[bytes]], log: bytes) -> PageCheck:
    """Whether a PDF's pages (and the document around them) are as they were made."""
    check = PageCheck()
    others = [name for name in files if name not in (ATTACHMENT, pdf_pages.PAGES_ATTACHMENT)]
    if others:
        check.problems.append(
            _t("The PDF carries {n} attached files that the app did not put there.").format(
                n=len(others)
            )
        )
    listed = files.get(pdf_pages.PAGES_ATTACHMENT) or []
    if not listed:
        return check
    check.listed = True
    try:
        if len(listed) > 1:
            raise _Malformed("two page lists")
        expected = _page_list(listed[0])
    except _Malformed:
        check.problems.append(_t("The PDF's page list is not in the form the app writes."))
        return check
    if hashlib.sha256(log).hexdigest() != expected.log:
        check.problems.append(_t("The log attached to the PDF is not the one it was made with."))
    try:
        hasher = pdf_pages.PageHasher(reader)
        count = len(reader.pages)
    except Exception:  # a crafted PDF can stop the reader in a great many ways
        check.problems.append(_t("The PDF's pages cannot be read."))
        return check
    check.pages = count
    if count != len(expected.pages):
        check.problems.append(
            _t("The PDF has {n} pages, but it had {m} when it was made.").format(
                n=count, m=len(expected.pages)
            )
        )
    changed = []
    for number, wanted in enumerate(expected.pages[:count], start=1):
        try:
            found = hasher.page(number - 1)
        except Exception:  # a page the reader cannot read is not the page that was made
            found = None
        if found != wanted:
            changed.append(number)
    if len(changed) == 1:
        check.problems.append(
            _t("Page {n} has been changed since the file was made.").format(n=changed[0])
        )
    elif changed:
        check.problems.append(
            _t("Pages {numbers} have been changed since the file was made.").format(
                numbers=_numbers(changed)
            )
        )
    try:
        document = hasher.document()
    except Exception:
        document = None
    if document != expected.document:
        check.problems.append(
            _t(
                "The PDF's document properties (its title, author or subject), or what it "
                "holds besides its pages, have been changed since it was made."
            )
        )
    return check
