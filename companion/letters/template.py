"""Letter templates: plain text files in resources/letters/, filled from the record.

A template has sections (`[title]`, `[to]`, `[greeting]`, `[body]`, `[closing]`), each a
run of paragraphs separated by a blank line; a paragraph's lines are joined with spaces.
`{name}` is filled from the record; a paragraph that is only `{name}` may be filled with a
list; a paragraph starting `?flag ` is kept only when that flag holds (`?!flag`: only when it
does not); a paragraph whose lines start `- ` is a list. Lines starting `#` are notes for
whoever edits the file. Each paragraph goes through Qt's translation before it is filled, so
a translation can be loaded without touching the files.

Filling never guesses: a placeholder or flag with no value, or a stray brace, raises
TemplateError naming the file, so a letter with an unfilled `{...}` can never be made.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from companion.i18n import translate
from companion.resources import resource

PLACEHOLDER = re.compile(r"\{(\w+)\}")
SECTIONS = ("title", "to", "greeting", "body", "closing")
# Where a value the app does not know stands: yellow behind black, readable in print too.
BLANK_STYLE = "background-color:#ffeb3b; color:#000000;"


class TemplateError(Exception):
    """A template uses something it is not given, or is not written as templates are (a
    fault in the app's own files, never in what a person typed)."""


@dataclass(frozen=True)
class Blank:
    """A value the app does not know: highlighted in the letter and listed to fill in."""

    label: str


Inline = str | Blank
Text = tuple[Inline, ...]


@dataclass(frozen=True)
class Items:
    """A list, one line per item."""

    items: tuple[Text, ...]


Value = str | Blank | tuple | Items  # a tuple is a Text
Block = Text | Items


@dataclass(frozen=True)
class Template:
    name: str
    sections: dict[str, tuple[str, ...]]  # section: its paragraphs as written


def parse(name: str, source: str) -> Template:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph and current is not None:
            # A list's items each start "- "; any other line continues the one before.
            text = ""
            for line in paragraph:
                joiner = "\n" if line.startswith("- ") and text else " "
                text = f"{text}{joiner}{line}" if text else line
            current.append(text)
        paragraph.clear()

    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            end_paragraph()
            if heading[1] not in SECTIONS or heading[1] in sections:
                raise TemplateError(f"{name}, line {number}: section [{heading[1]}]")
            current = sections.setdefault(heading[1], [])
        elif not line:
            end_paragraph()
        elif current is None:
            raise TemplateError(f"{name}, line {number}: text before the first [section]")
        else:
            paragraph.append(line)
    end_paragraph()
    if "title" not in sections or "body" not in sections:
        raise TemplateError(f"{name}: a template needs [title] and [body]")
    return Template(name, {key: tuple(value) for key, value in sections.items()})


@functools.cache
def load(name: str) -> Template:
    """The template `resources/letters/NAME.txt`."""
    path = resource("letters", f"{name}.txt")
    return parse(name, path.read_text(encoding="utf-8"))


def _as_text(value: Value, where: str) -> Text:
    if isinstance(value, str | Blank):
        return (value,)
    if isinstance(value, tuple):
        return value
    raise TemplateError(f"{where}: a list can only stand alone as a paragraph")


def _check_literal(text: str, where: str) -> str:
    if "{" in text or "}" in text:
        raise TemplateError(f"{where}: a brace that is not a placeholder: {text!r}")
    return text


def fill_paragraph(source: str, values: dict[str, Value], where: str) -> Block:
    if source.startswith("- "):
        items = [item.strip() for item in source[2:].split("\n- ")]
        return Items(tuple(_fill_text(item, values, where) for item in items))
    whole = PLACEHOLDER.fullmatch(source)
    if whole and isinstance(values.get(whole[1]), Items):
        return values[whole[1]]  # type: ignore[return-value]
    return _fill_text(source, values, where)


def _fill_text(source: str, values: dict[str, Value], where: str) -> Text:
    pieces: list[Inline] = []
    position = 0
    for match in PLACEHOLDER.finditer(source):
        pieces.append(_check_literal(source[position : match.start()], where))
        if match[1] not in values:
            raise TemplateError(f"{where}: {{{match[1]}}} has no value")
        pieces.extend(_as_text(values[match[1]], where))
        position = match.end()
    pieces.append(_check_literal(source[position:], where))
    return tuple(p for p in pieces if p != "")


def fill(
    template: Template, values: dict[str, Value], flags: dict[str, bool]
) -> dict[str, list[Block]]:
    """Each section's paragraphs, translated, kept or dropped by their flags, and filled."""
    filled: dict[str, list[Block]] = {}
    for section, paragraphs in template.sections.items():
        blocks: list[Block] = []
        for source in paragraphs:
            where = f"{template.name} [{section}]"
            text = translate("Letters", source)
            condition = re.match(r"\?(!?)(\w+)\s+", text)
            if condition:
                if condition[2] not in flags:
                    raise TemplateError(f"{where}: the condition ?{condition[2]} has no value")
                if flags[condition[2]] == bool(condition[1]):
                    continue
                text = text[condition.end() :]
            block = fill_paragraph(text, values, where)
            if block:
                blocks.append(block)
        filled[section] = blocks
    return filled


def plain(text: Text) -> str:
    """The words of a text, a blank as its label in brackets."""
    return "".join(p if isinstance(p, str) else f"[{p.label}]" for p in text)


class Page:
    """Qt rich text built in reading order, noting each blank as it is written."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blanks: list[str] = []

    def inline(self, text: Text) -> str:
        out = []
        for piece in text:
            if isinstance(piece, Blank):
                if piece.label not in self.blanks:
                    self.blanks.append(piece.label)
                label = html.escape(f"[{piece.label}]", quote=False)
                out.append(f'<span style="{BLANK_STYLE}">{label}</span>')
            else:
                out.append(html.escape(piece, quote=False).replace("\n", "<br/>"))
        return "".join(out)

    def paragraph(self, text: Text, attributes: str = "") -> None:
        self.parts.append(f"<p{attributes}>{self.inline(text)}</p>")

    def lines(self, lines: list[Text], attributes: str = "") -> None:
        """A block of lines (an address), each its own paragraph with no space between: a
        line break would reach an ODT as a tab and a break (Qt's ODF writer)."""
        kept = [line for line in lines if line]
        for number, line in enumerate(kept, start=1):
            after = "12px" if number == len(kept) else "0"
            style = f' style="margin-top:0; margin-bottom:{after};"'
            self.parts.append(f"<p{attributes}{style}>{self.inline(line)}</p>")

    def items(self, items: Items) -> None:
        rows = "".join(f"<li>{self.inline(item)}</li>" for item in items.items)
        self.parts.append(f"<ul>{rows}</ul>")

    def block(self, block: Block) -> None:
        if isinstance(block, Items):
            self.items(block)
        else:
            self.paragraph(block)

    def heading(self, text: Text, level: int = 2) -> None:
        self.parts.append(f"<h{level}>{self.inline(text)}</h{level}>")

    def raw(self, markup: str) -> None:
        self.parts.append(markup)

    def html(self, title: str) -> str:
        body = "\n".join(self.parts)
        return (
            '<html><head><meta charset="utf-8"/>'
            f"<title>{html.escape(title)}</title></head><body>\n{body}\n</body></html>"
        )
