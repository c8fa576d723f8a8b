"""Settings that persist (and hold no content), and how the app starts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from companion import demo, paths
from companion.model import Keeper
from companion.vault import Vault
from tests.builders import make_appointment
from tests.conftest import FAST_KDF, PASSPHRASE, MemoryKeyring, create_vault, reopen
from tests.ui.conftest import when_modal
from tests.ui.settling import settled  # noqa: F401 (each test waits for background work)
from ui.app import demo_banner, open_window
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.screen_fit import room
from ui.settings import AppSettings
from ui.settings_dialog import ChangePassphraseDialog, SettingsDialog


def test_settings_are_kept_and_hold_no_content(
    qtbot, window: MainWindow, person_vault: Vault, memory_keyring: MemoryKeyring
) -> None:  # type: ignore[no-untyped-def]
    person_vault.save(make_appointment(person_vault.people()[0].record.id, account="Private words"))

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.lock_minutes.setValue(12)
        dialog.theme.setCurrentIndex(dialog.theme.findData("high-contrast"))
        dialog.text_percent.setValue(150)
        dialog.remember.setChecked(True)
        dialog.accept()

    when_modal(act)
    window.settings_action.trigger()
    settings = AppSettings()
    assert (settings.lock_minutes, settings.theme, settings.text_percent) == (
        12,
        "high-contrast",
        150,
    )
    assert window.idle.timer.interval() == 12 * 60_000
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Done.")  # off the window
    assert person_vault.remembered and len(memory_keyring.items) == 1
    window.close()
    stored = (paths.config_dir() / "settings.ini").read_text()
    for private in ("Private words", "Alex Example", PASSPHRASE):
        assert private not in stored


def test_turning_remember_off_removes_the_keyring_item(
    qtbot, window: MainWindow, person_vault: Vault, memory_keyring: MemoryKeyring
) -> None:  # type: ignore[no-untyped-def]
    person_vault.remember_on_this_computer()

    def act(dialog: QWidget) -> None:
        dialog.remember.setChecked(False)
        dialog.accept()

    when_modal(act)
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Done.")
    assert not person_vault.remembered and memory_keyring.items == {}


def test_cancelling_settings_puts_the_look_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui import theme

    def act(dialog: QWidget) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))  # seen at once...
        assert theme.colour("window").name() == theme.palette_colours("dark")["window"]
        dialog.reject()  # ...and undone

    when_modal(act)
    window.settings_action.trigger()
    assert theme.colour("window").name() == theme.palette_colours("light")["window"]


def test_the_passphrase_can_be_changed_from_settings(
    qtbot, person_vault: Vault, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(
        lock_minutes=5,
        theme="light",
        text_percent=100,
        remembered=False,
        vault_path=vault_path,
        change_passphrase=person_vault.change_passphrase,
    )
    qtbot.addWidget(dialog)
    new = "quiet river morning pencil"

    def act(change: QWidget) -> None:
        assert isinstance(change, ChangePassphraseDialog)
        qtbot.keyClicks(change.current, PASSPHRASE)
        qtbot.keyClicks(change.fields.first, new)
        qtbot.keyClicks(change.fields.second, new)
        qtbot.mouseClick(change.ok, Qt.MouseButton.LeftButton)

    when_modal(act)
    dialog.change_button.click()
    assert "this takes a few seconds" in dialog.message.text()  # worked on off the window
    assert not dialog.change_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.message.text() == "Your passphrase has been changed.")
    assert dialog.change_button.isEnabled()
    person_vault.close()
    reopen(vault_path, passphrase=new).close()


def test_a_first_start_opens_the_wizard_and_a_later_one_the_unlock_screen(
    qtbot, vault_path: Path
) -> None:  # type: ignore[no-untyped-def]
    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstRunWizard)
        dialog.reject()

    when_modal(cancel)
    assert open_window(vault_path, FAST_KDF) is None and not vault_path.exists()

    create_vault(vault_path).close()
    window = open_window(vault_path, FAST_KDF)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.unlock_page.passphrase.isEnabled(), timeout=5_000)
    assert window.vault is None and window.stack.currentWidget() is window.unlock_page


def test_a_remembered_vault_opens_without_asking(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault = create_vault(vault_path)
    vault.remember_on_this_computer()
    vault.close()
    window = MainWindow(vault_path, policy=FAST_KDF)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.vaultUnlocked, timeout=5_000):
        window.try_remembered()
    assert window.stack.currentWidget() is window.workspace_area


def test_the_demo_shows_the_fictional_sample_and_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    with demo.throwaway(FAST_KDF) as path:
        vault = Vault.open(path, passphrase=demo.DEMO_PASSPHRASE, policy=FAST_KDF)
        window = MainWindow(path, policy=FAST_KDF, vault=vault, banner=demo_banner())
        qtbot.addWidget(window)
        entries = len(vault.appointments()) + len(vault.events())
        assert entries > 20 and window.workspace.proxy.rowCount() == entries
        assert "fictional" in demo_banner() and demo.DEMO_PASSPHRASE in demo_banner()
        window.close()
    assert not path.exists()  # thrown away


def test_no_dialog_is_left_open_between_tests() -> None:
    from PySide6.QtWidgets import QApplication

    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def test_a_missing_screen_or_library_is_one_plain_sentence_not_a_crash() -> None:
    from ui.app import display_problem

    everything = lambda _library: True  # noqa: E731
    assert display_problem({"DISPLAY": ":0"}, "linux", everything) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", everything) is None
    assert display_problem({}, "darwin", everything) is None
    assert "No screen" in display_problem({}, "linux", everything)  # type: ignore[operator]
    no_cursor = lambda library: "cursor" not in library  # noqa: E731
    text = display_problem({"DISPLAY": ":0"}, "linux", no_cursor)
    assert text is not None and text.endswith("sudo apt install libxcb-cursor0")


def test_the_app_says_what_is_missing_and_exits_without_starting_qt(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ui import app

    monkeypatch.setattr(app, "display_problem", lambda: "No screen was found to show the app on.")
    assert app.run_app() == 1
    assert capsys.readouterr().err.strip() == "No screen was found to show the app on."


def test_window_size_and_panel_widths_are_remembered(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_vault(vault_path).close()
    first = MainWindow(vault_path, policy=FAST_KDF)
    qtbot.addWidget(first)
    first.show()
    first.resize(1200, 760)
    first.workspace.splitter.setSizes([300, 400, 300])
    widths = first.workspace.splitter.sizes()
    geometry = bytes(first.saveGeometry())
    first.close()
    assert bytes(AppSettings().geometry("main")) == geometry  # kept in the settings file

    second = MainWindow(vault_path, policy=FAST_KDF)
    qtbot.addWidget(second)
    second.show()
    # A restored window is fitted onto the screen, and the test screen is small: the height
    # comes back as far as the screen allows, and nothing holds the window wider than it.
    most = room(second)
    assert second.height() == min(760, most.height())
    assert second.width() <= most.width()
    assert second.workspace.splitter.sizes() == widths


def test_companion_with_no_command_opens_the_app_and_with_one_does_not(
    monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from ui import app, launch

    opened: list[tuple[object, bool]] = []
    monkeypatch.setattr(
        app, "run_app", lambda vault=None, demo_mode=False: opened.append((vault, demo_mode)) or 0
    )
    assert launch.main(["--demo"]) == 0 and opened == [(None, True)]
    vault = tmp_path / "v.companion"
    assert launch.main(["--vault", str(vault)]) == 0 and opened[-1] == (vault, False)
    assert launch.main(["fingerprint", "--vault", str(vault)]) == 1  # the command line: no vault
    assert len(opened) == 2


def test_the_core_command_line_alone_never_opens_the_app(capsys) -> None:  # type: ignore[no-untyped-def]
    from companion.cli import main

    assert main([]) == 2
    assert "open the app with 'companion'" in capsys.readouterr().err


def test_settings_show_the_keeper_and_save_a_correction(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    first = person_vault.save(Keeper("Jo Keeper", address="1 Sample Street")).record
    seen: list[tuple[str, str, str]] = []

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        fields = dialog.keeper_fields
        seen.append((fields.name.text(), fields.address.toPlainText(), fields.phone.text()))
        fields.name.selectAll()
        qtbot.keyClicks(fields.name, "Joanna Keeper")
        qtbot.keyClicks(fields.phone, "01234 567890")
        dialog.accept()

    when_modal(act)
    window.settings_action.trigger()
    assert seen == [("Jo Keeper", "1 Sample Street", "")]
    kept = person_vault.keeper()
    assert kept is not None and kept.record.id == first.id  # the same keeper, corrected
    assert (kept.record.name, kept.record.address, kept.record.phone) == (
        "Joanna Keeper",
        "1 Sample Street",
        "01234 567890",
    )
    assert len(person_vault.versions(first.id)) == 2


def test_a_vault_without_a_keeper_says_so_once_and_settings_can_name_them(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    note = "Exports do not yet say who keeps these records. Add your name in Settings."
    assert person_vault.keeper() is None
    assert window.statusBar().currentMessage() == note  # said, not asked: no dialog
    assert QApplication.activeModalWidget() is None

    def act(dialog: QWidget) -> None:
        assert dialog.keeper_fields.name.text() == ""
        assert "Add your name here" in dialog.keeper_message.text()
        qtbot.keyClicks(dialog.keeper_fields.name, "Jo Keeper")
        dialog.accept()

    when_modal(act)
    window.settings_action.trigger()
    assert person_vault.keeper().record.name == "Jo Keeper"
    assert window.statusBar().currentMessage() == ""
    window.lock()
    with qtbot.waitSignal(window.vaultUnlocked, timeout=5_000):
        window.unlock(PASSPHRASE)
    assert window.statusBar().currentMessage() != note


def test_settings_stay_open_when_the_keeper_name_is_emptied(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    person_vault.save(Keeper("Jo Keeper"))
    stayed: list[str] = []

    def act(dialog: QWidget) -> None:
        dialog.keeper_fields.name.clear()
        dialog.accept()
        if dialog.isVisible():
            stayed.append(dialog.keeper_message.text())
        dialog.reject()

    when_modal(act)
    window.settings_action.trigger()
    assert stayed and "name" in stayed[0] and "Nothing was changed" in stayed[0]
    assert person_vault.keeper().record.name == "Jo Keeper"


def test_settings_leave_a_missing_keeper_missing_when_nothing_is_typed(
    qtbot, window: MainWindow, person_vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    when_modal(lambda dialog: dialog.accept())
    window.settings_action.trigger()
    assert person_vault.keeper() is None


def test_the_window_first_opens_within_a_small_screen(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_vault(vault_path).close()
    window = MainWindow(vault_path, policy=FAST_KDF)  # no size remembered yet
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() < screen.height()
