"""The dispute so far, for one person: each letter and step in date order, the deadline it
started and whether the next step met it, in the same words as the exports. Read only."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from companion.i18n import long_date
from companion.presentation.dispute import StepWords
from ui.widgets import named
from ui.window_size import fit_to_text


def _as_html(steps: list[StepWords], overdue_word: str) -> str:
    parts = []
    for words in steps:
        parts.append(f"<p><b>{html.escape(long_date(words.day))}: {html.escape(words.what)}</b>")
        if words.deadline:
            parts.append(f"<br>{html.escape(words.deadline)}")
        if words.outcome:
            # Said in words; bold as well, never by colour alone.
            text = html.escape(words.outcome)
            if words.overdue:
                parts.append(f"<br><b>{overdue_word} {text}</b>")
            else:
                parts.append(f"<br><b>{text}</b>" if words.late else f"<br>{text}")
        parts.append("</p>")
    return "".join(parts)


class DisputeWindow(QDialog):
    def __init__(self, name: str, steps: list[StepWords], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The dispute so far: {name}").format(name=name))
        box = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Each letter and step recorded for {name}, in date order, with the deadline it "
                "started and whether the next step met it. Each date is when a thing must be "
                "received by. This is not legal advice: check the current rules."
            ).format(name=name)
        )
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.steps = named(
            QTextBrowser(),
            self.tr("The dispute so far"),
            self.tr("Each step, its deadline, and whether it was met"),
        )
        self.steps.setOpenLinks(False)
        self.steps.setTabChangesFocus(True)  # Tab leaves it, as everywhere else
        if steps:
            self.steps.setHtml(_as_html(steps, self.tr("Overdue:")))
        else:
            self.steps.setPlainText(
                self.tr(
                    "No letters or steps of a dispute are recorded for {name} yet. Add one with "
                    "New letter or event."
                ).format(name=name)
            )
        box.addWidget(self.steps, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        named(close, self.tr("Close"))
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        fit_to_text(self, 90, 32)
        self.steps.setFocus()
