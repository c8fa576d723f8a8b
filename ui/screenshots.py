"""Render the main screens to PNG files for the README, from the fictional sample.

    make screenshots        (or: QT_QPA_PLATFORM=offscreen python -m ui.screenshots DIR)

Runs offscreen with its own settings folder and a throwaway demo vault, so it
touches nothing of the person's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_settings_home = tempfile.mkdtemp(prefix="companion-shots-")
os.environ["XDG_CONFIG_HOME"] = _settings_home

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from companion import demo  # noqa: E402
from companion.crypto import KdfPolicy  # noqa: E402
from companion.export.options import Purpose  # noqa: E402
from companion.vault import Vault  # noqa: E402
from ui import theme  # noqa: E402
from ui.app import demo_banner, make_app  # noqa: E402
from ui.appointment_form import AppointmentForm  # noqa: E402
from ui.export_dialog import ExportDialog  # noqa: E402
from ui.first_run import FirstRunWizard  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings_dialog import SettingsDialog  # noqa: E402

# Quick keys: these screens show a throwaway vault, never a real one.
QUICK = KdfPolicy(
    floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
)


def save(widget: QWidget, folder: Path, name: str, width: int, height: int) -> None:
    widget.resize(width, height)
    widget.show()
    app = QApplication.instance()
    for _ in range(5):
        app.processEvents()  # type: ignore[union-attr]
    widget.grab().save(str(folder / f"{name}.png"))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = make_app()
    with demo.throwaway(QUICK) as path:
        vault = Vault.open(path, passphrase=demo.DEMO_PASSPHRASE, policy=QUICK)
        window = MainWindow(path, policy=QUICK, vault=vault, banner=demo_banner())
        window.workspace.splitter.setSizes([250, 760, 450])
        chosen = next(a for a in vault.appointments() if a.record.date == date(2025, 9, 16))
        window.workspace.select_record(chosen.record.id)
        save(window, folder, "main-window", 1440, 880)

        people = [p.record for p in vault.people()]
        form = AppointmentForm(
            people,
            lambda r: r,
            suggestions={"location": ["Sampletown Jobcentre"]},
            person_id=people[0].id,
            today=date(2026, 3, 2),
        )
        form.adjustments.add_row()
        form.fields["date"].setFocus()
        form.scroll.verticalScrollBar().setValue(0)
        save(form, folder, "appointment-form", 800, 900)

        settings = SettingsDialog(
            lock_minutes=5,
            theme="light",
            text_percent=100,
            remembered=False,
            vault_path=Path("~/.local/share/appointment-privacy-companion/vault.companion"),
            change_passphrase=lambda _a, _b: None,
        )
        save(settings, folder, "settings", 620, 640)

        dialog = ExportDialog(vault, vault.people())
        dialog.purpose.setCurrentIndex(dialog.purpose.findData(Purpose.APPEAL))
        dialog.reference.setText("SC000/00/00000")
        deadline = time.monotonic() + 20
        while "pages" not in dialog.pages.text() and time.monotonic() < deadline:
            app.processEvents()  # the page count is worked out in the background
            QThreadPool.globalInstance().waitForDone(20)
            time.sleep(0.02)
        save(dialog, folder, "export", 640, 760)
        dialog.close()

        theme.apply(app, "high-contrast", 125)
        window.refresh_look()
        save(window, folder, "main-window-high-contrast", 1440, 880)
        theme.apply(app, "light", 100)
        window.refresh_look()

        window.lock()
        save(window, folder, "unlock", 1000, 560)
        window.close()

    wizard = FirstRunWizard(Path(tempfile.mkdtemp()) / "new.companion", QUICK)
    wizard.show()
    wizard.next()
    wizard.passphrase_page.fields.first.setText("violet harbour teapot")
    wizard.passphrase_page.fields.second.setText("violet harbour teapot")
    save(wizard, folder, "first-run-passphrase", 760, 560)
    wizard.close()
    print(f"Screenshots written to {folder}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
