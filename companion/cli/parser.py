"""The command line's commands and options, for argparse."""

from __future__ import annotations

import argparse
from enum import Enum
from pathlib import Path
from typing import Any

from companion.cli.attach_cmd import register as register_attach
from companion.cli.backup_cmd import register as register_backup
from companion.cli.commands import (
    cmd_acknowledge,
    cmd_change_passphrase,
    cmd_demo,
    cmd_fingerprint,
    cmd_forget,
    cmd_import,
    cmd_init,
    cmd_keeper,
    cmd_list,
    cmd_new_recovery_key,
    cmd_person_add,
    cmd_person_list,
    cmd_person_purge,
    cmd_recover,
    cmd_remember,
)
from companion.cli.deadlines_cmd import cmd_deadlines
from companion.cli.exporting import KEEPER, cmd_export, cmd_verify
from companion.cli.handover_cmd import register as register_handover
from companion.cli.letter_cmd import cmd_letter
from companion.export import Format
from companion.export.options import Purpose
from companion.labels import parse_enum
from companion.letters import LetterFormat, LetterKind
from companion.model import Benefit, Language, Region, Relationship, Role


def _selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--person",
        metavar="NAME",
        action="append",
        help="only this person's entries (repeat for several people)",
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="from this date (2026-03-02 or 02/03/2026)",
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE", help="up to and including this date"
    )
    parser.add_argument(
        "--privacy-issues",
        action="store_true",
        help="only appointments where a problem is recorded (letters and events stay)",
    )


