"""`companion handover`: one person's records into a new vault of their own.

The new vault gets its own passphrase (typed twice, or from --new-passphrase-file; never
taken from COMPANION_PASSPHRASE, which holds this vault's) and its own recovery key, shown
once. Erasing the person from this vault afterwards (--purge-after) needs their name typed
at the keyboard, or --yes, and happens only once the new vault has been checked.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.cli import secrets
from companion.cli.commands import (
    one_person,
    opened,
    passphrase_file,
    say,
    show_recovery_key,
    warn,
)
from companion.errors import (
    HandoverNoPassphrase,
    InvalidInput,
    NoPassphrase,
    PurgeNotConfirmed,
    SamePassphrase,
    VaultReadOnly,
)
from companion.handover import check_target, confirm_shown, fingerprint, hand_over
from companion.handover_check import purge_after
from companion.i18n import translate, translate_n
from companion.messages import describe, still_in_copies
from companion.model import Keeper
from companion.validation import validate
from companion.vault import Vault

# Exit codes (README, "Exit codes"): a command not written correctly; a mistake in what was
# given.
USAGE = 2
INPUT = 4


def register(add) -> None:  # type: ignore[no-untyped-def]
    """Add `handover` with its options; `add` is companion/cli/parser.py's own helper."""
    p = add(
        "handover",
        cmd_handover,
        "copy one person's records into a new vault of their own, with its own passphrase "
        "and recovery key",
    )
    p.add_argument("--person", metavar="NAME", required=True, help="whose records to hand over")
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE",
        help="the new vault's file (never over a file that is there already)",
    )  # fmt: skip
    p.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE",
        help="read the new vault's passphrase from this file (otherwise it is asked for twice)",
    )  # fmt: skip
    keeper = p.add_mutually_exclusive_group()
    keeper.add_argument(
        "--keeper", metavar="NAME",
        help="who keeps the new vault's records, usually the person themselves (printed on its "
        "exports; without it, none is named yet)",
    )  # fmt: skip
    keeper.add_argument(
        "--copy-keeper", action="store_true",
        help="you go on keeping the new vault's records: your name, address, phone and email "
        "are copied into it and the person's role stays as it is (otherwise the person is "
        "recorded there as the claimant for themselves)",
    )  # fmt: skip
    p.add_argument(
        "--purge-after", action="store_true",
        help="then erase the person from this vault, for good (asks you to type their name)",
    )  # fmt: skip
    p.add_argument(
        "--yes", action="store_true",
        help="with --purge-after: erase without asking to type their name",
    )  # fmt: skip


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _known_current_passphrase(args: argparse.Namespace) -> str | None:
    """This vault's passphrase, where it was given in a file or the variable."""
    given = passphrase_file(args)
    if given is not None:
        return secrets.read_secret_file(given, "passphrase file")
    return os.environ.get(secrets.ENV_VAR) or None


def cmd_handover(args: argparse.Namespace) -> int:
    if args.yes and not args.purge_after:
        warn(translate("CommandLine", "--yes goes only with --purge-after; nothing was changed."))
        return USAGE
    if args.purge_after and not args.yes and not _interactive():
        # Said before anything is done: there is nobody to type the name.
        warn(describe(PurgeNotConfirmed()))
        return INPUT
    try:
        return _hand_over(args)
    except SamePassphrase as exc:
        warn(describe(exc))
        return INPUT


def _hand_over(args: argparse.Namespace) -> int:
    with opened(args, writing=args.purge_after) as vault:
        if vault.read_only:
            raise VaultReadOnly()
        person = one_person(vault, args.person)
        check_target(args.out, vault.path)  # before anyone types a new passphrase
        keeper = _keeper(args, vault)
        try:
            new = secrets.new_passphrase(args.new_passphrase_file, allow_env=False)
        except NoPassphrase as exc:  # the new vault's, not this one's
            raise HandoverNoPassphrase() from exc
        if new == _known_current_passphrase(args):
            raise SamePassphrase()
        recovery = hand_over(
            vault,
            person.id,
            args.out,
            new,
            keeper=keeper,
            own_claim=not args.copy_keeper,
            policy=args.kdf,
        )
        _show(args, person.display_name, recovery)
        confirm_shown(args.out, recovery)  # only once it has been written out
        _show_fingerprint(args.out)
        if args.purge_after:
            return _purge(args, vault, person.id, person.display_name, new)
    if keeper is None:
        say("")
        say(
            translate(
                "CommandLine",
                "The new vault does not yet say who keeps its records: whoever keeps them can "
                "name themselves with 'companion keeper --vault FILE --name \"Their Name\"'.",
            )
        )
    return 0


def _keeper(args: argparse.Namespace, vault: Vault) -> Keeper | None:
    if args.copy_keeper:
        kept = vault.keeper()
        if kept is None:
            raise InvalidInput("", "--copy-keeper", "", "a keeper named in this vault to copy")
        record = kept.record
        return Keeper(record.name, address=record.address, phone=record.phone, email=record.email)
    if args.keeper:
        return validate(Keeper(args.keeper))  # before the vault exists: nothing left behind
    return None


def _show(args: argparse.Namespace, name: str, recovery: object) -> None:
    say(
        translate("CommandLine", "{name}'s records are in their own vault now: {path}").format(
            name=name, path=args.out
        )
    )
    say("")
    say(translate("CommandLine", "Its recovery key (it is shown only this once):"))
    show_recovery_key(recovery)  # type: ignore[arg-type]
    say(
        translate(
            "CommandLine",
            "Give it to {name} with the new passphrase, written down or printed, to keep "
            "somewhere safe: if the passphrase is forgotten, it is the only way back in.",
        ).format(name=name)
    )


def _show_fingerprint(path: Path) -> None:
    fp = fingerprint(path)
    say("")
    say(translate("CommandLine", "The new vault's fingerprint: {short}").format(short=fp.short()))
    say(fp.checkpoint().rstrip("\n"))


def _purge(
    args: argparse.Namespace, vault: Vault, person_id: str, name: str, new_passphrase: str
) -> int:
    typed = name
    if not args.yes:
        say("")
        warn(
            translate(
                "CommandLine",
                "This erases {name} and everything recorded for them from these records, for "
                "good; it cannot be undone. Their new vault keeps them. Type their name to "
                "confirm:",
            ).format(name=name)
        )
        try:
            typed = input("> ")
        except EOFError:
            typed = ""
    try:
        erased = purge_after(vault, person_id, args.out, new_passphrase, typed, policy=args.kdf)
    except PurgeNotConfirmed as exc:
        warn(describe(exc))
        return INPUT
    say(
        translate("CommandLine", "Erased {name} from these records ({changes}).").format(
            name=name, changes=translate_n("CommandLine", "%n saved change(s)", erased)
        )
        + " "
        + still_in_copies()
    )
    return 0
