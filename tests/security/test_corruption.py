"""A damaged vault file is never read as something it is not.

Single flipped bits and bytes in every kind of page of a vault file (SQLite's file header, its
schema, the vault's header row, the keyslots and their index, the revisions' interior, leaf
and overflow pages, the sealed tree head), truncations and whole pages zeroed or filled.
Opening with the right passphrase, then verifying, must end in one of three ways:

- it opens with no problem and shows exactly what was saved (the flip landed on unused space);
- it is refused with VaultDamaged (the command line's exit code 5), never with a wrong
  passphrase, since the checksums are checked before any key is tried;
- it opens read-only, saying it is damaged (exit code 5), and what it shows without marking
  it damaged is exactly what was saved.

Never a raw Python exception, and never different data shown as if intact.
"""

from __future__ import annotations

import dataclasses
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion import APP_NAME, errors, paths
from companion.cli import exit_code
from companion.model import Keeper
from companion.vault import Vault
from tests.attack import attack_cases, snapshot
from tests.builders import make_appointment, make_event, make_person
from tests.conftest import FAST_KDF, PASSPHRASE, Clock, reopen

PAGE = 4096
REPO = Path(__file__).resolve().parents[2]
# How many single-byte changes each kind of page gets (the file header gets every byte).
FLIPS = {
    "header row": 25,
    "keyslots": 40,
    "keyslot index": 15,
    "revisions internal": 25,
    "revisions leaf": 60,
    "revisions overflow": 20,
    "checkpoint": 25,
    "drafts": 25,
    "draft index": 10,
    "attachment parts": 40,
    "attachment index": 10,
    "anywhere": 50,
}
KINDS = ("file header", *FLIPS)
# SQLite's schema (page 1 after the file header) is left out here: a flip there that makes its
# text unreadable ends in an internal error today, a known fault held by a test of its own.
SCHEMA = "schema"


@dataclasses.dataclass(frozen=True)
class Original:
    data: bytes
    shown: dict[str, Any]
    heads: bytes
    pages: dict[int, str]  # page number (from 1) to what it holds

    def offsets(self, kind: str) -> list[int]:
        """Every byte of the pages of this kind that SQLite uses (header, cell pointers and
        cells), so the flips land on something."""
        if kind == "file header":
            return list(range(100))
        if kind == "anywhere":
            return [o for o in range(len(self.data)) if not 100 <= o < PAGE]
        out: list[int] = []
        for page, what in self.pages.items():
            if what == kind:
                out += used_bytes(self.data, page)
        return [o for o in out if o >= 100]


def used_bytes(data: bytes, page: int) -> list[int]:
    base = (page - 1) * PAGE
    head = base + (100 if page == 1 else 0)
    kind = data[head]
    if kind not in (2, 5, 10, 13):  # an overflow page: all of it
        return list(range(base, base + PAGE))
    header = 12 if kind in (2, 5) else 8
    cells = int.from_bytes(data[head + 3 : head + 5], "big")
    content = int.from_bytes(data[head + 5 : head + 7], "big") or 65536
    return list(range(base, head + header + 2 * cells)) + list(range(base + content, base + PAGE))


def page_kinds(path: Path) -> dict[int, str]:
    names = {
        "sqlite_schema": "schema",
        "header": "header row",
        "keyslots": "keyslots",
        "sqlite_autoindex_keyslots_1": "keyslot index",
        "checkpoint": "checkpoint",
        "drafts": "drafts",
        "sqlite_autoindex_drafts_1": "draft index",
        "attachment_parts": "attachment parts",
        "sqlite_autoindex_attachment_parts_1": "attachment index",
    }
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, pageno, pagetype FROM dbstat").fetchall()
    finally:
        conn.close()
    kinds = {}
    for name, page, pagetype in rows:
        kinds[page] = f"revisions {pagetype}" if name == "revisions" else names[name]
    return kinds


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Original]:
    """A vault with a keeper, two people, many appointments (one long enough to need overflow
    pages), an event, corrections, a deletion and a purge; closed, so all is in the file."""
    folder = tmp_path_factory.mktemp("original")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paths, "config_dir", lambda: folder / "config" / APP_NAME)
        path = folder / "vault.companion"
        vault, _ = Vault.create(path, PASSPHRASE, policy=FAST_KDF, clock=Clock())
        vault.save(Keeper("Kim Keeper", address="1 Example Street"))
        person = vault.save(make_person()).record
        other = vault.save(make_person(display_name="Sam Other")).record
        entries = [
            vault.save(make_appointment(person.id, account=f"Entry {n}. " * (5 + 3 * n))).record
            for n in range(20)
        ]
        vault.save(make_appointment(person.id, account="A long account. " * 800))
        vault.save(make_event(person.id))
        for entry in entries[:5]:
            vault.save(dataclasses.replace(entry, account="Corrected."))
        vault.delete(entries[6].id)
        vault.save(make_appointment(other.id))
        vault.purge_person(other.id)
        vault.save_draft("appointment", None, {"person_id": person.id, "account": "Half typed."})
        recording = folder / "recording.mp3"
        recording.write_bytes(bytes(range(256)) * 600)  # three chunks, on overflow pages
        vault.attach(entries[0].id, recording, description="The interview")
        shown = snapshot(vault)
        vault.close()
        assert not Path(f"{path}-wal").exists()
        yield Original(
            path.read_bytes(), shown, paths.seen_heads_file().read_bytes(), page_kinds(path)
        )


