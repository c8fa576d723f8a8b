"""Every form opens no bigger than the screen and scrolls inside, at 100% and at 200% text;
nothing in one needs a window wider than a 1280 by 720 screen allows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from companion.vault import Vault
from tests.ui.forms import new_form
from ui import theme
from ui.questions import QuestionLabel
from ui.screen_fit import FRAME, TITLE_BAR

SMALL_SCREEN = (1280 - FRAME, 720 - TITLE_BAR)


@pytest.mark.parametrize("percent", [100, 200])
@pytest.mark.parametrize("kind", ["appointment", "event", "person"])
def test_a_form_fits_a_small_screen_at_any_text_size(
    qtbot, qapp: QApplication, person_vault: Vault, kind: str, percent: int
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, "light", percent)
    form = new_form(qtbot, person_vault, kind)
    if kind == "appointment":  # every question, and a row of an adjustment
        form.more.setChecked(True)
        form.adjustments.add_row()
    screen = form.screen().availableGeometry()
    assert form.frameGeometry().width() <= screen.width()
    assert form.frameGeometry().height() <= screen.height()
    # The form needs no more than a small screen: long labels wrap, lists of ticks take
    # fewer columns, and the questions scroll inside.
    least = form.minimumSizeHint()
    assert least.width() <= SMALL_SCREEN[0] and least.height() <= SMALL_SCREEN[1]
    assert form.body.minimumSizeHint().width() <= 1200
    save = QRect(form.save_button.mapTo(form, QPoint(0, 0)), form.save_button.size())
    assert form.rect().contains(save)  # Save is in reach, whatever the size


@pytest.mark.parametrize("kind", ["appointment", "event", "person"])
def test_a_form_scrolls_only_up_and_down_where_the_screen_is_wide_enough(
    qtbot, person_vault: Vault, kind: str
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, kind)
    assert form.scroll.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("percent", [100, 200])
@pytest.mark.parametrize("kind", ["appointment", "event", "person"])
def test_no_question_is_cut_short_at_either_text_size(
    qtbot, qapp: QApplication, person_vault: Vault, kind: str, percent: int
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, "light", percent)
    form = new_form(qtbot, person_vault, kind)
    if kind == "appointment":
        form.more.setChecked(True)
    form.resize(*SMALL_SCREEN)  # as it opens on a laptop's screen
    QApplication.processEvents()
    labels = [w for w in form.body.findChildren(QuestionLabel) if w.isVisible()]
    assert len(labels) >= 7
    for label in labels:  # every line of its words has room
        assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()


def test_the_appointment_form_scrolls_rather_than_growing_past_the_screen(
    qtbot, qapp: QApplication, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, "light", 200)
    form = new_form(qtbot, person_vault, "appointment")
    assert form.scroll.verticalScrollBar().maximum() > 0


def test_bigger_text_opens_a_bigger_form_up_to_the_screen(
    qtbot, qapp: QApplication, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    small = new_form(qtbot, person_vault, "person").size()
    theme.apply(qapp, "light", 150)
    big = new_form(qtbot, person_vault, "person")
    room = big.screen().availableGeometry()
    assert big.width() >= min(small.width() * 1.4, room.width() - FRAME)
    assert big.height() >= min(small.height() * 1.4, room.height() - TITLE_BAR)


def test_tick_boxes_take_fewer_columns_when_narrow_and_are_never_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    from companion.model import Topic
    from ui.inputs import EnumChecks

    checks = EnumChecks(Topic, "Said aloud", 3)
    qtbot.addWidget(checks)
    checks.show()

    def columns_at(width: int) -> int:
        checks.resize(width, checks.layout().heightForWidth(width))
        QApplication.processEvents()
        for box in checks.boxes.values():
            assert box.width() >= box.sizeHint().width() and box.height() >= box.sizeHint().height()
        return len({box.x() for box in checks.boxes.values()})

    assert columns_at(checks.sizeHint().width()) == 3
    assert columns_at(checks.minimumSizeHint().width()) == 1
    assert checks.minimumSizeHint().width() < checks.sizeHint().width() / 2
