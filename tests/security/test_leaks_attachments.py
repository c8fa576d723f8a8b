"""An attached file's words are never found outside the vault's ciphertext and the copy the
person chose to save: not in the vault file in the clear, its write-ahead log, the app's
folders or the temporary folder, even after a copy was killed halfway.

A child process (every folder its own, TMPDIR too; see tests/attack.py) makes a vault,
attaches a text file full of distinctive words in UTF-8 and UTF-16 with a distinctive name and
description, corrects the description, reads it back, verifies, saves a copy to the folder the
person chose, is killed once while saving another copy, and then saves that copy whole.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.attack import REPO, every_file, folders_of, needles, session_env

MARKERS = ["ZqAttachedWordsŵ", "ZqAttachNameŵ", "ZqAttachDescriptionŵ", "ZqAttachCorrectedŵ"]
PRIVATE = ("vaults", "home", "tmp", "runtime")

CHILD = r"""
import os, signal, sys
from datetime import UTC, datetime
from pathlib import Path

from companion.crypto import KdfPolicy
from companion.vault import Vault
from tests.attack import folders_of
from tests.builders import make_appointment, make_person

FAST = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
root, step = Path(sys.argv[1]), sys.argv[2]
folders = folders_of(root)
path = folders["vaults"] / "records.companion"
chosen = folders["chosen"]


def clock():
    return datetime(2026, 3, 9, 12, 0, tzinfo=UTC)


if step == "session":
    vault, _ = Vault.create(path, "Zq-attach-passphrase", policy=FAST, clock=clock)
    person = vault.save(make_person()).record
    entry = vault.save(make_appointment(person.id)).record
    original = chosen / "ZqAttachNameŵ.txt"
    words = "Notes of the call: ZqAttachedWordsŵ. " * 4000
    original.write_bytes(words.encode("utf-8") + words.encode("utf-16-le"))
    saved = vault.attach(entry.id, original, description="ZqAttachDescriptionŵ")
    vault.save(saved.record.__class__(**{**vars(saved.record),
                                         "description": "ZqAttachCorrectedŵ"}))
    assert b"".join(vault.attachment_chunks(saved.record.id)) == original.read_bytes()
    assert vault.verify() == []
    vault.save_attachment_copy(saved.record.id, chosen / "copy.txt")
    vault.close()
else:
    vault = Vault.open(path, passphrase="Zq-attach-passphrase", policy=FAST, clock=clock)
    [saved] = vault.attachments()
    if step == "killed-copy":
        replace = os.replace

        def replace_then_die(src, dst, *args, **kwargs):
            if Path(dst).name == "again.txt":
                os.kill(os.getpid(), signal.SIGKILL)
            replace(src, dst, *args, **kwargs)

        os.replace = replace_then_die
    vault.save_attachment_copy(saved.record.id, chosen / "again.txt")
    vault.close()
"""


def step(root: Path, name: str) -> subprocess.CompletedProcess[str]:
    command = "import sys; from companion import hardening; hardening.tidy_own_folders()\n"
    return subprocess.run(
        [sys.executable, "-c", command + CHILD, str(root), name],
        capture_output=True, text=True, cwd=REPO, env=session_env(root), timeout=300,
        check=False,
    )  # fmt: skip


def traces(root: Path) -> list[tuple[str, str]]:
    folders = folders_of(root)
    found = []
    for path in every_file(*(folders[name] for name in PRIVATE)):
        data = path.read_bytes()
        for marker, needle in needles(MARKERS):
            if needle in data:
                found.append((str(path.relative_to(root)), marker))
    return found


@pytest.mark.slow
def test_an_attachment_leaves_nothing_readable_outside_the_copies_chosen(
    tmp_path: Path,
) -> None:
    done = step(tmp_path, "session")
    assert done.returncode == 0, done.stderr
    folders = folders_of(tmp_path)
    chosen = folders["chosen"]
    assert sorted(p.name for p in chosen.iterdir()) == ["ZqAttachNameŵ.txt", "copy.txt"]
    assert (chosen / "copy.txt").read_bytes() == (chosen / "ZqAttachNameŵ.txt").read_bytes()
    assert every_file(folders["vaults"]) and traces(tmp_path) == []

    killed = step(tmp_path, "killed-copy")
    assert killed.returncode == -9, killed.stderr
    assert traces(tmp_path) == []
    again = step(tmp_path, "copy-again")  # the next start removes the killed copy's hidden file
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in chosen.iterdir()) == [
        "ZqAttachNameŵ.txt",
        "again.txt",
        "copy.txt",
    ]
    assert traces(tmp_path) == []


def test_the_search_would_find_an_attachments_words(tmp_path: Path) -> None:
    folders = folders_of(tmp_path)
    folders["tmp"].mkdir(parents=True)
    (folders["tmp"] / "leak.bin").write_bytes(b"\0" + MARKERS[0].encode("utf-16-le"))
    assert traces(tmp_path) == [("tmp/leak.bin", MARKERS[0])]
