"""The command line's subcommands: each opens the vault, does one thing and says what it did."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from companion import demo, paths, verification
from companion.cli import secrets
from companion.errors import InvalidInput, VaultReadOnly
from companion.export import Format, chosen, export
from companion.export.options import ExportOptions, Mode, Part, Purpose, Redaction
from companion.i18n import translate
from companion.importer import import_file
from companion.interchange.csv_format import parse_date
from companion.labels import label, parse_enum
from companion.messages import problem_line, problems_summary
from companion.model import Appointment, Benefit, Language, Person, Region, Relationship, Role
from companion.query import Selection, find_people, privacy_problems
from companion.recovery_key import RecoveryKey
from companion.store import Store
from companion.vault import Vault

DAMAGED = 5


def say(text: str) -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)


def vault_path(args: argparse.Namespace) -> Path:
    return getattr(args, "vault", None) or paths.default_vault()


def passphrase_file(args: argparse.Namespace) -> Path | None:
    return getattr(args, "passphrase_file", None)


@contextlib.contextmanager
def opened(args: argparse.Namespace, *, writing: bool = False) -> Iterator[Vault]:
    """Open the vault, asking for the passphrase only if this computer does not remember it."""
    vault = Vault.open(
        vault_path(args),
        ask=lambda: secrets.current_passphrase(passphrase_file(args)),
        policy=args.kdf,
    )
    try:
        if vault.problems:
            warn(problems_summary(vault.problems))
        if writing and vault.read_only:
            raise VaultReadOnly()
        yield vault
    finally:
        vault.close()


def _exit_for(vault_problems: bool) -> int:
    return DAMAGED if vault_problems else 0


# -- init, fingerprint, verify -----------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = secrets.new_passphrase(passphrase_file(args))
    vault, recovery = Vault.create(vault_path(args), passphrase, policy=args.kdf)
    vault.close()
    show_new_vault(args, recovery)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    passphrase = secrets.new_passphrase(passphrase_file(args))
    vault, recovery = demo.create(vault_path(args), passphrase, policy=args.kdf)
    vault.close()
    show_new_vault(args, recovery)
    say("")
    say(translate("CommandLine", "It holds the fictional sample: try 'companion list'."))
    return 0


def show_recovery_key(recovery: RecoveryKey) -> None:
    """The key on two indented lines, as it is easiest to copy by hand."""
    key = recovery.display()
    half = len(key) // 2 + 1
    say("")
    say("    " + key[:half].rstrip("-"))
    say("    " + key[half:])
    say("")


def show_new_vault(args: argparse.Namespace, recovery: RecoveryKey) -> None:
    say(translate("CommandLine", "Your vault is ready: {path}").format(path=vault_path(args)))
    say("")
    say(translate("CommandLine", "Your recovery key (it is shown only this once):"))
    show_recovery_key(recovery)
    say(
        translate(
            "CommandLine",
            "Write it down or print it, and keep it somewhere safe away from this computer. "
            "If you forget your passphrase, it is the only way back in.",
        )
    )


def cmd_fingerprint(args: argparse.Namespace) -> int:
    """Needs no passphrase: the fingerprint is a hash of hashes and reveals no content."""
    fp = Store.read_fingerprint(vault_path(args))
    say(translate("CommandLine", "Fingerprint: {short}").format(short=fp.short()))
    say(translate("CommandLine", "Saved changes: {n}").format(n=fp.size))
    say("")
    say(fp.checkpoint().rstrip("\n"))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    if args.file is not None:
        return verify_export(args)
    with opened(args) as vault:
        found = vault.verify()
        fp = vault.fingerprint()
        counts = (len(vault.people()), len(vault.appointments()), len(vault.events()))
    if found:
        for problem in found:
            warn(problem_line(problem))
        return DAMAGED
    say(
        translate(
            "CommandLine",
            "The vault is intact: {people} people, {appointments} appointments, {events} events "
            "and {size} saved changes all check out.",
        ).format(people=counts[0], appointments=counts[1], events=counts[2], size=fp.size)
    )
    say(translate("CommandLine", "Fingerprint: {short}").format(short=fp.short()))
    return 0


def verify_export(args: argparse.Namespace) -> int:
    """Check an exported PDF or JSON log; against the vault too, if --vault was given."""
    read = verification.read_log(args.file)
    doc = read.doc
    check = verification.check_log(doc)
    problems = list(check.problems)
    changes: list[str] = []
    if getattr(args, "vault", None) is not None and not problems:
        with opened(args) as vault:
            compared = verification.compare_with_vault(doc, vault)
        problems += compared.problems
        changes = compared.changes
    fp = check.fingerprint
    if fp is not None:
        say(
            translate(
                "CommandLine",
                "The file says it comes from the vault with fingerprint "
                "{short} ({size} saved changes).",
            ).format(short=fp.short(), size=fp.size)
        )
    if problems:
        for problem in problems:
            warn(problem)
        warn(translate("CommandLine", "This file has been altered, or cannot be read as made."))
        return DAMAGED
    say(
        translate(
            "CommandLine", "Intact: all {n} saved versions in the file match their proofs."
        ).format(n=check.versions)
    )
    if check.wording_not_checkable:
        say(
            translate(
                "CommandLine",
                "{n} versions had parts left out when exported, so their "
                "wording could not be checked, only that they exist.",
            ).format(n=check.wording_not_checkable)
        )
    for change in changes:
        say(change)
    if read.from_pdf:
        say(
            translate(
                "CommandLine",
                "This checked the log attached to the PDF; to check the pages, compare them "
                "with it (PDF viewers list it under attachments).",
            )
        )
    if getattr(args, "vault", None) is not None:
        say(translate("CommandLine", "It agrees with the vault's history."))
    else:
        say(
            translate(
                "CommandLine",
                "Compare the fingerprint with a copy you kept, or check "
                "against the vault with --vault.",
            )
        )
    return 0


# -- people --------------------------------------------------------------------------


def _choice(cls: type[Enum]) -> Any:
    def parse(text: str) -> Enum:
        member = parse_enum(cls, text)
        if member is None:
            raise argparse.ArgumentTypeError("expected one of: " + ", ".join(m.value for m in cls))
        return member

    parse.__name__ = cls.__name__.lower()
    return parse


def cmd_person_add(args: argparse.Namespace) -> int:
    person = Person(
        display_name=args.name,
        relationship=args.relationship,
        role=args.role,
        benefits=tuple(dict.fromkeys(args.benefit or [])),
        ni_number=args.ni_number or "",
        preferred_language=args.language,
        region=args.region,
    )
    with opened(args, writing=True) as vault:
        if find_people(vault.people(), args.name):
            # The command line finds people by name, so two with one name could not be told apart.
            raise InvalidInput("", "name", args.name, "a name no one in the vault has yet")
        saved = vault.save(person)
    say(translate("CommandLine", "Added {name}.").format(name=saved.record.display_name))
    return 0


def cmd_person_list(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        people = vault.people()
        counts = {p.record.id: [0, 0] for p in people}
        for a in vault.appointments():
            counts[a.record.person_id][0] += 1
        for e in vault.events():
            counts[e.record.person_id][1] += 1
        problems = bool(vault.problems)
    if not people:
        say(translate("CommandLine", "No people yet. Add one with: companion person add NAME"))
    for p in people:
        n_appointments, n_events = counts[p.record.id]
        say(
            translate(
                "CommandLine", "{name} ({relationship}; {role}): {a} appointments, {e} events"
            ).format(
                name=p.record.display_name,
                relationship=label(p.record.relationship),
                role=label(p.record.role),
                a=n_appointments,
                e=n_events,
            )
        )
    return _exit_for(problems)


def one_person(vault: Vault, name: str) -> Person:
    found = find_people(vault.people(), name)
    if len(found) > 1:
        raise InvalidInput(
            "",
            "person",
            name,
            "a name only one person has (give one of them another name in the app)",
        )
    if not found:
        raise InvalidInput("", "person", name, "the name of one person in the vault")
    return found[0]


def cmd_person_purge(args: argparse.Namespace) -> int:
    with opened(args, writing=True) as vault:
        person = one_person(vault, args.name)
        if not args.yes:
            warn(
                translate(
                    "CommandLine",
                    "This erases {name} and everything recorded for them, for good. "
                    "Type their name to confirm:",
                ).format(name=person.display_name)
            )
            typed = input("> ") if sys.stdin.isatty() else ""
            if (
                " ".join(typed.split()).casefold()
                != " ".join(person.display_name.split()).casefold()
            ):
                warn(translate("CommandLine", "The name did not match, so nothing was erased."))
                return 4
        erased = vault.purge_person(person.id)
    say(
        translate("CommandLine", "Erased {name} ({n} saved changes).").format(
            name=person.display_name, n=erased
        )
    )
    return 0


# -- import, list, export --------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args, writing=True) as vault:
        result = import_file(vault, args.file, person_name=args.person)
    say(
        translate(
            "CommandLine",
            "Imported {people} people, {appointments} appointments and {events} events.",
        ).format(people=result.people, appointments=result.appointments, events=result.events)
    )
    if result.already_there:
        say(
            translate(
                "CommandLine", "{n} records were already in the vault and were left as they were."
            ).format(n=result.already_there)
        )
    return 0


def _date_option(text: str | None, option: str) -> date | None:
    return None if text is None else parse_date(text, "", option)


def selection(args: argparse.Namespace, vault: Vault) -> Selection:
    """The entries a command's --person, --from, --to, --privacy-issues and --search pick."""
    date_from = _date_option(args.date_from, "--from date")
    date_to = _date_option(args.date_to, "--to date")
    if not Selection(date_from=date_from, date_to=date_to).dates_in_order:
        raise InvalidInput("", "--from date", date_from.isoformat(), "a date before the --to date")  # type: ignore[union-attr]
    names = args.person or []
    people = frozenset(one_person(vault, name).id for name in names)
    return Selection(
        person_ids=people,
        date_from=date_from,
        date_to=date_to,
        privacy_only=args.privacy_issues,
        text=getattr(args, "search", "") or "",
    )


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        people, entries = chosen(vault, selection(args, vault))
        names = {p.record.id: p.record.display_name for p in vault.people()}
        problems = bool(vault.problems)
    if not entries:
        say(translate("CommandLine", "Nothing matches."))
    for saved in entries:
        record = saved.record
        when = record.date.isoformat()
        if isinstance(record, Appointment):
            when += " " + (record.time.strftime("%H:%M") if record.time else "     ")
            what = label(record.kind) if record.kind else translate("CommandLine", "Appointment")
            flags = ", ".join(label(p) for p in privacy_problems(record))
            place = record.location
        else:
            when += "      "
            what, flags, place = label(record.kind), "", record.reference
        line = f"{when}  {names[record.person_id]:<20.20}  {what:<30.30}  {place:<24.24}"
        say((line + (f"  [{flags}]" if flags else "")).rstrip())
    return _exit_for(problems)


