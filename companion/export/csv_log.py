"""The dated log as a spreadsheet: one row per appointment, with dates in words too."""

from __future__ import annotations

import csv
import io

from companion.export.content import ExportContent
from companion.export.facts import written_note
from companion.i18n import long_date
from companion.interchange import csv_format
from companion.labels import label
from companion.model import Appointment
from companion.query import privacy_problems


def render(content: ExportContent) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(csv_format.COLUMNS)
    for part in content.people:
        for entry in part.entries:
            record = entry.record
            if not isinstance(record, Appointment):
                continue
            row = csv_format.to_row(entry.saved, part.person.display_name, record)
            row["date_in_words"] = long_date(record.date)
            row["written_in_words"] = written_note(
                record.date, entry.saved.written_at, entry.saved.imported_at
            )
            row["privacy_problems"] = "; ".join(label(p) for p in privacy_problems(record))
            for name in csv_format.TEXT_COLUMNS:  # only typed text can start like a formula
                row[name] = csv_format.guard(row[name])
            writer.writerow([row[name] for name in csv_format.COLUMNS])
    # A byte-order mark, so spreadsheet programs read names with accents correctly.
    return out.getvalue().encode("utf-8-sig")
