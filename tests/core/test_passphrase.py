"""Passphrase strength in plain words, and suggestions that are strong and memorable."""

import pytest

from companion.passphrase import WORDS, assess, suggest


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("password1", "most common passwords"),
        ("zxcvbnm,./", "keyboard pattern"),
        ("aaaaaaaaaaaa", "repeats"),
        ("abcdefgh123", "sequence"),
        ("19/08/1985", "date"),
        ("abc", "short"),
    ],
)
def test_easily_guessed_passphrases_are_refused_with_a_reason(weak: str, reason: str) -> None:
    strength = assess(weak)
    assert not strength.good_enough
    assert any(reason in r for r in strength.reasons), strength.reasons
    assert strength.verdict


def test_names_from_the_records_count_against_a_passphrase() -> None:
    plain = assess("Gwenllian1985")
    personal = assess("Gwenllian1985", personal=["Gwenllian Example"])
    assert personal.score <= plain.score
    assert any("from your records" in r for r in personal.reasons)


def test_a_suggestion_is_five_words_and_hard_to_guess() -> None:
    seen = set()
    for _ in range(5):
        words = suggest()
        assert len(words.split()) == WORDS and assess(words).good_enough
        seen.add(words)
    assert len(seen) == 5  # random every time


def test_an_empty_passphrase_is_not_good_enough() -> None:
    assert not assess("").good_enough
