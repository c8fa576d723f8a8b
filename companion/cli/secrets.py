"""Where passphrases and recovery keys come from on the command line.

In order: a file named with --passphrase-file, the COMPANION_PASSPHRASE
variable, or a hidden prompt when someone is at the keyboard. A passphrase is
never echoed, logged or passed on to another program.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from companion import safe_read
from companion.errors import (
    InvalidInput,
    NoNewPassphrase,
    NoPassphrase,
    NoRecoveryKey,
    WeakPassphrase,
)
from companion.i18n import translate
from companion.passphrase import assess

ENV_VAR = "COMPANION_PASSPHRASE"
# Far more than any passphrase or recovery key; a device or a huge file is refused unread.
MAX_SECRET_BYTES = 2**20


def read_secret_file(path: Path, what: str, *, whole: bool = False) -> str:
    """The first line of a file, without its line ending (or, if `whole`, all of it).

    Only an ordinary file of text is read: a device (/dev/zero), a pipe or a large file is
    refused in one sentence before anything is read."""
    raw = safe_read.read_file(path, MAX_SECRET_BYTES, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("", what, path.name, "a file of text saved as UTF-8") from None
    if whole:
        return text
    return text.splitlines()[0] if text else ""


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def prompt(text: str, missing: type[NoPassphrase] = NoPassphrase) -> str:
    """Ask at the keyboard; `missing` is raised when nobody is there to answer (its kind
    says what the secret was wanted for)."""
    if not _interactive():
        raise missing()
    try:
        return getpass.getpass(text)
    except EOFError:
        raise missing() from None


def current_passphrase(passphrase_file: Path | None) -> str:
    """The passphrase that opens the vault."""
    if passphrase_file is not None:
        return read_secret_file(passphrase_file, "passphrase file")
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return prompt(translate("CommandLine", "Passphrase: "))


def new_passphrase(passphrase_file: Path | None, *, allow_env: bool = True) -> str:
    """A new passphrase: from a file, the variable, or typed twice to catch a slip."""
    if passphrase_file is not None:
        chosen = read_secret_file(passphrase_file, "passphrase file")
    elif allow_env and os.environ.get(ENV_VAR):
        chosen = os.environ[ENV_VAR]
    else:
        chosen = prompt(translate("CommandLine", "Choose a passphrase: "), NoNewPassphrase)
        again = prompt(translate("CommandLine", "Type it again: "), NoNewPassphrase)
        if chosen != again:
            raise InvalidInput("", "passphrase", "", "the same passphrase typed twice")
    check_new_passphrase(chosen)
    return chosen


def check_new_passphrase(passphrase: str) -> None:
    strength = assess(passphrase)
    if not strength.good_enough:
        raise WeakPassphrase(strength.reasons)


def recovery_key_text(key_file: Path | None) -> str:
    if key_file is not None:
        # The key may be saved as shown, over two lines: every line of the file counts.
        return " ".join(read_secret_file(key_file, "recovery key file", whole=True).split())
    return prompt(translate("CommandLine", "Recovery key: "), NoRecoveryKey)
