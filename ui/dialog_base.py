"""What every editing dialog shares: questions declared as data, a scrolling body, a message
line, Save and Cancel, and what an unsaved draft needs.

Saving calls the core; if the core refuses (a value it cannot accept), the
dialog stays open, says why in one plain sentence, and puts the cursor on the
field concerned. Nothing typed is lost. Enter in a one-line answer, a drop-down
or a date saves, as does Ctrl+S from anywhere in the form; Enter in a box of
several lines starts a new line. Escape, Cancel and the window's close button
ask before throwing away anything typed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, InvalidInput
from companion.messages import describe
from ui.questions import Env, Laid, Question, lay_out
from ui.screen_fit import fit_to_screen
from ui.theme import BASE_POINTS
from ui.widgets import message_line, named

Saver = Callable[[Any], Any]
# What a draft's restore may raise on data it cannot use; the question is then left as it is.
UNREADABLE = (TypeError, ValueError, LookupError, AttributeError, OverflowError, CompanionError)


class EditDialog(QDialog):
    """A form for one record. Subclasses declare their questions, call `ask_all` with them,
    then `opened` with the record being corrected (or None)."""

    edited = Signal()  # any question changed: typing, ticking, choosing
    draft_kind: ClassVar[str] = ""  # "appointment", "event" or "person"
    record_type: ClassVar[type] = object

    def __init__(
        self,
        title: str,
        save: Saver,
        parent: QWidget | None = None,
        *,
        size: tuple[int, int] = (640, 620),
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        self.original: Any = None
        self.questions: list[Question] = []
        self.laid = Laid()
        self.fields: dict[str, QWidget] = {}
        self.result_value: Any = None
        self._filling = False
        self._opened_as: dict[str, Any] = {}
        self._asking: QMessageBox | None = None
        outer = QVBoxLayout(self)
        self.message = message_line()
        self.message.hide()
        outer.addWidget(self.message)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        # Tab goes to the questions, not the frame.
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.scroll, 1)
        # Made inside the dialog from the start, so Save is its default button (pressed by
        # Enter) rather than the first button Qt finds when the dialog is shown.
        buttons = QDialogButtonBox(self)
        outer.addWidget(buttons)
        self.save_button = named(
            buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole),
            self.tr("Save"),
            self.tr("Save (Enter, or Ctrl+S from anywhere in the form)"),
        )
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        named(self.cancel_button, self.tr("Cancel"), self.tr("Close without saving"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.cancel)
        QShortcut(QKeySequence("Ctrl+S"), self, self._try_save)
        # Bigger text needs a bigger window (never bigger than the screen: it scrolls inside).
        scale = max(1.0, self.font().pointSizeF() / BASE_POINTS)
        fit_to_screen(self, round(size[0] * scale), round(size[1] * scale))
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]

    # -- the questions ------------------------------------------------------------------

    def ask_all(self, questions: Sequence[Question], env: Env) -> None:
        """Lay out the declared questions, in order, and listen for every change."""
        self.questions = list(questions)
        self.laid = lay_out(self.questions, env, self.layout_)
        self.fields.update(self.laid.inputs)
        for widget in self.laid.inputs.values():
            widget.changed.connect(self._changed)  # type: ignore[attr-defined]

    def opened(self, original: Any, first: str | None = None) -> None:
        """Fill from the record being corrected, if any; note how the form opened (so closing
        it untouched asks nothing); and put the cursor on the first question."""
        self.original = original
        self.layout_.addStretch(1)
        if original is not None:
            for question in self.questions:
                if question.only_new:  # an entry stays with its person
                    self.fields[question.name].setEnabled(False)
            self.fill(original)
        else:
            self.after_fill()
        self._opened_as = self.draft_values()
        self.fields[first or self.questions[0].name].setFocus()

    def _changed(self) -> None:
        if not self._filling:
            self.edited.emit()

    def fill(self, record: Any) -> None:
        """Show a saved record's answers."""
        self._filling = True
        try:
            for question in self.questions:
                self.fields[question.name].set_value(getattr(record, question.name))  # type: ignore[attr-defined]
        finally:
            self._filling = False
        self.after_fill()

    def after_fill(self) -> None:
        """What follows from the answers once they are all in (overridden)."""

    def build(self) -> Any:
        """Make the record from the answers (InvalidInput, naming the field, if one cannot be
        read). A correction keeps what only a new record is asked, such as whose it is."""
        values = {
            question.name: self.fields[question.name].value()  # type: ignore[attr-defined]
            for question in self.questions
            if not (question.only_new and self.original is not None)
        }
        return self.record_from(values)

    def record_from(self, values: dict[str, Any]) -> Any:
        if self.original is not None:
            return dataclasses.replace(self.original, **values)
        return self.record_type(**values)

    # -- drafts -------------------------------------------------------------------------

    def draft_values(self) -> dict[str, Any]:
        """Everything typed, as plain JSON data, kept as typed even where it cannot be read
        yet (a half-typed date)."""
        return {name: widget.draft() for name, widget in self.fields.items()}  # type: ignore[attr-defined]

    def restore_draft(self, values: Mapping[str, Any]) -> None:
        """Put a draft's answers back. Names this form does not ask, and values it cannot
        read, are left out; a bad draft never stops the form opening."""
        if not isinstance(values, Mapping):
            return
        self._filling = True
        try:
            for question in self.questions:
                if question.name not in values:
                    continue
                if question.only_new and self.original is not None:
                    continue
                try:
                    self.fields[question.name].restore(values[question.name])  # type: ignore[attr-defined]
                except UNREADABLE:
                    continue
        finally:
            self._filling = False
        self.after_fill()
        self.edited.emit()

    def typed(self) -> bool:
        """Whether anything differs from how the form opened."""
        return self.draft_values() != self._opened_as

    # -- closing ------------------------------------------------------------------------

    def may_close(self) -> bool:
        """True when nothing typed would be lost, or when the person chose to throw it away."""
        if not self.typed():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Throw away what you typed?"))
        box.setText(self.tr("Throw away what you typed?"))
        box.setInformativeText(self.tr("What you typed in this form has not been saved."))
        keep = box.addButton(self.tr("Keep writing"), QMessageBox.ButtonRole.RejectRole)
        throw = box.addButton(self.tr("Throw it away"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)  # Enter pressed without reading keeps the words
        box.setEscapeButton(keep)
        self._asking = box
        try:
            box.exec()
        finally:
            self._asking = None
        return box.clickedButton() is throw

    def cancel(self) -> None:
        """Cancel or Escape: close, asking first if anything typed would be lost."""
        if self.may_close():
            self.reject()

    def close_without_asking(self) -> None:
        """Close without the question (the app is locking, and the draft is kept)."""
        if self._asking is not None:
            self._asking.reject()
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        # The window's close button (from the desktop, so spontaneous) asks; a close from
        # the app itself does not.
        if event.spontaneous() and self.isVisible() and not self.may_close():
            event.ignore()
            return
        super().closeEvent(event)

    # -- saving -------------------------------------------------------------------------

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.body.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 40, 40)

    def _try_save(self) -> None:
        try:
            self.result_value = self._save(self.build())
        except CompanionError as exc:
            self.show_problem(exc)
            return
        self.accept()

    def show_problem(self, exc: CompanionError) -> None:
        self.message.setText(describe(exc))
        self.message.show()
        self.message.setAccessibleName(self.message.text())
        if isinstance(exc, InvalidInput) and exc.field in self.fields:
            self.fields[exc.field].setFocus()
