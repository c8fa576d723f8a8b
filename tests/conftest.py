"""Shared fixtures: every test runs with its own folders, an in-memory keyring and fast keys."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from companion import APP_NAME, paths
from companion.crypto import KdfPolicy
from companion.vault import Vault

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Local times in exports are British time, whatever the machine running the tests uses.
os.environ["TZ"] = "Europe/London"
time.tzset()

PASSPHRASE = "correct horse battery staple"

# Argon2id at its smallest, so the suite stays quick. Production settings are
# checked separately (tests/core/test_crypto.py).
FAST_KDF = KdfPolicy(
    floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
)


class MemoryKeyring(KeyringBackend):
    """A password store that lives and dies with the test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError(username)
        del self.items[(service, username)]


@pytest.fixture(scope="session", autouse=True)
def qt_application(qapp):  # type: ignore[no-untyped-def]
    """The full application object, made before anything asks for fonts or a PDF writer (the
    core would otherwise start a screenless GUI application, which widgets cannot use)."""
    return qapp


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every folder the app uses at the test's own temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    # The same folders platformdirs gives child processes through the variables above.
    monkeypatch.setattr(paths, "data_dir", lambda: home / "data" / APP_NAME)
    monkeypatch.setattr(paths, "config_dir", lambda: home / "config" / APP_NAME)
    monkeypatch.delenv("COMPANION_PASSPHRASE", raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    yield store
    keyring.set_keyring(previous)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "records.companion"


@pytest.fixture
def new_vault(vault_path: Path, clock: Clock) -> Iterator[Vault]:
    vault = create_vault(vault_path, clock)
    yield vault
    vault.close()


def create_vault(path: Path, clock: Clock | None = None) -> Vault:
    """A new vault as set-up leaves it: its recovery key shown and confirmed."""
    vault, recovery = Vault.create(path, PASSPHRASE, policy=FAST_KDF, clock=clock or Clock())
    vault.confirm_recovery_key(recovery)
    return vault


THE_TEST_VAULT = object()


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], tmp_path: Path, vault_path: Path):  # type: ignore[no-untyped-def]
    """Run `companion ...` in this process, with fast keys, on the test's vault."""
    from companion.cli import main

    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")

    def run(
        *argv: str, vault: object = THE_TEST_VAULT, passphrase_file: Path | None = secret
    ) -> CliResult:
        """`vault=None` leaves --vault out, as when checking a file with no vault at hand."""
        capsys.readouterr()
        chosen = vault_path if vault is THE_TEST_VAULT else vault
        full = [] if chosen is None else ["--vault", str(chosen)]
        if passphrase_file is not None:
            full += ["--passphrase-file", str(passphrase_file)]
        code = main([*full, *argv], kdf=FAST_KDF)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def reopen(path: Path, clock: Clock | None = None, **kwargs: object) -> Vault:
    kwargs.setdefault("passphrase", PASSPHRASE)
    return Vault.open(path, policy=FAST_KDF, clock=clock or Clock(), **kwargs)  # type: ignore[arg-type]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line at the end: how many attacks on the product's promises ran, and how they did
    (tests under tests/reliability and tests/security; see tests/attack.py)."""
    from tests.attack import summary_line

    reports = [
        r for key in ("passed", "failed", "error") for r in terminalreporter.stats.get(key, [])
    ]
    line = summary_line(reports)
    if line:
        terminalreporter.write_line(line)
