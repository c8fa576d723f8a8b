"""A backup and work on an attached file never run at once on the open vault's connection: a
daily backup (or *Back up now*) asked for while a file is being attached starts once it is
done, and holds the file whole; a file attached (or a copy saved) while a backup is being
made waits for it, and says so in one sentence; closing the app during an attach stops it,
then backs up the vault without it."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from companion import backup, paths
from companion.backup import Made
from companion.vault import Vault
from tests.builders import make_appointment
from tests.conftest import reopen
from tests.core.attachment_helpers import stored_ids
from tests.ui.conftest import shown_window
from tests.ui.fit_probe import settle
from tests.ui.test_attachments_actions import png_bytes
from ui import attachment_actions, attachment_panel
from ui.attachment_panel import AttachmentPanel
from ui.main_window import MainWindow
from ui.vault_turns import turns_of

RECORDING = b"ID3" + bytes(range(256)) * 1200  # about 300 KB: five chunks
WAIT_MS = 20_000


class Held:
    """An attach and a backup that each go on only once the test lets them, and a note of
    any moment one ran while the other was under way."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, vault: Vault) -> None:
        self.attach_release = threading.Event()
        self.backup_release = threading.Event()
        self.attaching = threading.Event()  # an attach has written its first chunk
        self.backing_up = threading.Event()  # a backup has begun
        self.in_attach = False
        self.in_backup = False
        self.overlaps: list[str] = []
        self.backups: list[str] = []
        real_attach, real_backup = vault.attach, backup.into_folder

        def attach(entry_id, path, *, progress=None, stop=None, **kwargs):  # type: ignore[no-untyped-def]
            if stop is None:  # not from the app: as it is
                return real_attach(entry_id, path, progress=progress, **kwargs)

            def step(done: int, total: int) -> None:
                self.attaching.set()
                while not self.attach_release.is_set() and not stop():
                    self.attach_release.wait(0.01)  # a slow disk, until the test lets it on
                if self.in_backup:
                    self.overlaps.append("an attach went on during a backup")
                progress(done, total)

            if self.in_backup:
                self.overlaps.append("an attach began during a backup")
            self.in_attach = True
            try:
                return real_attach(entry_id, path, progress=step, stop=stop, **kwargs)
            finally:
                self.in_attach = False

        def into_folder(source, *args, **kwargs):  # type: ignore[no-untyped-def]
            if self.in_attach:
                self.overlaps.append("a backup began during an attach")
            self.in_backup = True
            self.backups.append("on closing" if isinstance(source, Path) else "of the open vault")
            try:
                self.backing_up.set()
                if not isinstance(source, Path):  # the open vault's: held until let on
                    self.backup_release.wait(WAIT_MS / 1000)
                return real_backup(source, *args, **kwargs)
            finally:
                self.in_backup = False

        monkeypatch.setattr(vault, "attach", attach)
        monkeypatch.setattr(backup, "into_folder", into_folder)


@pytest.fixture
def entry(window: MainWindow, person_vault: Vault) -> Iterator[str]:
    """An appointment, chosen in the timeline."""
    person = person_vault.people()[0].record.id
    record = person_vault.save(make_appointment(person, date=date(2026, 2, 17))).record
    window.workspace.reload(select_id=record.id)
    yield record.id


@pytest.fixture
def panel(window: MainWindow, entry: str) -> AttachmentPanel:
    return window.workspace.entry.attachments


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    path = tmp_path / "files" / "pip-assessment.mp3"
    path.parent.mkdir()
    path.write_bytes(RECORDING)
    return path


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch, person_vault: Vault) -> Held:
    return Held(monkeypatch, person_vault)


def attach_by_picker(qtbot, monkeypatch, panel: AttachmentPanel, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        attachment_actions.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], "")
    )
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)


def wait_idle(qtbot, panel: AttachmentPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.jobs.running and panel.progress is None, timeout=WAIT_MS)
    settle()


def backed_up(vault_path: Path) -> list[Path]:
    return backup.kept(paths.default_backup_dir(), vault_path)