def test_the_original_has_every_kind_of_page(original: Original) -> None:
    assert set(original.pages.values()) == {*KINDS, SCHEMA} - {"file header", "anywhere"}
    assert len(original.data) == PAGE * len(original.pages)


def outcome(blob: bytes, original: Original, folder: Path, what: str) -> str:
    """Open a changed copy as the app would, and say how it ended: 'intact', 'refused' or
    'detected'; anything else fails the test."""
    path = folder / "case.companion"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    path.write_bytes(blob)
    heads = paths.seen_heads_file()
    heads.parent.mkdir(parents=True, exist_ok=True)
    heads.write_bytes(original.heads)  # this computer has seen the original
    try:
        vault = reopen(path)
    except errors.WrongPassphrase:
        pytest.fail(f"{what}: damage reported as a wrong passphrase")
    except errors.CompanionError as exc:
        assert exit_code(exc) == 5, f"{what}: refused with {type(exc).__name__}, not as damage"
        return "refused"
    except Exception as exc:
        pytest.fail(f"{what}: {type(exc).__name__} escaped: {exc}")
    try:
        problems = vault.problems
        found = vault.verify()
        shown = snapshot(vault)
        read_only = vault.read_only
    except Exception as exc:
        pytest.fail(f"{what}: {type(exc).__name__} after opening: {exc}")
    finally:
        vault.close()
    if not problems and not found:
        assert shown == original.shown, f"{what}: opened as intact, with different content"
        return "intact"
    assert read_only or found, f"{what}: damage found but the vault may still be written"
    for group in ("people", "appointments", "events", "keeper"):
        was = {rid: (saved, versions) for rid, saved, versions in original.shown[group]}
        for rid, saved, versions in shown[group]:
            if not saved.damaged:
                assert was.get(rid) == (saved, versions), f"{what}: {group} changed unmarked"
    return "detected"


@pytest.mark.parametrize("kind", KINDS)
def test_a_flipped_byte_is_refused_detected_or_harmless(
    kind: str, original: Original, tmp_path: Path
) -> None:
    rng = random.Random(f"flip {kind}")
    offsets = original.offsets(kind)
    if kind in FLIPS:
        offsets = sorted(rng.sample(offsets, FLIPS[kind]))
    seen: dict[str, int] = {}
    for offset in offsets:
        mask = 0xFF if rng.random() < 0.2 else 1 << rng.randrange(8)
        blob = bytearray(original.data)
        blob[offset] ^= mask
        what = f"byte {offset} (page {offset // PAGE + 1}, {kind}) ^ {mask:#04x}"
        result = outcome(bytes(blob), original, tmp_path, what)
        seen[result] = seen.get(result, 0) + 1
        attack_cases(1)
    assert sum(seen.values()) == len(offsets)
    harmless = ("file header", "anywhere", "keyslot index", "drafts", "draft index",
                "attachment index")  # fmt: skip
    if kind not in harmless:
        # Flips in what the vault itself checks never all land on unused bytes. (A damaged
        # draft is left out and the records open as before: harmless by design.)
        assert seen.get("refused", 0) + seen.get("detected", 0) > 0


