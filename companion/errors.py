"""Typed failures raised by the core.

The core never decides how a failure is shown: the command line and the desktop
app turn each of these into one plain sentence (see companion/messages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CompanionError(Exception):
    """Base class for every failure the core reports on purpose."""


class WrongPassphrase(CompanionError):
    """The passphrase did not open the vault. Nothing was changed."""


class WrongRecoveryKey(CompanionError):
    """The recovery key is well formed but does not open this vault."""


class RecoveryKeyTypo(CompanionError):
    """The recovery key cannot be the one that was shown: a typing mistake.

    `length` is set when it has the wrong number of characters, `character`
    when it holds one a recovery key never contains; neither when the checksum
    caught the mistake.
    """

    def __init__(self, length: int | None = None, character: str | None = None) -> None:
        super().__init__(length, character)
        self.length = length
        self.character = character


class WeakPassphrase(CompanionError):
    """A new passphrase would be too easy to guess. `reasons` say why, in plain words."""

    def __init__(self, reasons: tuple[str, ...] = ()) -> None:
        super().__init__(reasons)
        self.reasons = reasons


class NoPassphrase(CompanionError):
    """No passphrase was given and there is nobody to ask, so the vault was not opened. The
    kinds below say what else it was wanted for (each is still a missing passphrase, with
    its exit code)."""


class NoNewPassphrase(NoPassphrase):
    """No new passphrase was given (for a new vault, or to change or recover one), so
    nothing was made or changed."""


class NoRecoveryKey(NoPassphrase):
    """No recovery key was given and there is nobody to ask, so nothing was changed."""


class BackupNoPassphrase(NoPassphrase):
    """No passphrase (or recovery key) was given for a backup being restored, so it was
    neither checked nor restored, and nothing was changed."""


class HandoverNoPassphrase(NoNewPassphrase):
    """No passphrase was given for the new vault a hand-over makes, so nothing was handed
    over and no file was made."""


class VaultDamaged(CompanionError):
    """The file is not a vault, or its contents fail their integrity checks."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


class ExportUnreadable(CompanionError):
    """A file given to be checked is not an export this app can read: altered or damaged."""


class VaultTooNew(CompanionError):
    """The vault was written by a newer version of the app."""


class VaultInUse(CompanionError):
    """Another copy of the app has this vault open."""


class VaultNotFound(CompanionError):
    """There is no vault at the given place."""


class VaultExists(CompanionError):
    """A vault (or another file) is already at the place a new vault would go."""


class VaultReadOnly(CompanionError):
    """The vault has problems, so nothing more may be written to it."""


class KeyringUnavailable(CompanionError):
    """There is no secure password store on this computer."""


class StorageFull(CompanionError):
    """The disk is full: nothing was saved."""


