"""Tick boxes are never hidden under the next question, typed numbers are never dropped, and
a number reads in the right plural."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.forms import focused_field, new_form, opened
from ui import theme
from ui.appointment_form import AppointmentForm
from ui.inputs import EnumChecks, OptionalNumber

NUMBERS = ("duration_minutes", "in_earshot_count", "distress")


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def appointment_form(qtbot, vault: Vault, correction: bool) -> AppointmentForm:  # type: ignore[no-untyped-def]
    if not correction:
        return new_form(qtbot, vault, "appointment")  # type: ignore[return-value]
    person = vault.people()[0].record
    original = make_appointment(person.id)
    return opened(qtbot, AppointmentForm([person], vault.save, original=original))  # type: ignore[return-value]


def more_details(form: AppointmentForm) -> None:
    """Open "More details" as a person does, by the keyboard."""
    if not form.more.isChecked():
        form.more.setFocus()
        form.more.click()
    settle()


def in_body(widget: QWidget, form: AppointmentForm) -> QRect:
    return QRect(widget.mapTo(form.body, QPoint(0, 0)), widget.size())


def hidden_ticks(form: AppointmentForm) -> list[str]:
    """Tick boxes not wholly in sight: cut short, outside their question's row, or under
    another control (what a person would see at each corner and the middle of the box)."""
    found = []
    grids = [w for w in form.fields.values() if isinstance(w, EnumChecks) and w.isVisible()]
    assert len(grids) >= 4
    for grid in grids:
        if grid.height() < grid.heightForWidth(grid.width()):
            found.append(f"{grid.accessibleName()}: {grid.height()} high, needs more")
        whole = in_body(grid, form)
        for box in grid.boxes.values():
            place = in_body(box, form)
            if not whole.contains(place) or box.height() < box.sizeHint().height():
                found.append(f"{box.accessibleName()}: outside its question")
                continue
            inner = place.adjusted(1, 1, -2, -2)
            for point in (
                inner.topLeft(),
                inner.topRight(),
                inner.bottomLeft(),
                inner.bottomRight(),
                inner.center(),
            ):
                seen = form.body.childAt(point)
                if seen is not box and not box.isAncestorOf(seen):
                    found.append(f"{box.accessibleName()}: under {type(seen).__name__}")
                    break
            else:  # scrolled to, it is in the window's sight from top to bottom (a small
                # screen at twice the text size may need scrolling sideways too)
                form.scroll.ensureWidgetVisible(box, 0, 0)
                settle()
                port = form.scroll.viewport()
                top = box.mapTo(port, QPoint(0, 0)).y()
                if top < 0 or top + box.height() > port.height():
                    found.append(f"{box.accessibleName()}: not in sight when scrolled to")
    return found


@pytest.mark.parametrize("correction", [False, True], ids=["new", "correction"])
@pytest.mark.parametrize("percent", [100, 200])
def test_every_tick_box_is_in_sight_after_more_details(
    qtbot, qapp: QApplication, person_vault: Vault, percent: int, correction: bool
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, "light", percent)
    form = appointment_form(qtbot, person_vault, correction)
    more_details(form)
    assert hidden_ticks(form) == []
    # At the width of the laptop the form was checked on, too, where the grids of private
    # things take two columns rather than three.
    form.resize(860, 700)
    settle()
    assert hidden_ticks(form) == []
    assert {isinstance(w, QCheckBox) for w in form.fields["declined_to_disclose"].children()}


def test_a_grid_turned_off_by_no_is_still_laid_out_in_full(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = appointment_form(qtbot, person_vault, correction=False)
    more_details(form)
    form.fields["said_aloud_answer"].setCurrentIndex(2)  # type: ignore[attr-defined]
    settle()
    assert hidden_ticks(form) == []


def test_a_section_asked_about_its_preferred_width_keeps_the_rows_its_width_needs(qtbot) -> None:  # type: ignore[no-untyped-def]
    # What a scrolling area does between two layouts: ask how tall the section would be at
    # its preferred width, where the tick boxes take three columns. Laid out again at its
    # own, narrower width, the grid still gets the height of the rows it takes there.
    from companion.model import Topic
    from ui.widgets import TextLine, section

    box, form = section("What was said aloud")
    qtbot.addWidget(box)
    form.addRow("Did you have to say private things aloud?", TextLine("Said"))
    grid = EnumChecks(Topic, "Said aloud", 3)
    form.addRow("What private things were said aloud?", grid)
    form.addRow("Anything more about what was said", TextLine("More"))
    box.resize(form.sizeHint().width() * 2 // 3, 800)
    box.show()
    settle()
    laid = form.geometry()
    assert grid.height() >= grid.heightForWidth(grid.width()) > grid.sizeHint().height()
    form.heightForWidth(form.sizeHint().width())
    form.setGeometry(laid.adjusted(0, 0, 0, 1))
    assert grid.height() >= grid.heightForWidth(grid.width())


def typed_into_focus(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_digits_typed_where_more_details_puts_the_cursor_are_kept(
    qtbot, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    more_details(form)
    assert focused_field(form) == "duration_minutes"
    assert form.fields["duration_minutes"].text() == "Not recorded"  # type: ignore[attr-defined]
    typed_into_focus(qtbot, "45")
    assert form.fields["duration_minutes"].value() == 45  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NUMBERS)
@pytest.mark.parametrize("how", ["code", "tab", "click"])
def test_digits_typed_over_not_recorded_give_that_number(
    qtbot, person_vault: Vault, name: str, how: str
) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    more_details(form)
    box = form.fields[name]
    assert isinstance(box, OptionalNumber) and box.value() is None
    if how == "code":
        box.setFocus()
    elif how == "tab":
        before = form.focusNextPrevChild  # the control before it, then Tab
        box.setFocus()
        before(False)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    else:  # a click in the words, which puts the cursor there
        box.setFocus()
        edit = box.lineEdit()
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=edit.rect().center())
    settle()
    assert focused_field(form) == name
    typed_into_focus(qtbot, "7")
    assert box.value() == 7
    typed_into_focus(qtbot, "\b\b\b\b3")  # typing on from a number works as before
    assert box.value() == 3


def test_how_long_it_lasted_reads_in_the_right_plural(qtbot, person_vault: Vault) -> None:  # type: ignore[no-untyped-def]
    form = new_form(qtbot, person_vault, "appointment")
    more_details(form)
    box = form.fields["duration_minutes"]
    assert isinstance(box, OptionalNumber)
    box.set_value(1)
    assert box.text() == "1 minute"
    box.set_value(45)
    assert box.text() == "45 minutes"
    box.set_value(None)
    assert box.text() == "Not recorded"
    typed_into_focus(qtbot, "")  # nothing typed, nothing changes
    box.setFocus()
    typed_into_focus(qtbot, "1")
    assert (box.value(), box.text()) == (1, "1 minute")
    typed_into_focus(qtbot, "5")
    assert (box.value(), box.text()) == (15, "15 minutes")
    # A number with no words after it has none in either form.
    count = form.fields["in_earshot_count"]
    count.set_value(1)  # type: ignore[attr-defined]
    assert count.text() == "1"  # type: ignore[attr-defined]


@pytest.mark.parametrize("percent", [100, 200])
@pytest.mark.parametrize("more", [False, True], ids=["short", "more"])
def test_answers_line_up_from_one_section_to_the_next(
    qtbot, qapp: QApplication, person_vault: Vault, percent: int, more: bool
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, "light", percent)
    form = new_form(qtbot, person_vault, "appointment")
    form.fields["channel"].setCurrentIndex(1)  # type: ignore[attr-defined]
    if more:
        more_details(form)
    form.resize(860, 700)
    settle()
    lefts = {}
    for name, widget in form.fields.items():
        label = form.laid.labels.get(name)
        if widget.isVisible() and label is not None and label.geometry().right() < widget.x():
            lefts[name] = widget.mapTo(form.body, QPoint(0, 0)).x()  # an answer beside its question
    assert {"channel", "time", "location"} <= lefts.keys()
    assert len(set(lefts.values())) == 1, lefts
