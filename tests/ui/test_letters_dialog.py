"""The Letters window: opened from the toolbar or Ctrl+Shift+L for the person chosen, the
letter previewed from the ticked entries, what is left blank listed, saved where the person
chose (or one sentence when it cannot be), logged as sent so Due soon counts its deadline, and
every control reached by Tab."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from companion import demo
from companion.i18n import long_date
from companion.letters import LetterKind
from companion.model import Answer, EventKind, Keeper, Layout
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, Clock, create_vault
from tests.ui.conftest import shown_window, visible_texts, when_modal
from tests.ui.fit_probe import BUDGET, cut_off, settle, sideways
from tests.ui.test_keyboard_only import walk_each_window
from ui import letters_dialog, theme
from ui.letters_dialog import LettersDialog
from ui.main_window import MainWindow

ODT_TYPE = "application/vnd.oasis.opendocument.text"
FIRST, SECOND, QUIET = date(2026, 1, 12), date(2026, 2, 9), date(2026, 2, 23)


def no_problem(person_id: str, day: date):  # type: ignore[no-untyped-def]
    """An appointment whose record shows no problem: a private room, nobody else in earshot."""
    return make_appointment(
        person_id,
        date=day,
        layout=Layout.PRIVATE_ROOM,
        private_room_offered=Answer.YES,
        private_room_used=Answer.YES,
        private_room_refused_by="",
        private_room_refusal_reason="",
        in_earshot=(),
        in_earshot_count=0,
        in_earshot_notes="",
        said_aloud=(),
        said_aloud_notes="",
        adjustments=(),
    )


@pytest.fixture
def sam(person_vault: Vault) -> str:
    """A second person with two appointments that had problems and one that had none."""
    sam = person_vault.save(make_person(display_name="Sam Example")).record.id
    person_vault.save(make_appointment(sam, date=FIRST))
    person_vault.save(make_appointment(sam, date=SECOND))
    person_vault.save(no_problem(sam, QUIET))
    return sam


def letters_for(qtbot, vault: Vault, person_id: str, kind: LetterKind) -> LettersDialog:  # type: ignore[no-untyped-def]
    dialog = LettersDialog(vault, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    choices = dialog.choices
    choices.kind.setCurrentIndex(choices.kind.findData(kind))
    return dialog


def preview(dialog: LettersDialog) -> str:
    return dialog.preview.toPlainText()


def choose_file(monkeypatch, target: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """The file dialog answers `target`; returns the names it was offered."""
    offered: list[str] = []

    def answer(_parent, _title, suggested, _kinds):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(target), ""

    monkeypatch.setattr(letters_dialog.QFileDialog, "getSaveFileName", answer)
    return offered


def test_ctrl_shift_l_and_the_toolbar_open_letters_for_the_person_chosen(
    qtbot, window: MainWindow, person_vault: Vault, sam: str
) -> None:  # type: ignore[no-untyped-def]
    window.workspace.reload()
    window.workspace.people_panel.choose(sam)
    seen: list[tuple[str, str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, LettersDialog)
        seen.append((dialog.choices.chosen_person(), dialog.choices.person.currentText()))
        dialog.reject()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    when_modal(look)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.workspace.table, Qt.Key.Key_L, ctrl_shift)
    when_modal(look)
    button = window.toolbar.widgetForAction(window.letters_action)
    assert button.accessibleName() == "Letters"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == [(sam, "Sam Example"), (sam, "Sam Example")]


def test_letters_wait_for_a_person(qtbot, vault_path: Path, clock: Clock) -> None:  # type: ignore[no-untyped-def]
    vault = create_vault(vault_path, clock)
    window = MainWindow(vault_path, policy=FAST_KDF, vault=vault)
    qtbot.addWidget(window)
    window.show()
    assert not window.letters_action.isEnabled()  # nobody to write about yet
    vault.save(make_person(display_name="Alex Example"))
    window.workspace.reload()
    assert window.letters_action.isEnabled()
    window.lock()
    assert not window.letters_action.isEnabled()
    window.close()


def test_the_preview_shows_the_ticked_entries_and_follows_the_ticks(
    qtbot, person_vault: Vault, sam: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.COMPLAINT)
    entries = dialog.choices.entries
    assert entries.count() == 3
    # Every appointment with a problem is ticked at first; the one without is not.
    assert [entries.item(row).checkState() for row in range(3)] == [
        Qt.CheckState.Checked,
        Qt.CheckState.Checked,
        Qt.CheckState.Unchecked,
    ]
    # One line each: the date in words, what kind, and the problems the record shows.
    first, quiet = entries.item(0).text(), entries.item(2).text()
    assert first.startswith(long_date(FIRST)) and "Work-focused interview" in first, first
    assert "No private room" in first and quiet.endswith("No problem recorded"), quiet
    text = preview(dialog)
    assert long_date(FIRST) in text and long_date(SECOND) in text
    assert long_date(QUIET) not in text
    # By keyboard: the second line, Space unticks it, and the letter follows.
    entries.setFocus()
    entries.setCurrentRow(1)
    qtbot.keyClick(entries, Qt.Key.Key_Space)
    assert entries.item(1).checkState() == Qt.CheckState.Unchecked
    text = preview(dialog)
    assert long_date(FIRST) in text and long_date(SECOND) not in text


def test_what_is_left_blank_is_listed_above_the_save_buttons(
    qtbot, person_vault: Vault, sam: str
) -> None:  # type: ignore[no-untyped-def]
    keeper = person_vault.save(Keeper("Jo Keeper")).record
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.COMPLAINT)
    said = dialog.blanks.text()
    assert "to fill in before sending:" in said and "your address" in said, said
    assert said.split(" ")[0] == str(len(dialog.letter.blanks))  # "4 things to fill in ..."
    assert dialog.preview.accessibleDescription() == said  # a screen reader hears it there too
    person_vault.save(replace(keeper, address="1 Sample Street\nExampleton"))
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.COMPLAINT)
    assert "your address" not in dialog.blanks.text()
    assert "1 Sample Street" in preview(dialog)


def test_nothing_left_blank_is_said(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert letters_dialog.blanks_sentence(()) == "Nothing left blank."
    assert letters_dialog.blanks_sentence(("your address",)) == (
        "1 thing to fill in before sending: your address"
    )


def test_saving_an_odt_writes_an_open_document_where_chosen(
    qtbot, person_vault: Vault, sam: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.COMPLAINT)
    dialog.choices.entries.setCurrentRow(1)
    qtbot.keyClick(dialog.choices.entries, Qt.Key.Key_Space)  # the second one left out
    target = tmp_path / "my letter.odt"
    offered = choose_file(monkeypatch, target)
    qtbot.mouseClick(dialog.save_odt, Qt.MouseButton.LeftButton)
    assert offered and Path(offered[0]).name == "complaint-letter-2026-03-02.odt"
    with zipfile.ZipFile(target) as odf:
        assert odf.read("mimetype").decode() == ODT_TYPE
        content = ElementTree.fromstring(odf.read("content.xml"))
    words = "".join(content.itertext())
    assert long_date(FIRST) in words and long_date(SECOND) not in words
    assert dialog.message.text() == f"Saved to {target}."
    assert dialog.isVisible()


def test_saving_to_a_folder_says_so_in_one_sentence_and_keeps_the_window(
    qtbot, person_vault: Vault, sam: str, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.SAR)
    folder = tmp_path / "letters"
    folder.mkdir()
    choose_file(monkeypatch, folder)
    before = preview(dialog)
    qtbot.mouseClick(dialog.save_pdf, Qt.MouseButton.LeftButton)
    said = dialog.message.text()
    assert said and dialog.message.isVisible()
    # The app's one sentence for it, and that nothing was changed; no traceback, no "Saved".
    assert "not a folder" in said and said.endswith("Nothing was changed."), said
    assert "Traceback" not in said and "Saved" not in said and "\n" not in said
    assert list(folder.iterdir()) == []
    assert dialog.isVisible() and preview(dialog) == before  # nothing lost


def test_logging_as_sent_adds_the_event_and_due_soon_shows_its_deadline(
    qtbot, window: MainWindow, person_vault: Vault, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    alex = person_vault.people()[0].record.id
    person_vault.save(make_appointment(alex, date=FIRST))
    window.workspace.reload()
    due = window.workspace.people_panel.due.list
    assert due.count() == 0
    choose_file(monkeypatch, tmp_path / "sar.odt")
    seen: list[str] = []

    def send(dialog: QWidget) -> None:
        assert isinstance(dialog, LettersDialog)
        choices = dialog.choices
        choices.kind.setCurrentIndex(choices.kind.findData(LetterKind.SAR))
        choices.date.edit.setText("10/2/2026")  # sent three weeks before today (2 March)
        assert dialog.log_sent.text() == "Log this letter as sent on Tuesday 10 February 2026"
        assert not dialog.log_sent.isChecked()  # off unless chosen
        dialog.log_sent.setChecked(True)
        dialog.save_odt.click()
        seen.append(dialog.message.text())
        seen.extend(due.item(row).text() for row in range(due.count()))
        dialog.reject()

    when_modal(send)
    window.letters_action.trigger()
    assert seen[0] == (
        f"Saved to {tmp_path / 'sar.odt'}, and logged as sent on Tuesday 10 February 2026."
    )
    assert len(seen) == 2 and "Answer to a subject access request" in seen[1], seen
    sent = [e.record for e in person_vault.events()]
    assert [(e.kind, e.date) for e in sent] == [(EventKind.SAR_SENT, date(2026, 2, 10))]


def test_a_letter_that_starts_no_deadline_offers_nothing_to_log(
    qtbot, person_vault: Vault, sam: str
) -> None:  # type: ignore[no-untyped-def]
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.EVIDENCE)
    assert not dialog.log_sent.isEnabled() and not dialog.log_sent.isChecked()
    assert "starts no deadline" in dialog.log_sent.text()
    dialog.choices.kind.setCurrentIndex(dialog.choices.kind.findData(LetterKind.COMPLAINT))
    assert dialog.log_sent.isEnabled()


@pytest.fixture
def sample_window(qtbot, vault_path: Path, clock: Clock) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    vault = create_vault(vault_path, clock)
    demo.fill(vault)
    window = shown_window(qtbot, vault_path, vault)
    yield window
    window.close()


def test_tab_reaches_every_control_of_the_letters_window_and_comes_back(
    qtbot, sample_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    missed = walk_each_window(qtbot, sample_window, sample_window.letters_action.trigger)
    assert not missed, "not reached by Tab: " + ", ".join(missed)


def test_every_control_has_a_name(qtbot, person_vault: Vault, sam: str) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_keyboard_only import tab_stops

    dialog = letters_for(qtbot, person_vault, sam, LetterKind.COMPLAINT)
    nameless = [type(w).__name__ for w in tab_stops(dialog) if not w.accessibleName()]
    assert nameless == []


def test_escape_closes_the_window_and_locking_leaves_no_letter_behind(
    qtbot, window: MainWindow, sam: str
) -> None:  # type: ignore[no-untyped-def]
    window.workspace.reload()
    window.workspace.people_panel.choose(sam)
    closed: list[bool] = []

    def escape(dialog: QWidget) -> None:
        qtbot.keyClick(dialog.choices.entries, Qt.Key.Key_Escape)
        closed.append(not dialog.isVisible())

    when_modal(escape)
    window.letters_action.trigger()
    assert closed == [True]

    def lock(dialog: QWidget) -> None:
        assert "Dear" in dialog.preview.toPlainText()
        window.lock()

    when_modal(lock)
    window.letters_action.trigger()
    assert window.vault is None
    left = visible_texts(window, hidden=True)
    assert "Dear" not in left and long_date(FIRST) not in left


@pytest.mark.parametrize("percent", [100, 200])
def test_on_a_laptop_screen_the_letter_has_room_to_be_read_and_nothing_is_cut(
    qtbot, qapp, person_vault: Vault, sam: str, percent: int
) -> None:  # type: ignore[no-untyped-def]
    """Beside the choices where there is room; below them at twice the text size, as wide as
    the window, rather than squeezed into a narrow column."""
    theme.apply(qapp, "light", percent)
    dialog = letters_for(qtbot, person_vault, sam, LetterKind.COMPLAINT)
    dialog.resize(BUDGET)
    settle()
    assert dialog.side_by_side() == (percent == 100)
    characters = dialog.preview.fontMetrics().averageCharWidth()
    assert dialog.preview.viewport().width() >= characters * letters_dialog.PREVIEW_BESIDE
    assert cut_off(dialog) == [] and sideways(dialog) == []
