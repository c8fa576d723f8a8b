"""In the window, a handed-over vault's first note is listed as "Records handed over" in the
timeline, not as "Another letter or event"."""

from __future__ import annotations

from pathlib import Path

from companion.handover import confirm_shown, hand_over
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, create_vault, reopen
from tests.ui.conftest import shown_window, visible_texts

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"


def test_the_timeline_lists_the_note_as_records_handed_over(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = create_vault(tmp_path / "mine.companion")
    son = mine.save(make_person(display_name="Dylan Example")).record
    mine.save(make_appointment(son.id))
    place = tmp_path / "dylan.companion"
    confirm_shown(place, hand_over(mine, son.id, place, NEW_PASSPHRASE, policy=FAST_KDF))
    mine.close()
    new = reopen(place, passphrase=NEW_PASSPHRASE)
    window = shown_window(qtbot, place, new)
    try:
        shown = visible_texts(window)
        assert "Records handed over" in shown
        assert "Another letter or event" not in shown
    finally:
        window.close()