class StorageFailed(CompanionError):
    """The operating system refused to read or write a file."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass
class InvalidInput(CompanionError):
    """A value cannot be accepted.

    `row` says where (a CSV row number, a JSON path, or "" for a single value),
    `field` which field, `value` what was given and `expected` what would do.
    """

    row: str
    field: str
    value: str
    expected: str

    def __post_init__(self) -> None:
        super().__init__(self.row, self.field, self.value, self.expected)

    def __str__(self) -> str:
        where = f"{self.row}: " if self.row else ""
        return f"{where}{self.field} = {self.value!r}; expected {self.expected}"


class SyntaxProblem(StrEnum):
    """What stopped a file being read as JSON, so the message can say it in plain words."""

    EMPTY = "empty"
    NOT_UTF8 = "not_utf8"
    COMMA_MISSING = "comma_missing"
    COMMA_TOO_MANY = "comma_too_many"
    COLON_MISSING = "colon_missing"
    NAME_EXPECTED = "name_expected"
    VALUE_EXPECTED = "value_expected"
    UNTERMINATED_TEXT = "unterminated_text"
    CONTROL_CHARACTER = "control_character"
    BAD_BACKSLASH = "bad_backslash"
    EXTRA_DATA = "extra_data"
    TOO_DEEP = "too_deep"
    NUMBER_TOO_LONG = "number_too_long"
    OTHER = "other"


class FileSyntax(InvalidInput):
    """A file to import cannot be read as JSON (or is empty).

    `line` and `column` (both from 1) say where reading stopped, `problem` what
    was wrong there; both are 0 when the problem has no one place. It is invalid
    input, so it is handled wherever that is.
    """

    def __init__(self, line: int, column: int, problem: SyntaxProblem) -> None:
        super().__init__(
            f"line {line}, column {column}", "file", "", f"a readable file ({problem})"
        )
        self.line = line
        self.column = column
        self.problem = problem


class IncompleteCopy(InvalidInput):
    """A file to import was exported with things left out (`left_out`, as the file names
    them): brought in, a removed account would read as no account, a correction as the
    original. It is invalid input, so it is handled wherever that is."""

    def __init__(self, left_out: list[str]) -> None:
        super().__init__("", "left out", ", ".join(left_out), "a copy exported in full")
        self.left_out = left_out


class DuplicateName(InvalidInput):
    """A name appears twice in one JSON object: which value was meant cannot be told.

    It is invalid input, so it is handled wherever that is.
    """

    def __init__(self, name: str) -> None:
        super().__init__("", "name", name, "each name once in each part of the file")
        self.name = name


class TargetIsFolder(CompanionError):
    """The place chosen for a new vault is a folder: a file name in it is needed."""


class TargetIsThisVault(CompanionError):
    """The place chosen for a new vault is the vault that is open now."""


class NoSuchFolder(CompanionError):
    """The folder a new file was to go into does not exist."""


class HandoverIncomplete(CompanionError):
    """A vault made to hand someone's records over did not open, verify or hold exactly
    their records when checked, so it was removed and nothing was left at its place."""


class NotHandedOver(CompanionError):
    """The vault given as a person's own does not hold every record of theirs as it stands
    now (or does not verify), so they were not erased."""


class PurgeNotConfirmed(CompanionError):
    """An erasure was asked for without the person's name typed to confirm it."""


class SamePassphrase(CompanionError):
    """A new vault for someone else would open with this vault's own passphrase."""


class ChunkProblem(StrEnum):
    """What is wrong with an attachment's stored content, so the message can say it."""

    UNREADABLE = "unreadable"  # a chunk does not open: altered, moved, swapped or from elsewhere
    TRUNCATED = "truncated"  # it ends without its last chunk
    EXTRA = "extra"  # something is stored after its last chunk
    DIFFERENT = "different"  # every chunk opens, but the whole is not the file recorded
    MISSING = "missing"  # no content is stored for it at all


class AttachmentDamaged(VaultDamaged):
    """An attachment's stored content fails its checks; nothing of it was written out.

    `chunk` is the number (from 0) of the first chunk found wrong, where there is one. It
    is damage, so it is handled wherever damage is (the command line exits with 5).
    """

    def __init__(
        self,
        attachment_id: str = "",
        problem: ChunkProblem = ChunkProblem.UNREADABLE,
        chunk: int | None = None,
    ) -> None:
        super().__init__(f"attachment {attachment_id}: {problem}")
        self.attachment_id = attachment_id
        self.problem = problem
        self.chunk = chunk


class Cancelled(CompanionError):
    """The person stopped an action part way; nothing of it was kept."""


class SourceChanged(InvalidInput):
    """A file being attached changed size while it was read, so what was read is not one
    state of the file. It is invalid input, so it is handled wherever that is."""

    def __init__(self, name: str = "") -> None:
        super().__init__("", "file", name, "a file that does not change while it is attached")
        self.name = name


class EmptyFile(InvalidInput):
    """A file given to attach holds nothing: there is nothing to keep. It is invalid input,
    so it is handled wherever that is."""

    def __init__(self, name: str = "") -> None:
        super().__init__("", "file", name, "a file with something in it")
        self.name = name


class BackupDamaged(VaultDamaged):
    """A file given to restore is not a whole, sound backup of a vault: it is cut short,
    altered, damaged or something else altogether. Nothing was replaced. It is damage, so it
    is handled wherever damage is (the command line exits with 5)."""


class BackupWrongPassphrase(WrongPassphrase):
    """The passphrase did not open the backup being restored. Nothing was replaced."""


class BackupWrongRecoveryKey(WrongRecoveryKey):
    """The recovery key did not open the backup being restored. Nothing was replaced."""


class BackupFolderMissing(StorageFailed):
    """The folder a backup was to go into is not there (a USB stick taken out, or a folder
    moved), so no backup was made. `detail` is the folder."""


class BackupIncomplete(StorageFailed):
    """A backup just written did not read back as a whole copy of the vault, so it was
    removed and nothing was left at its place."""
