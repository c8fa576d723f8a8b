"""The Export dialog: choose what goes in and who it is for, see the page count, preview,
print or save.

It starts from what the timeline shows (the same person, dates, kind, problems and search
words), says so, and lets the person widen it. The NI number is left out unless they choose
to show it; the statement is signed by the keeper, so their capacity is printed.

Everything read from the vault is read here, on the window's thread, before any work
starts; making the file (drawing a PDF, writing a spreadsheet) runs in the background,
with progress and Cancel.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError
from companion.export import LOGGED, Format, check_target, entries_in, render_prepared, write_file
from companion.export.content import ExportContent, prepare
from companion.export.json_log import build_log
from companion.export.options import ExportOptions, Mode, Purpose, Redaction
from companion.export.pdf import RESOLUTION, draw_pages, page_count, page_layout
from companion.export.pdf_layout import Cancelled
from companion.ledger import Saved
from companion.messages import describe
from companion.model import Person
from companion.presentation.keeper import kept_by
from companion.query import Selection
from companion.vault import Vault
from ui.export_choices import FORMATS as FORMATS
from ui.export_choices import add_parts, audience_section, form_section, leave_out_section
from ui.export_scope import ExportScope
from ui.print_preview import preview_dialog
from ui.widgets import named, section
from ui.window_size import fit_to_text
from ui.workers import Task, run_in_background

SUFFIX = {Format.PDF: ".pdf", Format.CSV: ".csv", Format.MARKDOWN: ".md", Format.JSON: ".json"}


class ExportDialog(QDialog):
    exported = Signal(str)

    def __init__(
        self,
        vault: Vault,
        people: list[Saved[Person]],
        chosen: str | None = None,
        parent: QWidget | None = None,
        *,
        selection: Selection | None = None,
    ) -> None:
        """`selection`: what the timeline shows, to start from; else `chosen` (one person's
        id) or everyone, with nothing else narrowed."""
        super().__init__(parent)
        self.vault = vault
        start = selection or Selection(person_ids=frozenset({chosen}) if chosen else frozenset())
        kept = vault.keeper()
        self.keeper = kept.record if kept else None
        self.setWindowTitle(self.tr("Export"))
        self._task: Task | None = None  # the page count running in the background
        self._saving: Task | None = None
        # Set by Cancel or by closing; read by the save's thread, which holds only this (not
        # the dialog, so the dialog is never freed on that thread).
        self._stop = threading.Event()
        self._closed = False
        outer = QVBoxLayout(self)
        # The choices scroll, so the buttons stay on screen on a small laptop or at 200% text.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        box = QVBoxLayout(inner)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)

        group, form = section(self.tr("What to include"))
        self.scope = ExportScope([p.record for p in people], start, selection is not None)
        self.scope.changed.connect(self._changed)
        form.addRow(self.scope)
        # (the scope's controls, by the names the dialog has always had)
        self.people, self.date_from, self.date_to = (
            self.scope.people,
            self.scope.date_from,
            self.scope.date_to,
        )
        add_parts(self, form)
        box.addWidget(group)
        box.addWidget(audience_section(self))
        box.addWidget(leave_out_section(self))
        box.addWidget(form_section(self))
        self.pages = QLabel()  # the count stays in view, beside the buttons
        self.pages.setWordWrap(True)
        self.pages.setAccessibleName(self.tr("Size of the export"))

        buttons = QHBoxLayout()
        self.preview_button = named(QPushButton(self.tr("Preview")), self.tr("Preview"))
        self.print_button = named(QPushButton(self.tr("Print")), self.tr("Print"))
        self.save_button = named(QPushButton(self.tr("Save…")), self.tr("Save to a file"))
        self.close_button = named(QPushButton(self.tr("Close")), self.tr("Close"))
        self.save_button.setDefault(True)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_now)
        self.save_button.clicked.connect(self.choose_and_save)
        self.close_button.clicked.connect(self.reject)
        for button in (self.preview_button, self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        outer.addWidget(self.pages)
        outer.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        # 640 by 760 at the usual text size; wider and taller with the text, up to the screen.
        fit_to_text(self, 80, 38)

        self._count_timer = QTimer(self, singleShot=True, interval=400)
        self._count_timer.timeout.connect(self._count_pages)
        self._changed()

    # -- the choices ---------------------------------------------------------------------

    def fmt(self) -> Format:
        return Format(self.format.currentData())

    def options(self) -> ExportOptions:
        redact = {r for r, tick in self.redact_ticks.items() if tick.isChecked()}
        if not self.show_ni.isChecked():
            redact.add(Redaction.NI_NUMBER)
        return ExportOptions(
            selection=self.scope.selection(),
            purpose=Purpose(self.purpose.currentData()),
            reference=self.reference.text(),
            mode=Mode.CONCISE if self.concise.isChecked() else Mode.FULL,
            redact=frozenset(redact),
            parts=frozenset(p for p, tick in self.part_ticks.items() if tick.isChecked()),
            show_ni_number=self.show_ni.isChecked(),
            attest_as=self.attest_name.text() if self.attest.isChecked() else None,
            rules_engaged=self.rules.isChecked() and self.rules.isEnabled(),
        )

    def content(self) -> ExportContent:
        return prepare(self.vault, self.options())

    def _changed(self, *_args: object) -> None:
        pdf = self.fmt() is Format.PDF
        self.concise.setEnabled(pdf)
        self.rules.setEnabled(self.fmt() in (Format.PDF, Format.MARKDOWN))
        self.attest_name.setEnabled(self.attest.isChecked())
        self.kept_line.setText(
            self.tr("The export will say: {kept_by}").format(
                kept_by=kept_by(self.keeper, self.scope.chosen_people())
            )
            if self.keeper is not None
            else self.tr(
                "Exports do not yet say who keeps these records. Add your name in Settings."
            )
        )
        nobody = not any(t.isChecked() for t in self.people.values())
        unread = not self.scope.dates_readable()
        backwards = not self.options().selection.dates_in_order
        blocked = nobody or unread or backwards
        self.save_button.setEnabled(not blocked)
        self.preview_button.setEnabled(pdf and not blocked)
        self.print_button.setEnabled(pdf and not blocked)
        if nobody:
            self.pages.setText(self.tr("Choose at least one person."))
        elif unread:
            self.pages.setText(
                self.tr("Type the dates day first, like 5/3/2026, or leave them empty.")
            )
        elif backwards:
            self.pages.setText(self.tr("The from date is after the to date."))
        else:  # counted once the choices settle, not at every key press
            self.pages.setText(self.tr("Counting…"))
            self._count_timer.start()

    def _count_pages(self) -> None:
        if self._closed:  # closed before the choices settled: nothing to count for
            return
        if self._task is not None:  # a count is already running; count again when it ends
            self._count_timer.start()
            return
        content = self.content()
        if self.fmt() is not Format.PDF:
            self.pages.setText(self.tr("{n} entries").format(n=entries_in(self.fmt(), content)))
            return

        def done(pages: int) -> None:
            self._task = None
            if self._closed:  # the dialog closed while counting: nothing left to show it on
                return
            self.pages.setText(
                self.tr("{entries} entries, {pages} pages").format(
                    entries=len(content.entries), pages=pages
                )
            )

        def failed(exc: BaseException) -> None:
            self._task = None
            if not self._closed:
                self.pages.setText("")

        self._task = run_in_background(lambda: page_count(content), done, failed)

    # -- preview, print, save --------------------------------------------------------------

    @staticmethod
    def _match_the_pdf(printer: QPrinter) -> None:
        """Print on A4 with the PDF's own margins and resolution, so the pages are the same."""
        printer.setFullPage(True)
        printer.setResolution(RESOLUTION)
        printer.setPageLayout(page_layout())

    def preview_dialog(self) -> QPrintPreviewDialog:
        """The print preview of the export as chosen now, fitted to the screen (not shown)."""
        content = self.content()
        return preview_dialog(
            self,
            self.tr("Preview"),
            self._match_the_pdf,
            lambda printer: draw_pages(printer, content),
        )

    def preview(self) -> None:
        self.preview_dialog().exec()

    def print_now(self) -> None:
        content = self.content()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._match_the_pdf(printer)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            draw_pages(printer, content)
            self.message.setText(self.tr("Sent to the printer."))

    def choose_and_save(self) -> None:
        fmt = self.fmt()
        suggested = str(Path.home() / f"appointment-record{SUFFIX[fmt]}")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the export"), suggested)
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        """Write the export. What needs the vault is read here; the rest runs in the
        background, with progress and Cancel."""
        if self._saving is not None:  # one file at a time; the first is still being made
            return
        content = self.content()
        fmt = self.fmt()
        try:
            check_target(self.vault, path)
            log = build_log(self.vault, content) if fmt in LOGGED else None
        except CompanionError as exc:
            self.message.setText(describe(exc))
            return
        progress = QProgressDialog(self.tr("Making the file…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Export"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        stop = self._stop = threading.Event()
        progress.canceled.connect(stop.set)
        self.progress = progress

        def step(done: int, total: int) -> None:
            if stop.is_set():
                raise Cancelled()

        def finished(data: bytes) -> None:
            self._saving = None
            self.save_button.setEnabled(True)
            progress.reset()
            if self._closed:  # closed or locked meanwhile: nothing is written
                return
            if stop.is_set():  # a format without steps finished before Cancel was seen
                self.message.setText(self.tr("Stopped. No file was written."))
                return
            try:
                write_file(path, data)
            except CompanionError as exc:
                self.message.setText(describe(exc))
                return
            self._saved(path)

        def failed(exc: BaseException) -> None:
            self._saving = None
            self.save_button.setEnabled(True)
            progress.reset()
            if self._closed:
                return
            if isinstance(exc, Cancelled):
                self.message.setText(self.tr("Stopped. No file was written."))
            else:
                self.message.setText(
                    describe(exc)
                    if isinstance(exc, CompanionError)
                    else self.tr("The file could not be made.")
                )

        self.save_button.setEnabled(False)
        self._saving = run_in_background(
            lambda: render_prepared(fmt, content, log, step), finished, failed
        )

    def done(self, result: int) -> None:
        """Closing (or the app locking) stops a save under way: no file is written after."""
        self._closed = True
        self._stop.set()
        self._count_timer.stop()
        super().done(result)

    def _saved(self, path: Path) -> None:
        self.message.setText(self.tr("Saved to {path}.").format(path=path))
        self.exported.emit(str(path))
        answer = QMessageBox.question(
            self,
            self.tr("Saved"),
            self.tr("Saved to {path}. Open the folder?").format(path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
