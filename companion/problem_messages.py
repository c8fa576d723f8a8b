"""Plain sentences for what a vault's checks found (companion/ledger.py's problems): one line
for each, and one sentence saying whether the vault can be trusted as it stands. A part of
companion/messages.py, kept apart so each file says one thing; the same translation context
("Messages").
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate
from companion.ledger import Problem, ProblemKind

_PROBLEM_LINES = {
    ProblemKind.UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages", "Saved change {seq} does not open: its bytes were altered or moved."
    ),
    ProblemKind.LEAF_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages", "Saved change {seq} does not match the vault's fingerprint."
    ),
    ProblemKind.GAP: QT_TRANSLATE_NOOP(
        "Messages", "Saved changes are missing before number {seq}."
    ),
    ProblemKind.BAD_HISTORY: QT_TRANSLATE_NOOP(
        "Messages", "Saved change {seq} does not follow on from the entry's history."
    ),
    ProblemKind.UNEXPLAINED_ERASURE: QT_TRANSLATE_NOOP(
        "Messages",
        "Saved change {seq} was removed, and no erasure by the app explains it.",
    ),
    ProblemKind.TREE_MISMATCH: QT_TRANSLATE_NOOP(
        "Messages", "The vault's fingerprint does not match its saved changes."
    ),
    ProblemKind.ATTACHMENT_DAMAGED: QT_TRANSLATE_NOOP(
        "Messages",
        "The attachment saved in change {seq} is damaged or was changed outside the app: its "
        "content is not the file recorded.",
    ),
    ProblemKind.ATTACHMENT_UNEXPLAINED: QT_TRANSLATE_NOOP(
        "Messages",
        "The vault's store of attachments is damaged, or holds content that no saved change "
        "accounts for.",
    ),
    ProblemKind.ROLLED_BACK: QT_TRANSLATE_NOOP(
        "Messages",
        "This vault is older than the copy last opened on this computer: recent changes are "
        "missing. If you restored an older copy on purpose, this is expected.",
    ),
    ProblemKind.DIVERGED: QT_TRANSLATE_NOOP(
        "Messages",
        "This vault's history differs from the copy last opened on this computer.",
    ),
    ProblemKind.SWAPPED: QT_TRANSLATE_NOOP(
        "Messages", "A different vault is now where this computer last saw another."
    ),
    ProblemKind.LOG_DAMAGED: QT_TRANSLATE_NOOP(
        "Messages", "The record of the latest saves was damaged; recent changes may be missing."
    ),
}


# Found outside the vault's own checks: shown in full by companion/warning_messages.py.
_WARNING_KINDS = (
    ProblemKind.ROLLED_BACK,
    ProblemKind.DIVERGED,
    ProblemKind.SWAPPED,
    ProblemKind.LOG_DAMAGED,
)


def problem_line(problem: Problem) -> str:
    return translate("Messages", _PROBLEM_LINES[problem.kind]).format(seq=problem.seq)


def problems_summary(problems: Iterable[Problem]) -> str:
    """One sentence saying whether the vault can be trusted as it stands."""
    problems = list(problems)
    damage = [p for p in problems if p.kind not in _WARNING_KINDS]
    if damage:
        return translate(
            "Messages",
            "This vault was changed outside the app or is damaged ({n} problems found). "
            "Everything readable is shown; nothing more will be saved to it.",
        ).format(n=len(damage))
    if problems:
        return problem_line(problems[0])
    return ""
