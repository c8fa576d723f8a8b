"""The Letters window: whose letter, what kind, which entries it is about; the letter as it
will be, with what is left to fill in before sending; saved as an ODT to finish in a word
processor, or as a PDF; and, if chosen, logged as sent, which starts its deadline.

The letter's words, its blanks and its files come from the core (companion/letters); this
window lays out the choices (ui/letters_choices.py) and shows what the core composed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, InvalidInput
from companion.i18n import long_date, translate, translate_n
from companion.letters import Letter, LetterFormat, compose, log_sent, save_letter
from companion.messages import describe
from companion.vault import Vault
from ui.letters_choices import LetterChoices
from ui.widgets import named
from ui.window_size import fit_to_text

SUFFIX = {LetterFormat.ODT: ".odt", LetterFormat.PDF: ".pdf"}
PREVIEW_LEAST = 30  # the preview is never narrower than this many characters
PREVIEW_BESIDE = 45  # beside the choices only where it has room for this many
PREVIEW_LINES = 6  # and never lower than this many lines


def documents_folder() -> Path:
    """Where a letter is first offered to be saved: the person's Documents folder if there
    is one, else their home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def blanks_sentence(blanks: tuple[str, ...]) -> str:
    """Like "2 things to fill in before sending: your address; the reference"."""
    if not blanks:
        return translate("LettersDialog", "Nothing left blank.")
    return translate_n(
        "LettersDialog", "%n thing(s) to fill in before sending: {blanks}", len(blanks)
    ).format(blanks="; ".join(blanks))


