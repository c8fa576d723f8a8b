"""Plain sentences for every failure and problem the core reports.

The command line and the desktop app both show these, so a person reads the
same words wherever they meet a problem. Every sentence goes through Qt's
translation function. No sentence blames the reader. What was given that could not be
used is worded in companion/input_messages.py, and what a vault's checks found in
companion/problem_messages.py; `describe` here is the one way in.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion import errors
from companion.i18n import translate
from companion.input_messages import encoding_note, invalid
from companion.passphrase import suggest
from companion.problem_messages import problem_line, problems_summary
from companion.recovery_key import TOTAL_CHARS

__all__ = ["describe", "encoding_note", "problem_line", "problems_summary"]


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
        return invalid(exc)
    if isinstance(exc, errors.WeakPassphrase):
        return _weak(exc)
    if isinstance(exc, errors.RecoveryKeyTypo):
        return _typo(exc)
    if isinstance(exc, errors.AttachmentDamaged):
        return _attachment_damaged(exc)
    if isinstance(exc, errors.BackupFolderMissing):
        return translate(
            "Messages",
            "The backup folder {folder} is not there (was a USB stick taken out?), so no "
            "backup was made. Your records themselves are safe.",
        ).format(folder=exc.detail)
    for cls, text in _SIMPLE.items():
        if isinstance(exc, cls):
            return translate("Messages", text)
    return translate("Messages", "Something went wrong, and nothing was changed.")


# Handing a person's records over into a vault of their own (companion/handover.py).
_SIMPLE.update(
    {
        errors.TargetIsFolder: QT_TRANSLATE_NOOP(
            "Messages",
            "That is a folder: please give a name for the new file inside it. Nothing was changed.",
        ),
        errors.TargetIsThisVault: QT_TRANSLATE_NOOP(
            "Messages",
            "That is the vault you have open, so no new vault was made there. Nothing was changed.",
        ),
        errors.NoSuchFolder: QT_TRANSLATE_NOOP(
            "Messages",
            "The folder for the new file does not exist, so nothing was made there. "
            "Nothing was changed.",
        ),
        errors.HandoverIncomplete: QT_TRANSLATE_NOOP(
            "Messages",
            "The new vault did not check out as a whole copy of these records, so it was "
            "removed and nothing was left in its place. Nothing in your own records was "
            "changed.",
        ),
        errors.NotHandedOver: QT_TRANSLATE_NOOP(
            "Messages",
            "The new vault does not hold every record of theirs as it stands now (something "
            "may have been added or corrected since it was made), so nothing was erased.",
        ),
        errors.PurgeNotConfirmed: QT_TRANSLATE_NOOP(
            "Messages", "Their name was not typed to confirm, so nothing was erased."
        ),
        errors.SamePassphrase: QT_TRANSLATE_NOOP(
            "Messages",
            "The new vault needs a passphrase of its own, not the one that opens these "
            "records, so that only its new owner can open it. Nothing was changed.",
        ),
    }
)


# -- attachments -------------------------------------------------------------------------

_SIMPLE[errors.Cancelled] = QT_TRANSLATE_NOOP(
    "Messages", "Stopped part way, so nothing was changed."
)

_CHUNK_PROBLEMS = {
    errors.ChunkProblem.UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "This attachment is damaged or was changed outside the app (part {n} of it does not "
        "open), so no copy of it was written. Nothing in the vault was changed.",
    ),
    errors.ChunkProblem.TRUNCATED: QT_TRANSLATE_NOOP(
        "Messages",
        "This attachment has been cut short (it ends before its last part), so no copy of it "
        "was written. Nothing in the vault was changed.",
    ),
    errors.ChunkProblem.EXTRA: QT_TRANSLATE_NOOP(
        "Messages",
        "Something was added to the end of this attachment outside the app, so no copy of it "
        "was written. Nothing in the vault was changed.",
    ),
    errors.ChunkProblem.DIFFERENT: QT_TRANSLATE_NOOP(
        "Messages",
        "This attachment is not the file that was attached (its fingerprint differs), so no "
        "copy of it was written. Nothing in the vault was changed.",
    ),
    errors.ChunkProblem.MISSING: QT_TRANSLATE_NOOP(
        "Messages",
        "This attachment's content is missing from the vault, so no copy of it was written. "
        "Nothing in the vault was changed.",
    ),
}


def _attachment_damaged(exc: errors.AttachmentDamaged) -> str:
    part = 1 if exc.chunk is None else exc.chunk + 1
    return translate("Messages", _CHUNK_PROBLEMS[exc.problem]).format(n=part)


# -- backups and restore (companion/backup.py) ----------------------------------------------
# Each is a kind of failure already listed (damage, a wrong key, a file not written), said
# first in its own words, so they go ahead of the rest.
_SIMPLE = {
    errors.BackupDamaged: QT_TRANSLATE_NOOP(
        "Messages",
        "This file is not a whole backup of a vault (it is damaged, cut short or something "
        "else), so nothing was restored. Your records are as they were.",
    ),
    errors.BackupWrongPassphrase: QT_TRANSLATE_NOOP(
        "Messages",
        "That passphrase did not open this backup, so nothing was restored. A backup opens "
        "with the passphrase you had when it was made: if you have changed yours since, try "
        "the one you had then, or your recovery key. Your records are as they were.",
    ),
    errors.BackupWrongRecoveryKey: QT_TRANSLATE_NOOP(
        "Messages",
        "That recovery key did not open this backup, so nothing was restored. Your records "
        "are as they were.",
    ),
    errors.BackupIncomplete: QT_TRANSLATE_NOOP(
        "Messages",
        "The backup did not read back as a whole copy of your records, so it was removed. "
        "Your records are as they were.",
    ),
    # A passphrase missing, said of what it was wanted for (the vault's own is the default).
    errors.BackupNoPassphrase: QT_TRANSLATE_NOOP(
        "Messages",
        "No passphrase or recovery key was given for the backup, so it was neither checked "
        "nor restored, and nothing was changed.",
    ),
    errors.HandoverNoPassphrase: QT_TRANSLATE_NOOP(
        "Messages",
        "No passphrase was given for the new vault, so nothing was handed over and no file "
        "was made.",
    ),
    errors.NoNewPassphrase: QT_TRANSLATE_NOOP(
        "Messages", "No new passphrase was given, so nothing was made or changed."
    ),
    errors.NoRecoveryKey: QT_TRANSLATE_NOOP(
        "Messages", "No recovery key was given, so nothing was changed."
    ),
    **_SIMPLE,
}


def still_in_copies() -> str:
    """Said after a person is erased: what erasing cannot reach."""
    return translate(
        "Messages",
        "Backups made before now, and any copy of your records kept aside by a restore, still "
        "hold them until you delete those.",
    )
