"""The `companion` command: with no subcommand it opens the desktop app.

Every failure is one plain sentence on stderr and an exit code from EXIT
(documented in the README); never a traceback for something a person did.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from companion import __version__, errors, hardening
from companion.cli.parser import register
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.i18n import translate
from companion.messages import describe

EXIT = {
    "ok": 0,
    "other": 1,
    "usage": 2,
    "key": 3,
    "input": 4,
    "damaged": 5,
}

_CODES: list[tuple[type[errors.CompanionError], int]] = [
    (errors.WrongPassphrase, EXIT["key"]),
    (errors.WrongRecoveryKey, EXIT["key"]),
    (errors.RecoveryKeyTypo, EXIT["key"]),
    (errors.NoPassphrase, EXIT["key"]),
    (errors.InvalidInput, EXIT["input"]),
    (errors.WeakPassphrase, EXIT["input"]),
    (errors.VaultDamaged, EXIT["damaged"]),
    (errors.VaultReadOnly, EXIT["damaged"]),
    (errors.ExportUnreadable, EXIT["damaged"]),
]


def exit_code(exc: errors.CompanionError) -> int:
    for cls, code in _CODES:
        if isinstance(exc, cls):
            return code
    return EXIT["other"]


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one sentence and a pointer to --help."""

    def error(self, message: str) -> NoReturn:
        hint = translate("CommandLine", "Run '{prog} --help' to see what it accepts.")
        self.exit(EXIT["usage"], f"{self.prog}: {message}. {hint.format(prog=self.prog)}\n")


def _shared() -> argparse.ArgumentParser:
    """Options accepted before or after the subcommand."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--vault",
        type=Path,
        default=argparse.SUPPRESS,
        help="the vault file (default: in your user data folder)",
    )
    shared.add_argument(
        "--passphrase-file",
        type=Path,
        default=argparse.SUPPRESS,
        help="read the passphrase from the first line of this file",
    )
    return shared


def build_parser() -> Parser:
    shared = _shared()
    parser = Parser(
        prog="companion",
        parents=[shared],
        description="Keep an encrypted, dated record of DWP appointments and your privacy.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the app on fictional sample data")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    register(sub, shared)
    return parser


def _no_app(_args: argparse.Namespace) -> int:
    print(
        translate("CommandLine", "Give a command (see --help), or open the app with 'companion'."),
        file=sys.stderr,
    )
    return EXIT["usage"]


def _sentence(exc: errors.CompanionError) -> str:
    """The plain sentence for a failure; if even that cannot be made, a general one."""
    try:
        return describe(exc)
    except Exception:  # a broken install must still not show a traceback
        return translate("CommandLine", "That could not be done, and nothing was changed.")


def main(
    argv: Sequence[str] | None = None,
    *,
    kdf: KdfPolicy = PRODUCTION_KDF,
    open_app: Callable[[argparse.Namespace], int] = _no_app,
) -> int:
    """Run the command line. `kdf` is the key-derivation policy (tests pass a fast one);
    `open_app` runs the desktop app when no command is given (ui.launch passes it, so this
    core package never imports the desktop app)."""
    hardening.no_core_dumps()  # first of all: a crash from here on leaves no memory dump
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version, or a usage mistake already explained
        return int(done.code or 0)
    args.kdf = kdf
    try:
        hardening.tidy_own_folders()
        if args.command is None:
            return open_app(args)
        return int(args.run(args) or 0)
    except errors.CompanionError as exc:
        print(_sentence(exc), file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt:
        print(translate("CommandLine", "Stopped. Nothing more was changed."), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`companion list | head`): not a fault
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (Python's own advice for this)
        return 0
    except Exception as exc:  # a fault in the app itself: say so plainly, show no content
        text = translate(
            "CommandLine", "Something went wrong inside the app ({kind}). Nothing was changed."
        )
        print(text.format(kind=type(exc).__name__), file=sys.stderr)
        return EXIT["other"]
