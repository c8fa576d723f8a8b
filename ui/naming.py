"""What every control is called: the name a screen reader announces, and its tooltip."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

from companion.i18n import translate

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, tip: str = "") -> W:
    """Give a control the name a screen reader announces, and a tooltip."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip or name)
    return widget


def not_recorded() -> str:
    return translate("Widgets", "Not recorded")
