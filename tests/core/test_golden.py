"""The committed format-1 vault opens in this version with exactly the content it was made with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from companion.crypto import PRODUCTION_KDF
from companion.export import Format, chosen, render
from companion.query import Selection
from companion.recovery_key import RecoveryKey
from companion.vault import Vault

GOLDEN = Path(__file__).parent.parent / "fixtures" / "v1"


def copy_of_golden(tmp_path: Path) -> Path:
    target = tmp_path / "golden.companion"
    shutil.copy(GOLDEN / "vault.companion", target)
    return target


def test_the_v1_golden_vault_opens_with_identical_content(tmp_path: Path) -> None:
    passphrase = (GOLDEN / "passphrase.txt").read_text().splitlines()[0]
    vault = Vault.open(copy_of_golden(tmp_path), passphrase=passphrase, policy=PRODUCTION_KDF)
    assert vault.problems == [] and vault.verify() == []
    people, entries = chosen(vault, Selection())
    document = json.loads(render(vault, Format.JSON, people, entries))
    vault.close()
    expected = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
    document.pop("exported_at")
    expected.pop("exported_at")
    assert document == expected  # same records, same history, same fingerprint


def test_the_v1_golden_vault_opens_with_its_recovery_key(tmp_path: Path) -> None:
    key = RecoveryKey.parse((GOLDEN / "recovery-key.txt").read_text())
    vault = Vault.open(copy_of_golden(tmp_path), recovery_key=key, policy=PRODUCTION_KDF)
    assert len(vault.people()) == 2
    vault.close()
