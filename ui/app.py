"""Starting the desktop app: the demo, the first-run wizard, or the unlock screen."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from companion import demo, hardening, paths
from companion.crypto import PRODUCTION_KDF, KdfPolicy
from companion.i18n import translate
from companion.vault import Vault
from ui import theme, wheel_guard
from ui.backup_section import restored_text
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.settings import AppSettings

# The system libraries Qt's X11 support needs (Qt 6.5 and later), with the Debian and
# Ubuntu packages that provide them. pip cannot install these; most desktops have them.
X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _loads(library: str) -> bool:
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def display_problem(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    loads: Callable[[str], bool] = _loads,
) -> str | None:
    """Why the window cannot open on this Linux session, in plain words, or None if it can.

    Checked before Qt starts, because Qt's own failure here is a crash.
    """
    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return translate(
            "App",
            "No screen was found to show the app on. The command line still works: "
            "see 'companion --help'.",
        )
    missing = [package for library, package in X11_LIBRARIES.items() if not loads(library)]
    if not missing:
        return None
    return translate(
        "App",
        "The desktop app needs some system libraries that are not installed. On Debian or "
        "Ubuntu, install them with: sudo apt install {packages}",
    ).format(packages=" ".join(missing))


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("appointment-privacy-companion")
    app.setApplicationDisplayName(translate("App", "Appointment privacy record"))
    settings = AppSettings()
    theme.use_fusion(app)  # type: ignore[arg-type]
    theme.apply(app, settings.theme, settings.text_percent)  # type: ignore[arg-type]
    wheel_guard.install(app)  # type: ignore[arg-type]  # the wheel scrolls, never answers
    return app  # type: ignore[return-value]


def demo_banner() -> str:
    return translate(
        "App",
        "Demo: everything here is fictional sample data, and it is thrown away when you close "
        'the app. Its passphrase, for trying the lock, is "{passphrase}".',
    ).format(passphrase=demo.DEMO_PASSPHRASE)


def demo_window(path: Path, opened: Vault) -> MainWindow:
    """The demo's window: its banner says it is fictional, and it is never backed up (its
    vault is thrown away when the app closes)."""
    return MainWindow(path, vault=opened, banner=demo_banner(), backups=False)


def open_window(path: Path, policy: KdfPolicy = PRODUCTION_KDF) -> MainWindow | None:
    """The first-run wizard if there is no vault yet, else the window at its unlock screen.
    Records restored from a backup in the wizard open with the status line saying from
    which backup (at the unlock screen, if they could not be opened just then)."""
    if not path.exists():
        wizard = FirstRunWizard(path, policy)
        accepted = wizard.exec() == QDialog.DialogCode.Accepted
        if not accepted or (wizard.vault is None and wizard.restored is None):
            return None
        window = MainWindow(path, policy=policy, vault=wizard.vault)
        if wizard.restored is not None:
            window.statusBar().showMessage(restored_text(wizard.restored))
        return window
    window = MainWindow(path, policy=policy)
    window.try_remembered()
    return window


def run_app(vault: Path | None = None, demo_mode: bool = False) -> int:
    hardening.at_start()  # no memory dumps, private folders, no leftovers of an export
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = make_app()
    if demo_mode:
        with demo.throwaway() as path:
            opened = Vault.open(path, passphrase=demo.DEMO_PASSPHRASE)
            window = demo_window(path, opened)
            window.show()
            return app.exec()
    window = open_window(vault or paths.default_vault())
    if window is None:
        return 0
    window.show()
    return app.exec()
