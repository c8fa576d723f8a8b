"""The `companion` command: with no subcommand it opens the desktop app, otherwise it is the
command line (companion.cli), which never loads the desktop app's code."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from companion import cli


def open_app(args: argparse.Namespace) -> int:
    from ui.app import run_app  # only now: the command line runs without a screen

    return run_app(vault=getattr(args, "vault", None), demo_mode=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_app=open_app)
