"""What can be done with an attached file in the app: show a picture (in memory, never a file
on disk), save a copy where chosen (with the warning that it is not protected), rename or
describe it (a correction), delete it (asked first; a tombstone), all by keyboard alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from companion.model import Attachment
from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.conftest import when_modal
from tests.ui.fit_probe import settle
from tests.ui.test_keyboard_only import name, tab_round, tab_stops
from ui import attachment_actions
from ui.attachment_describe import AttachmentDetailsDialog
from ui.attachment_panel import AttachmentPanel
from ui.attachment_preview import PicturePreview
from ui.main_window import MainWindow


def png_bytes(width: int = 120, height: int = 80) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A home and a temporary folder of the test's own, where anything written would be seen."""
    home, temp = tmp_path / "home-folder", tmp_path / "temp-folder"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return {"home": home, "temp": temp}


@pytest.fixture
def kept(
    window: MainWindow, person_vault: Vault, tmp_path: Path
) -> Iterator[dict[str, Attachment]]:
    """A photo and a recording attached to an appointment, chosen in the timeline."""
    person = person_vault.people()[0].record.id
    entry = person_vault.save(make_appointment(person, date=date(2026, 2, 17))).record
    files = tmp_path / "files"
    files.mkdir()
    (files / "waiting room.png").write_bytes(png_bytes())
    (files / "interview.mp3").write_bytes(b"ID3" + bytes(4000))
    photo = person_vault.attach(entry.id, files / "waiting room.png").record
    recording = person_vault.attach(entry.id, files / "interview.mp3").record
    window.workspace.reload(select_id=entry.id)
    yield {"photo": photo, "recording": recording}


@pytest.fixture
def panel(window: MainWindow, kept: dict[str, Attachment]) -> AttachmentPanel:
    return window.workspace.entry.attachments


def choose(panel: AttachmentPanel, record: Attachment) -> None:
    row = next(n for n, s in enumerate(panel.kept) if s.record.id == record.id)
    panel.list.setCurrentRow(row)


def wait_idle(qtbot, panel: AttachmentPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.jobs.running and panel.progress is None, timeout=10_000)
    settle()


def everything_in(*folders: Path) -> dict[str, int]:
    return {
        str(p): p.stat().st_size
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith("records.companion")
    }


def test_show_draws_the_picture_in_memory_and_writes_no_file(
    qtbot,
    window: MainWindow,
    panel: AttachmentPanel,
    kept: dict[str, Attachment],
    folders: dict[str, Path],
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    choose(panel, kept["photo"])
    assert panel.show_button.isEnabled()
    before = everything_in(tmp_path)
    qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    preview = panel.actions.preview
    assert isinstance(preview, PicturePreview) and preview.isVisible()
    shown = preview.picture.pixmap().toImage()
    assert not shown.isNull() and shown.pixelColor(5, 5) == QColor("#3366aa")
    assert preview.windowTitle() == "Picture: waiting room.png"
    assert everything_in(tmp_path) == before, "a file was written while showing the picture"
    assert list(folders["temp"].iterdir()) == [] and list(folders["home"].iterdir()) == []
    # It fits the screen, and closing it lets the picture go.
    screen = preview.screen().availableGeometry()
    assert preview.width() <= screen.width() and preview.height() <= screen.height()
    with qtbot.waitSignal(preview.destroyed, timeout=5000):
        qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert panel.actions.preview is None


def test_show_is_offered_only_for_pictures_and_says_why_not(
    panel: AttachmentPanel, kept: dict[str, Attachment]
) -> None:
    choose(panel, kept["recording"])
    assert not panel.show_button.isEnabled()
    reason = "Only pictures can be shown here: to play or read an MP3 recording, save a copy"
    assert reason in panel.details.text() and reason in panel.show_button.toolTip()
    assert panel.save_button.isEnabled()


def test_the_lock_closes_a_picture_shown(
    qtbot, window: MainWindow, panel: AttachmentPanel, kept: dict[str, Attachment]
) -> None:  # type: ignore[no-untyped-def]
    choose(panel, kept["photo"])
    qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    preview = panel.actions.preview
    assert preview is not None
    with qtbot.waitSignal(preview.destroyed, timeout=5000):
        window.lock()
    assert not any(isinstance(w, PicturePreview) for w in QApplication.topLevelWidgets())


def test_a_copy_is_saved_where_chosen_with_the_warning_and_hmcts_sentence(
    qtbot, monkeypatch, panel: AttachmentPanel, kept: dict[str, Attachment], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "to send" / "interview copy.mp3"
    target.parent.mkdir()
    offered: list[str] = []

    def ask(_parent, _title, suggested, *args, **kwargs):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(attachment_actions.QFileDialog, "getSaveFileName", ask)
    said: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text() + " " + box.informativeText())
        box.accept()

    choose(panel, kept["recording"])
    when_modal(read_and_close)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    wait_idle(qtbot, panel)
    assert offered[0].endswith("interview.mp3")
    assert target.read_bytes() == b"ID3" + bytes(4000)
    assert "not protected by your passphrase" in said[0]
    assert "HMCTS's appeal upload takes this file as it is" in said[0]
    assert f'Saved a copy of "interview.mp3" as {target}.' in panel.message.text()
    assert panel.message.objectName() != "message"  # good news, not in the problem colour


def test_a_copy_onto_a_folder_is_refused_in_one_sentence(
    qtbot, monkeypatch, panel: AttachmentPanel, kept: dict[str, Attachment], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        attachment_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path), "")
    )
    choose(panel, kept["recording"])
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    assert "not a folder" in panel.message.text() and "Nothing was changed" in panel.message.text()


