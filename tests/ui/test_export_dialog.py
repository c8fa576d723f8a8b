"""The Export dialog: choices, page count, saving with progress, cancelling, preview."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from companion.export import Format
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.ui.conftest import when_modal
from tests.ui.settling import settled  # noqa: F401 (each test waits for background work)
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow


@pytest.fixture
def two_people(person_vault: Vault) -> Vault:
    alex = person_vault.people()[0].record
    sam = person_vault.save(make_person(display_name="Sam Example")).record
    person_vault.save(make_appointment(alex.id, account="Alex's words."))
    person_vault.save(make_appointment(sam.id, account="Sam's words."))
    return person_vault


def dialog_for(qtbot, vault: Vault, chosen: str | None = None) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(vault, vault.people(), chosen)
    # Before the dialog is closed and freed, its background work ends: the pool's thread must
    # not be the last to let go of it (Qt objects are freed on the window's thread only).
    qtbot.addWidget(
        dialog, before_close_func=lambda _w: QThreadPool.globalInstance().waitForDone(20_000)
    )
    dialog.show()
    return dialog


def answer_no(dialog: QWidget) -> None:
    assert isinstance(dialog, QMessageBox)  # "Open the folder?"
    dialog.button(QMessageBox.StandardButton.No).click()


def hold_render(monkeypatch) -> threading.Event:  # type: ignore[no-untyped-def]
    """Make the dialog's background work wait until the returned event is set."""
    from ui import export_dialog

    release = threading.Event()
    real = export_dialog.render_prepared

    def held(fmt, content, log, step):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(fmt, content, log, step)

    monkeypatch.setattr(export_dialog, "render_prepared", held)
    return release


def test_the_page_count_follows_the_choices(qtbot, two_people: Vault) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, two_people)
    qtbot.waitUntil(lambda: "entries," in dialog.pages.text(), timeout=10_000)
    assert dialog.pages.text().startswith("2 entries")
    for tick in dialog.people.values():
        tick.setChecked(False)
    assert (
        dialog.pages.text() == "Choose at least one person." and not dialog.save_button.isEnabled()
    )


