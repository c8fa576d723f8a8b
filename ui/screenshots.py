"""Render the main screens to PNG files for the README, from the fictional sample.

    make screenshots        (or: python -m ui.screenshots DIR)

Runs offscreen on a screen the size of a small laptop's (1366 by 768 pixels),
so every window opens at the size it would open at there, with its own
settings folder and a throwaway demo vault: it touches nothing of the
person's own.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

_settings_home = tempfile.mkdtemp(prefix="companion-shots-")
os.environ["XDG_CONFIG_HOME"] = _settings_home
LAPTOP = (1366, 768)
_screen = Path(_settings_home) / "screen.json"
_screen.write_text(
    json.dumps(
        {
            "windowFrameMargins": True,
            "screens": [
                {
                    "name": "laptop",
                    "x": 0,
                    "y": 0,
                    "width": LAPTOP[0],
                    "height": LAPTOP[1],
                    "logicalDpi": 96,
                    "logicalBaseDpi": 96,
                    "dpr": 1,
                }
            ],
        }
    ),
    encoding="utf-8",
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from companion import demo  # noqa: E402
from companion.crypto import KdfPolicy  # noqa: E402
from companion.export.options import Purpose  # noqa: E402
from companion.presentation.dispute import dispute_of  # noqa: E402
from companion.vault import Vault  # noqa: E402
from ui import theme  # noqa: E402
from ui.app import demo_banner, make_app  # noqa: E402
from ui.appointment_form import AppointmentForm  # noqa: E402
from ui.dispute_window import DisputeWindow  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.first_run import FirstRunWizard  # noqa: E402
from ui.letters_dialog import LettersDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings_dialog import SettingsDialog  # noqa: E402

# Quick keys: these screens show a throwaway vault, never a real one.
QUICK = KdfPolicy(
    floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
)


def settle() -> None:
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()  # type: ignore[union-attr]


def save(widget: QWidget, folder: Path, name: str) -> None:
    """The window as it opens on the laptop's screen: its own size, never resized here."""
    widget.show()
    settle()
    widget.grab().save(str(folder / f"{name}.png"))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = make_app()
    with demo.throwaway(QUICK) as path:
        vault = Vault.open(path, passphrase=demo.DEMO_PASSPHRASE, policy=QUICK)
        window = MainWindow(path, policy=QUICK, vault=vault, banner=demo_banner())
        window.show()
        settle()
        chosen = next(a for a in vault.appointments() if a.record.date == date(2025, 9, 16))
        window.workspace.select_record(chosen.record.id)
        save(window, folder, "main-window")

        people = [p.record for p in vault.people()]
        form = AppointmentForm(
            people,
            lambda r: r,
            suggestions={"location": ["Sampletown Jobcentre"]},
            person_id=people[0].id,
            today=date(2026, 3, 2),
            parent=window,
        )
        save(form, folder, "appointment-form")
        form.close_without_asking()

        settings = SettingsDialog(
            lock_minutes=5,
            theme="light",
            text_percent=100,
            remembered=False,
            vault_path=Path("~/.local/share/appointment-privacy-companion/vault.companion"),
            change_passphrase=lambda _a, _b: None,
            parent=window,
        )
        save(settings, folder, "settings")
        settings.close()

        dialog = ExportDialog(vault, vault.people(), parent=window)
        dialog.purpose.setCurrentIndex(dialog.purpose.findData(Purpose.APPEAL))
        dialog.reference.setText("SC000/00/00000")
        deadline = time.monotonic() + 20
        while "pages" not in dialog.pages.text() and time.monotonic() < deadline:
            app.processEvents()  # the page count is worked out in the background
            QThreadPool.globalInstance().waitForDone(20)
            time.sleep(0.02)
        save(dialog, folder, "export")
        dialog.close()

        owain = next(p.record for p in vault.people() if p.record.display_name.startswith("Owain"))
        letters = LettersDialog(vault, owain.id, parent=window)
        letters.show()
        settle()
        save(letters, folder, "letters")
        letters.close()

        steps = dispute_of(owain, [e.record for e in vault.events()], date(2026, 3, 2))
        dispute = DisputeWindow(owain.display_name, steps, parent=window)
        save(dispute, folder, "dispute")
        dispute.close()

        window.banner.hide()  # as a person would, to give the room back at twice the size
        theme.apply(app, "high-contrast", 200)
        window.refresh_look()
        window.workspace.select_record(chosen.record.id)
        save(window, folder, "main-window-high-contrast-200")
        big_form = AppointmentForm(
            people, lambda r: r, person_id=people[0].id, today=date(2026, 3, 2), parent=window
        )
        save(big_form, folder, "appointment-form-200")
        big_form.close_without_asking()
        theme.apply(app, "light", 100)
        window.refresh_look()

        window.lock()
        save(window, folder, "unlock")
        window.close()

    wizard = FirstRunWizard(Path(tempfile.mkdtemp()) / "new.companion", QUICK)
    wizard.show()
    wizard.next()
    wizard.passphrase_page.fields.first.setText("violet harbour teapot")
    wizard.passphrase_page.fields.second.setText("violet harbour teapot")
    save(wizard, folder, "first-run-passphrase")
    wizard.close()
    print(f"Screenshots written to {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
