"""Attaching files to an entry in the app: by the file picker or by dropping them on the entry,
with progress and Cancel, listed under the entry with their name, size and SHA-256, and each
mistake said in one sentence with nothing kept."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from companion.vault import Vault
from tests.builders import make_appointment
from tests.core.attachment_helpers import stored_ids
from tests.ui.fit_probe import settle
from ui import attachment_actions, attachment_panel
from ui.attachment_panel import AttachmentPanel
from ui.main_window import MainWindow

RECORDING = b"ID3" + bytes(range(256)) * 1200  # about 300 KB: five chunks


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


def wait_idle(qtbot, panel: AttachmentPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.jobs.running and panel.progress is None, timeout=10_000)
    settle()


def pick(monkeypatch, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        attachment_actions.QFileDialog,
        "getOpenFileNames",
        lambda *args, **kwargs: ([str(p) for p in paths], ""),
    )


def test_a_file_chosen_with_the_picker_is_attached_and_listed_with_its_sha256(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    recording: Path,
) -> None:  # type: ignore[no-untyped-def]
    pick(monkeypatch, [recording])
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    kept = person_vault.attachments_of(entry)
    assert [s.record.name for s in kept] == ["pip-assessment.mp3"]
    sha = hashlib.sha256(RECORDING).hexdigest()
    assert kept[0].record.sha256 == sha
    line = panel.list.item(0).text()
    assert "pip-assessment.mp3" in line and "307 KB" in line and f"SHA-256 {sha[:8]}…" in line
    assert sha in panel.list.item(0).toolTip()  # the whole of it on hover
    assert panel.sha.text() == sha and panel.sha.isReadOnly()  # and to select and copy
    assert "Attached on Monday 2 March 2026 at 09:30" in panel.details.text()
    # The note on the entry: captured, with its SHA-256, at that time.
    words = window.workspace.entry.browser.toPlainText()
    assert "Attached files" in words and sha in words
    assert "Attached on Monday 2 March 2026 at 09:30, when its SHA-256 was" in words
    assert 'Attached "pip-assessment.mp3" (an MP3 recording, 307 KB).' in panel.message.text()


def test_files_dropped_on_the_entry_are_attached_one_after_another(
    qtbot,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    recording: Path,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    letter = tmp_path / "files" / "decision.pdf"
    letter.write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
    empty = tmp_path / "files" / "still copying.mp3"
    empty.touch()
    view = window.workspace.entry
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in (recording, empty, letter)])
    at = QPoint(view.width() // 2, view.height() // 2)
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, drop)
    qtbot.waitUntil(lambda: len(person_vault.attachments_of(entry)) == 2, timeout=10_000)
    wait_idle(qtbot, panel)
    names = {s.record.name for s in person_vault.attachments_of(entry)}
    assert names == {"pip-assessment.mp3", "decision.pdf"}
    assert panel.list.count() == 2 and panel.heading.text() == "Attached files (2)"
    # One sentence for each file: the one refused is not hidden by the one after it.
    said = panel.message.text().splitlines()
    assert said == [
        'Attached "pip-assessment.mp3" (an MP3 recording, 307 KB).',
        'The file "still copying.mp3" is empty, so there is nothing to attach. '
        "Nothing was changed.",
        'Attached "decision.pdf" (a PDF document, 2.0 KB).',
    ]


def test_a_drop_with_no_entry_chosen_or_of_no_file_is_refused(
    qtbot, window: MainWindow, person_vault: Vault, recording: Path
) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.entry
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(recording))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()  # no entry is chosen
    text = QMimeData()
    text.setText("not a file")
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, text,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()


def test_cancel_during_a_big_attach_keeps_nothing(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    recording: Path,
) -> None:  # type: ignore[no-untyped-def]
    """The progress bar shows, Cancel is pressed part way: no record, no stored chunk."""
    monkeypatch.setattr(attachment_panel, "SHOW_PROGRESS_AFTER_MS", 0)
    pressed = threading.Event()
    real = person_vault.attach

    def slow_attach(entry_id, path, *, progress, stop, **kwargs):  # type: ignore[no-untyped-def]
        def step(done: int, total: int) -> None:
            pressed.wait(10)  # held after the first chunk until Cancel is pressed
            progress(done, total)

        return real(entry_id, path, progress=step, stop=stop, **kwargs)

    monkeypatch.setattr(person_vault, "attach", slow_attach)
    pick(monkeypatch, [recording])
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress is not None and panel.progress.isVisible())
    assert panel.progress.labelText() == 'Attaching "pip-assessment.mp3"…'
    assert panel.progress.windowModality() == Qt.WindowModality.WindowModal
    cancel = next(b for b in panel.progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    pressed.set()
    wait_idle(qtbot, panel)
    assert person_vault.attachments_of(entry) == []
    assert stored_ids(person_vault) == set()
    assert person_vault.verify() == []
    assert panel.message.text() == 'Stopped: "pip-assessment.mp3" was not attached.'
    assert panel.list.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("empty.mp3", b"", 'The file "empty.mp3" is empty, so there is nothing to attach.'),
        ("missing.mp3", None, "expected a file that exists"),
    ],
)
def test_a_file_that_cannot_be_attached_is_one_sentence_and_nothing_is_kept(
    qtbot,
    monkeypatch,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    said: str,
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    pick(monkeypatch, [path])
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    assert said in panel.message.text()
    assert panel.message.text().count(". ") <= 1 and "Traceback" not in panel.message.text()
    assert person_vault.attachments_of(entry) == [] and stored_ids(person_vault) == set()


def test_locking_while_a_file_is_attached_stops_it_first(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    recording: Path,
    vault_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    """The lock closes the vault only once the attach has stopped: nothing of it is kept,
    and the vault opens and checks out."""
    started = threading.Event()
    real = person_vault.attach

    def slow_attach(entry_id, path, *, progress, stop, **kwargs):  # type: ignore[no-untyped-def]
        def step(done: int, total: int) -> None:
            started.set()
            threading.Event().wait(0.05)  # a slow disk
            progress(done, total)

        return real(entry_id, path, progress=step, stop=stop, **kwargs)

    monkeypatch.setattr(person_vault, "attach", slow_attach)
    pick(monkeypatch, [recording])
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert started.wait(10)
    window.lock()
    assert not panel.jobs.running and window.vault is None
    from tests.conftest import reopen

    again = reopen(vault_path)
    try:
        assert again.attachments() == [] and again.verify() == []
    finally:
        again.close()


def test_the_entrys_menu_offers_to_attach_a_file(
    qtbot,
    monkeypatch,
    window: MainWindow,
    person_vault: Vault,
    panel: AttachmentPanel,
    entry: str,
    recording: Path,
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    pick(monkeypatch, [recording])
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, _at: shown.append(self))
    window.workspace._entry_menu(QPoint(1, 1))
    action = next(a for a in shown[0].actions() if a.text() == "Attach a file…")
    assert action.isEnabled()
    action.trigger()
    wait_idle(qtbot, panel)
    assert [s.record.name for s in person_vault.attachments_of(entry)] == ["pip-assessment.mp3"]


@pytest.mark.parametrize("percent", [100, 200])
def test_on_a_laptop_screen_the_files_under_an_entry_cut_nothing_off_and_never_widen_it(
    qtbot,
    qapp,
    window: MainWindow,
    person_vault: Vault,
    entry: str,
    tmp_path: Path,
    percent: int,
) -> None:  # type: ignore[no-untyped-def]
    """A SHA-256 is one long word: it must not make the entry wider than the window."""
    from tests.ui.fit_probe import BUDGET, cut_off, sideways
    from ui import theme

    long_name = tmp_path / (
        "PIP assessment recording, the assessor's end of the call, " * 2 + ".mp3"
    )
    long_name.write_bytes(RECORDING)
    person_vault.attach(entry, long_name, description="Obtained with a subject access request")
    window.resize(BUDGET)
    theme.apply(qapp, "light", percent)
    window.refresh_look()
    window.workspace.reload(select_id=entry)
    settle()
    panel = window.workspace.entry.attachments
    assert panel.isVisible() and panel.list.count() == 1
    assert cut_off(window) == []
    assert sideways(window) == []
    theme.apply(qapp, "light", 100)
    window.refresh_look()
