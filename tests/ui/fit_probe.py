"""Opens every window the app has, at a text size, and says how each one fits.

Used by tests/ui/test_window_fit.py in the test's own process, and run on its own with a
1280 by 720 screen (`python -m tests.ui.fit_probe REPORT.json` under Qt's offscreen platform
with a screen configured), so windows are shown on a screen the size of a small laptop's.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolBar,
    QToolButton,
    QWidget,
)

from companion import demo
from companion.recovery_key import RecoveryKey
from companion.vault import Vault
from ui.screen_fit import FRAME, TITLE_BAR

# A laptop at 1280 by 720 pixels, less the window's edges and title bar.
SCREEN = QSize(1280, 720)
BUDGET = QSize(SCREEN.width() - FRAME, SCREEN.height() - TITLE_BAR)
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QLabel)
# A label's height hint can be a pixel more than a layout gives it, with nothing cut.
ROUNDING = 1


def settle() -> None:
    app = QApplication.instance()
    for _ in range(6):
        app.processEvents()  # type: ignore[union-attr]


def minimum(window: QWidget) -> QSize:
    """The smallest the window can be made: its own minimum, or its layout's."""
    return window.minimumSize().expandedTo(window.minimumSizeHint())


def cut_off(window: QWidget) -> list[str]:
    """Visible controls given less room than their text needs: narrower than Qt's least for
    them, a label shorter than its words, a button or box lower than a line of its text."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or not isinstance(widget, CONTROLS):
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the typing part of a drop-down or a spin box
        if isinstance(widget, QToolButton) and (
            widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        ):
            continue  # a picture, no words to cut
        line = widget.fontMetrics().height()
        width = widget.minimumWidth() or widget.minimumSizeHint().width()
        height = line + 4  # a line of text, and the least of a frame around it
        if isinstance(widget, QLabel):
            if not widget.text():
                continue
            if widget.wordWrap():
                height = widget.heightForWidth(widget.width())
            else:
                width, height = widget.sizeHint().width(), widget.sizeHint().height() - ROUNDING
        if widget.width() < width or widget.height() < height:
            name = widget.accessibleName() or getattr(widget, "text", lambda: "")()[:50]
            found.append(
                f"{type(widget).__name__} {name!r}: {widget.width()}x{widget.height()}, "
                f"needs {width}x{height}"
            )
    return found


def sideways(window: QWidget) -> list[str]:
    """Scrolling areas whose contents are wider than they are (read only by scrolling
    sideways): every dialog here scrolls up and down only."""
    found = []
    for area in window.findChildren(QScrollArea):
        inner = area.widget()
        if area.isVisible() and inner is not None:
            need = inner.minimumSizeHint().width()
            if need > area.viewport().width():
                found.append(f"{area.accessibleName() or 'scrolling area'}: {need} wide")
    return found


def report(name: str, window: QWidget) -> dict:  # type: ignore[type-arg]
    """How `window` fits, shown as it opens."""
    window.show()
    settle()
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    least = minimum(window)
    return {
        "name": name,
        "minimum": [least.width(), least.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
        "on_screen": screen.contains(frame),
        "cut_off": cut_off(window),
        "sideways": sideways(window),
        "toolbars": [
            [bar.sizeHint().width(), bar.width()]
            for bar in window.findChildren(QToolBar)
            if bar.isVisible()
        ],
        "zoom": pages.zoomMode().name if (pages := window.findChild(QPrintPreviewWidget)) else "",
    }


def backup_actions(vault: Vault):  # type: ignore[no-untyped-def]
    """Settings' Backups section as it is with records open and a backup made, with the
    longest folder name it is likely to show."""
    from companion import backup
    from ui.backup_section import BackupActions

    folder = vault.path.parent / "backups on the USB stick called MY RECORDS"
    folder.mkdir(exist_ok=True)
    backup.back_up(vault, folder / "sample-2026-12-02-1405.companion-backup")
    return BackupActions(
        vault_path=vault.path,
        now=vault.now,
        folder=lambda: folder,
        set_folder=lambda _folder: None,
        back_up_now=lambda _done, _failed: False,
        prepare_restore=lambda _file, _passphrase, _copied: None,  # type: ignore[arg-type,return-value]
    )


def sample_vault(folder: Path) -> Vault:
    from tests.conftest import FAST_KDF

    vault, key = Vault.create(folder / "sample.companion", "a sample passphrase", policy=FAST_KDF)
    vault.confirm_recovery_key(key)
    demo.fill(vault)
    return vault


def windows(folder: Path) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    """Every window, as a name and a way to open it (each opened on its own, then closed)."""
    from tests.conftest import FAST_KDF
    from ui.appointment_form import AppointmentForm
    from ui.event_form import EventForm
    from ui.export_dialog import ExportDialog
    from ui.main_window import MainWindow
    from ui.person_dialog import PersonDialog
    from ui.settings_dialog import ChangePassphraseDialog, SettingsDialog
    from ui.unlock import RecoveryDialog

    vault = sample_vault(folder)
    people = [p.record for p in vault.people()]

    def main() -> QWidget:
        return MainWindow(vault.path, policy=FAST_KDF, vault=vault)

    def main_locked() -> QWidget:
        return MainWindow(folder / "sample.companion", policy=FAST_KDF)

    def settings() -> QWidget:
        kept = vault.keeper()
        return SettingsDialog(
            lock_minutes=5,
            theme="light",
            text_percent=100,
            remembered=False,
            vault_path=folder / "sample.companion",
            change_passphrase=lambda _old, _new: None,
            keeper=kept.record if kept else None,
            save_keeper=vault.save,
            backups=backup_actions(vault),
            new_recovery_key=lambda _passphrase: RecoveryKey.generate(),
        )

    def restore() -> QWidget:
        from ui.backup_section import RestoreDialog

        return RestoreDialog(folder / "records-2026-12-02-1405.companion-backup")

    def export() -> QWidget:
        return ExportDialog(vault, vault.people())

    def preview() -> QWidget:
        export = ExportDialog(vault, vault.people())
        window = export.preview_dialog()
        window.export_dialog = export  # type: ignore[attr-defined] (its parent, kept alive)
        return window

    def new_key() -> QWidget:
        from ui.vault_notices import new_key_window

        return new_key_window(None, vault, RecoveryKey.generate())

    yield "settings", settings
    yield "restore a backup", restore
    yield "change passphrase", ChangePassphraseDialog
    yield "export", export
    yield "print preview", preview
    yield "recovery", RecoveryDialog

    def shortcuts() -> QWidget:
        from ui.shortcuts import ShortcutsDialog

        return ShortcutsDialog()

    yield "keyboard shortcuts", shortcuts

    def letters() -> QWidget:
        from ui.letters_dialog import LettersDialog

        return LettersDialog(vault, people[0].id)

    yield "letters", letters
    yield "new recovery key", new_key

    def hand_over(page: str = "") -> QWidget:
        from ui.handover_dialog import HandoverDialog

        dialog = HandoverDialog(vault, people[0].id, FAST_KDF)
        if page:  # as it is once the new vault is made
            dialog.path = folder / "their-own.companion"
            dialog._made((RecoveryKey.generate(), "ABCD-EFGH-JKMN-PQRS"))
        if page == "erase":
            dialog._show(dialog.erase_page)
        return dialog

    yield "hand over", hand_over

    def picture() -> QWidget:
        from PySide6.QtGui import QColor, QImage

        from ui.attachment_preview import PicturePreview

        image = QImage(4032, 3024, QImage.Format.Format_RGB32)  # a phone's photo of a letter
        image.fill(QColor("#808080"))
        return PicturePreview("IMG_2041 photo of the PIP decision letter, page 1.jpg", image)

    def rename_or_describe() -> QWidget:
        from ui.attachment_describe import AttachmentDetailsDialog

        entry = vault.appointments()[0].record
        (folder / "PIP assessment, the assessor's end of the call.mp3").write_bytes(b"ID3" * 9)
        record = vault.attach(
            entry.id, folder / "PIP assessment, the assessor's end of the call.mp3",
            description="Obtained with a subject access request; the first 20 minutes",
        ).record  # fmt: skip
        return AttachmentDetailsDialog(record, lambda _name, _words: record)

    yield "picture", picture
    yield "rename or describe", rename_or_describe
    yield "hand over, recovery key", lambda: hand_over("key")
    yield "hand over, erase", lambda: hand_over("erase")
    yield "person", lambda: PersonDialog(lambda r: r)
    yield (
        "appointment",
        lambda: AppointmentForm(
            people, lambda r: r, person_id=people[0].id, today=date(2026, 3, 2), suggestions={}
        ),
    )
    yield "event", lambda: EventForm(people, lambda r: r, person_id=people[0].id)
    yield "main window", main  # (last with the vault: closing it closes the vault)
    yield "main window, locked", main_locked
    for page in range(6):
        yield f"first run, page {page + 1}", lambda page=page: wizard_at(folder, page)

    def restore_on_a_new_computer() -> QWidget:
        from ui.restore_key_dialog import BackupKeyDialog

        return BackupKeyDialog(folder / "records-2026-12-02-1405.companion-backup")

    yield "restore on a new computer", restore_on_a_new_computer


def wizard_at(folder: Path, page: int) -> QWidget:
    """The set-up wizard on its `page`-th page (from 0), filled in as far as that."""
    from PySide6.QtCore import QThreadPool

    from tests.conftest import FAST_KDF
    from ui.first_run import FirstRunWizard

    path = folder / f"new-{page}.companion"
    path.unlink(missing_ok=True)
    wizard = FirstRunWizard(path, FAST_KDF)
    wizard.show()
    for step in range(page):
        if step == 1:
            for box in (wizard.passphrase_page.fields.first, wizard.passphrase_page.fields.second):
                box.setText("violet harbour teapot lantern")
        if step == 2:
            QThreadPool.globalInstance().waitForDone(60_000)
            settle()
            wizard.recovery_page.panel.kept_box.setChecked(True)
        if step == 4:
            wizard.keeper_page.fields.name.setText("Sam Sample")
        wizard.next()
        settle()
    QThreadPool.globalInstance().waitForDone(60_000)
    settle()
    return wizard


def run(folder: Path, percents: tuple[int, ...] = (100, 200)) -> list[dict]:  # type: ignore[type-arg]
    """Open every window at each text size; the main window also once more at the first size
    after the others, to see that nothing keeps the bigger one's size."""
    from PySide6.QtCore import QThreadPool

    from ui import theme

    app = QApplication.instance()
    reports = []
    for percent in percents:
        theme.apply(app, "light", percent)  # type: ignore[arg-type]
        for name, open_window in windows(folder / f"at-{percent}"):
            window = open_window()
            entry = report(name, window)
            entry["percent"] = percent
            reports.append(entry)
            QThreadPool.globalInstance().waitForDone(60_000)
            for dialog in (window, getattr(window, "export_dialog", None)):
                if isinstance(dialog, QDialog):
                    dialog.done(0)
            window.close()
            window.deleteLater()
            settle()
            # Freed here, on the window's thread: left to Python's cycle collector, a closed
            # window could be freed on a thread of the pool (a key being derived), which
            # crashed the probe now and then.
            gc.collect()
    return reports


def main(out: Path) -> None:
    import tempfile

    from ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.use_fusion(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        folders = Path(tmp)
        for percent in (100, 200):
            (folders / f"at-{percent}").mkdir()
        reports = run(folders)
    out.write_text(json.dumps(reports, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
