"""Contrast, boxes and focus, computed from the style sheets themselves.

Every text colour and every control border is checked against what lies behind it
(7:1 in high contrast; 4.5:1 for text and 3:1 for borders otherwise), every kind of
control that takes focus gets a thick focus frame, tick boxes and round choices always
show their box, and a disabled control looks disabled even when ticked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from companion.resources import resource
from ui import theme
from ui.passphrase_fields import PassphraseFields

THEMES = ["light", "dark", "high-contrast"]
TEXT_NEEDED = {"light": 4.5, "dark": 4.5, "high-contrast": 7.0}
BORDER_NEEDED = {"light": 3.0, "dark": 3.0, "high-contrast": 7.0}
HEX = r"#[0-9a-fA-F]{6}"
FOCUSABLE = [
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QListWidget,
    QTableView,
    QPushButton,
    QToolButton,
    QCheckBox,
    QRadioButton,
    QComboBox,
    QSpinBox,
    QDateEdit,
]
BOXED = [QLineEdit, QPlainTextEdit, QListWidget, QTableView, QComboBox, QSpinBox, QDateEdit]


def luminance(hex_colour: str) -> float:
    """Relative luminance, as WCAG 2 defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]
    props: dict[str, str]

    def colour(self, name: str) -> str | None:
        found = re.search(rf"(?<![-\w]){name}:\s*({HEX})", self.text)
        return found.group(1).lower() if found else None

    @property
    def text(self) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.props.items())

    def borders(self) -> list[tuple[str, int, str]]:
        """(property, width in px, colour) of every border this rule draws."""
        out = []
        for key, value in self.props.items():
            if re.fullmatch(r"border(-(top|bottom|left|right))?", key):
                width = re.search(r"(\d+)px", value)
                colour = re.search(HEX, value)
                if width and colour and "none" not in value:
                    out.append((key, int(width.group(1)), colour.group(0).lower()))
        return out


def rules(name: str) -> list[Rule]:
    sheet = resource("styles", f"{name}.qss").read_text(encoding="utf-8")
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        props = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                key, value = declaration.split(":", 1)
                props[key.strip()] = value.strip()
        found.append(Rule(tuple(s.strip() for s in selector.split(",")), props))
    return found


def window_background(name: str) -> str:
    (rule,) = [r for r in rules(name) if r.selectors == ("QWidget",)]
    colour = rule.colour("background-color")
    assert colour is not None
    return colour


def applying(name: str, kind: type[QWidget], state: str = "", sub: str = "") -> list[Rule]:
    """The rules that style `kind` (or a class it is made from) in `state`, in sheet order."""
    bases = {cls.__name__ for cls in kind.__mro__}
    wanted = {f"{b}{sub}{state}" for b in bases}
    return [r for r in rules(name) if wanted & set(r.selectors)]


def own_background(name: str, kind: type[QWidget]) -> str:
    colours = [r.colour("background-color") for r in applying(name, kind)]
    return [c for c in colours if c][-1]


@pytest.mark.parametrize("name", THEMES)
def test_every_text_colour_is_readable_on_what_is_behind_it(name: str) -> None:
    window = window_background(name)
    weak = []
    for rule in rules(name):
        for fg_name, bg_name in (
            ("color", "background-color"),
            ("selection-color", "selection-background-color"),
        ):
            fg = rule.colour(fg_name)
            if fg:
                bg = rule.colour(bg_name) or window
                if contrast(fg, bg) < TEXT_NEEDED[name]:
                    weak.append((rule.selectors[0], fg, bg, round(contrast(fg, bg), 2)))
    colours = theme.palette_colours(name)
    for fg in ("text", "disabled", "good", "problem", "placeholder"):
        for bg in ("window", "base", "button"):
            if contrast(colours[fg], colours[bg]) < TEXT_NEEDED[name]:
                weak.append((f"palette {fg} on {bg}", colours[fg], colours[bg], 0))
    assert weak == []


