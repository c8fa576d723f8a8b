"""The app's own folders (data and settings) are readable by their owner only: made so, and
made so again at each start if they were left open; the folders above them are not touched."""

from __future__ import annotations

import stat
from pathlib import Path

from companion import paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_dir_makes_a_new_folder_owner_only_and_leaves_its_parents(
    tmp_path: Path,
) -> None:
    parent = tmp_path / "shared"
    parent.mkdir(mode=0o755)
    parent.chmod(0o755)
    made = paths.private_dir(parent / "new" / "app")
    assert made == parent / "new" / "app"
    assert mode(made) == 0o700
    assert mode(parent) == 0o755


def test_private_dir_tightens_a_folder_left_open(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    folder.mkdir()
    folder.chmod(0o755)
    paths.private_dir(folder)
    assert mode(folder) == 0o700


def test_a_link_in_place_of_the_folder_is_not_changed(tmp_path: Path) -> None:
    real = tmp_path / "on another disk"
    real.mkdir()
    real.chmod(0o750)
    link = tmp_path / "app"
    link.symlink_to(real)
    paths.private_dir(link)
    assert link.is_symlink() and mode(real) == 0o750


def test_each_command_starts_with_the_apps_folders_owner_only(cli, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    data, config = paths.data_dir(), paths.config_dir()
    data.mkdir(parents=True)
    data.chmod(0o755)  # as earlier versions made it
    above = data.parent
    above.chmod(0o755)
    assert cli("init").code == 0
    assert mode(data) == 0o700 and mode(config) == 0o700
    assert mode(above) == 0o755
