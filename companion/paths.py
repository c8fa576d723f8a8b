"""Where the app keeps things on this computer: the one place that asks platformdirs."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from companion import APP_NAME

VAULT_FILENAME = "vault.companion"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_vault() -> Path:
    return data_dir() / VAULT_FILENAME


def seen_heads_file() -> Path:
    return config_dir() / "seen-fingerprints.json"
