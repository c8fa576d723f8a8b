"""`companion deadlines`: the dispute so far for each person, and what is due.

Each deadline is said as "must be received by" a date in words, with the rule, whose
rules they are, the rule's source and "check the current rules"; never as advice.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from companion.chronology import Step, chronology, due_soon
from companion.cli.commands import exit_for, one_person, opened, say
from companion.deadlines import Deadline
from companion.i18n import local, long_date, translate
from companion.presentation.dispute import deadline_sentence, step_words


def _tr(text: str) -> str:
    return translate("CommandLine", text)


def _step_line(step: Step, today: date) -> str:
    words = step_words(step, today)
    lines = [f"{long_date(words.day)}: {words.what}"]
    lines += [f"    {text}" for text in (words.deadline, words.outcome) if text]
    return "\n".join(lines)


def _as_json(deadline: Deadline) -> dict[str, object]:
    rule = deadline.rule
    return {
        "rule": rule.key,
        "name": rule.name,
        "body": rule.body.value,
        "source": rule.source,
        "confidence": rule.confidence,
        "reviewed": rule.reviewed.isoformat(),
        "starts": deadline.start.isoformat(),
        "received_by": deadline.due.isoformat(),
        "moved_from": deadline.moved_from.isoformat() if deadline.moved_from else None,
        "latest": deadline.latest.isoformat() if deadline.latest else None,
        "late_until": deadline.late_until.isoformat() if deadline.late_until else None,
    }


def cmd_deadlines(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        today = local(vault.now()).date()
        people = [one_person(vault, args.person)] if args.person else [
            p.record for p in vault.people() if not p.damaged
        ]  # fmt: skip
        events = [e.record for e in vault.events()]
        problems = vault.read_only
    report = []
    for person in people:
        steps = chronology(person, events)
        report.append((person, steps, due_soon(steps, today)))
    if args.json:
        say(
            json.dumps(
                [
                    {
                        "person": person.display_name,
                        "today": today.isoformat(),
                        "steps": [
                            {
                                "date": s.event.date.isoformat(),
                                "kind": s.event.kind.value,
                                "id": s.event.id,
                                "deadline": _as_json(s.deadline) if s.deadline else None,
                                "answered_by": s.answer.id if s.answer else None,
                                "in_time": s.in_time,
                                "overdue": s.overdue(today),
                            }
                            for s in steps
                        ],
                    }
                    for person, steps, _soon in report
                ],
                indent=1,
                ensure_ascii=False,
            )
        )
        return exit_for(problems)
    for person, steps, soon in report:
        say(person.display_name)
        if not steps:
            say("  " + _tr("No letters or steps of a dispute recorded yet."))
        for step in soon:
            assert step.deadline is not None
            word = _tr("Overdue") if step.overdue(today) else _tr("Due soon")
            say(f"  {word}: " + deadline_sentence(step.deadline))
        for step in steps:
            say("  " + _step_line(step, today).replace("\n", "\n  "))
    return exit_for(problems)
