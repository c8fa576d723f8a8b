"""The dated log as a spreadsheet: one row per appointment, with dates in words too."""

from __future__ import annotations

import csv
import dataclasses
import io

from companion.export.content import ExportContent
from companion.export.options import Part
from companion.i18n import long_date
from companion.interchange import csv_format
from companion.model import Appointment
from companion.presentation.entry import emptied_fields, present


def render(content: ExportContent) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(csv_format.COLUMNS)
    for part in content.people:
        for entry in part.entries:
            record = entry.record
            if not isinstance(record, Appointment):
                continue
            # A spreadsheet has no room for earlier wordings: its words say they are not in it.
            unseen = dataclasses.replace(entry, left_out=entry.left_out | {Part.CORRECTIONS})
            shown = present(unseen, part.person.display_name)
            row = csv_format.to_row(entry.saved, part.person.display_name, record)
            row["date_in_words"] = long_date(record.date)
            row["written_in_words"] = shown.written
            row["problems"] = "; ".join(shown.problems)
            # A cell left empty by this copy's choices says so here, never by looking blank.
            row["left_out"] = "; ".join(emptied_fields(entry))
            row["kept_by"] = content.kept_by([part.person.display_name])
            for name in csv_format.TEXT_COLUMNS:  # only typed text can start like a formula
                row[name] = csv_format.guard(row[name])
            writer.writerow([row[name] for name in csv_format.COLUMNS])
    # A byte-order mark, so spreadsheet programs read names with accents correctly.
    return out.getvalue().encode("utf-8-sig")