def attached_in(path: Path) -> list[bytes]:
    """The content of every file attached in the vault (or backup) at `path`; it must check
    out completely."""
    copy = reopen(path)
    try:
        assert copy.verify() == []
        return [b"".join(copy.attachment_chunks(s.record.id)) for s in copy.attachments()]
    finally:
        copy.close()


def test_a_daily_backup_due_during_an_attach_waits_for_it_then_holds_the_file_whole(
    qtbot, monkeypatch, window: MainWindow, panel: AttachmentPanel, held: Held, recording: Path
) -> None:  # type: ignore[no-untyped-def]
    backups = window.session.backups
    attach_by_picker(qtbot, monkeypatch, panel, recording)
    assert held.attaching.wait(WAIT_MS / 1000)
    backups.daily()  # the half-hourly look, with a backup due
    assert backups.waiting and held.backups == []
    settle()
    assert held.backups == [] and backed_up(window.path) == []
    with qtbot.waitSignal(backups.made, timeout=WAIT_MS) as made:
        held.attach_release.set()
        held.backup_release.set()
    wait_idle(qtbot, panel)
    assert held.overlaps == [] and held.backups == ["of the open vault"]
    assert not backups.running and not backups.waiting
    [kept] = backed_up(window.path)
    assert made.args[0].path == kept
    assert attached_in(kept) == [RECORDING]  # whole, and it checks out
    assert made.args[0].fingerprint == window.vault.fingerprint()
    backups.daily()  # made today: not again
    assert not backups.running and len(backed_up(window.path)) == 1


def test_back_up_now_during_an_attach_starts_once_it_is_done(
    qtbot, monkeypatch, window: MainWindow, panel: AttachmentPanel, held: Held, recording: Path
) -> None:  # type: ignore[no-untyped-def]
    backups = window.session.backups
    attach_by_picker(qtbot, monkeypatch, panel, recording)
    assert held.attaching.wait(WAIT_MS / 1000)
    outcome: list[object] = []
    assert backups.back_up_now(outcome.append, outcome.append)  # taken: it will be made
    settle()
    assert held.backups == [] and outcome == []
    held.backup_release.set()
    held.attach_release.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    wait_idle(qtbot, panel)
    [made] = outcome
    assert isinstance(made, Made) and held.overlaps == []
    assert attached_in(made.path) == [RECORDING]


def test_stop_while_back_up_now_waits_for_an_attach_drops_it_at_once(
    qtbot, monkeypatch, window: MainWindow, panel: AttachmentPanel, held: Held, recording: Path
) -> None:  # type: ignore[no-untyped-def]
    """Stopped while it waits, it is said to be stopped then, not once the attach is done,
    and no backup is made afterwards."""
    backups = window.session.backups
    attach_by_picker(qtbot, monkeypatch, panel, recording)
    assert held.attaching.wait(WAIT_MS / 1000)
    outcome: list[object] = []
    stop = backups.back_up_now(outcome.append, outcome.append)
    assert stop is not None and backups.waiting
    stop()
    assert [type(o).__name__ for o in outcome] == ["Cancelled"]  # at once, the attach goes on
    assert not backups.waiting and not backups.running and panel.jobs.running
    held.backup_release.set()
    held.attach_release.set()
    wait_idle(qtbot, panel)
    settle()
    assert held.backups == [] and backed_up(window.path) == []
    assert len(outcome) == 1