def test_saving_a_pdf_for_one_person_with_a_reference(
    qtbot, two_people: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sam = next(p.record.id for p in two_people.people() if p.record.display_name == "Sam Example")
    dialog = dialog_for(qtbot, two_people, chosen=sam)
    qtbot.keyClicks(dialog.reference, "MR-42")
    target = tmp_path / "sam.pdf"
    when_modal(answer_no)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.save_to(target)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Sam's words." in text and "MR-42" in text and "Alex's words." not in text
    assert "Saved to" in dialog.message.text()


@pytest.mark.parametrize("fmt", [Format.PDF, Format.CSV, Format.JSON])
def test_cancelling_writes_no_file(
    qtbot, two_people: Vault, tmp_path: Path, monkeypatch, fmt
) -> None:  # type: ignore[no-untyped-def]
    pressed = hold_render(monkeypatch)  # the drawing waits until Cancel has been pressed
    dialog = dialog_for(qtbot, two_people)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    target = tmp_path / f"stopped.{fmt.value}"
    dialog.save_to(target)
    dialog.progress.findChild(QPushButton).click()  # the Cancel button
    pressed.set()
    qtbot.waitUntil(lambda: "Stopped" in dialog.message.text(), timeout=20_000)
    assert dialog.message.text() == "Stopped. No file was written." and not target.exists()


def test_other_formats_are_saved_too(qtbot, two_people: Vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, two_people)
    dialog.format.setCurrentIndex(dialog.format.findData(Format.CSV))
    assert not dialog.preview_button.isEnabled() and not dialog.concise.isEnabled()
    when_modal(answer_no)
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.save_to(tmp_path / "log.csv")
    assert "Sam's words." in (tmp_path / "log.csv").read_text(encoding="utf-8-sig")


def test_preview_and_print_draw_the_same_pages(qtbot, two_people: Vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from companion.export.pdf import draw_pages

    dialog = dialog_for(qtbot, two_people)
    qtbot.waitUntil(lambda: "pages" in dialog.pages.text(), timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog._match_the_pdf(printer)  # as Print and Preview set up their printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = draw_pages(printer, dialog.content())  # what Print and Preview both call
    printed = PdfReader(io.BytesIO((tmp_path / "printed.pdf").read_bytes()))
    assert len(printed.pages) == pages
    assert dialog.pages.text().endswith(f"{pages} pages")  # the count shown is what prints
    assert "Alex's" in " ".join(page.extract_text() for page in printed.pages)


def test_the_toolbar_opens_export_for_the_chosen_person(
    qtbot, window: MainWindow, two_people: Vault
) -> None:  # type: ignore[no-untyped-def]
    window.workspace.reload()
    window.workspace.people_list.setCurrentRow(2)  # Sam (Everyone, Alex, Sam)
    seen: list[dict[str, bool]] = []

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        seen.append({name: tick.isChecked() for name, tick in dialog.people.items()})
        dialog.reject()

    when_modal(act)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen and sorted(seen[0].values()) == [False, True]


def test_closing_the_dialog_during_a_save_writes_nothing(
    qtbot, two_people: Vault, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    closed = hold_render(monkeypatch)
    dialog = dialog_for(qtbot, two_people)
    # A spreadsheet has no steps to stop at: it is finished, and must still not be written.
    dialog.format.setCurrentIndex(dialog.format.findData(Format.CSV))
    target = tmp_path / "late.csv"
    dialog.save_to(target)
    dialog.reject()  # what locking does to open dialogs
    closed.set()
    qtbot.waitUntil(lambda: dialog._saving is None, timeout=20_000)
    assert not target.exists() and not list(tmp_path.glob("*late.csv*"))


def test_dates_the_wrong_way_round_are_said_plainly(qtbot, two_people: Vault) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    dialog = dialog_for(qtbot, two_people)
    dialog.date_from.set_value(date(2026, 5, 1))
    dialog.date_to.set_value(date(2026, 4, 1))
    assert dialog.pages.text() == "The from date is after the to date."
    assert not dialog.save_button.isEnabled() and not dialog.preview_button.isEnabled()


def test_the_buttons_stay_on_a_small_screen(qtbot, two_people: Vault) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, two_people)
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    assert dialog.save_button.isVisible() and dialog.close_button.isVisible()
    # The choices scroll inside the dialog rather than push the buttons off the screen.
    assert dialog.minimumSizeHint().height() < 500


def test_a_second_save_waits_for_the_first(
    qtbot, two_people: Vault, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    release = hold_render(monkeypatch)
    dialog = dialog_for(qtbot, two_people)
    dialog.format.setCurrentIndex(dialog.format.findData(Format.CSV))
    when_modal(answer_no)
    dialog.save_to(tmp_path / "first.csv")
    assert not dialog.save_button.isEnabled()
    dialog.save_to(tmp_path / "second.csv")  # pressed again while the first is being made
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        release.set()
    assert (tmp_path / "first.csv").exists() and not (tmp_path / "second.csv").exists()
    assert dialog.save_button.isEnabled()


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_ni_number_is_left_out_unless_the_person_chooses_to_show_it(
    qtbot, two_people: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, two_people)
    assert not dialog.show_ni.isChecked()
    for fmt, name in ((Format.JSON, "log.json"), (Format.PDF, "hidden.pdf")):
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        when_modal(answer_no)
        with qtbot.waitSignal(dialog.exported, timeout=20_000):
            dialog.save_to(tmp_path / name)
    assert "QQ123456C" not in (tmp_path / "log.json").read_text(encoding="utf-8")
    assert "QQ123456C" not in pdf_text(tmp_path / "hidden.pdf")

    dialog.show_ni.setFocus()
    qtbot.keyClick(dialog.show_ni, Qt.Key.Key_Space)  # chosen: now it is shown
    when_modal(answer_no)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.save_to(tmp_path / "shown.pdf")
    assert "QQ123456C" in pdf_text(tmp_path / "shown.pdf")


def test_the_statement_is_in_the_keepers_name_with_their_capacity(
    qtbot, person_vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from companion.model import Keeper, Relationship, Role

    person_vault.save(Keeper("Jo Keeper"))
    sam = person_vault.save(
        make_person(
            display_name="Sam Example",
            relationship=Relationship.CHILD,
            role=Role.OFFICIAL_APPOINTEE,
        )
    ).record
    person_vault.save(make_appointment(sam.id))
    dialog = dialog_for(qtbot, person_vault, chosen=sam.id)
    assert dialog.attest_name.text() == "Jo Keeper"
    assert dialog.kept_line.text().endswith(
        "Kept by Jo Keeper, official appointee for Sam Example."
    )
    dialog.attest.setFocus()
    qtbot.keyClick(dialog.attest, Qt.Key.Key_Space)
    when_modal(answer_no)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.save_to(tmp_path / "signed.pdf")
    text = pdf_text(tmp_path / "signed.pdf")
    assert "Name: Jo Keeper" in text and "Capacity: official appointee for Sam Example" in text

    dialog.attest_name.selectAll()
    qtbot.keyClicks(dialog.attest_name, "A Friend")  # it can be someone else's
    assert dialog.options().attest_as == "A Friend"


def entries_counted(qtbot, dialog: ExportDialog) -> int:  # type: ignore[no-untyped-def]
    """The count the dialog shows ("9 entries, 4 pages" or "9 entries"), once it is made."""
    qtbot.waitUntil(lambda: dialog.pages.text()[:1].isdigit(), timeout=20_000)
    return int(dialog.pages.text().split()[0])


def test_export_starts_from_what_the_timeline_shows_and_can_be_widened(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from companion import demo
    from tests.conftest import FAST_KDF

    with demo.throwaway(FAST_KDF) as path:
        vault = Vault.open(path, passphrase=demo.DEMO_PASSPHRASE, policy=FAST_KDF)
        window = MainWindow(path, policy=FAST_KDF, vault=vault)
        qtbot.addWidget(window)
        space = window.workspace
        everything = space.proxy.rowCount()
        space.people_list.setCurrentRow(1)
        person = space.current_person()
        theirs = space.proxy.rowCount()
        space.privacy_only.setChecked(True)
        space.date_from.set_value(date(2025, 1, 1))
        shown = space.proxy.rowCount()
        assert 0 < shown < theirs <= everything  # the filters narrow what is shown
        opened: list[bool] = []  # (not the dialog itself: it belongs to the window)

        def look(dialog: QWidget) -> None:
            assert isinstance(dialog, ExportDialog)
            opened.append(True)
            assert entries_counted(qtbot, dialog) == shown  # the same entries as on screen
            started = dialog.scope.started_from.text()
            assert started.startswith("Starting from what the timeline shows:")
            assert "problems only" in started and "1 January 2025" in started
            assert [pid for pid, tick in dialog.people.items() if tick.isChecked()] == [person]
            assert (
                dialog.scope.only_problems.isVisible()
                and dialog.scope.everything_button.isVisible()
            )
            assert dialog.pages.text().endswith("pages")  # the PDF's count, as it opens
            # (Counted as Markdown from here on: the same entries, without the pages.)
            dialog.format.setCurrentIndex(dialog.format.findData(Format.MARKDOWN))
            dialog.scope.only_problems.setFocus()
            qtbot.keyClick(dialog.scope.only_problems, Qt.Key.Key_Space)  # widen: every appointment
            dialog.date_from.set_value(None)
            assert entries_counted(qtbot, dialog) == theirs
            dialog.scope.everything_button.click()
            assert entries_counted(qtbot, dialog) == everything
            dialog.reject()

        when_modal(look)
        window.export_action.trigger()
        assert opened
        window.close()


def test_export_from_a_persons_menu_is_their_whole_record(
    qtbot, window: MainWindow, two_people: Vault
) -> None:  # type: ignore[no-untyped-def]
    window.workspace.reload()
    window.workspace.search.setText("nothing matches this")
    window.workspace.refresh()
    sam = next(p.record.id for p in two_people.people() if p.record.display_name == "Sam Example")
    counts: list[int] = []

    def look(dialog: QWidget) -> None:
        counts.append(entries_counted(qtbot, dialog))
        assert not dialog.scope.started_from.isVisible() and not dialog.scope.only_words.isVisible()
        dialog.reject()

    when_modal(look)
    window.workspace.exportPersonRequested.emit(sam)
    assert counts == [1]


def test_a_closed_dialog_counts_no_pages(qtbot, two_people: Vault) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, two_people)
    dialog.concise.setChecked(True)  # a change: the count waits for the choices to settle...
    dialog.reject()  # ...and the dialog closes first (as locking closes it)
    qtbot.wait(dialog._count_timer.interval() + 300)
    assert dialog._task is None and dialog.pages.text() == "Counting…"


def test_the_rules_page_is_added_when_ticked_and_only_for_pdf_and_text(
    qtbot, two_people: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, two_people)
    assert not dialog.options().rules_engaged  # off unless chosen
    dialog.rules.setChecked(True)
    assert dialog.options().rules_engaged
    dialog.format.setCurrentIndex(dialog.format.findData(Format.CSV))
    assert not dialog.rules.isEnabled() and not dialog.options().rules_engaged
    dialog.format.setCurrentIndex(dialog.format.findData(Format.MARKDOWN))
    target = tmp_path / "with-rules.md"
    when_modal(answer_no)
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.save_to(target)
    assert "## What the record shows, and the rules it may engage" in target.read_text()
