"""How hard a passphrase is to guess, and a suggestion that is easy to remember.

Strength comes from zxcvbn, which estimates how many guesses an attacker
would need; what it found (a common password, a keyboard pattern, a date) is
turned into our own plain, translatable sentences. Suggestions are five words
from the EFF's long word list, picked by xkcdpass with the operating system's
secure random source: about 64 bits, and far easier to remember than symbols.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from xkcdpass import xkcd_password
from zxcvbn import zxcvbn

from companion.i18n import translate

# zxcvbn scores 0 to 4; 3 is "safely unguessable" against an attacker who has
# the file and must pay for every guess, which Argon2id makes expensive.
GOOD_ENOUGH = 3
MIN_LENGTH = 8
WORDS = 5

_VERDICTS = [
    QT_TRANSLATE_NOOP("Passphrase", "Very easy to guess"),
    QT_TRANSLATE_NOOP("Passphrase", "Easy to guess"),
    QT_TRANSLATE_NOOP("Passphrase", "Could be guessed"),
    QT_TRANSLATE_NOOP("Passphrase", "Hard to guess"),
    QT_TRANSLATE_NOOP("Passphrase", "Very hard to guess"),
]

_REASONS = {
    "passwords": QT_TRANSLATE_NOOP("Passphrase", "It is one of the most common passwords."),
    "user_inputs": QT_TRANSLATE_NOOP(
        "Passphrase", "It contains a name or number from your records."
    ),
    "dictionary": QT_TRANSLATE_NOOP("Passphrase", "It is mostly a single common word or name."),
    "spatial": QT_TRANSLATE_NOOP("Passphrase", "It contains a keyboard pattern like qwerty."),
    "repeat": QT_TRANSLATE_NOOP("Passphrase", "It repeats letters or a pattern, like aaa."),
    "sequence": QT_TRANSLATE_NOOP("Passphrase", "It contains a sequence like abc or 123."),
    "date": QT_TRANSLATE_NOOP("Passphrase", "It contains a date, which is easy to guess."),
    "regex": QT_TRANSLATE_NOOP("Passphrase", "It contains a recent year."),
    "short": QT_TRANSLATE_NOOP("Passphrase", "It is short."),
}


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very easy to guess) to 4 (very hard)
    verdict: str
    reasons: tuple[str, ...]

    @property
    def good_enough(self) -> bool:
        return self.score >= GOOD_ENOUGH


def assess(passphrase: str, personal: Iterable[str] = ()) -> Strength:
    """Judge a passphrase; `personal` are words from the records (names, NI numbers) to avoid."""
    if not passphrase:
        return Strength(0, translate("Passphrase", _VERDICTS[0]), ())
    words = [w for text in personal for w in text.split() if len(w) > 2]
    result = zxcvbn(passphrase[:100], user_inputs=words)
    score = int(result["score"])
    keys: list[str] = []
    if len(passphrase) < MIN_LENGTH:
        score = min(score, GOOD_ENOUGH - 1)
        keys.append("short")
    if score < GOOD_ENOUGH:
        for match in result["sequence"]:
            pattern = match.get("pattern", "")
            key = match.get("dictionary_name") if pattern == "dictionary" else pattern
            if key in ("english_wikipedia", "us_tv_and_film", "surnames", "male_names",
                       "female_names"):  # fmt: skip
                key = "dictionary"
            if key in _REASONS and key not in keys:
                keys.append(key)
    reasons = tuple(translate("Passphrase", _REASONS[k]) for k in keys)
    return Strength(score, translate("Passphrase", _VERDICTS[score]), reasons)


def suggest() -> str:
    """Five random everyday words, like "pester anybody uneasy marsupial zero"."""
    wordfile = xkcd_password.locate_wordfile("eff-long")
    words = xkcd_password.generate_wordlist(wordfile=wordfile, min_length=3, max_length=9)
    return xkcd_password.generate_xkcdpassword(words, numwords=WORDS, delimiter=" ")
