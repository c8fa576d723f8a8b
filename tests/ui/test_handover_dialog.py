"""Hand over this person's records, from the keyboard alone: the person's menu, where to save
the new vault, its passphrase twice, its recovery key shown once, and erasing them from these
records only with their name typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QMenu, QWidget

from companion.model import EventKind
from companion.vault import Vault
from tests.builders import make_appointment, make_person
from tests.conftest import FAST_KDF, reopen
from tests.ui.conftest import visible_texts, when_modal
from ui.handover_dialog import HandoverDialog
from ui.main_window import MainWindow

NEW_PASSPHRASE = "kettle orchard blue ferry lantern"


@pytest.fixture
def family(person_vault: Vault) -> Vault:
    alex = person_vault.people()[0].record
    person_vault.save(make_appointment(alex.id, account="Alex's own account."))
    sam = person_vault.save(make_person(display_name="Sam Other")).record
    person_vault.save(make_appointment(sam.id, account="Sam's account."))
    return person_vault


def focus(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab_to(qtbot, wanted: QWidget, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until `wanted` has the focus, as a person moving through the window would."""
    for _ in range(limit):
        if focus(qtbot) is wanted:
            return
        qtbot.keyClick(focus(qtbot), Qt.Key.Key_Tab)
    pytest.fail(f"Tab never reached {wanted.accessibleName()!r}")


def when_menu(action: Callable[[QMenu], None]) -> None:
    """Run `action` on the next pop-up menu as soon as it opens."""

    def attempt() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, attempt)
            return
        action(menu)

    QTimer.singleShot(0, attempt)


def menu_key(people: QListWidget) -> None:
    """What the menu key sends to the list of people: a context menu asked for by keyboard,
    at the chosen person."""
    at = people.viewport().mapTo(people, people.visualItemRect(people.currentItem()).center())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, people.mapToGlobal(at))
    QApplication.sendEvent(people, event)


def choose_from_menu(qtbot, text: str) -> Callable[[QMenu], None]:  # type: ignore[no-untyped-def]
    def pick(menu: QMenu) -> None:
        for _ in range(len(menu.actions()) + 2):
            qtbot.keyClick(menu, Qt.Key.Key_Down)
            if menu.activeAction() is not None and menu.activeAction().text() == text:
                qtbot.keyClick(menu, Qt.Key.Key_Return)
                return
        menu.close()
        pytest.fail(f"no {text!r} in the menu")

    return pick


def guarded(drive: Callable[[QWidget], None], seen: dict[str, str]) -> Callable[[QWidget], None]:
    """Drive a modal window; if a step fails, close it (so the test ends) and say why."""

    def run(dialog: QWidget) -> None:
        try:
            drive(dialog)
        except BaseException as exc:
            seen["failed"] = repr(exc)
            dialog.close()
            if isinstance(dialog, HandoverDialog):
                dialog.reject()

    return run


def fill_in(qtbot, dialog: HandoverDialog, place: Path) -> None:  # type: ignore[no-untyped-def]
    """Where to save it, typed; the passphrase twice; then Enter, as the default is to go on."""
    c = dialog.choose
    qtbot.waitUntil(lambda: QApplication.focusWidget() is c.place)  # where the window starts
    qtbot.keyClicks(c.place, str(place))
    tab_to(qtbot, c.fields.first)
    qtbot.keyClicks(c.fields.first, NEW_PASSPHRASE)
    tab_to(qtbot, c.fields.second)
    qtbot.keyClicks(c.fields.second, NEW_PASSPHRASE)
    qtbot.keyClick(c.fields.second, Qt.Key.Key_Return)


