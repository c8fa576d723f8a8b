"""The export and verify commands: writing the dated log, and checking a vault or an
exported file against its fingerprint."""

from __future__ import annotations

import argparse
from enum import Enum

from companion import verification
from companion.attachment_check import CopyCheck, check_copies
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
from companion.i18n import translate, translate_n
from companion.labels import parse_enum
from companion.messages import problem_line
from companion.vault import WARNINGS, Vault


def cmd_verify(args: argparse.Namespace) -> int:
    if args.file is not None:
        return verify_export(args)
    if getattr(args, "attachment", None):
        raise InvalidInput(
            "", "--attachment", "", "an exported PDF or JSON file given first, to check it against"
        )
    with opened(args) as vault:
        found = vault.verify()
        fp = vault.fingerprint()
        counts = (len(vault.people()), len(vault.appointments()), len(vault.events()),
                  len(vault.attachments()))  # fmt: skip
    damage = [p for p in found if p.kind not in WARNINGS]
    if damage:
        for problem in damage:
            warn(problem_line(problem))
        return DAMAGED
    say(
        translate(
            "CommandLine",
            "The vault is intact: {people}, {appointments}, {events}, {files} and {changes} "
            "all check out.",
        ).format(
            people=translate_n("CommandLine", "%n (person|people)", counts[0]),
            appointments=translate_n("CommandLine", "%n appointment(s)", counts[1]),
            events=translate_n("CommandLine", "%n letter(s) or event(s)", counts[2]),
            files=translate_n("CommandLine", "%n attached file(s), every part read,", counts[3]),
            changes=translate_n("CommandLine", "%n saved change(s)", fp.size),
        )
    )
    say(translate("CommandLine", "Fingerprint: {short}").format(short=fp.short()))
    if found:  # only warnings: the vault itself checks out, but is not what was seen here
        warn(
            translate(
                "CommandLine",
                "But it is not what this computer last saw at this place (the warning above), "
                "so it cannot be called unchanged until you have read that warning and said so "
                "with: companion acknowledge",
            )
        )
        return DAMAGED
    return 0


def _tr(text: str) -> str:
    return translate("CommandLine", text)


def verify_export(args: argparse.Namespace) -> int:
    """Check an exported PDF or JSON log; against the vault too, if --vault was given."""
    try:
        read = verification.read_log(args.file)
    except verification.AlteredExport as refused:
        warn(refused.reason)
        warn(_tr("This file has been altered, or cannot be read as made."))
        return DAMAGED
    # Each copy given is read before anything is said, so a copy that cannot be read is one
    # sentence on its own.
    copies = check_copies(read.doc, list(getattr(args, "attachment", None) or []))
    check = verification.check_log(read.doc)
    problems = list(check.problems)
    if read.pages is not None:
        problems += read.pages.problems
    compared = None
    if getattr(args, "vault", None) is not None and not problems:
        with opened(args) as vault:
            compared = verification.compare_with_vault(read.doc, vault)
        problems += compared.problems
    fp = check.fingerprint
    if fp is not None:
        say(
            _tr(
                "The file says it comes from the vault with fingerprint {short} ({changes})."
            ).format(
                short=fp.short(), changes=translate_n("CommandLine", "%n saved change(s)", fp.size)
            )
        )
    if problems:
        for problem in problems:
            warn(problem)
        warn(_tr("This file has been altered, or cannot be read as made."))
        if copies:
            warn(_tr("So the attached files given were not checked against it."))
        return DAMAGED
    for line in [
        *_versions_report(check, compared),
        *_histories_report(check, compared),
        *(compared.changes if compared is not None else []),
        *_pages_report(read),
    ]:
        say(line)
    if compared is not None:
        say(_tr("It agrees with the vault's history."))
    else:
        say(
            _tr(
                "Compare the fingerprint with a copy you kept, or check "
                "against the vault by adding --vault and the vault's file."
            )
        )
    return _copies_report(copies)


def _copies_report(copies: list[CopyCheck]) -> int:
    """Each copy given with --attachment: the attached file it is, or that it is none."""
    for copy in copies:
        (say if copy.matches else warn)(copy.sentence())
    return 0 if all(copy.matches for copy in copies) else DAMAGED


