"""The export and verify commands: writing the dated log, and checking a vault or an
exported file against its fingerprint."""

from __future__ import annotations

import argparse
from enum import Enum

from companion import verification
from companion.cli.commands import (
    DAMAGED,
    exit_for,
    opened,
    say,
    selection,
    warn,
)
from companion.errors import InvalidInput
from companion.export import Format, export
from companion.export.options import ExportOptions, Mode, Part, Purpose, Redaction
from companion.i18n import translate
from companion.labels import parse_enum
from companion.messages import problem_line
from companion.vault import Vault


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
    against_vault = getattr(args, "vault", None) is not None
    if not check.wording_not_checkable:
        say(
            translate(
                "CommandLine", "Intact: all {n} saved versions in the file match their proofs."
            ).format(n=check.versions)
        )
    elif against_vault:  # the vault itself vouched for what the proofs alone could not
        say(
            translate(
                "CommandLine",
                "Intact: all {n} saved versions in the file are as the vault holds them "
                "(with the parts left out when it was exported).",
            ).format(n=check.versions)
        )
    else:
        say(
            translate(
                "CommandLine",
                "{k} of the {n} saved versions match their proofs word for word. The other "
                "{m} had parts left out when exported: the file shows they are in the vault, "
                "but not that their dates, times and words are as the vault holds them; "
                "check against the vault with --vault to be sure of those.",
            ).format(k=check.wording_checked, n=check.versions, m=check.wording_not_checkable)
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
    if against_vault:
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


KEEPER = ""  # --attest with no name: the keeper signs


def _attest_as(args: argparse.Namespace, vault: Vault) -> str | None:
    if args.attest != KEEPER:
        return args.attest
    keeper = vault.keeper()
    if keeper is None:
        raise InvalidInput(
            "", "--attest", "", "a name, or a keeper named first with: companion keeper --name NAME"
        )
    return keeper.record.name


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
        attest_as=_attest_as(args, vault),
    )


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        count = export(vault, Format(args.format), export_options(args, vault), args.out)
        problems = bool(vault.problems)
    say(translate("CommandLine", "Wrote {n} entries to {path}.").format(n=count, path=args.out))
    return exit_for(problems)
