"""Where the app keeps things on this computer: the one place that asks platformdirs."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

from companion import APP_NAME

VAULT_FILENAME = "vault.companion"
PRIVATE = 0o700  # the app's own folders: their owner may list and open them, nobody else


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_vault() -> Path:
    return data_dir() / VAULT_FILENAME


def seen_heads_file() -> Path:
    return config_dir() / "seen-fingerprints.json"


def default_backup_dir() -> Path:
    """Where automatic backups go unless the person chooses another folder in Settings."""
    return data_dir() / "backups"


def backup_log_file() -> Path:
    """When each vault was last backed up, and how (never any content)."""
    return config_dir() / "backups.json"


def own_dirs() -> tuple[Path, Path]:
    """The folders that belong to the app alone (never one the person chose)."""
    return data_dir(), config_dir()


def private_dir(path: Path) -> Path:
    """Make one of the app's own folders, readable by its owner only; one already there is
    made owner-only too. Missing folders above it are made as usual and left as they are.

    Only for the app's own folders (data_dir, config_dir): never a folder the person chose.
    A link in place of the folder is followed to open it but is not changed.
    """
    path.mkdir(mode=PRIVATE, parents=True, exist_ok=True)
    if os.name != "posix":  # elsewhere a folder's permissions are not mode bits
        return path
    info = os.lstat(path)
    if (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) != PRIVATE
    ):
        os.chmod(path, PRIVATE)
    return path
