"""`companion backup` and `companion restore`.

A backup needs no passphrase: it copies the vault's ciphertext as it stands, through
SQLite's backup API, and opens with the same passphrase or recovery key. A restore needs
the backup's passphrase (or its recovery key, which then sets a new passphrase and gives
a new recovery key, as `companion recover` does), checks the whole backup first, and keeps
the vault it replaces beside it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from companion import backup, backup_restore
from companion.cli import secrets
from companion.cli.commands import passphrase_file, say, show_recovery_key, vault_path
from companion.errors import BackupNoPassphrase, NoPassphrase
from companion.i18n import translate, translate_n
from companion.recovery_key import RecoveryKey


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add `backup` and `restore`; `add` is companion/cli/parser.py's own helper."""
    p = add(
        "backup",
        cmd_backup,
        "write a backup of the vault to a file (it opens with the same passphrase or "
        "recovery key; no passphrase is needed to make it)",
    )
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE",
        help="the backup file to write (a file already there is replaced only once this one "
        "is whole; never the vault itself, a folder or a link)",
    )  # fmt: skip
    p = add(
        "restore",
        cmd_restore,
        "put a backup in place of the vault, once every saved change in it has been checked "
        "(the vault it replaces is kept beside it)",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="the backup file to restore")
    p.add_argument(
        "--recovery-key", action="store_true",
        help="open the backup with its recovery key (asked for) instead of its passphrase; "
        "you then choose a new passphrase and get a new recovery key",
    )  # fmt: skip
    p.add_argument(
        "--recovery-key-file", type=Path, metavar="FILE",
        help="read the recovery key from this file (as --recovery-key)",
    )  # fmt: skip
    p.add_argument(
        "--new-passphrase-file", type=Path, metavar="FILE",
        help="with the recovery key: read the new passphrase from this file",
    )  # fmt: skip


def cmd_backup(args: argparse.Namespace) -> int:
    made = backup.back_up_closed(vault_path(args), args.out)
    say(translate("CommandLine", "Backed up to {path}.").format(path=made.path))
    say(
        translate("CommandLine", "Fingerprint: {short} ({changes})").format(
            short=made.fingerprint.short(),
            changes=translate_n("CommandLine", "%n saved change(s)", made.fingerprint.size),
        )
    )
    say(
        translate(
            "CommandLine",
            "It opens with the same passphrase or recovery key as your vault. Keep a copy "
            "away from this computer (a USB stick kept somewhere else).",
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        return _restore(args)
    except NoPassphrase as exc:  # said of the backup, whichever secret was missing
        if isinstance(exc, BackupNoPassphrase):
            raise
        raise BackupNoPassphrase() from exc


def _restore(args: argparse.Namespace) -> int:
    target = vault_path(args)
    options: dict[str, Any] = {"policy": args.kdf}
    if args.recovery_key or args.recovery_key_file is not None:
        key = RecoveryKey.parse(secrets.recovery_key_text(args.recovery_key_file))
        options["recovery_key"] = key
        options["new_passphrase"] = secrets.new_passphrase(
            args.new_passphrase_file, allow_env=False
        )
        options["show_new_key"] = _show_new_key
    else:
        options["passphrase"] = secrets.current_passphrase(passphrase_file(args))
    prepared = backup_restore.prepare(args.file, target, **options)
    restored = prepared.complete()
    say(
        translate(
            "CommandLine",
            "Restored from {backup} to {vault}: every saved change in it was opened and "
            "checked first.",
        ).format(backup=restored.backup, vault=target)
    )
    say(
        translate("CommandLine", "Fingerprint: {short} ({changes})").format(
            short=restored.fingerprint.short(),
            changes=translate_n("CommandLine", "%n saved change(s)", restored.fingerprint.size),
        )
    )
    if restored.kept_as is not None:
        say(
            translate(
                "CommandLine",
                "The vault it replaced is kept as {path}; delete it yourself once you no "
                "longer need it.",
            ).format(path=restored.kept_as)
        )
    return 0


def _show_new_key(fresh: RecoveryKey) -> None:
    say(
        translate(
            "CommandLine",
            "The restored records have a new passphrase, and the old recovery key no longer "
            "opens them (the backup itself is unchanged).",
        )
    )
    say(translate("CommandLine", "Your new recovery key (it is shown only this once):"))
    show_recovery_key(fresh)
    say(
        translate(
            "CommandLine",
            "Write it down or print it, and keep it somewhere safe away from this computer.",
        )
    )