def test_a_damaged_attachment_is_said_in_one_sentence_and_no_copy_is_left(
    qtbot,
    monkeypatch,
    window: MainWindow,
    panel: AttachmentPanel,
    kept: dict[str, Attachment],
    person_vault: Vault,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    from companion.errors import AttachmentDamaged, ChunkProblem

    def damaged(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        yield b"ID3"
        raise AttachmentDamaged(kept["recording"].id, ChunkProblem.DIFFERENT)

    monkeypatch.setattr(person_vault, "attachment_chunks", damaged)
    target = tmp_path / "copy.mp3"
    monkeypatch.setattr(
        attachment_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    choose(panel, kept["recording"])
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    assert "not the file that was attached" in panel.message.text()
    assert not target.exists() and [p.name for p in tmp_path.iterdir() if "copy" in p.name] == []


def test_rename_or_describe_saves_a_correction(
    qtbot, panel: AttachmentPanel, kept: dict[str, Attachment], person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, AttachmentDetailsDialog)
        dialog.name.clear()
        qtbot.keyClicks(dialog.name, "PIP assessment.mp3")
        qtbot.keyClicks(dialog.description, "The whole call")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    choose(panel, kept["recording"])
    when_modal(rename)
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    record = person_vault.attachment(kept["recording"].id)
    assert (record.name, record.description) == ("PIP assessment.mp3", "The whole call")
    assert record.sha256 == kept["recording"].sha256
    versions = person_vault.versions(record.id)
    assert [v.record.name for v in versions] == ["interview.mp3", "PIP assessment.mp3"]  # type: ignore[union-attr]
    assert "PIP assessment.mp3" in panel.list.currentItem().text()
    assert "The whole call" in panel.details.text()


def test_a_name_refused_by_the_core_is_said_and_nothing_is_lost(
    qtbot, panel: AttachmentPanel, kept: dict[str, Attachment], person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def empty_name(dialog: QWidget) -> None:
        assert isinstance(dialog, AttachmentDetailsDialog)
        dialog.name.clear()
        qtbot.keyClicks(dialog.description, "kept while the name is put right")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.message.text())
        assert dialog.isVisible() and "kept while" in dialog.description.toPlainText()
        dialog.reject()

    choose(panel, kept["recording"])
    when_modal(empty_name)
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert "name" in seen[0] and "Nothing was changed" in seen[0]
    assert len(person_vault.versions(kept["recording"].id)) == 1


def test_delete_asks_first_and_leaves_a_tombstone(
    qtbot, panel: AttachmentPanel, kept: dict[str, Attachment], person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    questions: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def act(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            questions.append(box.text())
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
            box.button(button).click()

        return act

    choose(panel, kept["photo"])
    when_modal(answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert 'Take "waiting room.png" off this entry?' in questions[0]
    assert len(person_vault.attachments()) == 2  # No keeps it

    when_modal(answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [s.record.id for s in person_vault.attachments()] == [kept["recording"].id]
    history = person_vault.versions(kept["photo"].id)
    assert len(history) == 2 and history[-1].record is None  # a tombstone; its history stays
    assert person_vault.verify() == []
    assert panel.list.count() == 1 and "waiting room.png" not in panel.list.item(0).text()


def test_tab_reaches_every_control_of_the_attached_files_and_comes_back(
    qtbot, window: MainWindow, panel: AttachmentPanel, kept: dict[str, Attachment]
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    choose(panel, kept["photo"])  # every button enabled
    visited = tab_round(qtbot, window.workspace.table)
    mine = {
        panel.list, panel.sha, panel.attach_button, panel.show_button, panel.save_button,
        panel.rename_button, panel.delete_button,
    }  # fmt: skip
    assert mine <= set(visited), [name(w) for w in mine - set(visited)]
    missed = tab_stops(window) - set(visited)
    assert not missed, [name(w) for w in missed]
    # In reading order: the list, the SHA-256, then the buttons as they are laid out.
    order = [w for w in visited if w in mine]
    assert order == [panel.list, panel.sha, panel.attach_button, panel.show_button,
                     panel.save_button, panel.rename_button, panel.delete_button]  # fmt: skip
    for widget in mine:
        assert widget.accessibleName(), name(widget)


def test_by_keyboard_enter_on_a_picture_shows_it(
    qtbot, window: MainWindow, panel: AttachmentPanel, kept: dict[str, Attachment]
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    choose(panel, kept["photo"])
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    wait_idle(qtbot, panel)
    assert panel.actions.preview is not None
    panel.actions.close_preview()


def test_a_vault_that_can_only_be_read_offers_no_attach_rename_or_delete(
    panel: AttachmentPanel, kept: dict[str, Attachment], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(type(panel.vault), "read_only", property(lambda self: True))
    choose(panel, kept["photo"])
    panel.reload()
    assert not panel.attach_button.isEnabled()
    assert not panel.rename_button.isEnabled() and not panel.delete_button.isEnabled()
    assert panel.show_button.isEnabled() and panel.save_button.isEnabled()
    assert "can only be read" in panel.attach_button.toolTip()


def test_nothing_of_the_files_stays_on_screen_after_the_lock(
    qtbot, window: MainWindow, panel: AttachmentPanel, kept: dict[str, Attachment]
) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import visible_texts

    window.lock()
    settle()
    texts = visible_texts(window, hidden=True)
    assert "waiting room.png" not in texts and kept["photo"].sha256 not in texts
    assert os.environ.get("QT_QPA_PLATFORM") == "offscreen"


def test_a_full_disk_while_saving_a_copy_is_one_sentence(
    qtbot,
    monkeypatch,
    panel: AttachmentPanel,
    kept: dict[str, Attachment],
    person_vault: Vault,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    import errno

    from companion import attachments

    real_open = attachments.open_locked

    def full_disk(path, kind):  # type: ignore[no-untyped-def]
        temp, descriptor = real_open(path, kind)
        os.close(descriptor)
        temp.unlink()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(attachments, "open_locked", full_disk)
    target = tmp_path / "on the stick.mp3"
    monkeypatch.setattr(
        attachment_actions.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    choose(panel, kept["recording"])
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel)
    said = panel.message.text()
    assert "full" in said and "\n" not in said and "Traceback" not in said
    assert panel.message.objectName() == "message"  # a problem looks like one
    assert not target.exists()
