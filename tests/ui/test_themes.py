"""Themes: readable contrast in every theme (AAA for high contrast), and safe to switch."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from companion.resources import resource
from ui import theme
from ui.main_window import MainWindow
from ui.settings import THEMES


def luminance(hex_colour: str) -> float:
    """Relative luminance, as WCAG 2 defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_pairs(name: str) -> list[tuple[str, str, str]]:
    """(where, text colour, background) for every rule and palette pairing of a theme."""
    colours = theme.palette_colours(name)
    pairs = [
        ("palette text on window", colours["text"], colours["window"]),
        ("palette text on base", colours["text"], colours["base"]),
        ("palette text on alternate rows", colours["text"], colours["alternate"]),
        ("palette text on buttons", colours["text"], colours["button"]),
        ("palette selected text", colours["highlighted-text"], colours["highlight"]),
        ("palette problems", colours["problem"], colours["window"]),
        ("palette links", colours["link"], colours["base"]),
    ]
    sheet = resource("styles", f"{name}.qss").read_text(encoding="utf-8")
    for selector, body in re.findall(r"([^{}/]+)\{([^}]*)\}", sheet):
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        bg = re.search(r"background-color:\s*(#[0-9a-fA-F]{6})", body)
        if fg and bg:
            pairs.append((selector.strip()[:40], fg.group(1), bg.group(1)))
        sel_fg = re.search(r"selection-color:\s*(#[0-9a-fA-F]{6})", body)
        sel_bg = re.search(r"selection-background-color:\s*(#[0-9a-fA-F]{6})", body)
        if sel_fg and sel_bg:
            pairs.append((selector.strip()[:40] + " selection", sel_fg.group(1), sel_bg.group(1)))
    return pairs


@pytest.mark.parametrize(
    ("name", "needed"), [("light", 4.5), ("dark", 4.5), ("high-contrast", 7.0)]
)
def test_every_text_colour_is_readable_on_its_background(name: str, needed: float) -> None:
    pairs = text_pairs(name)
    assert len(pairs) > 10
    weak = [
        (where, fg, bg, round(contrast(fg, bg), 2))
        for where, fg, bg in pairs
        if contrast(fg, bg) < needed
    ]
    assert weak == []


def test_high_contrast_meets_wcag_aaa_for_the_main_text() -> None:
    colours = theme.palette_colours("high-contrast")
    assert contrast(colours["text"], colours["window"]) >= 7
    assert contrast(colours["highlighted-text"], colours["highlight"]) >= 7


def test_switching_themes_and_text_size_again_and_again_is_safe(
    qtbot, qapp: QApplication, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        for name in THEMES:
            for percent in (100, 150, 200):
                theme.apply(qapp, name, percent)
                qapp.processEvents()
    assert qapp.font().pointSizeF() == pytest.approx(theme.BASE_POINTS * 2)
    assert qapp.font().family() == "Atkinson Hyperlegible Next"
    assert theme.colour("window").name() == "#000000"  # the last theme applied: high contrast


def test_the_toolbars_pictures_take_the_new_themes_colours(
    qtbot, qapp: QApplication, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    """Black pictures on a black high-contrast toolbar could not be seen: they are redrawn."""

    def pictures() -> list[bytes]:
        return [
            bytes(a.icon().pixmap(24, 24).toImage().constBits())  # type: ignore[call-overload]
            for a in window.toolbar.actions()
        ]

    theme.apply(qapp, "light", 100)
    window.refresh_look()
    light = pictures()
    theme.apply(qapp, "high-contrast", 100)
    window.refresh_look()
    contrast_pictures = pictures()
    theme.apply(qapp, "light", 100)
    window.refresh_look()
    assert all(a != b for a, b in zip(light, contrast_pictures, strict=True))
