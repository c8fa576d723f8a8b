"""Key derivation settings: the production defaults meet the floor, and bad settings are refused."""

import pytest

from companion.crypto import (
    PRODUCTION_KDF,
    Argon2Params,
    KdfPolicy,
    OpenFailed,
    associated_data,
    open_sealed,
    seal,
)


def test_production_defaults_meet_rfc_9106_second_recommendation() -> None:
    assert PRODUCTION_KDF.floor_iterations >= 3
    assert PRODUCTION_KDF.floor_lanes >= 4
    assert PRODUCTION_KDF.floor_memory_kib >= 64 * 1024
    assert PRODUCTION_KDF.cap_memory_kib == 512 * 1024


@pytest.mark.slow
def test_new_vault_settings_are_at_least_the_floor_and_at_most_the_cap() -> None:
    params = PRODUCTION_KDF.choose()
    assert PRODUCTION_KDF.check(params) is None
    assert 64 * 1024 <= params.memory_kib <= 512 * 1024
    assert (params.iterations, params.lanes, len(params.salt)) == (3, 4, 16)


@pytest.mark.parametrize(
    ("iterations", "lanes", "memory_kib", "salt", "why"),
    [
        (3, 4, 65536, b"s" * 15, "salt"),
        (11, 4, 65536, b"s" * 16, "work"),
        (3, 17, 65536, b"s" * 16, "work"),
        (3, 4, 4 * 1024 * 1024, b"s" * 16, "memory"),
        # More than creation can ever choose: 2 GiB and 10 passes cost 42 s and 2.1 GB a try.
        (10, 4, 512 * 1024, b"s" * 16, "work"),
        (4, 4, 512 * 1024, b"s" * 16, "work"),
        (3, 16, 512 * 1024, b"s" * 16, "work"),
        (3, 4, 512 * 1024 + 1024, b"s" * 16, "memory"),
        (3, 4, 2 * 1024 * 1024, b"s" * 16, "memory"),
        (2, 4, 65536, b"s" * 16, "weaker"),
        (3, 1, 65536, b"s" * 16, "weaker"),
        (3, 4, 1024, b"s" * 16, "weaker"),
    ],
)
def test_crafted_or_weakened_settings_are_refused_before_any_work(
    iterations: int, lanes: int, memory_kib: int, salt: bytes, why: str
) -> None:
    problem = PRODUCTION_KDF.check(Argon2Params(iterations, lanes, memory_kib, salt))
    assert problem is not None and why in problem


def test_the_most_creation_can_choose_is_accepted() -> None:
    assert PRODUCTION_KDF.check(Argon2Params(3, 4, 512 * 1024, b"s" * 16)) is None


def test_memory_is_raised_towards_the_target_time_but_never_past_the_cap() -> None:
    policy = KdfPolicy(
        floor_iterations=1,
        floor_lanes=1,
        floor_memory_kib=8,
        target_seconds=10.0,
        cap_memory_kib=4096,
    )
    assert policy.choose().memory_kib == 4096


def test_associated_data_encoding_is_unambiguous() -> None:
    assert associated_data("ab", "c") != associated_data("a", "bc")
    assert associated_data(b"", "x") != associated_data("x")


def test_sealed_data_opens_only_with_the_same_key_and_context() -> None:
    key, other = b"k" * 32, b"o" * 32
    sealed = seal(key, b"private words", associated_data("row", 1))
    assert open_sealed(key, sealed, associated_data("row", 1)) == b"private words"
    with pytest.raises(OpenFailed):
        open_sealed(other, sealed, associated_data("row", 1))
    with pytest.raises(OpenFailed):
        open_sealed(key, sealed, associated_data("row", 2))
    assert seal(key, b"same", b"") != seal(key, b"same", b"")  # fresh nonce every time
