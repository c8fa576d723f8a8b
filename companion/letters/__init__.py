"""Letters a claimant or appointee sends, drafted from the record: a reasonable-adjustment
request, a privacy complaint, a subject access request, a complaint to the ICO, a referral to
the Independent Case Examiner, an evidence summary and a chaser. Each is a draft to check,
with its blanks highlighted and the source of every rule it relies on (docs/letters.md)."""

from companion.letters.compose import Letter, LetterRequest, compose
from companion.letters.kinds import (
    LetterFormat,
    LetterKind,
    has_annex,
    kind_help,
    kind_label,
)
from companion.letters.output import log_sent, render, save_letter
from companion.letters.record import candidates
from companion.letters.template import TemplateError

__all__ = [
    "Letter",
    "LetterFormat",
    "LetterKind",
    "LetterRequest",
    "TemplateError",
    "candidates",
    "compose",
    "has_annex",
    "kind_help",
    "kind_label",
    "log_sent",
    "render",
    "save_letter",
]
