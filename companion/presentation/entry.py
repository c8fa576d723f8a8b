"""One entry as every format shows it: heading, when its wording was written, problems,
facts, the person's own words, corrections, and what this copy leaves out.

`shown_entry` works out, from a record's saved versions and the export's
choices, what is shown and when that wording was saved; `present` turns it
into words. The PDF, the Markdown, the spreadsheet and the app's entry view
only lay those words out.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime

from companion import codec
from companion.export.options import ExportOptions, Part
from companion.export.redact import PRIVACY_FIELDS, record_names, redact_record
from companion.history import Correction, corrections
from companion.i18n import clock_time, local, long_date, long_datetime, translate
from companion.labels import label
from companion.ledger import Saved, Version
from companion.model import Appointment, Event
from companion.presentation.facts import (
    Fact,
    appointment_facts,
    event_facts,
    not_held_note,
    where,
)
from companion.problems import problem_label, problems_of

SUMMARY_CHARACTERS = 140


@dataclass(frozen=True)
class ShownEntry:
    """What an export (or the entry view) shows of one entry, before it is worded."""

    saved: Saved  # as stored: its times and flags
    record: Appointment | Event  # as shown: redacted, and without the parts left out
    marked: Appointment | Event  # as stored but for the parts left out: what marks omissions
    counted: Appointment | Event  # redacted only: what the summary counts
    corrections: list[Correction]  # those shown (none when corrections are left out)
    wording_saved_at: datetime  # when the wording shown was saved
    changed_later_unseen: bool  # corrected later only in what this copy leaves out
    left_out: frozenset[Part]


def _same_shown(
    versions: list[Version], options: ExportOptions, names: frozenset[str]
) -> list[Version]:
    return [
        Version(
            v.saved_at,
            None
            if v.record is None
            else redact_record(v.record, options.redactions, options.left_out, names),
            v.imported_at,
        )
        for v in versions
    ]


def _names(saved: Saved, versions: list[Version], options: ExportOptions) -> frozenset[str]:
    """Names left out of this entry: those in its name boxes in any version."""
    if not options.redactions:
        return frozenset()
    records = [saved.record, *(v.record for v in versions if v.record is not None)]
    return record_names((codec.to_fields(r) for r in records), options.redactions)


def shown_entry(saved: Saved, versions: list[Version], options: ExportOptions) -> ShownEntry:
    """What `options` show of an entry whose saved versions (oldest first) are `versions`."""
    names = _names(saved, versions, options)
    shown = redact_record(saved.record, options.redactions, options.left_out, names)
    readable = [v for v in _same_shown(versions, options, names) if v.record is not None]
    # The wording shown dates from the first of the newest run of versions that look the same.
    wording_at = saved.last_saved_at
    for version in reversed(readable):
        if version.record != shown:
            break
        wording_at = version.saved_at
    fixes: list[Correction] = []
    if saved.corrected and Part.CORRECTIONS not in options.left_out:
        # A correction only to what was left out shows nothing: leave it out too.
        fixes = [fix for fix in corrections(readable) if fix.changes]
    return ShownEntry(
        saved=saved,
        record=shown,  # type: ignore[arg-type]
        marked=redact_record(saved.record, frozenset(), options.left_out),  # type: ignore[arg-type]
        # With no parts left out, what is counted is what is shown: worked out once.
        counted=(
            shown  # type: ignore[arg-type]
            if not options.left_out
            else redact_record(saved.record, options.redactions, names=names)
        ),
        corrections=fixes,
        wording_saved_at=wording_at,
        changed_later_unseen=wording_at < saved.last_saved_at and bool(readable),
        left_out=options.left_out,
    )


@dataclass(frozen=True)
class Words:
    """A passage in the person's own words (or a marker where it was left out)."""

    label: str
    text: str
    left_out: bool = False


@dataclass(frozen=True)
class CorrectionShown:
    heading: str  # "Corrected on ...:"
    changes: tuple[str, ...]  # 'What happened: was "...", now "..."'