@pytest.mark.parametrize("name", THEMES)
def test_every_control_border_stands_out_from_what_is_behind_it(name: str) -> None:
    window = window_background(name)
    checked = 0
    weak = []
    for rule in rules(name):
        inside = rule.colour("background-color")
        for key, _, colour in rule.borders():
            checked += 1
            for behind in {window, inside or window}:
                if contrast(colour, behind) < BORDER_NEEDED[name]:
                    weak.append((rule.selectors[0], key, colour, behind))
    assert checked >= 12
    assert weak == []


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize(
    ("kind", "sub"),
    [(k, "") for k in BOXED] + [(QCheckBox, "::indicator"), (QRadioButton, "::indicator")],
)
def test_boxes_and_tick_boxes_always_show_their_edge(
    name: str, kind: type[QWidget], sub: str
) -> None:
    window = window_background(name)
    edges = [b for r in applying(name, kind, sub=sub) for b in r.borders()]
    assert edges, f"{kind.__name__}{sub} has no border"
    _, width, colour = edges[-1]
    assert width >= 1 and contrast(colour, window) >= BORDER_NEEDED[name]


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("kind", FOCUSABLE, ids=lambda k: k.__name__)
def test_focus_is_a_thick_frame_that_stands_out(name: str, kind: type[QWidget]) -> None:
    needed = 7.0 if name == "high-contrast" else 3.0
    focus = [b for r in applying(name, kind, ":focus") for b in r.borders()]
    assert focus, f"{kind.__name__} shows no focus"
    _, width, colour = focus[-1]
    plain = [b for r in applying(name, kind) for b in r.borders()]
    plain_width = plain[-1][1] if plain else 0
    assert width >= 2 and width >= plain_width
    for behind in (window_background(name), own_background(name, kind)):
        assert contrast(colour, behind) >= needed, (kind.__name__, colour, behind)
    if plain and plain[-1][2] == colour:
        assert width > plain_width  # the same colour, so the frame must grow


@pytest.mark.parametrize("name", THEMES)
def test_a_disabled_tick_box_is_greyed_with_a_dashed_box(name: str) -> None:
    colours = theme.palette_colours(name)
    assert colours["disabled"] != colours["text"]
    for kind in (QCheckBox, QRadioButton):
        (greyed,) = [r.colour("color") for r in applying(name, kind, ":disabled")]
        assert greyed == colours["disabled"]
        boxes = applying(name, kind, ":disabled", "::indicator")
        assert any("dashed" in r.props.get("border", "") for r in boxes)
    ticked = applying(name, QCheckBox, ":checked", "::indicator")[-1].props["image"]
    ticked_off = applying(name, QCheckBox, ":checked:disabled", "::indicator")[-1].props["image"]
    assert ticked != ticked_off


@pytest.mark.parametrize("name", THEMES)
def test_every_picture_a_sheet_names_is_shipped(name: str) -> None:
    sheet = theme.style_sheet(name)
    urls = re.findall(r"url\(([^)]+)\)", sheet)
    assert len(urls) >= 4
    for url in urls:
        assert QImage(url).isNull() is False, url


def picture(widget: QWidget) -> QImage:
    widget.resize(widget.sizeHint())
    widget.show()
    QApplication.processEvents()
    return widget.grab().toImage()


def pixels(image: QImage, near: str) -> int:
    target = QColor(near)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - target.red())
                + abs(c.green() - target.green())
                + abs(c.blue() - target.blue())
                < 60
            ):
                count += 1
    return count


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_an_unticked_box_is_visible_in_high_contrast(qtbot, qapp: QApplication, kind: type) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, "high-contrast", 100)
    box = kind("")
    qtbot.addWidget(box)
    assert pixels(picture(box), "#ffffff") >= 20  # the box's white edge on black


@pytest.mark.parametrize("name", THEMES)
def test_a_ticked_but_disabled_box_looks_different_from_a_ticked_one(
    qtbot, qapp: QApplication, name: str
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, name, 100)
    on, off = QCheckBox("Remember"), QCheckBox("Remember")
    for box in (on, off):
        qtbot.addWidget(box)
        box.setChecked(True)
    off.setEnabled(False)
    assert picture(on) != picture(off)


@pytest.mark.parametrize("name", THEMES)
def test_good_news_about_a_passphrase_is_never_in_the_problem_colour(
    qtbot, qapp: QApplication, name: str
) -> None:  # type: ignore[no-untyped-def]
    theme.apply(qapp, name, 100)
    fields = PassphraseFields()
    qtbot.addWidget(fields)
    fields.show()
    problem = QColor(theme.palette_colours(name)["problem"])

    def shown_colour() -> QColor:
        fields.strength.ensurePolished()
        return fields.strength.palette().color(fields.strength.foregroundRole())

    fields.first.setText("password")
    assert shown_colour() == problem  # bad news still stands out
    words = "pester anybody uneasy marsupial zero"
    fields.first.setText(words)
    fields.second.setText(words)
    assert "hard to guess" in fields.strength.text().lower()
    assert shown_colour() != problem
    fields.second.setText("pester")
    assert shown_colour() == problem  # not the same yet: still a problem
