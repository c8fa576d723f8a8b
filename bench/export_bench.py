"""Export benchmark: the issue's targets, each scenario in its own process for its peak memory.

    .venv/bin/python bench/export_bench.py

Targets (2-core reference machine): full PDF of 1,000 appointments under 3 s;
concise PDF of 10,000 under 2 s; CSV and JSON of 10,000 under 0.5 s after
unlock; peak memory under 300 MiB. Figures go in docs/performance.md.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEATS = 5
SCENARIOS = {
    "json-10000": (10_000, "json", "full"),
    "csv-10000": (10_000, "csv", "full"),
    "markdown-10000": (10_000, "md", "full"),
    "pdf-full-1000": (1_000, "pdf", "full"),
    "pdf-concise-10000": (10_000, "pdf", "concise"),
}


def run_one(name: str) -> None:
    from companion.crypto import KdfPolicy
    from companion.export import Format, render
    from companion.export.fonts import ensure_fonts
    from companion.export.options import ExportOptions, Mode
    from companion.ledger import Version
    from companion.vault import Vault
    from tests.builders import make_appointment, make_person

    count, fmt, mode = SCENARIOS[name]
    # Quick keys: this measures exporting, not unlocking (bench/vault_bench.py does that).
    quick = KdfPolicy(
        floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
    )
    with tempfile.TemporaryDirectory() as temp:
        vault, _ = Vault.create(Path(temp) / "bench.companion", "bench", policy=quick)
        people = [
            vault.save(make_person(display_name=f"Person {n}", ni_number="")).record
            for n in range(5)
        ]
        now = vault.now()
        items = [
            (
                f"row {n}",
                [
                    Version(
                        now,
                        make_appointment(
                            people[n % 5].id,
                            date=date(2024, 1, 1) + timedelta(days=n % 700),
                            account=f"Appointment {n}: asked about my health at the desk. " * 3,
                        ),
                    )
                ],
            )
            for n in range(count)
        ]
        vault.import_versions(items)
        ensure_fonts()  # once per run, as in the app; not part of an export
        times = []
        for _ in range(REPEATS):  # a shared machine varies: the first, the best and the median
            started = time.perf_counter()
            data = render(vault, Format(fmt), ExportOptions(mode=Mode(mode)))
            times.append(time.perf_counter() - started)
        vault.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name:<20} first {times[0]:5.2f} s  best {min(times):5.2f} s  "
        f"median {statistics.median(times):5.2f} s   {len(data) / 2**20:5.1f} MiB out   "
        f"peak {peak:4.0f} MiB"
    )


def main() -> None:
    if len(sys.argv) > 1:
        run_one(sys.argv[1])
        return
    for name in SCENARIOS:
        subprocess.run([sys.executable, __file__, name], check=True)


if __name__ == "__main__":
    main()
