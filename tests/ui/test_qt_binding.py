"""The Qt binding in use must not wear away Python's own objects.

PySide6 6.12.0 on Python 3.11 lost a reference to None in almost every method that returns
nothing, so after enough clicks and keystrokes the interpreter aborted. pyproject.toml keeps
that version out; this test fails if any installed binding behaves that way again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QLabel, QWidget


def test_methods_that_return_nothing_do_not_lose_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    label, widget, font = QLabel(), QWidget(), QFont()
    qtbot.addWidget(label)
    qtbot.addWidget(widget)
    layout = QTextLayout("a few words", font)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("words")
        widget.setEnabled(True)
        font.setPointSizeF(10.5)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(100)
        line.setPosition(QPointF(0, 0))
        layout.endLayout()
    assert sys.getrefcount(None) - before > -50  # a lost reference per call would be -3,500
