"""Vault benchmark: 10,000 appointments across 5 people, with production key settings.

Prints the time to create them, to unlock (key derivation included), to load
everything, to verify, and to export JSON, CSV and Markdown, with peak memory.
Figures go in docs/performance.md; tests never assert timings.

    make bench            (or: .venv/bin/python bench/vault_bench.py [--appointments N])
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from companion import keyslots  # noqa: E402
from companion.crypto import PRODUCTION_KDF  # noqa: E402
from companion.export import ExportOptions, Format, render  # noqa: E402
from companion.keyslots import SlotKind  # noqa: E402
from companion.ledger import Version  # noqa: E402
from companion.store import Store  # noqa: E402
from companion.vault import Vault  # noqa: E402
from tests.builders import make_appointment, make_person  # noqa: E402

PASSPHRASE = "benchmark passphrase, not a real one"


@contextmanager
def timed(label: str, results: list[tuple[str, float]]) -> Any:
    started = time.perf_counter()
    yield
    results.append((label, time.perf_counter() - started))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(vault: Vault, appointments: int, people: int) -> None:
    folks = [vault.save(make_person(display_name=f"Person {n}", ni_number="")).record
             for n in range(people)]  # fmt: skip
    now = vault.now()
    items = []
    for n in range(appointments):
        record = make_appointment(
            folks[n % people].id,
            date=date(2024, 1, 1) + timedelta(days=n % 700),
            account=f"Appointment {n}: asked about my health at the desk with others nearby. " * 3,
        )
        items.append((f"row {n}", [Version(now, record)]))
    vault.import_versions(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appointments", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=5)
    args = parser.parse_args()
    results: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "bench.companion"
        vault, _ = Vault.create(path, PASSPHRASE, policy=PRODUCTION_KDF)
        with timed(f"create {args.appointments:,} appointments (one transaction)", results):
            fill(vault, args.appointments, args.people)
        vault.close()
        size_mib = path.stat().st_size / 2**20

        store = Store.open(path)
        slot = store.read_slots()[SlotKind.PASSPHRASE]
        store.close()
        params = keyslots.argon2_params(slot)
        with timed(f"key derivation alone (Argon2id, {params.memory_kib // 1024} MiB)", results):
            params.derive(PASSPHRASE)
        with timed("unlock: derive the key and load everything", results):
            vault = Vault.open(path, passphrase=PASSPHRASE, policy=PRODUCTION_KDF)
        loading = results[-1][1] - results[-2][1]
        results.append(("  of which loading (decrypt, check, replay)", loading))
        with timed("verify (read and check every revision again)", results):
            assert vault.verify() == []
        for fmt in (Format.JSON, Format.CSV, Format.MARKDOWN):
            started = time.perf_counter()
            data = render(vault, fmt, ExportOptions())
            label = f"export {fmt.value.upper()} of everything ({len(data) / 2**20:.1f} MiB)"
            results.append((label, time.perf_counter() - started))
        vault.close()
    width = max(len(label) for label, _ in results)
    print(f"Vault file: {size_mib:.1f} MiB for {args.appointments:,} appointments")
    for label, seconds in results:
        print(f"{label:<{width}}  {seconds:7.3f} s")
    print(f"{'peak memory (resident)':<{width}}  {peak_mib():7.0f} MiB")


if __name__ == "__main__":
    main()
