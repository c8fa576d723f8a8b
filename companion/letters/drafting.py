"""What each kind of letter adds to the common frame: its values, the conditions its template
tests, the rules it relies on with their sources, who it goes to and what the draft notice asks
the writer to check."""

from __future__ import annotations

from dataclasses import dataclass, field

from companion.i18n import translate
from companion.letters.template import Value

Source = tuple[str, str]  # what the rule says, where it is written


def tr(text: str) -> str:
    return translate("Letters", text)


@dataclass
class Content:
    values: dict[str, Value] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    recipient: str = ""  # the organisation it goes to, for the record ("" if not known)
    notes: list[str] = field(default_factory=list)  # what to check, said in the draft notice
