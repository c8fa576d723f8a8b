"""The committed format-1 vault opens in this version with exactly the content it was made with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from companion import codec
from companion.crypto import PRODUCTION_KDF
from companion.export import ExportOptions, Format, render
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
    document = json.loads(render(vault, Format.JSON, ExportOptions(show_ni_number=True)))
    vault.close()
    expected = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
    # Proofs and the export's own choices came later than the fixture; the records, their
    # history and the fingerprint must be exactly the same.
    # The log's own version number is the newer app's (2); what it holds is unchanged.
    assert document.pop("version") == 2 and expected.pop("version") == 1
    for key in ("exported_at", "purpose", "reference", "redacted", "left_out", "leaves_out",
                "keeper"):  # fmt: skip
        document.pop(key, None)
        expected.pop(key, None)
    for section in ("people", "appointments", "events"):
        for item in document[section]:
            for version in item["versions"]:
                version.pop("proof")
    assert document == expected


def test_the_v1_golden_vault_opens_with_its_recovery_key(tmp_path: Path) -> None:
    key = RecoveryKey.parse((GOLDEN / "recovery-key.txt").read_text())
    vault = Vault.open(copy_of_golden(tmp_path), recovery_key=key, policy=PRODUCTION_KDF)
    assert len(vault.people()) == 2
    vault.close()


def test_a_version_1_log_still_imports_with_every_wording_and_time(
    new_vault: Vault, tmp_path: Path
) -> None:
    from companion.importer import import_file

    expected = json.loads((GOLDEN / "expected.json").read_text(encoding="utf-8"))
    assert expected["version"] == 1
    result = import_file(new_vault, GOLDEN / "expected.json")
    assert result.people == len(expected["people"])
    assert result.appointments == len(expected["appointments"])
    for item in expected["appointments"]:
        versions = new_vault.versions(item["id"])
        assert [v.saved_at.isoformat() for v in versions] == [
            v["saved_at"] for v in item["versions"]
        ]
        for mine, theirs in zip(versions, item["versions"], strict=True):
            fields = codec.to_fields(mine.record)
            assert {name: fields[name] for name in theirs["fields"]} == theirs["fields"]