class LettersDialog(QDialog):
    saved = Signal(str)  # the path a letter was saved to
    logged = Signal(str)  # the id of the "sent" event added for it

    def __init__(
        self, vault: Vault, person_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.letter: Letter | None = None
        self.setWindowTitle(self.tr("Letters"))
        outer = QVBoxLayout(self)
        people = [p.record for p in vault.people() if not p.damaged]
        self.choices = LetterChoices(vault, people, person_id)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.choices)
        self.splitter.addWidget(self._preview())
        self.splitter.setStretchFactor(1, 1)
        # What does not fit scrolls up and down, never sideways; the buttons stay in sight.
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setWidget(self.splitter)
        self.body.viewport().installEventFilter(self)
        outer.addWidget(self.body, 1)
        self._bottom(outer)
        chain = [*self.choices.controls(), self.preview, self.log_sent, *self.buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        # About 150 characters by 40 lines of the text in use, never bigger than the screen.
        fit_to_text(self, 150, 40)
        self.choices.changed.connect(self._compose)
        self.choices.relaid.connect(self._choices_tall_enough)
        self.splitter.splitterMoved.connect(self._choices_tall_enough)
        self.choices.list_entries()
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]
        self.choices.kind.setFocus()

    # -- building ------------------------------------------------------------------------

    def _preview(self) -> QWidget:
        self.preview = named(
            QTextBrowser(),
            self.tr("The letter as it will be"),
            self.tr("The letter as it will be saved; highlighted words are left to fill in"),
        )
        self.preview.setOpenLinks(False)
        # Read by moving through it with the keyboard; Tab leaves it for the next control.
        self.preview.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.preview.setTabChangesFocus(True)
        metrics = self.fontMetrics()
        self.preview.setMinimumWidth(metrics.averageCharWidth() * PREVIEW_LEAST)
        return self.preview

    def _bottom(self, outer: QVBoxLayout) -> None:
        self.blanks = QLabel()  # read as it is: what is left to fill in
        self.blanks.setWordWrap(True)
        self.log_sent = named(QCheckBox(), self.tr("Log this letter as sent"))
        row = QHBoxLayout()
        self.save_odt = named(
            QPushButton(self.tr("Save as ODT…")),
            self.tr("Save as ODT"),
            self.tr("An editable document, to finish in a word processor"),
        )
        self.save_pdf = named(
            QPushButton(self.tr("Save as PDF…")),
            self.tr("Save as PDF"),
            self.tr("A PDF, to print or send as it is"),
        )
        self.close_button = named(QPushButton(self.tr("Close")), self.tr("Close"))
        self.buttons = [self.save_odt, self.save_pdf, self.close_button]
        self.save_odt.setDefault(True)
        self.save_odt.clicked.connect(lambda: self.choose_and_save(LetterFormat.ODT))
        self.save_pdf.clicked.connect(lambda: self.choose_and_save(LetterFormat.PDF))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.save_odt)
        row.addWidget(self.save_pdf)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.message = QLabel()  # what saving did, in one sentence
        self.message.setWordWrap(True)
        self.message.hide()  # no room taken until there is something to say
        outer.addWidget(self.blanks)
        outer.addWidget(self.log_sent)
        outer.addLayout(row)
        outer.addWidget(self.message)

    # -- fitting the window --------------------------------------------------------------

    def side_by_side(self) -> bool:
        return self.splitter.orientation() == Qt.Orientation.Horizontal

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.body.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()  # the room the choices and the letter share has changed
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        """The choices beside the letter where there is room for both; else above it, the
        letter as tall as the window, and the whole scrolling (at a big text size)."""
        chars = self.fontMetrics().averageCharWidth()
        room = self.body.viewport().width()
        wide = room >= self.choices.minimumSizeHint().width() + chars * PREVIEW_BESIDE
        lines = self.fontMetrics().lineSpacing() * PREVIEW_LINES
        if wide:
            self.preview.setMinimumHeight(lines)
        else:  # scrolled to, the letter fills the window
            self.preview.setMinimumHeight(max(self.body.viewport().height() - chars, lines))
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if orientation != self.splitter.orientation() or not self.splitter.property("fitted"):
            self.splitter.setProperty("fitted", True)
            self.splitter.setOrientation(orientation)
            if wide:
                first = max(room * 2 // 5, self.choices.minimumSizeHint().width())
                self.splitter.setSizes([first, max(room - first, 1)])
        self._choices_tall_enough()

    def _choices_tall_enough(self, *_args: object) -> None:
        """The choices as tall as their words need at the width they have (a splitter gives
        a wrapped sentence no more lines than its shortest, which overlapped what follows)."""
        width = self.choices.width() if self.side_by_side() else self.body.viewport().width()
        self.choices.setMinimumHeight(self.choices.heightForWidth(width))

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The control the keyboard moves to is scrolled into view."""
        if new is not None and self.splitter.isAncestorOf(new):
            self.body.ensureWidgetVisible(new, 20, 20)

    # -- the letter ----------------------------------------------------------------------

    def _compose(self) -> None:
        """Compose the letter again from the choices, and show it."""
        try:
            request = self.choices.request()
        except InvalidInput:
            self._cannot(self.tr("Type the letter's date day first, like 5/3/2026."))
            return
        try:
            letter = compose(self.vault, request)
        except CompanionError as exc:
            self._cannot(describe(exc))
            return
        self.letter = letter
        self.choices.composed(letter)
        self.preview.setHtml(letter.html)
        self.blanks.setText(blanks_sentence(letter.blanks))
        self.preview.setAccessibleDescription(self.blanks.text())  # said on coming to it
        self._offer_log(letter)
        for button in (self.save_odt, self.save_pdf):
            button.setEnabled(True)

    def _cannot(self, why: str) -> None:
        """No letter can be made from the choices as they are: say why, and save nothing."""
        self.letter = None
        self.preview.setPlainText(why)
        self.blanks.setText(why)
        self._offer_log(None)
        for button in (self.save_odt, self.save_pdf):
            button.setEnabled(False)

    def _offer_log(self, letter: Letter | None) -> None:
        """ "Log this letter as sent on [date]", where sending it is a step to record."""
        if letter is not None and letter.sent_kind is not None:
            self.log_sent.setEnabled(True)
            self.log_sent.setText(
                self.tr("Log this letter as sent on {date}").format(date=long_date(letter.on))
            )
            return
        self.log_sent.setChecked(False)
        self.log_sent.setEnabled(False)
        self.log_sent.setText(
            self.tr("Nothing to log as sent: this kind of letter starts no deadline.")
            if letter is not None
            else self.tr("Log this letter as sent")
        )

    # -- saving --------------------------------------------------------------------------

    def suggested_path(self, fmt: LetterFormat) -> Path:
        """Named from the kind and the date, in the Documents folder if there is one."""
        assert self.letter is not None
        name = f"{self.letter.kind.value}-letter-{self.letter.on.isoformat()}{SUFFIX[fmt]}"
        return documents_folder() / name

    def choose_and_save(self, fmt: LetterFormat) -> None:
        if self.letter is None:
            return
        kinds = {
            LetterFormat.ODT: self.tr("Editable document (*.odt)"),
            LetterFormat.PDF: self.tr("PDF (*.pdf)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the letter"), str(self.suggested_path(fmt)), kinds[fmt]
        )
        if name:
            self.save_to(Path(name), fmt)

    def save_to(self, path: Path, fmt: LetterFormat) -> None:
        """Write the letter whole, or not at all; then log it as sent, if that was chosen.
        Whatever happens, the window stays open and keeps every choice."""
        letter = self.letter
        if letter is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            save_letter(self.vault, letter, fmt, path)
        except CompanionError as exc:
            self._say(describe(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.saved.emit(str(path))
        if not (self.log_sent.isChecked() and letter.sent_kind is not None):
            self._say(self.tr("Saved to {path}.").format(path=path))
            return
        try:
            event = log_sent(self.vault, letter, letter.on)
        except CompanionError as exc:
            self._say(
                self.tr("Saved to {path}, but it could not be logged as sent: {why}").format(
                    path=path, why=describe(exc)
                )
            )
            return
        self.log_sent.setChecked(False)  # saved again (as a PDF too), it is not logged twice
        self._say(
            self.tr("Saved to {path}, and logged as sent on {date}.").format(
                path=path, date=long_date(letter.on)
            )
        )
        self.logged.emit(event.record.id)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.message.show()

    def done(self, result: int) -> None:
        """Closed (or the app locking): the letter is not kept in the hidden window."""
        self.letter = None
        self.preview.clear()
        self.choices.entries.clear()
        super().done(result)
