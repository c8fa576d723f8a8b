"""Shows a new recovery key once, with Print and Save as PDF, and asks that it be kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.export.recovery_sheet import render_sheet, write_pdf
from companion.messages import describe
from companion.recovery_key import RecoveryKey
from ui.widgets import named, paragraph


class RecoveryPanel(QWidget):
    """Emits `kept` when the person ticks "I have kept my recovery key"."""

    kept = Signal(bool)

    def __init__(self, made_at_now) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._now = made_at_now
        self.key: RecoveryKey | None = None
        box = QVBoxLayout(self)
        box.addWidget(
            paragraph(
                self.tr(
                    "This is your recovery key. If you ever forget your passphrase, it is the "
                    "only way "
                    ""
                    "back in to your records. It is shown only now: print it or save it, and "
                    "keep it "
                    "somewhere safe, away from this computer."
                )
            )
        )
        self.key_label = QLabel()
        font = self.key_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.key_label)
        row = QHBoxLayout()
        self.print_button = named(QPushButton(self.tr("Print")), self.tr("Print the recovery key"))
        self.save_button = named(
            QPushButton(self.tr("Save as PDF")), self.tr("Save the recovery key as a PDF file")
        )
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_pdf)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        box.addLayout(row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        box.addWidget(self.message)
        self.kept_box = named(
            QCheckBox(self.tr("I have kept my recovery key")),
            self.tr("I have kept my recovery key"),
        )
        self.kept_box.toggled.connect(self.kept)
        box.addWidget(self.kept_box)
        box.addStretch(1)

    def show_key(self, key: RecoveryKey) -> None:
        self.key = key
        self._lay_out_key()
        self.key_label.setAccessibleName(self.tr("Recovery key: {key}").format(key=key.display()))

    def _lay_out_key(self) -> None:
        """The key's groups in as few lines as fit the width (seven to a line on a wide
        window, fewer at a big text size), never cut off."""
        if self.key is None:
            return
        groups = self.key.display().split("-")
        metrics = self.key_label.fontMetrics()
        self.key_label.setMinimumWidth(metrics.horizontalAdvance(groups[0]))
        if self.isVisible():
            room = self.contentsRect().width() - 24
        else:  # not laid out yet: as wide as a new window opens (two thirds of the screen)
            screen = self.screen()
            room = (screen.availableGeometry().width() if screen else 1280) * 2 // 3 - 80
        for per_line in (7, 5, 4, 3, 2, 1):
            lines = ["  ".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]
            if max(metrics.horizontalAdvance(line) for line in lines) <= room:
                break
        self.key_label.setText("\n".join(lines))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._lay_out_key()

    def print_key(self) -> None:
        if self.key is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            render_sheet(printer, self.key, self._now())
            self.message.setText(self.tr("Sent to the printer."))

    def save_pdf(self) -> None:
        if self.key is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery key"),
            str(Path.home() / "recovery-key.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return
        try:
            write_pdf(Path(name), self.key, self._now())
        except CompanionError as exc:
            self.message.setText(describe(exc))
            return
        self.message.setText(self.tr("Saved to {path}.").format(path=name))
