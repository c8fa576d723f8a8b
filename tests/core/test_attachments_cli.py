"""`companion attach`, `attachments` and `save-attachment`: what they say, and one sentence with
the promised exit code when something is wrong."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.conftest import create_vault
from tests.core.attachment_helpers import a_file, alter_chunks, entry_in, flip


def vault_with_entry(vault_path: Path) -> str:
    vault = create_vault(vault_path)
    try:
        return entry_in(vault)
    finally:
        vault.close()


def test_attach_says_the_name_size_hash_and_entry(cli, vault_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    entry = vault_with_entry(vault_path)
    path = tmp_path / "interview.mp3"
    path.write_bytes(b"ID3\x04" + b"\0" * 2_099_996)
    done = cli("attach", str(path), "--entry", entry[:8], "--description", "Assessment audio")
    assert done.code == 0, done.err
    assert 'Attached "interview.mp3" (2.1 MB, an MP3 recording) to: Work-focused interview' in (
        done.out
    )
    assert "17 February 2026 (Alex Example)" in done.out
    assert hashlib.sha256(path.read_bytes()).hexdigest() in done.out
    assert "HMCTS's appeal upload takes this file as it is" in done.out

    listed = cli("attachments")
    assert listed.code == 0 and "interview.mp3  (2.1 MB, an MP3 recording)" in listed.out
    assert "Assessment audio" in listed.out
    attachment_id = listed.out.split()[0]

    out = tmp_path / "copy.mp3"
    saved = cli("save-attachment", attachment_id, "--out", str(out))
    assert saved.code == 0, saved.err
    assert out.read_bytes() == path.read_bytes()
    assert "not protected" in saved.err and "HMCTS" in saved.out


def test_an_entry_may_be_given_by_its_date(cli, vault_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault_with_entry(vault_path)
    done = cli("attach", str(a_file(tmp_path, 10, "note.txt")), "--entry", "17/02/2026")
    assert done.code == 0, done.err
    assert "on Tuesday 17 February 2026" in done.out


def test_mistakes_are_one_sentence_with_exit_4(cli, vault_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    entry = vault_with_entry(vault_path)
    (tmp_path / "empty.mp3").write_bytes(b"")
    cases = [
        ("attach", str(a_file(tmp_path, 10)), "--entry", "ffffffff"),
        ("attach", str(a_file(tmp_path, 10)), "--entry", "01/01/2020"),
        ("attach", str(tmp_path / "missing.mp3"), "--entry", entry),
        ("attach", str(tmp_path), "--entry", entry),
        ("attach", str(tmp_path / "empty.mp3"), "--entry", entry),
        ("save-attachment", "abcdef", "--out", str(tmp_path / "x.mp3")),
    ]
    for argv in cases:
        done = cli(*argv)
        assert done.code == 4, (argv, done.err)
        assert done.err.count("\n") == 1 and "Traceback" not in done.err
        assert done.err.rstrip().endswith("Nothing was changed."), done.err
    assert "is empty, so there is nothing to attach" in cli(*cases[4]).err
    assert cli("attachments").out.strip() == "There are no attachments."


def test_a_damaged_attachment_is_said_in_one_sentence_with_exit_5(
    cli, vault_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    entry = vault_with_entry(vault_path)
    cli("attach", str(a_file(tmp_path, 200_000)), "--entry", entry)
    conn = sqlite3.connect(vault_path)
    [(raw,)] = conn.execute("SELECT DISTINCT attachment_id FROM attachment_parts").fetchall()
    conn.close()
    alter_chunks(vault_path, bytes(raw).hex(), lambda c: [c[0], flip(c[1], 99), *c[2:]])
    out = tmp_path / "copy.mp3"
    done = cli("save-attachment", bytes(raw).hex()[:10], "--out", str(out))
    assert done.code == 5 and not out.exists()
    assert "part 2 of it does not open" in done.err and done.err.count("\n") == 1
    verified = cli("verify")
    assert verified.code == 5 and "attachment" in verified.err


def test_verify_counts_the_attached_files_it_read(cli, vault_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    entry = vault_with_entry(vault_path)
    path = tmp_path / "letter.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"x" * 70_000)  # two chunks
    assert cli("attach", str(path), "--entry", entry[:8]).code == 0
    checked = cli("verify")
    assert checked.code == 0, checked.err
    assert "1 attached file, every part read," in checked.out