@dataclass(frozen=True)
class Presented:
    heading: str  # "Tuesday 17 February 2026, 10:30: Work-focused interview"
    kind: str  # "Work-focused interview"
    written: str  # when it was first written and when this wording was saved
    damaged: str  # a warning, or ""
    problems: tuple[str, ...]
    facts: tuple[Fact, ...]
    words: tuple[Words, ...]
    corrections: tuple[CorrectionShown, ...]
    summary: str  # one line in the person's own words, for the short version
    where: str


def kind_text(record: Appointment | Event) -> str:
    """The kind, and for an appointment that did not go ahead, that it did not."""
    if isinstance(record, Event):
        return label(record.kind)
    kind = label(record.kind) if record.kind is not None else translate("Entry", "Appointment")
    note = not_held_note(record)
    return f"{kind} {note}" if note else kind


def heading(record: Appointment | Event) -> str:
    """Like "Tuesday 17 February 2026, 10:30: Work-focused interview"."""
    when = long_date(record.date)
    if isinstance(record, Appointment) and record.time is not None:
        when += ", " + clock_time(record.time)
    return f"{when}: {kind_text(record)}"


def gap(happened: date, written_at: datetime) -> str:
    """How long after the day it describes, counted in this computer's calendar days."""
    days = (local(written_at).date() - happened).days
    if days < 0:
        return translate("Entry", "before the day it describes")
    if days == 0:
        return translate("Entry", "the same day")
    if days == 1:
        return translate("Entry", "1 day later")
    return translate("Entry", "{n} days later").format(n=days)


def written_note(entry: ShownEntry) -> str:
    """When the note was first written and, if the wording shown is later, when that was
    saved: a correction is never passed off as written on the day."""
    saved, happened = entry.saved, entry.record.date
    first, wording, imported = saved.written_at, entry.wording_saved_at, saved.imported_at
    if imported is not None and first == imported:
        # Where it came from gave no time of writing, so the only honest time is its coming.
        text = (
            translate(
                "Entry",
                "Handed over on {when} from records someone else kept, which did not say when "
                "it was written.",
            )
            if saved.handed_over
            else translate(
                "Entry",
                "Brought in from a file on {when}; the file did not say when it was written.",
            )
        ).format(when=long_datetime(imported))
    elif wording == first:
        text = translate("Entry", "Written {when}, {gap}.").format(
            when=long_datetime(first), gap=gap(happened, first)
        )
    else:
        text = translate("Entry", "First written {when}, {gap}.").format(
            when=long_datetime(first), gap=gap(happened, first)
        )
    if wording != first:
        text += " " + translate("Entry", "This wording saved {when}, {gap}.").format(
            when=long_datetime(wording), gap=gap(happened, wording)
        )
        if Part.CORRECTIONS in entry.left_out:
            text += " " + translate("Entry", "Its earlier wording is left out of this copy.")
        else:
            text += " " + translate("Entry", "What it said before is shown below.")
    if imported is not None and first != imported:
        text += " " + brought_in(saved.handed_over).format(when=long_datetime(imported))
    if entry.changed_later_unseen:
        text += " " + translate(
            "Entry", "It was also changed later, only in what this copy leaves out."
        )
    return text


def brought_in(handed_over: bool) -> str:
    """Where an entry brought into this vault came from, with a {when} to fill in: the
    records someone else kept (by a hand-over), or a file."""
    if handed_over:
        return translate("Entry", "Handed over on {when} from records someone else kept.")
    return translate("Entry", "Brought in from a file on {when}.")


def saved_note(happened: date, saved_at: datetime, *, correction: bool) -> str:
    """What the app says just after a save: when, and how long after the day described."""
    if correction:
        text = translate("Entry", "This wording saved {when}, {gap}; the earlier wording is kept.")
    else:
        text = translate("Entry", "Written {when}, {gap}.")
    return text.format(when=long_datetime(saved_at), gap=gap(happened, saved_at))


def damaged_note() -> str:
    return translate(
        "Entry",
        "Part of this entry's history could not be read (the vault is damaged), "
        "so this may not be its latest wording.",
    )


def _left_out_words(name: str) -> Words:
    return Words(name, translate("Entry", "Left out of this copy."), True)