def test_by_keyboard_alone_from_the_menu_to_erasing_them(
    qtbot, window: MainWindow, family: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.workspace.reload()
    people = window.workspace.people_list
    row = next(r for r in range(people.count()) if people.item(r).text().startswith("Alex Example"))
    people.setCurrentRow(row)
    people.setFocus()
    place = tmp_path / "alex.companion"
    seen: dict[str, str] = {}

    def drive(dialog: QWidget) -> None:
        assert isinstance(dialog, HandoverDialog)
        fill_in(qtbot, dialog, place)
        qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.key_page, timeout=20_000)
        seen["key"] = dialog.key.display()  # type: ignore[union-attr]
        seen["page"] = visible_texts(dialog)
        assert focus(qtbot) is dialog.key_page.panel.kept_box
        qtbot.keyClick(dialog.key_page.panel.kept_box, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.key_page.panel.kept_box, Qt.Key.Key_Return)  # Next, the default
        qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.erase_page)
        e = dialog.erase_page
        assert focus(qtbot) is e.finish and not e.erase.isEnabled()
        tab_to(qtbot, e.confirm)
        qtbot.keyClicks(e.confirm, "alex example")
        tab_to(qtbot, e.erase)
        qtbot.keyClick(e.erase, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.finished, timeout=20_000)
        seen["finished"] = dialog.finished.text.text()
        qtbot.keyClick(focus(qtbot), Qt.Key.Key_Return)

    when_modal(guarded(drive, seen))
    when_menu(choose_from_menu(qtbot, "Hand over this person's records…"))
    menu_key(people)
    qtbot.waitUntil(lambda: "finished" in seen or "failed" in seen, timeout=30_000)
    assert "failed" not in seen, seen["failed"]

    assert str(place) in seen["page"]  # where it went, and its key, every group, shown once
    assert seen["key"].split("-") == [w for w in seen["page"].split() if len(w) == 4][-14:]
    assert "erased from your records" in seen["finished"]
    assert "Backups made before now" in seen["finished"]  # what erasing cannot reach
    names = [people.item(r).text() for r in range(people.count())]
    assert not any(n.startswith("Alex Example") for n in names)  # shown again, without them
    assert [p.record.display_name for p in family.people()] == ["Sam Other"]
    new = reopen(place, passphrase=NEW_PASSPHRASE)
    assert [p.record.display_name for p in new.people()] == ["Alex Example"]
    assert new.recovery_key_shown  # the key was kept before leaving its page
    assert new.keeper().record.name == "Alex Example"  # type: ignore[union-attr]
    assert any(e.record.kind is EventKind.HANDED_OVER for e in new.events())
    new.close()


@pytest.fixture
def dialog(qtbot, family: Vault) -> HandoverDialog:  # type: ignore[no-untyped-def]
    alex = next(p.record.id for p in family.people() if p.record.display_name == "Alex Example")
    shown = HandoverDialog(family, alex, FAST_KDF)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_an_existing_file_is_refused_in_one_sentence_and_nothing_is_lost(
    qtbot, dialog: HandoverDialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    there = tmp_path / "there.companion"
    there.write_text("someone's file")
    fill_in(qtbot, dialog, there)
    assert dialog.pages.currentWidget() is dialog.choose
    assert dialog.message.isVisible() and "already a file" in dialog.message.text()
    assert dialog.choose.fields.first.text() == NEW_PASSPHRASE  # nothing typed is lost
    assert there.read_text() == "someone's file"


def test_finishing_without_erasing_keeps_them_here(
    qtbot, dialog: HandoverDialog, family: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    fill_in(qtbot, dialog, tmp_path / "alex.companion")
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.key_page, timeout=20_000)
    qtbot.keyClick(focus(qtbot), Qt.Key.Key_Escape)  # the key is on screen: Escape waits
    assert dialog.isVisible() and not dialog.key_page.next.isEnabled()
    qtbot.keyClick(dialog.key_page.panel.kept_box, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.key_page.panel.kept_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.erase_page)
    qtbot.keyClick(focus(qtbot), Qt.Key.Key_Return)  # the default: finish without erasing
    assert not dialog.isVisible()
    assert sorted(p.record.display_name for p in family.people()) == ["Alex Example", "Sam Other"]


def test_every_control_has_a_name(qtbot, dialog: HandoverDialog) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QProgressBar

    for page in (dialog.choose, dialog.working, dialog.key_page, dialog.erase_page):
        for widget in page.findChildren(QWidget):
            if isinstance(widget, QAbstractButton | QLineEdit | QProgressBar):
                if isinstance(widget.parentWidget(), QLineEdit):
                    continue
                assert widget.accessibleName(), type(widget).__name__


def test_a_vault_that_failed_its_checks_hands_nothing_over(
    qtbot, window: MainWindow, family: Vault
) -> None:  # type: ignore[no-untyped-def]
    from companion.ledger import ProblemKind
    from ui.handover_dialog import offer_hand_over

    window.workspace.reload()
    family._ledger.note(ProblemKind.TREE_MISMATCH)  # as a failed integrity check leaves it
    alex = next(p.record.id for p in family.people() if p.record.display_name == "Alex Example")
    said: list[str] = []

    def read(box: QWidget) -> None:
        said.append(visible_texts(box))
        box.close()

    when_modal(read)
    offer_hand_over(window.workspace, alex)
    assert said and "failed its integrity check" in said[0]
    assert not isinstance(QApplication.activeModalWidget(), HandoverDialog)


def test_the_persons_name_is_never_made_possessive(
    qtbot, dialog: HandoverDialog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A name such as "Rhys Sample (fictional)" or "James Example" reads wrongly with "'s"."""
    assert dialog.windowTitle().startswith("Hand over the records of Alex Example")
    assert "Alex Example's" not in visible_texts(dialog)
    fill_in(qtbot, dialog, tmp_path / "alex.companion")
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.key_page, timeout=20_000)
    shown = visible_texts(dialog)
    assert "The records of Alex Example are in their own vault now" in shown
    assert "Alex Example's" not in shown
