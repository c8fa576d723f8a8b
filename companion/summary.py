"""Counts for a set of appointments: "No private room: 5 of 6 appointments".

Used by the desktop app's summary strip and the front page of an export. Every
count is a count of appointments whose record shows one kind of problem, as
companion/problems.py defines it; the table in docs/exports.md says exactly
what each one counts. Appointments that were moved, cancelled or did not
happen are counted apart and are in no other count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.labels import label
from companion.model import Appointment, Listener, Topic
from companion.problems import EntryProblem, Group, at_risk, is_call, problems_of, took_place


@dataclass(frozen=True)
class Summary:
    appointments: int = 0  # that took place (or nothing says they did not)
    calls: int = 0  # of those, by telephone or video
    not_held: int = 0  # moved, cancelled, or did not happen
    problems: Counter[EntryProblem] = field(default_factory=Counter)
    at_risk: int = 0  # private details said, or asked for, with others present
    with_any_problem: int = 0
    held_back: int = 0  # chose not to tell them something private
    overheard_by: Counter[Listener] = field(default_factory=Counter)
    said_aloud: Counter[Topic] = field(default_factory=Counter)  # said with others present


def summarise(appointments: Iterable[Appointment]) -> Summary:
    problems: Counter[EntryProblem] = Counter()
    listeners: Counter[Listener] = Counter()
    topics: Counter[Topic] = Counter()
    total = calls = not_held = risky = any_problem = held_back = 0
    for a in appointments:
        if not took_place(a):
            not_held += 1
            continue
        total += 1
        calls += is_call(a)
        found = problems_of(a)
        problems.update(found)
        risky += at_risk(found)
        any_problem += bool(found)
        held_back += bool(a.declined_to_disclose)
        listeners.update(a.in_earshot)
        if EntryProblem.SAID_WITH_OTHERS_PRESENT in found:
            topics.update(a.said_aloud)
    return Summary(
        total, calls, not_held, problems, risky, any_problem, held_back, listeners, topics
    )


@dataclass(frozen=True)
class Tally:
    group: Group | None  # None: about the appointments themselves, shown before the groups
    count: int
    text: str  # "Others could hear: 3 of 6 appointments."


_GROUP_TITLES = {
    Group.PRIVACY: QT_TRANSLATE_NOOP("Summary", "Privacy"),
    Group.ADJUSTMENTS: QT_TRANSLATE_NOOP("Summary", "Reasonable adjustments and recording"),
    Group.LANGUAGE: QT_TRANSLATE_NOOP("Summary", "Language"),
    Group.CONDUCT: QT_TRANSLATE_NOOP("Summary", "How staff behaved"),
}


def group_title(group: Group) -> str:
    return translate("Summary", _GROUP_TITLES[group])


def tallies(summary: Summary) -> list[Tally]:
    """The counts that are not nought, grouped, each as a short line."""
    n, p = summary.appointments, summary.problems
    if n == 1:
        of_n = translate("Summary", "{k} of 1 appointment")
    else:
        of_n = translate("Summary", "{k} of {n} appointments")
    calls = summary.calls  # people at the staff end are counted on calls only
    if calls == 1:
        of_calls = translate("Summary", "{k} of 1 call")
    else:
        of_calls = translate("Summary", "{k} of {c} calls")
    E, G = EntryProblem, Group
    rows: list[tuple[Group, int, str, str]] = [
        (G.PRIVACY, summary.at_risk,
         translate("Summary", "Private details said, or asked for, with others present"), of_n),
        (G.PRIVACY, p[E.NO_PRIVATE_ROOM], translate("Summary", "No private room"), of_n),
        (G.PRIVACY, p[E.ROOM_REFUSED],
         translate("Summary", "Private room asked for and refused"), of_n),
        (G.PRIVACY, p[E.OVERHEARD], translate("Summary", "Others could hear"), of_n),
        (G.PRIVACY, p[E.PEOPLE_AT_STAFF_END],
         translate("Summary", "Other people heard at the staff member's end"), of_calls),
        (G.PRIVACY, p[E.TOLD_NOBODY_COULD_HEAR],
         translate("Summary", "Told nobody else could hear, but others were there"), of_n),
        (G.PRIVACY, p[E.SAID_WITH_OTHERS_PRESENT],
         translate("Summary", "Private details said with others present"), of_n),
        (G.PRIVACY, p[E.ASKED_WITH_OTHERS_PRESENT],
         translate("Summary", "Asked to say private details with others present"), of_n),
        (G.PRIVACY, summary.held_back,
         translate("Summary", "Chose not to tell them something private"), of_n),
        (G.ADJUSTMENTS, p[E.ADJUSTMENT_REFUSED],
         translate("Summary", "A reasonable adjustment refused"), of_n),
        (G.ADJUSTMENTS, p[E.RECORDING_REFUSED], translate("Summary", "Recording refused"), of_n),
        (G.LANGUAGE, p[E.LANGUAGE_NOT_USED],
         translate("Summary", "Language asked for not used"), of_n),
        (G.CONDUCT, p[E.CONDUCT], translate("Summary", "Staff conduct recorded"), of_n),
    ]  # fmt: skip
    out = [
        Tally(group, k, f"{what}: {tally.format(k=k, n=n, c=calls)}.")
        for group, k, what, tally in rows
        if k
    ]
    if summary.not_held:
        text = translate(
            "Summary", "Moved, cancelled or did not happen: {k} (not counted below)."
        ).format(k=summary.not_held)
        out.insert(0, Tally(None, summary.not_held, text))
    return out


def breakdown(summary: Summary) -> list[tuple[str, str]]:
    """Who could hear, and which private details were said with others present, each with the
    number of appointments, like ("Who could hear", "Other claimants (5), Security guards (2)")."""
    out = []
    if summary.overheard_by:
        text = ", ".join(f"{label(w)} ({n})" for w, n in summary.overheard_by.most_common())
        out.append((translate("Summary", "Who could hear"), text))
    if summary.said_aloud:
        text = ", ".join(f"{label(t)} ({n})" for t, n in summary.said_aloud.most_common())
        out.append((translate("Summary", "Said with others present"), text))
    return out


def sentences(summary: Summary) -> list[str]:
    """The tallies as plain lines, in order."""
    return [t.text for t in tallies(summary)]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    appointments: int
    with_problems: int


def monthly(appointments: Iterable[Appointment]) -> list[Month]:
    """Appointments that took place in each calendar month, and how many of those had private
    details at risk (the headline count), with no gaps."""
    counts: dict[tuple[int, int], list[int]] = {}
    for a in appointments:
        if not took_place(a):
            continue
        tally = counts.setdefault((a.date.year, a.date.month), [0, 0])
        tally[0] += 1
        tally[1] += at_risk(problems_of(a))
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    out = []
    while (year, month) <= last:
        total, problems = counts.get((year, month), [0, 0])
        out.append(Month(year, month, total, problems))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
