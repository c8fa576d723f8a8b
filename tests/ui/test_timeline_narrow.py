"""The timeline in a narrow window and at twice the text size: the entry goes below it, the
filters wrap and keep their order, dates are typed, answers are found, icons grow."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget, QWidget

from companion.model import Answer, Listener
from companion.resources import resource
from companion.vault import Vault
from tests.builders import make_appointment
from tests.ui.fit_probe import cut_off, settle
from ui import theme
from ui.main_window import MainWindow
from ui.timeline_model import ICON_ORDER, PROBLEMS


def shown_dates(window: MainWindow) -> list[date]:
    workspace = window.workspace
    return [
        workspace.model.rows[
            workspace.proxy.mapToSource(workspace.proxy.index(r, 0)).row()
        ].record.date
        for r in range(workspace.proxy.rowCount())
    ]


def inside(widget: QWidget, window: QWidget) -> bool:
    """The whole of `widget` lies within the window's own area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(top_left) and window.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1)
    )


def with_entries(vault: Vault, *days: int) -> None:
    person = vault.people()[0].record.id
    for day in days:
        vault.save(make_appointment(person, date=date(2026, 1, day)))


def test_at_800_by_600_the_entry_goes_below_the_timeline_and_nothing_is_cut_off(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    with_entries(person_vault, 5, 20)
    window.workspace.reload()
    workspace = window.workspace
    window.resize(1264, 672)  # wide: side by side
    settle()
    assert not workspace.narrow()
    window.resize(800, 600)  # made narrower by hand
    settle()
    assert window.width() == 800  # nothing holds it wider
    assert workspace.narrow()
    rows = workspace.filters.rows()
    assert len(rows) > 1  # the filters wrap
    assert [w for row in rows for w in row] == workspace.filters.widgets()  # in their order
    reachable = [
        *workspace.filters.widgets(),
        workspace.table,
        workspace.entry.browser,
        workspace.entry.edit_button,
        workspace.entry.delete_button,
        workspace.add_person_button,
        workspace.edit_person_button,
    ]
    for widget in reachable:
        assert widget.isVisible() and inside(widget, window), widget.accessibleName()
    # Below the timeline, not squeezed beside it.
    timeline = workspace.table.mapTo(window, QPoint(0, 0))
    entry = workspace.entry.mapTo(window, QPoint(0, 0))
    assert entry.y() > timeline.y() + workspace.table.height() - 1
    assert cut_off(window) == []

    window.resize(1264, 672)
    settle()
    assert not workspace.narrow()  # side by side again where there is room
    assert window.width() == 1264
    assert cut_off(window) == []


def test_at_twice_the_text_size_in_a_narrow_window_the_summary_squeezes_nothing(
    qtbot, window: MainWindow, person_vault: Vault, qapp
) -> None:  # type: ignore[no-untyped-def]
    """The summary takes more lines in a narrow window: the records scroll instead of the
    filters below it being made lower than their text."""
    with_entries(person_vault, 5, 20)
    theme.apply(qapp, "light", 200)
    window.refresh_look()
    window.workspace.reload()
    window.resize(800, 700)
    settle()
    workspace = window.workspace
    assert workspace.narrow() and len(workspace.filters.rows()) > 3
    assert workspace.summary.height() >= workspace.summary.heightForWidth(workspace.summary.width())
    assert workspace.filters.height() >= workspace.filters.minimumSizeHint().height()
    assert cut_off(window) == []


def test_the_date_filters_are_typed_one_tab_stop_each_and_filter(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    with_entries(person_vault, 5, 20)
    window.workspace.reload()
    workspace = window.workspace
    for field in (workspace.date_from, workspace.date_to):
        assert "any date" in field.edit.placeholderText()

    # Tab goes From, To, Problems only, Clear filters: one stop each.
    workspace.date_from.setFocus()
    order = [QApplication.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        workspace.date_from.edit,
        workspace.date_to.edit,
        workspace.privacy_only,
        workspace.clear_button,
    ]

    # Typed, day first.
    qtbot.keyClicks(workspace.date_from.edit, "10/1/2026")
    qtbot.waitUntil(lambda: shown_dates(window) == [date(2026, 1, 20)])
    assert "January 2026" in workspace.date_from.words.text()
    assert workspace.selection().date_from == date(2026, 1, 10)
    # Cleared: any date again.
    workspace.date_from.edit.clear()
    qtbot.waitUntil(lambda: shown_dates(window) == [date(2026, 1, 5), date(2026, 1, 20)])
    # Half typed: not a date yet, so it does not filter (and says so beside it).
    qtbot.keyClicks(workspace.date_to.edit, "31/")
    qtbot.wait(200)
    assert len(shown_dates(window)) == 2
    assert "Not a date yet" in workspace.date_to.words.text()
    workspace.date_to.edit.clear()

    # Picked from the calendar.
    def pick() -> None:
        popup = QApplication.activePopupWidget()
        if popup is None:
            QTimer.singleShot(20, pick)
            return
        calendar = popup.findChild(QCalendarWidget)
        calendar.setSelectedDate(date(2026, 1, 10))
        calendar.activated.emit(calendar.selectedDate())

    QTimer.singleShot(0, pick)
    workspace.date_to.open_calendar()
    qtbot.waitUntil(lambda: shown_dates(window) == [date(2026, 1, 5)])
    assert workspace.state().date_to == date(2026, 1, 10)  # kept through a lock

    qtbot.mouseClick(workspace.clear_button, Qt.MouseButton.LeftButton)
    assert workspace.date_to.edit.text() == ""
    assert len(shown_dates(window)) == 2


def test_searching_the_timeline_finds_the_answers_chosen(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person = person_vault.people()[0].record.id
    base = dict(account="", impact="", in_earshot_notes="", said_aloud_notes="")
    person_vault.save(make_appointment(person, date=date(2026, 1, 5), **base))
    person_vault.save(
        make_appointment(
            person,
            date=date(2026, 1, 9),
            staff_said_headphones=Answer.YES,
            in_earshot=(Listener.CHILDREN,),
            **base,
        )
    )
    window.workspace.reload()
    for words in ("headphones", "children"):
        window.workspace.search.clear()
        qtbot.keyClicks(window.workspace.search, words)
        qtbot.waitUntil(lambda: shown_dates(window) == [date(2026, 1, 9)])


def icon_height(window: MainWindow) -> int:
    workspace = window.workspace
    icon = workspace.proxy.index(0, PROBLEMS).data(Qt.ItemDataRole.DecorationRole)
    pixmap = icon.pixmap(workspace.table.iconSize())
    return round(pixmap.height() / pixmap.devicePixelRatio())


def test_the_problem_icons_grow_with_the_text(
    qtbot, window: MainWindow, person_vault: Vault, qapp
) -> None:  # type: ignore[no-untyped-def]
    with_entries(person_vault, 5)
    window.workspace.reload()
    table = window.workspace.table
    sizes = {}
    for percent in (100, 200):
        theme.apply(qapp, "light", percent)
        window.refresh_look()
        settle()
        line = table.fontMetrics().height()
        assert table.iconSize().height() == line
        assert icon_height(window) == line
        assert table.rowHeight(0) >= line
        sizes[percent] = line
    assert sizes[200] >= sizes[100] * 1.7


def test_problem_marks_are_shapes_and_words_not_only_colour(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    pictures = {resource("icons", f"{name}.svg").read_bytes() for name in ICON_ORDER}
    assert len(pictures) == len(ICON_ORDER)  # each kind of problem has a shape of its own
    with_entries(person_vault, 5)
    window.workspace.reload()
    cell = window.workspace.proxy.index(0, PROBLEMS)
    words = cell.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "No private room" in words and cell.data(Qt.ItemDataRole.ToolTipRole) == words
