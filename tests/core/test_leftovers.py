"""The hidden files the app writes beside a file it is making are noted before they exist, so
one left by a kill at any moment is found and removed at the next start, wherever it is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion import leftovers, paths


def noted() -> str:
    record = paths.config_dir() / "writing.json"
    return record.read_text(encoding="utf-8") if record.exists() else ""


@pytest.mark.parametrize("kind", ["part", "creating"])
def test_a_hidden_file_is_noted_before_it_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    real_open = os.open
    seen: list[tuple[str, bool]] = []

    def watched(path, flags, *args):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT and leftovers.is_leftover_name(os.path.basename(path)):
            seen.append((os.path.abspath(path), os.path.abspath(path) in noted()))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", watched)
    temp, descriptor = leftovers.open_locked(tmp_path / "for the tribunal.pdf", kind)
    os.close(descriptor)
    assert seen == [(str(temp), True)]  # already noted when it was made
    leftovers.finished(temp)
    assert str(temp) not in noted()


def test_a_name_that_could_not_be_made_is_not_left_noted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def refused(path, flags, *args):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT and leftovers.is_leftover_name(os.path.basename(path)):
            raise PermissionError("read-only stick")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(PermissionError):
        leftovers.open_locked(tmp_path / "copy.mp3", "part")
    assert ".copy.mp3." not in noted()
    assert [p.name for p in tmp_path.iterdir() if "copy.mp3" in p.name] == []


def test_a_noted_name_with_no_file_is_dropped_at_the_next_start(tmp_path: Path) -> None:
    temp = tmp_path / ".copy.mp3.0a1b2c3d.part"
    leftovers._note(temp, writing=True)  # killed after noting it, before making it
    assert leftovers.remove_noted_leftovers() == 0
    assert noted() == ""
