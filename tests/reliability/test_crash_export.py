"""An export killed (SIGKILL) in the middle of its final write leaves its plaintext only until
the next export to that folder, or the next start: then nothing readable is left but the
finished export. An export being written by another live copy of the app is never touched.

The kill is made certain: the exporting process (the real command line) is paused with the
whole file written beside its target, just before moving it into place, and killed there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from companion import paths
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.readback import everything_readable, flat

NAME = "Quokkaborough Marchetti"
NI = "QQ987654B"
NI_SPACED = "QQ 98 76 54 B"
SENTENCE = "Asked about my medication at the open counter"

# The command line, with the test's fast keys, paused when the export is whole and about to
# be moved into place: it says "paused" and waits to be killed.
CHILD = """
import os, sys
from companion.cli import main
from companion.crypto import KdfPolicy

fast = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
real_replace = os.replace

def paused(source, target):
    if str(source).endswith(".part"):
        print("paused", flush=True)
        sys.stdin.readline()  # never answered: killed here
    return real_replace(source, target)

os.replace = paused
raise SystemExit(main(sys.argv[1:], kdf=fast))
"""


@pytest.fixture
def marked(vault_path: Path) -> Vault:
    vault, _ = Vault.create(vault_path, PASSPHRASE, policy=FAST_KDF)
    person = vault.save(make_person(display_name=NAME, ni_number=NI)).record
    vault.save(make_appointment(person.id, account=SENTENCE))
    vault.close()
    return vault


def readable(path: Path) -> str:
    """Everything a person opening the file could read (a PDF's pages and attached log)."""
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    if data.startswith(b"%PDF"):
        text += " ".join(everything_readable(data, is_pdf=True))
    return flat(text)


def plaintext_in(path: Path) -> set[str]:
    """Which of the marked words a reader of the file finds (a spreadsheet has no NI column)."""
    text = readable(path)
    found = {word for word in (NAME, SENTENCE) if word in text}
    return found | ({NI} if NI in text or NI_SPACED in text else set())


def whole(fmt: str) -> set[str]:
    return {NAME, SENTENCE} if fmt == "csv" else {NAME, SENTENCE, NI}


def start_and_pause(
    vault_path: Path, tmp_path: Path, fmt: str, out: Path, child_code: str = CHILD
) -> subprocess.Popen:
    """The command line exporting to `out`, run by `child_code` (by default paused just
    before the whole file is moved into place), once it has said "paused"."""
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n")
    args = ["--vault", str(vault_path), "--passphrase-file", str(secret)]
    args += ["export", "--format", fmt, "--out", str(out), "--show-ni"]
    child = subprocess.Popen(
        [sys.executable, "-c", child_code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "paused"
    return child


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "json", "csv", "md"])
def test_the_next_export_removes_what_a_killed_export_left(
    cli, marked: Vault, vault_path: Path, tmp_path: Path, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "exports"
    folder.mkdir()
    child = start_and_pause(vault_path, tmp_path, fmt, folder / f"first.{fmt}")
    kill(child)
    [left] = parts(folder)  # what the attack found: the whole plaintext, hidden beside it
    assert plaintext_in(left) == whole(fmt)
    assert not (folder / f"first.{fmt}").exists()

    result = cli("export", "--format", fmt, "--out", str(folder / f"second.{fmt}"), "--show-ni")
    assert result.code == 0, result.err

    assert [p.name for p in folder.iterdir()] == [f"second.{fmt}"]
    assert plaintext_in(folder / f"second.{fmt}") == whole(fmt)
    for path in folder.iterdir():
        if path.name != f"second.{fmt}":
            assert plaintext_in(path) == set()


@pytest.mark.slow
def test_an_export_another_copy_of_the_app_is_writing_is_left_alone(
    cli, marked: Vault, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "exports"
    folder.mkdir()
    other = tmp_path / "other.companion"  # the paused copy has the first vault open
    Vault.create(other, PASSPHRASE, policy=FAST_KDF)[0].close()
    child = start_and_pause(vault_path, tmp_path, "md", folder / "first.md")
    try:
        [writing] = parts(folder)
        result = cli("export", "--format", "md", "--out", str(folder / "second.md"), vault=other)
        assert result.code == 0, result.err
        assert writing.exists()  # still being written: not a leftover
    finally:
        kill(child)
    result = cli("export", "--format", "md", "--out", str(folder / "third.md"), vault=other)
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.iterdir()) == ["second.md", "third.md"]


@pytest.mark.slow
def test_the_next_start_removes_what_an_export_killed_in_the_data_folder_left(
    cli, marked: Vault, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    data = paths.private_dir(paths.data_dir())
    child = start_and_pause(vault_path, tmp_path, "json", data / "log.json")
    kill(child)
    [left] = parts(data)
    assert plaintext_in(left) == whole("json")
    assert cli("fingerprint").code == 0  # any command, with no export
    assert parts(data) == []


@pytest.mark.slow
def test_the_next_start_removes_what_an_export_killed_anywhere_left(
    cli, marked: Vault, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "usb stick"
    stick.mkdir()
    assert cli("export", "--format", "md", "--out", str(stick / "earlier.md")).code == 0
    assert not (paths.config_dir() / "writing.json").exists()  # a finished export: not noted
    (stick / "earlier.md").unlink()
    child = start_and_pause(vault_path, tmp_path, "md", stick / "for the tribunal.md")
    kill(child)
    [left] = parts(stick)
    assert plaintext_in(left) == whole("md")
    noted = (paths.config_dir() / "writing.json").read_text()
    assert left.name in noted and NAME not in noted and SENTENCE not in noted  # never content
    assert cli("fingerprint").code == 0  # any command, with no export to that folder
    assert parts(stick) == []
    assert not (paths.config_dir() / "writing.json").exists()
