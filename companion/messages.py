"""Plain sentences for every failure and problem the core reports.

The command line and the desktop app both show these, so a person reads the
same words wherever they meet a problem. Every sentence goes through Qt's
translation function. No sentence blames the reader.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import errors
from companion.i18n import translate
from companion.ledger import Problem, ProblemKind
from companion.passphrase import suggest
from companion.recovery_key import TOTAL_CHARS


def _invalid(exc: errors.InvalidInput) -> str:
    where = f"{exc.row[0].upper()}{exc.row[1:]}: " if exc.row else ""
    field = exc.field.replace("_", " ")
    if exc.value:
        text = translate(
            "Messages", 'the {field} "{value}" was not understood; expected {expected}.'
        )
    else:
        text = translate("Messages", "the {field} is missing or empty; expected {expected}.")
    sentence = text.format(field=field, value=exc.value, expected=exc.expected)
    if not where:
        sentence = sentence[0].upper() + sentence[1:]
    return where + sentence + " " + translate("Messages", "Nothing was changed.")


def _typo(exc: errors.RecoveryKeyTypo) -> str:
    if exc.length is not None:
        return translate(
            "Messages",
            "A recovery key has {total} letters and numbers, but this has {n}. "
            "Please check it against your copy.",
        ).format(total=TOTAL_CHARS, n=exc.length)
    if exc.character is not None:
        return translate(
            "Messages", 'A recovery key never contains "{c}". Please check it against your copy.'
        ).format(c=exc.character)
    return translate(
        "Messages",
        "This recovery key has a typing mistake in it. Please check it against your copy.",
    )


_SIMPLE: dict[type[errors.CompanionError], str] = {
    errors.WrongPassphrase: QT_TRANSLATE_NOOP(
        "Messages", "That passphrase did not open this vault. Nothing was changed."
    ),
    errors.WrongRecoveryKey: QT_TRANSLATE_NOOP(
        "Messages", "That recovery key did not open this vault. Nothing was changed."
    ),
    errors.NoPassphrase: QT_TRANSLATE_NOOP(
        "Messages", "No passphrase was given, so the vault was not opened."
    ),
    errors.VaultDamaged: QT_TRANSLATE_NOOP(
        "Messages",
        "This file is damaged or is not a vault, so it was not opened. Nothing in it was changed.",
    ),
    errors.ExportUnreadable: QT_TRANSLATE_NOOP(
        "Messages",
        "This file cannot be read as an export from this app: it has been altered or damaged, "
        "or it was made by something else.",
    ),
    errors.VaultTooNew: QT_TRANSLATE_NOOP(
        "Messages",
        "This vault was made by a newer version of the app. Please update the app to open it.",
    ),
    errors.VaultInUse: QT_TRANSLATE_NOOP(
        "Messages", "This vault is open in another copy of the app. Please close that first."
    ),
    errors.VaultNotFound: QT_TRANSLATE_NOOP("Messages", "There is no vault at that place yet."),
    errors.VaultExists: QT_TRANSLATE_NOOP(
        "Messages", "There is already a file at that place, so no new vault was made there."
    ),
    errors.VaultReadOnly: QT_TRANSLATE_NOOP(
        "Messages",
        "This vault failed its integrity check, so nothing more will be saved to it. "
        "Everything that can be read can still be exported.",
    ),
    errors.KeyringUnavailable: QT_TRANSLATE_NOOP(
        "Messages",
        "This computer has no secure password store, so the vault cannot be remembered here. "
        "Your passphrase still opens it.",
    ),
    errors.StorageFull: QT_TRANSLATE_NOOP(
        "Messages", "The disk is full, so nothing was saved. Please free some space and try again."
    ),
    errors.StorageFailed: QT_TRANSLATE_NOOP(
        "Messages",
        "A file could not be read or written. "
        "Please check that the folder exists and can be written to.",
    ),
}


def _weak(exc: errors.WeakPassphrase) -> str:
    text = translate("Messages", "That passphrase would be too easy to guess.")
    if exc.reasons:
        text += " " + " ".join(exc.reasons)
    return (
        text
        + " "
        + translate("Messages", "A few ordinary words work well, for example: {example}").format(
            example=suggest()
        )
    )


def describe(exc: errors.CompanionError) -> str:
    """One plain sentence (or two) for a failure."""
    if isinstance(exc, errors.InvalidInput):
        return _invalid(exc)
    if isinstance(exc, errors.WeakPassphrase):
        return _weak(exc)
    if isinstance(exc, errors.RecoveryKeyTypo):
        return _typo(exc)
    for cls, text in _SIMPLE.items():
        if isinstance(exc, cls):
            return translate("Messages", text)
    return translate("Messages", "Something went wrong, and nothing was changed.")


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
    ProblemKind.ROLLED_BACK: QT_TRANSLATE_NOOP(
        "Messages",
        "This vault is older than the copy last opened on this computer: recent changes are "
        "missing. If you restored an older copy on purpose, this is expected.",
    ),
    ProblemKind.DIVERGED: QT_TRANSLATE_NOOP(
        "Messages",
        "This vault's history differs from the copy last opened on this computer.",
    ),
}


def problem_line(problem: Problem) -> str:
    return translate("Messages", _PROBLEM_LINES[problem.kind]).format(seq=problem.seq)


def problems_summary(problems: Iterable[Problem]) -> str:
    """One sentence saying whether the vault can be trusted as it stands."""
    problems = list(problems)
    damage = [p for p in problems if p.kind not in (ProblemKind.ROLLED_BACK, ProblemKind.DIVERGED)]
    if damage:
        return translate(
            "Messages",
            "This vault was changed outside the app or is damaged ({n} problems found). "
            "Everything readable is shown; nothing more will be saved to it.",
        ).format(n=len(damage))
    if problems:
        return problem_line(problems[0])
    return ""
