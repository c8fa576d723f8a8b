"""What every editing dialog shares: a scrolling body, a message line, Save and Cancel.

Saving calls the core; if the core refuses (a value it cannot accept), the
dialog stays open, says why in one plain sentence, and puts the cursor on the
field concerned. Nothing typed is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.errors import CompanionError, InvalidInput
from companion.messages import describe
from ui.widgets import named

Saver = Callable[[Any], Any]
W = TypeVar("W", bound=QWidget)


class EditDialog(QDialog):
    """Subclasses add their controls to `layout_`, list them in `fields` and override `build`."""

    def __init__(self, title: str, save: Saver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        self.fields: dict[str, QWidget] = {}
        self.result_value: Any = None
        outer = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        outer.addWidget(self.message)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        self.scroll.setFocusPolicy(
            Qt.FocusPolicy.NoFocus
        )  # Tab goes to the questions, not the frame
        outer.addWidget(self.scroll, 1)
        buttons = QDialogButtonBox()
        self.save_button = named(
            buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole),
            self.tr("Save"),
        )
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, self.tr("Cancel"), self.tr("Close without saving"))
        self.save_button.setDefault(True)
        buttons.accepted.connect(self._try_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        QApplication.instance().focusChanged.connect(self._follow_focus)  # type: ignore[union-attr]

    def ask(self, form: QFormLayout, name: str, question: str, widget: W) -> W:
        """Add a question to a form: its label (wrapped, and a buddy for Alt+letter and screen
        readers), its control named after it, remembered in `fields` under `name`."""
        text = QLabel(question)
        text.setWordWrap(True)
        text.setBuddy(widget)
        form.addRow(text, widget)
        if not widget.accessibleName():
            named(widget, question.rstrip("?:"))
        self.fields[name] = widget
        return widget

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.body.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 40, 40)

    def build(self) -> Any:
        """Make the record from the controls (may raise InvalidInput). Overridden."""
        return None

    def record_from(self, values: dict[str, Any], make: Callable[..., Any], **new: Any) -> Any:
        """A correction of the record being edited, or a new record made with `make`; `new`
        holds what only a new record needs (such as whose it is)."""
        original = getattr(self, "original", None)
        if original is not None:
            return dataclasses.replace(original, **values)
        return make(**new, **values)

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
