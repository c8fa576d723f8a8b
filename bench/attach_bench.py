"""Attachment benchmark: attach a recording of N MiB (made on the fly, never committed), read it
back, save a copy and verify, with how much memory each needed above what the app held before.

Memory is the process's peak resident size (ru_maxrss), taken before the file is attached and
after each step; the figures go in docs/performance.md, and tests/core/test_attachments_memory.py
holds the flat-memory promise with a generous margin. Tests never assert timings.

    .venv/bin/python bench/attach_bench.py [--mib 200]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from companion.crypto import KdfPolicy  # noqa: E402
from companion.vault import Vault  # noqa: E402
from tests.builders import make_appointment, make_person  # noqa: E402

# The key settings do not matter here: only the attachment's own work is measured.
FAST = KdfPolicy(
    floor_iterations=1, floor_lanes=1, floor_memory_kib=8, target_seconds=0.0, cap_memory_kib=8
)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_recording(path: Path, mib: int) -> str:
    """A file of `mib` MiB of random bytes, written a MiB at a time; returns its SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        for _ in range(mib):
            block = os.urandom(2**20)
            digest.update(block)
            handle.write(block)
    return digest.hexdigest()


def run(folder: Path, mib: int) -> dict[str, float]:
    """Every step, timed, with the peak memory above the baseline after it (MiB)."""
    os.environ.setdefault("XDG_CONFIG_HOME", str(folder / "config"))
    recording = folder / "interview.mp4"
    expected = make_recording(recording, mib)
    vault, _ = Vault.create(folder / "records.companion", "benchmark passphrase", policy=FAST)
    person = vault.save(make_person()).record
    entry = vault.save(make_appointment(person.id)).record
    results: dict[str, float] = {"mib": mib, "baseline_mib": peak_mib()}

    def step(name: str, work):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        out = work()
        results[f"{name}_s"] = time.perf_counter() - started
        results[f"{name}_above_baseline_mib"] = peak_mib() - results["baseline_mib"]
        return out

    saved = step("attach", lambda: vault.attach(entry.id, recording))
    assert saved.record.sha256 == expected

    def read_back() -> str:
        digest = hashlib.sha256()
        for chunk in vault.attachment_chunks(saved.record.id):
            digest.update(chunk)
        return digest.hexdigest()

    assert step("read", read_back) == expected
    copy = folder / "copy.mp4"
    step("copy", lambda: vault.save_attachment_copy(saved.record.id, copy))
    assert step("verify", vault.verify) == []
    vault.close()
    results["vault_file_mib"] = (folder / "records.companion").stat().st_size / 2**20
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = run(Path(folder), args.mib)
    if args.json:
        print(json.dumps(results))
        return
    print(f"A {args.mib} MiB recording (peak memory before attaching: "
          f"{results['baseline_mib']:.0f} MiB)")  # fmt: skip
    for name in ("attach", "read", "copy", "verify"):
        print(f"  {name:<7} {results[f'{name}_s']:6.2f} s   peak above the baseline: "
              f"{results[f'{name}_above_baseline_mib']:6.1f} MiB")  # fmt: skip
    print(f"  vault file: {results['vault_file_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