def register(sub: Any, shared: argparse.ArgumentParser) -> None:
    def add(name: str, run: Any, text: str, **kw: Any) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, parents=[shared], help=text, description=text, **kw)
        parser.set_defaults(run=run)
        return parser

    p = add("init", cmd_init, "create a new, empty vault")
    p.add_argument(
        "--keeper",
        metavar="NAME",
        help="your name: who keeps these records (printed on every export)",
    )
    p = add(
        "keeper",
        cmd_keeper,
        "show who keeps the records, or name them (printed on every export and letter)",
    )
    p.add_argument("--name", help="your name as it should appear on exports")
    p.add_argument("--address", help="your address, for letters (optional)")
    p.add_argument("--phone", help="your phone number, for letters (optional)")
    p.add_argument("--email", help="your email address, for letters (optional)")
    add("demo", cmd_demo, "create a new vault holding the fictional sample")

    person = add("person", None, "add, list or erase people")
    people = person.add_subparsers(
        dest="person_command", metavar="ACTION", required=True, parser_class=type(person)
    )
    p_add = people.add_parser("add", parents=[shared], help="add a person")
    p_add.set_defaults(run=cmd_person_add)
    p_add.add_argument("name", help="their name as you want it shown")
    p_add.add_argument(
        "--relationship",
        type=_choice(Relationship),
        default=Relationship.SELF,
        help="self, child, parent, partner or other (default: self)",
    )
    p_add.add_argument(
        "--role",
        type=_choice(Role),
        default=Role.CLAIMANT,
        help="claimant, official_appointee, informal_helper or "
        "power_of_attorney (default: claimant)",
    )
    p_add.add_argument(
        "--benefit",
        type=_choice(Benefit),
        action="append",
        help="a benefit they claim (repeat for several)",
    )
    p_add.add_argument("--ni-number", help="their National Insurance number (optional)")
    p_add.add_argument(
        "--language",
        type=_choice(Language),
        default=Language.ENGLISH,
        help="english, welsh or other (default: english)",
    )
    p_add.add_argument(
        "--region",
        type=_choice(Region),
        default=Region.ENGLAND_AND_WALES,
        help="england_and_wales, scotland or northern_ireland",
    )
    p_list = people.add_parser("list", parents=[shared], help="list people")
    p_list.set_defaults(run=cmd_person_list)
    p_purge = people.add_parser(
        "purge", parents=[shared], help="erase a person and all their entries for good"
    )
    p_purge.set_defaults(run=cmd_person_purge)
    p_purge.add_argument("name")
    p_purge.add_argument("--yes", action="store_true", help="do not ask to confirm")
    register_handover(add)

    p = add("import", cmd_import, "bring in appointments from a .json or .csv file")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--person",
        metavar="NAME",
        help="whose appointments a CSV file without a person column holds",
    )

    p = add("list", cmd_list, "list appointments and events in date order")
    _selection_options(p)
    p.add_argument("--search", metavar="TEXT", help="only entries containing these words")

    register_attach(add)

    p = add(
        "deadlines",
        cmd_deadlines,
        "the dispute so far for each person: each step, the deadline it started, and "
        "what is overdue or due within 30 days",
    )
    p.add_argument("--person", metavar="NAME", help="only this person")
    p.add_argument("--json", action="store_true", help="as JSON, for other programs")

    p = add(
        "letter",
        cmd_letter,
        "draft a letter from the record (ODT to edit, or PDF), with the blanks to fill in",
    )
    p.add_argument(
        "kind", type=_choice(LetterKind), metavar="KIND",
        help="adjustment, complaint, sar, ico, ice, evidence or chaser",
    )  # fmt: skip
    p.add_argument("--person", metavar="NAME", required=True, help="whose letter it is")
    p.add_argument(
        "--entries", metavar="ID,...",
        help="the entries to list, by id or date, comma-separated (default: every appointment "
        "with a problem; for a chaser, every request still waiting for an answer)",
    )  # fmt: skip
    p.add_argument("--reference", metavar="REF", help="the reference to quote")
    p.add_argument("--date", metavar="DATE", help="the letter's date (default: today)")
    annex = p.add_mutually_exclusive_group()
    annex.add_argument(
        "--annex", dest="annex", action="store_true", default=None,
        help="add what the record shows beside the rules it may engage (complaint, ico, ice; "
        "evidence has it unless --no-annex)",
    )  # fmt: skip
    annex.add_argument("--no-annex", dest="annex", action="store_false", help="leave it out")
    p.add_argument(
        "--format", choices=[f.value for f in LetterFormat], required=True,
        help="odt: to edit in a word processor; pdf: to print",
    )  # fmt: skip
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE",
        help="the file to write (a file already there is replaced only once this one is whole)",
    )  # fmt: skip
    p.add_argument(
        "--log-sent", metavar="DATE",
        help="also record the letter as sent on this date, which starts its clock",
    )  # fmt: skip

    p = add("export", cmd_export, "write the dated log to a file")
    p.add_argument(
        "--format", choices=[f.value for f in Format], required=True,
        help="pdf: the timeline to print or send; json: the log with its proofs; "
        "csv: a spreadsheet; md: plain text for an email or letter",
    )  # fmt: skip
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE",
        help="the file to write (a file already there is replaced only once this one is whole)",
    )  # fmt: skip
    _selection_options(p)
    p.add_argument(
        "--purpose",
        choices=[x.value for x in Purpose],
        default=Purpose.MY_RECORDS.value,
        help="who it is for; sets the title and wording (default: my_records)",
    )
    p.add_argument("--reference", metavar="REF", help="a complaint, MR or appeal reference")
    p.add_argument(
        "--concise",
        action="store_true",
        help="at most four pages: the summary and a short row per entry (PDF)",
    )
    p.add_argument(
        "--redact",
        metavar="LIST",
        help="leave out: ni_number, staff_names, third_parties, free_text (comma-separated)",
    )
    p.add_argument(
        "--leave-out",
        metavar="LIST",
        help="parts to leave out: privacy, account, impact, corrections, letters",
    )
    p.add_argument(
        "--show-ni",
        action="store_true",
        help="include National Insurance numbers (at the top of each PDF page, and in the "
        "other formats); without it they are left out of every format",
    )
    p.add_argument(
        "--rules",
        action="store_true",
        help="add 'What the record shows, and the rules it may engage' (PDF and md): each "
        "kind of problem with its dates, beside the rule it may be relevant to; not advice",
    )
    p.add_argument(
        "--attest",
        metavar="NAME",
        nargs="?",
        const=KEEPER,
        help="add a statement that the notes are true, with a line to sign; "
        "with no NAME, the keeper's name and capacity",
    )

    p = add(
        "verify",
        cmd_verify,
        "check the vault, or with FILE an exported PDF or JSON log, against the fingerprint",
    )
    p.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="an exported PDF or JSON file to check"
    )
    p.add_argument(
        "--attachment", type=Path, action="append", metavar="COPY",
        help="a copy of an attached file, checked against the SHA-256 the export lists "
        "(repeat it for several)",
    )  # fmt: skip
    add("fingerprint", cmd_fingerprint, "show the vault's fingerprint (no passphrase needed)")
    p = add("change-passphrase", cmd_change_passphrase, "choose a new passphrase")
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE")
    add(
        "new-recovery-key",
        cmd_new_recovery_key,
        "make a new recovery key with your passphrase (the old one stops working)",
    )
    p = add("recover", cmd_recover, "use your recovery key to set a new passphrase")
    p.add_argument("--recovery-key-file", type=Path, metavar="FILE")
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE")
    add(
        "acknowledge",
        cmd_acknowledge,
        "say you have read the vault's warnings (an older copy, a damaged log), so they stop",
    )
    register_backup(add)
    add("remember", cmd_remember, "let this computer open the vault without the passphrase")
    add("forget", cmd_forget, "stop this computer opening the vault without the passphrase")


def _choice(cls: type[Enum]) -> Any:
    def parse(text: str) -> Enum:
        member = parse_enum(cls, text)
        if member is None:
            raise argparse.ArgumentTypeError("expected one of: " + ", ".join(m.value for m in cls))
        return member

    parse.__name__ = cls.__name__.lower()
    return parse
