"""`companion deadlines`: each step, the deadline it started with its source, and what is due."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from companion.model import EventKind
from tests.builders import make_event, make_person
from tests.conftest import create_vault


def test_the_dispute_so_far_and_what_is_due(cli, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault = create_vault(vault_path)
    alex = vault.save(make_person(display_name="Alex Example")).record
    for kind, day in [
        (EventKind.MR_NOTICE, date(2025, 1, 31)),
        (EventKind.APPEAL_LODGED, date(2025, 3, 3)),
        (EventKind.DECISION_LETTER, date.today() - timedelta(days=5)),
    ]:
        vault.save(make_event(alex.id, kind=kind, date=day, received_on=None))
    vault.close()

    done = cli("deadlines")
    assert done.code == 0, done.err
    out = done.out
    assert "Appeal to the tribunal (SSCS): must be received by Friday 28 February 2025" in out
    assert "after the deadline." in out  # lodged on 3 March
    assert "Source: SEC Rules 2008 r22(2)(d)(i)" in out or "source: SEC Rules 2008" in out
    assert out.count("Check the current rules.") >= 2
    assert "Due soon: Mandatory reconsideration: must be received by" in out

    result = cli("deadlines", "--person", "alex example", "--json")
    assert result.code == 0, result.err
    as_json = json.loads(result.out)
    (person,) = as_json
    appeal = next(s for s in person["steps"] if s["kind"] == "mr_notice")
    assert appeal["deadline"]["received_by"] == "2025-02-28"
    assert appeal["deadline"]["source"].startswith("SEC Rules 2008")
    assert appeal["in_time"] is False
