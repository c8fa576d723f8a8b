"""The command line's subcommands: each opens the vault, does one thing and says what it did."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from companion import demo, paths
from companion.cli import secrets
from companion.errors import InvalidInput, VaultReadOnly
from companion.export import chosen
from companion.i18n import translate, translate_n
from companion.importer import import_file
from companion.interchange.csv_format import parse_date
from companion.labels import label
from companion.messages import encoding_note, problems_summary, still_in_copies
from companion.model import Appointment, Keeper, Person
from companion.presentation.keeper import kept_by
from companion.problems import problem_label, problems_of
from companion.query import Selection, find_people
from companion.recovery_key import RecoveryKey
from companion.store import Store
from companion.validation import validate
from companion.vault import Vault
from companion.warning_messages import acknowledge_hint, warning_text

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
def opened(
    args: argparse.Namespace, *, writing: bool = False, quiet_about_key: bool = False
) -> Iterator[Vault]:
    """Open the vault, asking for the passphrase only if this computer does not remember it."""
    vault = Vault.open(
        vault_path(args),
        ask=lambda: secrets.current_passphrase(passphrase_file(args)),
        policy=args.kdf,
    )
    try:
        for warning in vault.warnings:
            warn(warning_text(warning))
        if vault.warnings:
            warn(acknowledge_hint())
        if vault.read_only:
            warn(problems_summary(vault.problems))
        elif not quiet_about_key and not vault.recovery_key_shown:
            warn(
                translate(
                    "CommandLine",
                    "This vault's recovery key was never shown (setting up or recovering "
                    "stopped part way), so it cannot be relied on. Make a new one now: "
                    "companion new-recovery-key",
                )
            )
        if writing and vault.read_only:
            raise VaultReadOnly()
        yield vault
    finally:
        vault.close()


def exit_for(vault_problems: bool) -> int:
    """Exit 5 when the vault failed its checks; a warning (an older copy, a damaged log) is
    said on every run until acknowledged, but is never an error exit."""
    return DAMAGED if vault_problems else 0


# -- init, fingerprint, verify -----------------------------------------------------


def cmd_acknowledge(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        count = vault.acknowledge_warnings()
        problems = vault.read_only
    if count:
        say(
            translate_n(
                "CommandLine", "%n warning(s) marked as read; they will not be shown again.", count
            )
        )
    else:
        say(translate("CommandLine", "There were no warnings to mark as read."))
    return exit_for(problems)


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = secrets.new_passphrase(passphrase_file(args))
    keeper = Keeper(args.keeper) if args.keeper else None
    if keeper is not None:
        validate(keeper)  # before the vault exists, so a bad name leaves nothing behind
    vault, recovery = Vault.create(vault_path(args), passphrase, policy=args.kdf)
    try:
        if keeper is not None:
            vault.save(keeper)
        show_new_vault(args, recovery)
        vault.confirm_recovery_key(recovery)  # only once it has been written out
    finally:
        vault.close()
    if keeper is None:
        say("")
        say(
            translate(
                "CommandLine",
                "Exports say who kept the records: name yourself with "
                "'companion keeper --name \"Your Name\"'.",
            )
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    passphrase = secrets.new_passphrase(passphrase_file(args))
    vault, recovery = demo.create(vault_path(args), passphrase, policy=args.kdf)
    try:
        show_new_vault(args, recovery)
        vault.confirm_recovery_key(recovery)
    finally:
        vault.close()
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
    sys.stdout.flush()  # written out before the vault records it as shown


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


# -- the keeper and people -----------------------------------------------------------


def cmd_keeper(args: argparse.Namespace) -> int:
    """Show who keeps the records, or name them (a change is kept as a correction)."""
    changes = {
        name: value
        for name in ("name", "address", "phone", "email")
        if (value := getattr(args, name)) is not None
    }
    with opened(args, writing=bool(changes)) as vault:
        current = vault.keeper()
        if changes:
            if current is None:
                if "name" not in changes:
                    raise InvalidInput("", "--name", "", "your name, to say who keeps the records")
                saved = vault.save(Keeper(**changes))
            else:
                saved = vault.save(dataclasses.replace(current.record, **changes))
            keeper: Keeper | None = saved.record
        else:
            keeper = None if current is None else current.record
        people = [p.record for p in vault.people()]
        problems = vault.read_only
    if keeper is None:
        say(
            translate(
                "CommandLine", "No keeper is named yet. Add one with: companion keeper --name NAME"
            )
        )
        return exit_for(problems)
    say(kept_by(keeper, people))
    for label_text, value in (
        (translate("CommandLine", "Address"), keeper.address),
        (translate("CommandLine", "Phone"), keeper.phone),
        (translate("CommandLine", "Email"), keeper.email),
    ):
        if value:
            say(f"{label_text}: {value}")
    return exit_for(problems)


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
        problems = vault.read_only
    if not people:
        say(translate("CommandLine", "No people yet. Add one with: companion person add NAME"))
    for p in people:
        n_appointments, n_events = counts[p.record.id]
        say(
            translate("CommandLine", "{name} ({relationship}; {role}): {a}, {e}").format(
                name=p.record.display_name,
                relationship=label(p.record.relationship),
                role=label(p.record.role),
                a=translate_n("CommandLine", "%n appointment(s)", n_appointments),
                e=translate_n("CommandLine", "%n letter(s) or event(s)", n_events),
            )
        )
    return exit_for(problems)


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
        translate("CommandLine", "Erased {name} ({changes}).").format(
            name=person.display_name,
            changes=translate_n("CommandLine", "%n saved change(s)", erased),
        )
        + " "
        + still_in_copies()
    )
    return 0


# -- import, list, export --------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args, writing=True) as vault:
        result = import_file(vault, args.file, person_name=args.person)
    say(
        translate("CommandLine", "Imported {people}, {appointments} and {events}.").format(
            people=translate_n("CommandLine", "%n (person|people)", result.people),
            appointments=translate_n("CommandLine", "%n appointment(s)", result.appointments),
            events=translate_n("CommandLine", "%n letter(s) or event(s)", result.events),
        )
    )
    note = encoding_note(result.encoding)
    if note:
        say(note)
    if result.ni_numbers_left_out:
        say(
            translate(
                "CommandLine",
                "The file was exported without National Insurance numbers, so none were "
                "brought in.",
            )
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
        problems_only=args.privacy_issues,
        text=getattr(args, "search", "") or "",
    )


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        people, entries = chosen(vault, selection(args, vault))
        names = {p.record.id: p.record.display_name for p in vault.people()}
        problems = vault.read_only
    if not entries:
        say(translate("CommandLine", "Nothing matches."))
    for saved in entries:
        record = saved.record
        when = record.date.isoformat()
        if isinstance(record, Appointment):
            when += " " + (record.time.strftime("%H:%M") if record.time else "     ")
            what = label(record.kind) if record.kind else translate("CommandLine", "Appointment")
            flags = ", ".join(problem_label(p) for p in problems_of(record))
            place = record.location
        else:
            when += "      "
            what, flags, place = label(record.kind), "", record.reference
        line = f"{when}  {names[record.person_id]:<20.20}  {what:<30.30}  {place:<24.24}"
        say((line + (f"  [{flags}]" if flags else "")).rstrip())
    return exit_for(problems)


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
    try:
        say(
            translate(
                "CommandLine", "Your new passphrase is set. Your old recovery key no longer works."
            )
        )
        say(translate("CommandLine", "Your new recovery key (it is shown only this once):"))
        show_recovery_key(fresh)
        vault.confirm_recovery_key(fresh)
        say(
            translate(
                "CommandLine",
                "Write it down or print it, and keep it somewhere safe away from this computer.",
            )
        )
    finally:
        vault.close()
    return 0


def cmd_new_recovery_key(args: argparse.Namespace) -> int:
    with opened(args, writing=True, quiet_about_key=True) as vault:
        current = secrets.current_passphrase(passphrase_file(args))
        had_shown_key = vault.recovery_key_shown
        fresh = vault.new_recovery_key(current)
        say(translate("CommandLine", "Your new recovery key (it is shown only this once):"))
        show_recovery_key(fresh)
        vault.confirm_recovery_key(fresh)
        say(
            translate(
                "CommandLine",
                "Your old recovery key no longer works. Write this one down or print it, and "
                "keep it somewhere safe away from this computer.",
            )
            if had_shown_key
            else translate(
                "CommandLine",
                "The recovery key that was never shown no longer works. Write this one down or "
                "print it, and keep it somewhere safe away from this computer.",
            )
        )
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
