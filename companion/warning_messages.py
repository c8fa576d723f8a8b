"""The words for a warning found outside the vault's own checks (companion/heads.py).

Each names the dates and sizes involved, so a person can tell at once whether
it is the older copy they put back on purpose or something they did not do.
"""

from __future__ import annotations

from datetime import datetime

from companion.heads import Seen, Warning, WarningKind
from companion.i18n import long_datetime, translate, translate_n


def _size(file_bytes: int) -> str:
    if file_bytes < 1024 * 1024:
        return translate("Warnings", "{n} KB").format(n=max(1, round(file_bytes / 1024)))
    return translate("Warnings", "{n} MB").format(n=f"{file_bytes / 2**20:.1f}")


def _changes(n: int) -> str:
    return translate_n("Warnings", "%n saved change(s)", n)


def _when(value: datetime | None) -> str:
    return long_datetime(value) if value is not None else translate("Warnings", "never")


def _was(seen: Seen) -> str:
    return translate("Warnings", "Last seen here on {date}: {changes}, {size}.").format(
        date=long_datetime(seen.seen_at), changes=_changes(seen.size), size=_size(seen.file_bytes)
    )


def _now(warning: Warning) -> str:
    found = warning.found
    return translate(
        "Warnings", "Found on {found_at}: {changes}, {size}; the newest saved {latest}."
    ).format(
        found_at=long_datetime(warning.found_at),
        changes=_changes(found.size),
        size=_size(found.file_bytes),
        latest=_when(found.latest_change),
    )


def warning_text(warning: Warning) -> str:
    """One paragraph: what was found, with dates and sizes, and what it may mean."""
    found, before = warning.found, warning.before
    if warning.kind is WarningKind.LOG_DAMAGED:
        return translate(
            "Warnings",
            "The record of your latest saves was damaged (found {found_at}), so the last "
            "{lost} could not be read and may be missing; {remain} remain. The damaged record "
            "was kept beside the vault as {kept}; nothing was written over it.",
        ).format(
            found_at=long_datetime(warning.found_at),
            lost=translate_n("Warnings", "%n save(s)", warning.lost_changes),
            remain=_changes(found.size),
            kept=warning.kept_as,
        )
    assert before is not None
    if warning.kind is WarningKind.SWAPPED:
        text = translate(
            "Warnings",
            "A different vault is now at this place than the one this computer last saw here. "
            "{was} {now} If you put this vault here on purpose, this is "
            "expected.",
        )
    elif warning.kind is WarningKind.ROLLED_BACK:
        text = translate(
            "Warnings",
            "This vault is older than the one this computer last saw at this place. "
            "{was} {now} Recent changes may be missing. If you put back an older "
            "copy on purpose, this is expected.",
        )
    else:
        text = translate(
            "Warnings",
            "This vault's history is not the one this computer last saw at this place. "
            "{was} {now} Changes may have been made to another copy, or to this "
            "one outside the app.",
        )
    return text.format(was=_was(before), now=_now(warning))


def acknowledge_hint() -> str:
    return translate(
        "Warnings",
        "This warning is shown each time until you say you have read it: "
        "companion acknowledge, or \u201cI have read this\u201d in the app.",
    )
