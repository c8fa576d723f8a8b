"""The dispute so far for one person, from the main window: each step with its deadline and
whether it was met, in the exports' words, by keyboard too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from companion.model import EventKind
from companion.vault import Vault
from tests.builders import make_event, make_person
from tests.ui.conftest import shown_window, unlock_by_typing, when_modal
from ui.dispute_window import DisputeWindow
from ui.main_window import MainWindow


def _open(qtbot, vault_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, vault_path)
    unlock_by_typing(qtbot, window)
    return window


def test_the_chosen_persons_dispute_opens_with_each_step_its_deadline_and_outcome(
    qtbot, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    alex = person_vault.people()[0].record.id
    sam = person_vault.save(make_person(display_name="Sam Example")).record.id
    person_vault.save(
        make_event(alex, kind=EventKind.MR_NOTICE, date=date(2025, 1, 31), received_on=None)
    )
    person_vault.save(
        make_event(alex, kind=EventKind.APPEAL_LODGED, date=date(2025, 3, 3), received_on=None)
    )
    person_vault.save(make_event(sam, kind=EventKind.SAR_SENT, date=date(2025, 5, 1)))
    person_vault.close()
    window = _open(qtbot, vault_path)
    panel = window.workspace.people_panel
    assert not panel.dispute_button.isEnabled()  # "Everyone" is chosen: whose dispute?
    panel.choose(alex)
    assert panel.dispute_button.isEnabled()
    seen: list[str] = []

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, DisputeWindow)
        assert dialog.windowTitle() == "The dispute so far: Alex Example"
        assert dialog.focusWidget() is dialog.steps  # the keyboard starts in it
        seen.append(dialog.steps.toPlainText())
        qtbot.keyClick(dialog.steps, Qt.Key.Key_Escape)

    when_modal(read)
    qtbot.mouseClick(panel.dispute_button, Qt.MouseButton.LeftButton)
    text = " ".join(seen[0].split())
    assert "Friday 31 January 2025: Mandatory reconsideration notice" in text
    assert "Appeal to the tribunal (SSCS): must be received by Friday 28 February 2025" in text
    assert (
        "Next step: Appeal sent to the tribunal on Monday 3 March 2025, after the deadline" in text
    )
    assert "Check the current rules." in text
    assert "subject access request" not in text  # Sam's, not Alex's
    window.close()


def test_overdue_is_said_in_words_and_an_empty_dispute_says_how_to_start_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.model import Person
    from companion.presentation.dispute import dispute_of

    person = Person("Jo Example")
    steps = dispute_of(person, [make_event(person.id, date=date(2025, 1, 6), received_on=None)],
                       date(2026, 3, 2))  # fmt: skip
    window = DisputeWindow("Jo Example", steps)
    qtbot.addWidget(window)
    assert (
        "Overdue: No next step recorded, and the deadline has passed." in window.steps.toPlainText()
    )
    empty = DisputeWindow("Jo Example", [])
    qtbot.addWidget(empty)
    assert (
        "No letters or steps of a dispute are recorded for Jo Example yet"
        in empty.steps.toPlainText()
    )