def _words(entry: ShownEntry, person_name: str) -> list[Words]:
    shown, marked = entry.record, entry.marked
    out: list[Words] = []
    if not isinstance(shown, Appointment) or not isinstance(marked, Appointment):
        return out
    stored = entry.saved.record
    what = translate("Entry", "What happened")
    if stored.account and not shown.account:  # left out: as a part, or as free text
        out.append(_left_out_words(what))
    elif shown.account:
        out.append(Words(what, shown.account))
    quotes = translate("Entry", "What they said, word for word")
    if marked.conduct_quotes and not shown.conduct_quotes:
        out.append(_left_out_words(quotes))
    elif shown.conduct_quotes:
        out.append(Words(quotes, shown.conduct_quotes))
    affected = translate("Entry", "How it affected {name}").format(name=person_name)
    if Part.IMPACT in entry.left_out and (stored.impact or stored.distress is not None):
        out.append(_left_out_words(affected))
        return out
    impact = shown.impact
    if marked.impact and not shown.impact:
        impact = f"[{translate('Entry', 'left out of this copy')}]"
    if shown.distress is not None:
        distress = translate("Entry", "Distress: {n} out of 10.").format(n=shown.distress)
        impact = f"{impact}\n{distress}" if impact else distress
    if impact:
        out.append(Words(affected, impact))
    return out


def _privacy_left_out(entry: ShownEntry) -> list[Fact]:
    stored = entry.saved.record
    if Part.PRIVACY not in entry.left_out or not isinstance(stored, Appointment):
        return []
    empty = Appointment(stored.person_id, stored.date)
    if all(getattr(stored, name) == getattr(empty, name) for name in PRIVACY_FIELDS):
        return []
    return [
        Fact(
            translate("Entry", "Privacy facts"), translate("Entry", "Left out of this copy."), True
        )
    ]


def emptied_fields(entry: ShownEntry) -> list[str]:
    """The fields (spreadsheet columns) of which this copy leaves out all or part: emptied,
    or with a name or an adjustment's words taken out."""
    stored, shown = entry.saved.record, entry.record
    return [
        f.name
        for f in dataclasses.fields(stored)
        if f.name not in ("id", "person_id") and getattr(stored, f.name) != getattr(shown, f.name)
    ]


def one_line(text: str, most: int = SUMMARY_CHARACTERS) -> str:
    """The first sentence or line of `text`, shortened at a word with "…" if still long."""
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    if len(first) <= most:
        return first
    return first[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _summary(entry: ShownEntry) -> str:
    shown = entry.record
    name = "account" if isinstance(shown, Appointment) else "summary"
    text = getattr(shown, name)
    if text:
        return one_line(text)
    if getattr(entry.saved.record, name):
        return f"[{translate('Entry', 'left out of this copy')}]"
    return ""


def present(entry: ShownEntry, person_name: str) -> Presented:
    record = entry.record
    problems: list[str] = []
    if isinstance(record, Appointment):
        facts = appointment_facts(entry.marked, record)  # type: ignore[arg-type]
        found = problems_of(record)
        problems = [problem_label(p) for p in found]
        if set(problems_of(entry.counted)) - set(found):  # type: ignore[arg-type]
            # The privacy facts are left out, and with them the problems they show; the cover
            # still counts them, so the entry says so rather than list fewer.
            problems.append(translate("Entry", "[privacy problems left out of this copy]"))
    else:
        facts = event_facts(entry.marked, record)  # type: ignore[arg-type]
    facts = [*facts, *_privacy_left_out(entry)]
    shown_fixes = tuple(
        CorrectionShown(
            translate("Entry", "Corrected on {when}:").format(when=long_datetime(fix.saved_at)),
            tuple(
                translate("Entry", '{field}: was "{before}", now "{after}"').format(
                    field=c.label, before=c.before, after=c.after
                )
                for c in fix.changes
            ),
        )
        for fix in entry.corrections
    )
    return Presented(
        heading=heading(record),
        kind=kind_text(record),
        written=written_note(entry),
        damaged=damaged_note() if entry.saved.damaged else "",
        problems=tuple(problems),
        facts=tuple(facts),
        words=tuple(_words(entry, person_name)),
        corrections=shown_fixes,
        summary=_summary(entry),
        where=where(record),
    )