def _choices(text: str | None, cls: type[Enum], option: str) -> frozenset:
    """A comma-separated list of an enum's values, like "ni_number,staff_names"."""
    chosen = set()
    for word in filter(None, (w.strip() for w in (text or "").split(","))):
        member = parse_enum(cls, word)
        if member is None:
            expected = "a comma-separated list of: " + ", ".join(m.value for m in cls)
            raise InvalidInput("", option, word, expected)
        chosen.add(member)
    return frozenset(chosen)


def export_options(args: argparse.Namespace, vault: Vault) -> ExportOptions:
    left_out = _choices(args.leave_out, Part, "--leave-out")
    return ExportOptions(
        selection=selection(args, vault),
        purpose=Purpose(args.purpose),
        reference=args.reference or "",
        mode=Mode.CONCISE if args.concise else Mode.FULL,
        redact=_choices(args.redact, Redaction, "--redact"),
        parts=frozenset(Part) - left_out,
        show_ni_number=args.show_ni,
        attest_as=args.attest,
    )


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        count = export(vault, Format(args.format), export_options(args, vault), args.out)
        problems = bool(vault.problems)
    say(translate("CommandLine", "Wrote {n} entries to {path}.").format(n=count, path=args.out))
    return _exit_for(problems)


# -- passphrases and this computer ---------------------------------------------------------


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    with opened(args, writing=True) as vault:
        current = secrets.current_passphrase(passphrase_file(args))
        new = secrets.new_passphrase(args.new_passphrase_file, allow_env=False)
        vault.change_passphrase(current, new)
    say(translate("CommandLine", "Your passphrase has been changed."))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    recovery = RecoveryKey.parse(secrets.recovery_key_text(args.recovery_key_file))
    new = secrets.new_passphrase(args.new_passphrase_file, allow_env=False)
    vault, fresh = Vault.recover(vault_path(args), recovery, new, policy=args.kdf)
    vault.close()
    say(
        translate(
            "CommandLine", "Your new passphrase is set. Your old recovery key no longer works."
        )
    )
    say(translate("CommandLine", "Your new recovery key (it is shown only this once):"))
    show_recovery_key(fresh)
    return 0


