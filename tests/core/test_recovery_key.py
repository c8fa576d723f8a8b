"""The recovery key can be written down and typed back, and a typo is caught as a typo."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.errors import RecoveryKeyTypo
from companion.recovery_key import ALPHABET, TOTAL_CHARS, RecoveryKey


@given(st.binary(min_size=32, max_size=32))
def test_a_shown_key_reads_back_to_the_same_secret(secret: bytes) -> None:
    key = RecoveryKey(secret)
    shown = key.display()
    assert RecoveryKey.parse(shown) == key
    assert RecoveryKey.parse(shown.lower().replace("-", " ")) == key


def test_key_is_shown_as_fourteen_groups_of_four() -> None:
    groups = RecoveryKey.generate().display().split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert all(ch in ALPHABET for g in groups for ch in g)


def test_easily_confused_letters_are_read_as_the_digits_they_look_like() -> None:
    key = RecoveryKey(bytes(32))  # shown as zeros and ones only where it can be
    shown = key.display()
    assert RecoveryKey.parse(shown.replace("0", "O")) == key


@given(st.binary(min_size=32, max_size=32), st.integers(0, TOTAL_CHARS - 1), st.data())
def test_any_single_mistyped_character_is_caught(secret: bytes, index: int, data) -> None:
    chars = RecoveryKey(secret).display().replace("-", "")
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != chars[index]]))
    typo = chars[:index] + wrong + chars[index + 1 :]
    with pytest.raises(RecoveryKeyTypo):
        RecoveryKey.parse(typo)


def test_wrong_length_and_foreign_characters_are_reported_as_typos() -> None:
    shown = RecoveryKey.generate().display()
    with pytest.raises(RecoveryKeyTypo) as short:
        RecoveryKey.parse(shown[:-5])
    assert short.value.length == TOTAL_CHARS - 4
    with pytest.raises(RecoveryKeyTypo) as foreign:
        RecoveryKey.parse("U" + shown[1:])
    assert foreign.value.character == "U"


def test_the_secret_never_appears_in_its_repr() -> None:
    key = RecoveryKey.generate()
    assert key.secret.hex() not in repr(key) and key.display() not in repr(key)