def test_a_file_attached_while_a_backup_is_being_made_waits_for_it_and_says_so(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    held: Held,
    recording: Path,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(attachment_panel, "SHOW_PROGRESS_AFTER_MS", 0)
    backups = window.session.backups
    backups.daily()
    assert held.backing_up.wait(WAIT_MS / 1000)
    attach_by_picker(qtbot, monkeypatch, panel, recording)
    waiting = 'A backup is being made: "pip-assessment.mp3" will be attached as soon as it is done.'
    assert panel.jobs.waiting and not held.in_attach
    assert panel.message.text() == waiting and panel.progress.labelText() == waiting
    settle()
    assert not held.in_attach and person_vault.attachments_of(entry) == []
    held.attach_release.set()
    with qtbot.waitSignal(backups.made, timeout=WAIT_MS) as made:
        held.backup_release.set()
    wait_idle(qtbot, panel)
    assert held.overlaps == []
    assert panel.message.text().startswith('Attached "pip-assessment.mp3"')
    assert waiting not in panel.message.text()
    assert attached_in(made.args[0].path) == []  # made before the file was attached
    [saved] = person_vault.attachments_of(entry)
    assert saved.record.sha256 == hashlib.sha256(RECORDING).hexdigest()
    assert person_vault.verify() == []


def test_cancel_while_a_copy_waits_for_a_backup_writes_nothing(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    held: Held,
    recording: Path,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    person_vault.attach(entry, recording)
    window.workspace.reload(select_id=entry)
    monkeypatch.setattr(attachment_panel, "SHOW_PROGRESS_AFTER_MS", 0)
    target = tmp_path / "copy.mp3"
    monkeypatch.setattr(
        attachment_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    backups = window.session.backups
    backups.daily()
    assert held.backing_up.wait(WAIT_MS / 1000)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.jobs.waiting
    assert panel.message.text() == (
        'A backup is being made: the copy of "pip-assessment.mp3" will be saved as soon as it '
        "is done."
    )
    qtbot.waitUntil(lambda: panel.progress is not None and panel.progress.isVisible())
    cancel = next(b for b in panel.progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    assert panel.message.text() == "Stopped: no copy was written."
    assert not target.exists() and list(tmp_path.glob(".copy.mp3*")) == []
    with qtbot.waitSignal(backups.made, timeout=WAIT_MS):
        held.backup_release.set()
    assert held.overlaps == [] and not target.exists()


def test_a_picture_asked_for_during_a_backup_is_shown_once_it_is_done(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    held: Held,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "waiting room.png"
    photo.write_bytes(png_bytes())
    person_vault.attach(entry, photo)
    window.workspace.reload(select_id=entry)
    backups = window.session.backups
    backups.daily()
    assert held.backing_up.wait(WAIT_MS / 1000)
    qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    waiting = 'A backup is being made: "waiting room.png" will be shown as soon as it is done.'
    assert panel.jobs.waiting and panel.message.text() == waiting
    with qtbot.waitSignal(backups.made, timeout=WAIT_MS):
        held.backup_release.set()
    qtbot.waitUntil(lambda: panel.actions.preview is not None, timeout=WAIT_MS)
    wait_idle(qtbot, panel)
    assert panel.message.text() == ""  # the wait is over: nothing more to say
    assert held.overlaps == []
    panel.actions.close_preview()


def test_closing_during_an_attach_stops_it_then_backs_up_the_vault_without_it(
    qtbot,
    monkeypatch,
    person_vault: Vault,
    vault_path: Path,
    held: Held,
    recording: Path,
) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, vault_path, person_vault)
    person = person_vault.people()[0].record.id
    entry = person_vault.save(make_appointment(person, date=date(2026, 2, 17))).record.id
    window.workspace.reload(select_id=entry)
    panel = window.workspace.entry.attachments
    backups = window.session.backups
    attach_by_picker(qtbot, monkeypatch, panel, recording)
    assert held.attaching.wait(WAIT_MS / 1000)
    backups.daily()  # due, so waiting for the attach when the app is closed
    assert backups.waiting
    turns = turns_of(person_vault)
    window.close()  # the attach is stopped, and nothing waits any more
    assert not panel.jobs.running and not backups.running and not turns.waits(backups)
    assert held.overlaps == [] and held.backups == ["on closing"]
    [kept] = backed_up(vault_path)
    assert attached_in(kept) == []
    assert attached_in(vault_path) == []
    again = reopen(vault_path)
    try:
        assert stored_ids(again) == set()
    finally:
        again.close()
    settle()  # the stopped attach says so, to a panel that shows nothing now
    assert held.backups == ["on closing"] and panel.message.text() == ""
