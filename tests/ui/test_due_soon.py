"""Due soon, in the main window: overdue said in words with an icon, and a reminder on
unlocking when something is due within 7 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from companion.i18n import local
from companion.model import EventKind
from companion.vault import Vault
from tests.builders import make_event
from tests.conftest import Clock
from tests.ui.conftest import shown_window, unlock_by_typing, visible_texts


def test_due_soon_shows_one_overdue_and_one_due_in_5_days(
    qtbot, person_vault: Vault, vault_path: Path, clock: Clock
) -> None:  # type: ignore[no-untyped-def]
    today = local(datetime.now(UTC)).date()  # the window opens the vault on the real clock
    alex = person_vault.people()[0].record.id
    # A subject access request received 40 days ago: due after a month, so overdue.
    person_vault.save(
        make_event(alex, kind=EventKind.SAR_SENT, date=today - timedelta(days=40), received_on=None)
    )
    # A decision letter dated so that the month runs out in 5 days.
    person_vault.save(
        make_event(
            alex,
            kind=EventKind.DECISION_LETTER,
            date=today + timedelta(days=5) - timedelta(days=30),
            received_on=None,
        )
    )
    person_vault.close()
    window = shown_window(qtbot, vault_path)
    unlock_by_typing(qtbot, window)
    due = window.workspace.people_panel.due
    lines = [due.list.item(row) for row in range(due.list.count())]
    texts = [item.text() for item in lines]
    assert len(texts) == 2, texts
    assert texts[0].startswith("Overdue by ") and "Answer to a subject access request" in texts[0]
    assert not lines[0].icon().isNull()  # not colour alone: words and an icon
    assert (
        texts[1].startswith("Due in ") and "Mandatory reconsideration for Alex Example" in texts[1]
    )
    assert lines[1].icon().isNull()
    assert "2 deadlines overdue or due within 7 days" in window.statusBar().currentMessage()
    window.lock()  # and nothing of it stays on screen
    assert "Overdue by" not in visible_texts(window, hidden=True)
    window.close()