def _versions_report(
    check: verification.ExportCheck, compared: verification.VaultComparison | None
) -> list[str]:
    """What the proofs showed of each version, and where the vault vouched for the rest."""
    n = check.versions
    if compared is not None:
        if check.wording_not_checkable:
            return [
                _tr(
                    "Intact: all {n} saved versions in the file are as the vault holds them "
                    "(with the parts left out when it was exported)."
                ).format(n=n)
            ]
        return [
            _tr(
                "Intact: all {n} saved versions in the file match their proofs word for word, "
                "and are as the vault holds them."
            ).format(n=n)
        ]
    if not check.wording_not_checkable:
        return [
            _tr("Intact: all {n} saved versions in the file match their proofs word for word.")
            .format(n=n)
        ]  # fmt: skip
    lines = [
        _tr("{k} of the {n} saved versions match their proofs word for word.").format(
            k=check.wording_checked, n=n
        )
    ]
    if check.details_checked:
        lines.append(
            _tr(
                "The other {m} had parts left out when exported: the file shows when each was "
                "saved and its place in its record's history, but not its words or whose "
                "record it is."
            ).format(m=check.details_checked)
        )
    if check.unbound:
        lines.append(
            _tr(
                "{m} had parts left out and carry only what older versions of the app wrote: "
                "the file shows they are in the vault, but not when they were saved, what they "
                "said or their place in their record's history."
            ).format(m=check.unbound)
        )
    lines.append(
        _tr("Check against the vault (add --vault and the vault's file) to be sure of those.")
    )
    return lines


def _histories_report(
    check: verification.ExportCheck, compared: verification.VaultComparison | None
) -> list[str]:
    """Whether each record in the file holds its whole history, as far as this check knows."""
    lines = []
    if compared is not None:
        if check.latest_only:
            lines.append(
                _tr(
                    "The file says earlier wordings were left out: every record in it shows "
                    "the version the vault held last when the file was made."
                )
            )
            if compared.earlier_left_out:
                lines.append(
                    _tr(
                        "The vault holds {m} earlier wordings of {c} of them, which this copy "
                        "leaves out."
                    ).format(m=compared.earlier_left_out, c=compared.with_earlier_left_out)
                )
        else:
            lines.append(
                _tr("Every record has every version the vault held when the file was made.")
            )
        if compared.not_included:
            lines.append(
                _tr(
                    "The vault also held {entries} for the people in this file when it "
                    "was made, which this copy does not include (an export can leave entries "
                    "out by date or by kind, or keep only those with a problem)."
                ).format(
                    entries=translate_n(
                        "CommandLine", "%n other entr(y|ies)", compared.not_included
                    )
                )
            )
        return lines
    if check.latest_only:
        lines.append(
            _tr(
                "The file says earlier wordings were left out, so each record in it shows only "
                "one version."
            )
        )
        if check.corrected_before:
            lines.append(
                _tr("{c} of them had been corrected before the file was made.").format(
                    c=check.corrected_before
                )
            )
    elif check.history_unchecked < check.records:
        lines.append(
            _tr(
                "No record in the file is missing an earlier version or has its versions out "
                "of order."
            )
        )
    if check.history_unchecked:
        lines.append(
            _tr(
                "For {n} records the file cannot show whether versions are missing, since some "
                "of their versions carry only what older versions of the app wrote."
            ).format(n=check.history_unchecked)
        )
    lines.append(
        _tr(
            "The file alone cannot show that a record's latest correction, or a whole entry, "
            "was not taken out of it: check against the vault (add --vault and the vault's "
            "file) for that."
        )
    )
    return lines


def _pages_report(read: verification.ReadLog) -> list[str]:
    """What was, and was not, checked of a PDF's pages."""
    if read.pages is None:
        return []
    if not read.pages.listed:
        return [
            _tr(
                "The pages were not checked: this PDF carries no list of them (it was made by an "
                "older version of the app, or the list was taken out), so only the log attached "
                "to it was checked. Compare the pages with it (PDF viewers list it under "
                "attachments)."
            )
        ]
    return [
        _tr(
            "The {n} pages are as they were when the file was made. That is shown by a list "
            "of the pages attached beside the log, which the fingerprint does not cover: "
            "someone who rewrote that list as well as the pages would not be caught, so where "
            "it matters, compare the pages with the log."
        ).format(n=read.pages.pages)
    ]


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
        rules_engaged=args.rules,
    )


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        count = export(vault, Format(args.format), export_options(args, vault), args.out)
        problems = vault.read_only
    say(
        translate("CommandLine", "Wrote {entries} to {path}.").format(
            entries=translate_n("CommandLine", "%n entr(y|ies)", count), path=args.out
        )
    )
    return exit_for(problems)