def cmd_remember(args: argparse.Namespace) -> int:
    with opened(args, writing=True) as vault:
        vault.remember_on_this_computer()
    say(
        translate(
            "CommandLine",
            "This computer will now open the vault without the passphrase. Anyone who can use "
            "your account on it can open the vault too. Undo this with: companion forget",
        )
    )
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        vault.forget_this_computer()
    say(translate("CommandLine", "This computer no longer remembers the vault."))
    return 0


# -- the parser ------------------------------------------------------------------------------


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
        help="only appointments where privacy was not respected",
    )


def register(sub: Any, shared: argparse.ArgumentParser) -> None:
    def add(name: str, run: Any, text: str, **kw: Any) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, parents=[shared], help=text, description=text, **kw)
        parser.set_defaults(run=run)
        return parser

    add("init", cmd_init, "create a new, empty vault")
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
        help="show the National Insurance number at the top of each page",
    )
    p.add_argument(
        "--attest",
        metavar="NAME",
        help="add a statement that the notes are true, with a line to sign",
    )

    p = add(
        "verify",
        cmd_verify,
        "check the vault, or with FILE an exported PDF or JSON log, against the fingerprint",
    )
    p.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="an exported PDF or JSON file to check"
    )
    add("fingerprint", cmd_fingerprint, "show the vault's fingerprint (no passphrase needed)")
    p = add("change-passphrase", cmd_change_passphrase, "choose a new passphrase")
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE")
    p = add("recover", cmd_recover, "use your recovery key to set a new passphrase")
    p.add_argument("--recovery-key-file", type=Path, metavar="FILE")
    p.add_argument("--new-passphrase-file", type=Path, metavar="FILE")
    add("remember", cmd_remember, "let this computer open the vault without the passphrase")
    add("forget", cmd_forget, "stop this computer opening the vault without the passphrase")
