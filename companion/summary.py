"""Counts for a set of appointments: "no private room at 5 of 6 appointments".

Used by the desktop app's summary strip and the front page of an export.
Every count comes from what was recorded; nothing is inferred.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from companion.i18n import translate
from companion.model import Answer, Appointment, Channel, Listener, PrivacyProblem, Topic
from companion.query import privacy_problems

CALLS = {Channel.TELEPHONE, Channel.VIDEO}


@dataclass(frozen=True)
class Summary:
    appointments: int = 0
    calls: int = 0
    problems: Counter[PrivacyProblem] = field(default_factory=Counter)
    room_not_offered: int = 0
    overheard_by: Counter[Listener] = field(default_factory=Counter)
    said_aloud: Counter[Topic] = field(default_factory=Counter)
    with_any_problem: int = 0


def summarise(appointments: Iterable[Appointment]) -> Summary:
    problems: Counter[PrivacyProblem] = Counter()
    listeners: Counter[Listener] = Counter()
    topics: Counter[Topic] = Counter()
    total = calls = not_offered = any_problem = 0
    for a in appointments:
        total += 1
        calls += a.channel in CALLS
        not_offered += a.private_room_offered is Answer.NO
        found = privacy_problems(a)
        any_problem += bool(found)
        problems.update(found)
        listeners.update(a.in_earshot)
        if PrivacyProblem.SENSITIVE_OVERHEARD in found:
            topics.update(a.said_aloud)
    return Summary(total, calls, problems, not_offered, listeners, topics, any_problem)


def sentences(summary: Summary) -> list[str]:
    """The counts that matter, as short tallies; nothing for a count of nought."""
    n = summary.appointments
    p = summary.problems
    if n == 1:
        of_n = translate("Summary", "{k} of 1 appointment")
    else:
        of_n = translate("Summary", "{k} of {n} appointments")
    lines: list[tuple[int, str, str]] = [
        (summary.with_any_problem, translate("Summary", "Privacy not respected"), of_n),
        (summary.room_not_offered, translate("Summary", "No private room offered"), of_n),
        (p[PrivacyProblem.ROOM_REFUSED],
         translate("Summary", "Private room asked for and refused"), of_n),
        (p[PrivacyProblem.OVERHEARD], translate("Summary", "Others could hear"), of_n),
        (p[PrivacyProblem.BACKGROUND_NOISE],
         translate("Summary", "Other people heard at the staff end"),
         translate("Summary", "{k} of {calls} calls")),
        (p[PrivacyProblem.SENSITIVE_OVERHEARD],
         translate("Summary", "Private details said where others could hear"), of_n),
        (p[PrivacyProblem.ADJUSTMENT_REFUSED],
         translate("Summary", "Reasonable adjustments refused"), of_n),
        (p[PrivacyProblem.RECORDING_REFUSED], translate("Summary", "Recording refused"), of_n),
    ]  # fmt: skip
    # Noise can be recorded at a meeting that was not a call; never say "1 of 0 calls".
    calls = max(summary.calls, p[PrivacyProblem.BACKGROUND_NOISE])
    return [f"{what}: {tally.format(k=k, n=n, calls=calls)}." for k, what, tally in lines if k]


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    appointments: int
    with_problems: int


def monthly(appointments: Iterable[Appointment]) -> list[Month]:
    """Appointments per calendar month, and how many had a privacy problem, with no gaps."""
    counts: dict[tuple[int, int], list[int]] = {}
    for a in appointments:
        tally = counts.setdefault((a.date.year, a.date.month), [0, 0])
        tally[0] += 1
        tally[1] += bool(privacy_problems(a))
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    out = []
    while (year, month) <= last:
        total, problems = counts.get((year, month), [0, 0])
        out.append(Month(year, month, total, problems))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
