"""`companion attach`, `companion attachments` and `companion save-attachment`: keep an
evidence file with an entry, list what is kept, and write a decrypted copy where chosen."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from companion.attachment_types import hmcts_upload, label, size_in_words
from companion.cli.commands import exit_for, one_person, opened, say, warn
from companion.errors import InvalidInput
from companion.i18n import long_date, translate
from companion.interchange.csv_format import parse_date
from companion.labels import label as choice_label
from companion.ledger import Saved
from companion.model import Appointment, Attachment, Event
from companion.vault import Vault

SHORT_ID = 12  # characters of an id shown in a list; any unique start of an id is taken
_HEX = re.compile(r"[0-9a-f]{4,32}")


def _tr(text: str) -> str:
    return translate("CommandLine", text)


def find_entry(vault: Vault, text: str, person: str | None = None) -> Appointment | Event:
    """--entry: an entry's id (or the start of it), or a date with one entry on it (of
    --person's, if given)."""
    entries = [s.record for s in (*vault.appointments(), *vault.events())]
    if person is not None:
        who = one_person(vault, person).id
        entries = [e for e in entries if e.person_id == who]
    token = text.strip().lower()
    found = [e for e in entries if _HEX.fullmatch(token) and e.id.startswith(token)]
    if not found:
        try:
            day = parse_date(text.strip(), "", "--entry")
        except InvalidInput:
            day = None
        found = [e for e in entries if e.date == day]
    if len(found) == 1:
        return found[0]
    if found:
        raise InvalidInput(
            "", "--entry", text, "one entry: more than one is on that date, so give its id "
            "(from 'companion attachments' or an export) or --person",
        )  # fmt: skip
    raise InvalidInput(
        "", "--entry", text, "the id or the date of an appointment or letter in this vault"
    )


def find_attachment(vault: Vault, text: str) -> Attachment:
    token = text.strip().lower()
    found = [
        s.record
        for s in vault.attachments()
        if _HEX.fullmatch(token) and s.record.id.startswith(token)
    ]
    if len(found) != 1:
        raise InvalidInput(
            "", "attachment", text, "the id of one attachment, as 'companion attachments' lists"
        )
    return found[0]


def entry_words(vault: Vault, entry: Appointment | Event) -> str:
    """ "the work-focused interview on Tuesday 17 February 2026 (Alex Example)"."""
    if isinstance(entry, Appointment):
        kind = choice_label(entry.kind) if entry.kind else _tr("Appointment")
    else:
        kind = choice_label(entry.kind)
    names = {p.record.id: p.record.display_name for p in vault.people()}
    return _tr("{kind} on {date} ({name})").format(
        kind=kind, date=long_date(entry.date), name=names.get(entry.person_id, "")
    )


def cmd_attach(args: argparse.Namespace) -> int:
    with opened(args, writing=True) as vault:
        entry = find_entry(vault, args.entry, args.person)
        saved = vault.attach(entry.id, args.file, description=args.description or "")
        record = saved.record
        say(
            _tr('Attached "{name}" ({size}, {what}) to: {entry}.').format(
                name=record.name,
                size=size_in_words(record.size),
                what=label(record.media_type),
                entry=entry_words(vault, entry),  # as named everywhere, capitals kept
            )
        )
        say(_tr("SHA-256: {digest}").format(digest=record.sha256))
        say(_tr("Attachment id: {id}").format(id=record.id))
        say(hmcts_upload(record.name, record.size, record.media_type))
    return 0


def cmd_attachments(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        if args.entry is not None:
            kept = vault.attachments_of(find_entry(vault, args.entry, args.person).id)
        else:
            kept = vault.attachments()
            if args.person is not None:
                who = one_person(vault, args.person).id
                kept = [s for s in kept if s.record.person_id == who]
        lines = [_line(vault, s) for s in kept]
        problems = vault.read_only
    if not lines:
        say(_tr("There are no attachments."))
    for line in lines:
        say(line)
    return exit_for(problems)


def _line(vault: Vault, saved: Saved[Attachment]) -> str:
    record = saved.record
    try:
        entry = vault.get(record.entry_id).record
        where = entry_words(vault, entry)
    except KeyError:  # its entry was deleted
        where = _tr("an entry since deleted")
    line = f"{record.id[:SHORT_ID]}  {record.name}  ({size_in_words(record.size)}, "
    line += f"{label(record.media_type)})  " + _tr("with: {entry}").format(entry=where)
    if record.description:
        line += "\n" + " " * (SHORT_ID + 2) + record.description
    return line


def cmd_save_attachment(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        record = find_attachment(vault, args.id)
        vault.save_attachment_copy(record.id, args.out)
        problems = vault.read_only
    say(
        _tr('Saved a copy of "{name}" ({size}) as {out}.').format(
            name=record.name, size=size_in_words(record.size), out=args.out
        )
    )
    warn(
        _tr(
            "This copy is not protected by the vault: anyone who can open that folder can read "
            "or play it, so delete it once it has been sent."
        )
    )
    say(hmcts_upload(args.out.name, record.size, record.media_type))
    return exit_for(problems)


def register(add) -> None:  # type: ignore[no-untyped-def]
    """Add `attach`, `attachments` and `save-attachment`; `add` is companion/cli/parser.py's
    own helper."""
    p = add(
        "attach",
        cmd_attach,
        "keep a file (a recording, a photo of a letter, a PDF) with an appointment or letter, "
        "sealed inside the vault",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the file to keep")
    p.add_argument(
        "--entry", required=True, metavar="ID",
        help="the appointment or letter: its id (or the start of it), or its date",
    )  # fmt: skip
    p.add_argument("--person", metavar="NAME", help="whose entry, where a date is given")
    p.add_argument("--description", metavar="TEXT", help="what the file is, in a few words")

    p = add("attachments", cmd_attachments, "list the files kept with entries")
    p.add_argument("--entry", metavar="ID", help="only this entry's (its id or date)")
    p.add_argument("--person", metavar="NAME", help="only this person's")

    p = add(
        "save-attachment",
        cmd_save_attachment,
        "write a copy of a kept file where you choose (the copy is not protected)",
    )
    p.add_argument("id", metavar="ID", help="the attachment's id, as 'companion attachments' lists")
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE",
        help="the copy to write (a file already there is replaced only once this one is whole)",
    )  # fmt: skip
