"""Checking an exported file: is it what the vault held, character for character, and whole?

An export (JSON, or a PDF carrying the JSON inside it) holds the vault's
fingerprint and a proof for every version. Checking rebuilds each version's
Merkle leaf, from the wording shown where nothing was left out of it, or
from the salted hash of its wording where something was, and checks each
proof against the fingerprint. A leaf commits to its record, its revision
number and when it was saved, so any changed character breaks a proof, and
a version taken out of the middle of a record's history, two swapped or one
given twice shows: a record's versions must be revisions 1, 2, 3, ... in
order (or, where the file says corrections were left out, its one latest).

What the file alone cannot show: that a record's latest correction was not
taken out (the versions left still run 1, 2, ...), nor that a whole entry
was not, nor that the fingerprint itself is the vault's. Checking against
the vault settles the first two (every record's versions are compared with
the vault's history when the file was made); for the fingerprint, compare
it with a copy kept elsewhere (an email to yourself on the day).

A PDF's pages are checked against the page list attached beside its log
(companion/export/pdf_pages.py): a page edited after the file was made
shows. The list is not part of the proof, and the report says so.

The records of files attached to the entries (companion/attachment_log.py) are
saved changes like the entries', checked the same way; each must belong to an
entry in the file. Against the vault, an entry whose attached file the file
leaves out is caught too.

Each part lives in its own module: reading the file (companion/export_file.py), a PDF's
pages (companion/page_check.py), the proofs (companion/export_check.py) and the
comparison with the vault (companion/vault_comparison.py). Their names are given here
too, where callers look for them.
"""

from __future__ import annotations

from companion.export_check import ExportCheck, check_log
from companion.export_file import ATTACHMENT, MAX_FILE_BYTES, AlteredExport, ReadLog, read_log
from companion.page_check import PageCheck, check_pages
from companion.vault_comparison import VaultComparison, compare_with_vault

__all__ = [
    "ATTACHMENT",
    "MAX_FILE_BYTES",
    "AlteredExport",
    "ExportCheck",
    "PageCheck",
    "ReadLog",
    "VaultComparison",
    "check_log",
    "check_pages",
    "compare_with_vault",
    "read_log",
]