def test_a_truncated_file_is_refused_or_detected(original: Original, tmp_path: Path) -> None:
    size = len(original.data)
    lengths = [0, 1, 50, 99, 100, 101, 2048, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE, size // 2]
    lengths += [size - PAGE, size - PAGE + 1, size - 100, size - 1]
    for length in lengths:
        result = outcome(original.data[:length], original, tmp_path, f"cut to {length} bytes")
        # Refused as it is opened, not merely found later: the last bytes cut off may have been
        # zeros, which SQLite would read back as they were (one file in 256 once passed).
        assert result == "refused", f"cut to {length} bytes, yet it opened ({result})"
        attack_cases(1)


@pytest.mark.parametrize("fill", [0x00, 0xFF])
def test_a_page_overwritten_whole_is_refused_or_detected(
    original: Original, tmp_path: Path, fill: int
) -> None:
    for page, kind in sorted(original.pages.items()):
        blob = bytearray(original.data)
        blob[(page - 1) * PAGE : page * PAGE] = bytes([fill]) * PAGE
        what = f"page {page} ({kind}) filled with {fill:#04x}"
        assert outcome(bytes(blob), original, tmp_path, what) != "intact", what
        attack_cases(1)


# -- the command line -------------------------------------------------------------------------

CLI = """
import sys
from companion.cli import main
from companion.crypto import KdfPolicy
fast = KdfPolicy(floor_iterations=1, floor_lanes=1, floor_memory_kib=8,
                 target_seconds=0.0, cap_memory_kib=8)
sys.exit(main(sys.argv[1:], kdf=fast))
"""


def run_list(path: Path, secret: Path) -> subprocess.CompletedProcess[str]:
    """`companion --vault PATH --passphrase-file FILE list`, in a process of its own (the
    vault was made with fast keys, so the command line is given the same policy)."""
    return subprocess.run(
        [sys.executable, "-c", CLI, "--vault", str(path), "--passphrase-file", str(secret), "list"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )


def damaged(original: Original, how: str) -> bytes:
    blob = bytearray(original.data)
    pages = {kind: page for page, kind in sorted(original.pages.items(), reverse=True)}
    if how == "not a database":
        blob[0] ^= 0x01
    elif how == "keyslots zeroed":
        start = (pages["keyslots"] - 1) * PAGE
        blob[start : start + PAGE] = bytes(PAGE)
    elif how == "cut in half":
        del blob[len(blob) // 2 :]
    elif how == "a keyslot byte":
        blob[used_bytes(original.data, pages["keyslots"])[-40]] ^= 0x04
    elif how == "a sealed revision byte":
        blob[(pages["revisions overflow"] - 1) * PAGE + 2000] ^= 0x01
    elif how == "the sealed tree head":
        blob[used_bytes(original.data, pages["checkpoint"])[-20]] ^= 0x01
    return bytes(blob)


def prepare(original: Original, tmp_path: Path) -> tuple[Path, Path]:
    """A passphrase file, and a settings folder that has seen the original vault."""
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    heads = paths.seen_heads_file()
    heads.parent.mkdir(parents=True, exist_ok=True)
    heads.write_bytes(original.heads)
    return tmp_path / "vault.companion", secret


@pytest.mark.slow
def test_the_command_line_lists_the_undamaged_copy(original: Original, tmp_path: Path) -> None:
    """The same command on the original succeeds, so exit code 5 below is the damage's."""
    path, secret = prepare(original, tmp_path)
    path.write_bytes(original.data)
    intact = run_list(path, secret)
    assert intact.returncode == 0 and "Traceback" not in intact.stderr
    assert len(intact.stdout.strip().splitlines()) == len(original.shown["appointments"]) + 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "how",
    [
        "not a database",
        "keyslots zeroed",
        "cut in half",
        "a keyslot byte",
        "a sealed revision byte",
        "the sealed tree head",
    ],
)
def test_the_command_line_says_damaged_in_one_sentence_and_exits_5(
    original: Original, tmp_path: Path, how: str
) -> None:
    path, secret = prepare(original, tmp_path)
    path.write_bytes(damaged(original, how))
    done = run_list(path, secret)
    assert done.returncode == 5, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("."), done.stderr
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
    assert "passphrase" not in done.stderr.lower()
    attack_cases(1)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["not a database", "keyslots zeroed", "cut in half"])
def test_python_m_companion_says_damaged_before_any_key_is_tried(
    original: Original, tmp_path: Path, how: str
) -> None:
    """The real entry point, with its real key settings: damage found before a key is derived
    is reported the same way."""
    path, secret = prepare(original, tmp_path)
    path.write_bytes(damaged(original, how))
    done = subprocess.run(
        [sys.executable, "-m", "companion", "--vault", str(path), "--passphrase-file",
         str(secret), "list"],
        capture_output=True, text=True, cwd=REPO, env=os.environ.copy(), timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 5, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    attack_cases(1)
