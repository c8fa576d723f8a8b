"""The fictional sample: an appointee, her three adult sons, two years of appointments.

`companion --demo` opens the desktop app on a throwaway vault filled with it;
`companion demo --vault PATH` writes it into a new vault, for advisers trying
the exports and for tests. Everyone in it is invented.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from companion import heads
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.importer import ImportResult, import_file
from companion.model import Keeper
from companion.recovery_key import RecoveryKey
from companion.resources import resource
from companion.vault import Vault

SAMPLE = resource("sample", "demo.json")
# The sample's keeper: an appointee for her three sons, who also records her own claim.
KEEPER = "Morwen Sample (fictional)"
# Shown on screen in the demo, so that locking and unlocking can be tried too.
DEMO_PASSPHRASE = "demo only, not private"


def fill(vault: Vault) -> ImportResult:
    """Bring in the sample and, unless the vault names one already, its keeper."""
    result = import_file(vault, SAMPLE)
    if vault.keeper() is None:
        vault.save(Keeper(KEEPER))
    return result


def create(
    path: Path, passphrase: str, policy: KdfPolicy = PRODUCTION_KDF
) -> tuple[Vault, RecoveryKey]:
    """A new vault at `path` holding the sample."""
    vault, recovery = Vault.create(path, passphrase, policy=policy)
    try:
        fill(vault)
    except BaseException:
        vault.close()
        raise
    return vault, recovery


@contextlib.contextmanager
def throwaway(policy: KdfPolicy = PRODUCTION_KDF) -> Iterator[Path]:
    """A demo vault in a temporary folder, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="companion-demo-"))
    try:
        vault, recovery = create(folder / "demo.companion", DEMO_PASSPHRASE, policy)
        vault.confirm_recovery_key(recovery)  # a sample to look at: nobody needs its key
        vault.close()
        yield folder / "demo.companion"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        heads.forget(folder / "demo.companion")  # a place that is gone: no note kept of it
