"""`companion letter KIND`: draft a letter from the record as ODT or PDF, say what is left
to fill in, and optionally log it as sent, which starts its clock."""

from __future__ import annotations

import argparse
from datetime import date

from companion.chronology import chronology
from companion.cli.commands import exit_for, one_person, opened, say
from companion.errors import InvalidInput
from companion.export import check_target
from companion.i18n import long_date, translate, translate_n
from companion.interchange.csv_format import parse_date
from companion.letters import (
    LetterFormat,
    LetterKind,
    LetterRequest,
    candidates,
    compose,
    kind_label,
    log_sent,
    save_letter,
)
from companion.presentation.dispute import deadline_sentence
from companion.vault import Vault


def _tr(text: str) -> str:
    return translate("CommandLine", text)


def _date(text: str | None, option: str) -> date | None:
    return None if text is None else parse_date(text, "", option)


def entry_ids(vault: Vault, person_id: str, kind: LetterKind, text: str | None) -> tuple | None:
    """--entries: each an entry's id, or a date standing for the person's entries that day."""
    if text is None:
        return None
    offered = candidates(vault, person_id, kind)
    ids: list[str] = []
    for token in (t.strip() for t in text.split(",")):
        if not token:
            continue
        if any(s.record.id == token for s in offered):
            ids.append(token)
            continue
        try:
            day = parse_date(token, "", "entry")
        except InvalidInput:
            day = None
        same_day = [s.record.id for s in offered if s.record.date == day]
        ids += same_day or [token]  # an unknown id is refused by compose, in one sentence
    return tuple(dict.fromkeys(ids))


def _blanks_line(blanks: tuple[str, ...]) -> str:
    if not blanks:
        return _tr("Nothing left blank.")
    return translate_n(
        "CommandLine", "%n thing(s) to fill in before sending: {blanks}.", len(blanks)
    ).format(blanks=", ".join(blanks))


def cmd_letter(args: argparse.Namespace) -> int:
    kind = LetterKind(args.kind)
    on = _date(args.date, "--date")
    sent_on = _date(args.log_sent, "--log-sent date")
    with opened(args, writing=sent_on is not None) as vault:
        check_target(vault, args.out)  # before any work: a folder or the vault is refused
        person = one_person(vault, args.person)
        request = LetterRequest(
            kind=kind,
            person_id=person.id,
            entry_ids=entry_ids(vault, person.id, kind, args.entries),
            on=on,
            reference=args.reference or "",
            annex=args.annex,
        )
        letter = compose(vault, request)
        if sent_on is not None and letter.sent_kind is None:
            raise InvalidInput(
                "", "kind", kind.value, "a letter that is sent, to log with --log-sent (an "
                "evidence summary goes with another letter)",
            )  # fmt: skip
        save_letter(vault, letter, LetterFormat(args.format), args.out)
        logged = log_sent(vault, letter, sent_on) if sent_on is not None else None
        events = [e.record for e in vault.events()]
        problems = vault.read_only
    wrote = translate_n(
        "CommandLine", "Wrote the {what} for {name}, listing %n entr(y|ies), to {path}.",
        len(letter.entry_ids),
    )  # fmt: skip
    what = kind_label(kind)
    what = what[:1].lower() + what[1:]  # "the referral to the Independent Case Examiner"
    say(wrote.format(what=what, name=person.display_name, path=args.out))
    say(_blanks_line(letter.blanks))
    if logged is not None:
        say(_tr("Logged as sent on {day}.").format(day=long_date(logged.record.date)))
        step = next(s for s in chronology(person, events) if s.event.id == logged.record.id)
        if step.deadline is not None:
            say(deadline_sentence(step.deadline))
    return exit_for(problems)
