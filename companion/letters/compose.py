"""A letter composed from the record: the draft notice, who writes and to whom, the date,
the reference, the template's words, the language to reply in, the signature, where each
rule comes from, and (where chosen) the annex of findings beside the rules they may engage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from companion import engaged
from companion.deadlines import REVIEWED
from companion.i18n import local, long_date, translate
from companion.letters.contents import content_for
from companion.letters.drafting import Content, Source
from companion.letters.kinds import ANNEX_DEFAULT, SENT_KIND, LetterKind
from companion.letters.record import Facts, gather, reference_for
from companion.letters.template import Blank, Items, Page, Text, Value, fill, load, plain
from companion.letters.wording import (
    capacity_line,
    jurisdiction_notes,
    own_claim,
    reply_language,
    writing_as,
)
from companion.model import EventKind
from companion.vault import Vault

NOTICE_STYLE = "background-color:#fde9c8; color:#000000;"


def _tr(text: str) -> str:
    return translate("Letters", text)


@dataclass(frozen=True)
class LetterRequest:
    kind: LetterKind
    person_id: str
    entry_ids: tuple[str, ...] | None = None  # None: every appointment of theirs with a problem
    on: date | None = None  # the letter's date; None: today (the vault's clock, local)
    reference: str = ""  # "": the most recent reference on the chosen entries, else a blank
    annex: bool | None = None  # None: the kind's default


@dataclass(frozen=True)
class Letter:
    kind: LetterKind
    title: str
    html: str  # Qt rich text: shown as the preview, written as ODT or PDF
    blanks: tuple[str, ...]  # what the app does not know, in the order they appear
    entry_ids: tuple[str, ...]  # the entries listed in it
    person_id: str
    on: date
    sent_kind: EventKind | None  # what logging it as sent adds (None: nothing)
    reference: str = ""  # the reference it carries ("" where it is a blank)
    recipient: str = ""  # the organisation it goes to ("" where not known)


def _sender(page: Page, facts: Facts) -> None:
    keeper = facts.keeper
    lines: list[Text] = [(keeper.name,) if keeper else (Blank(_tr("your name")),)]
    if keeper and keeper.address.strip():
        lines += [(line.strip(),) for line in keeper.address.splitlines() if line.strip()]
    else:
        lines.append((Blank(_tr("your address")),))
    for extra in (keeper.phone, keeper.email) if keeper else ():
        if extra.strip():
            lines.append((extra.strip(),))
    page.lines(lines, ' align="right"')


def _about(page: Page, facts: Facts, reference: str) -> None:
    shown: Text = (reference,) if reference else (Blank(_tr("the reference (if there is one)")),)
    person = facts.person
    about = _tr("About: {name}").format(name=person.display_name)
    if person.ni_number:
        about += _tr(", National Insurance number {ni}").format(ni=person.ni_number)
    page.lines([(_tr("Reference: "), *shown), (about,)])


def _notice(page: Page, facts: Facts, checks: list[str]) -> None:
    words = _tr(
        "Draft: check it before sending, then delete this box. It is not legal advice. Fill "
        "in the highlighted blanks, and check every detail and the current rules (sources at "
        "the end)."
    )
    notes = " ".join([*jurisdiction_notes(facts), *checks])
    text = f"{words} {notes}" if notes else words
    page.raw(
        f'<table width="100%" cellpadding="8" style="{NOTICE_STYLE}"><tr><td>'
        f"<b>{page.inline((text,))}</b></td></tr></table>"
    )


def _sources(page: Page, sources: list[Source]) -> None:
    """Where each rule comes from, after the signature: its heading leads into the caution in
    one paragraph, so it is never left alone at the foot of a page."""
    heading = _tr("Where the rules in this letter come from.")
    caution = _tr("Check the current rules before sending: these were last reviewed on {date}.")
    page.raw(
        f"<p><b>{page.inline((heading,))}</b> "
        f"{page.inline((caution.format(date=long_date(REVIEWED)),))}</p>"
    )
    if sources:
        rows = tuple(
            (f"{what} " + _tr("Source: {source}.").format(source=source),)
            for what, source in sources
        )
        page.items(Items(rows))
    else:
        page.paragraph(
            (_tr("This letter relies on no rule beyond the organisation's own procedures."),)
        )


def _annex(page: Page, found: list[engaged.Finding]) -> list[Source]:
    page.heading((_tr("What the record shows, and the rules it may engage"),), 3)
    page.paragraph((engaged.caution(),))
    for finding in found:
        dates = ", ".join(long_date(day) for day in finding.dates)
        page.heading((f"{finding.what} ({finding.count}): {dates}",), 4)
        source = _tr("Source: {source}.").format(source=finding.source)
        page.paragraph((f"{finding.rule} {source}",))
    return [(f.rule, f.source) for f in found]


def _values(facts: Facts, content: Content) -> dict[str, Value]:
    person = facts.person
    recipient = content.recipient
    return {
        "name": person.display_name,
        "writing_as": writing_as(person),
        "organisation": recipient or Blank(_tr("who it goes to")),
        **content.values,
    }


def compose(vault: Vault, request: LetterRequest) -> Letter:
    """The letter for `request`; an unknown person or entry id is refused (InvalidInput)."""
    kind = LetterKind(request.kind)
    on = request.on or local(vault.now()).date()
    facts = gather(vault, request.person_id, kind, request.entry_ids, on)
    content = content_for(kind, facts, on)
    reference = request.reference.strip() or reference_for(kind, facts, on)
    wanted = kind in ANNEX_DEFAULT and (
        ANNEX_DEFAULT[kind] if request.annex is None else request.annex
    )
    found = engaged.findings(facts.appointments, facts.person.region) if wanted else []
    # An annex with nothing in it would be a page saying so: the letter leaves it out, and
    # never says "the annex sets out" of an annex it does not carry.
    annex = bool(found)
    flags = {**content.flags, "annex": annex, "own": own_claim(facts.person)}
    sections = fill(load(kind.value), _values(facts, content), flags)

    page = Page()
    _notice(page, facts, content.notes)
    _sender(page, facts)
    page.paragraph((long_date(on),))
    if "to" in sections:
        recipient: list[Text] = [b for b in sections["to"] if isinstance(b, tuple)]
        page.lines([*recipient, (Blank(_tr("the recipient's address")),)])
    _about(page, facts, reference)
    title = plain(sections["title"][0]) if sections["title"] else ""  # type: ignore[arg-type]
    for block in sections["title"]:
        page.heading(block, 3)  # type: ignore[arg-type]
    for part in ("greeting", "body"):
        for block in sections.get(part, []):
            page.block(block)
    page.paragraph(reply_language(facts.person))
    for block in sections.get("closing", []):
        page.block(block)
    keeper = facts.keeper
    page.lines(
        [
            (keeper.name,) if keeper else (Blank(_tr("your name")),),
            (capacity_line(facts.person),),
        ]
    )
    sources = list(content.sources)
    annex_page = Page()
    if annex:
        sources += [s for s in _annex(annex_page, found) if s not in sources]
    _sources(page, sources)
    if annex:
        page.raw('<p style="page-break-before:always;"></p>')
        page.parts += annex_page.parts
    return Letter(
        kind=kind,
        title=title,
        html=page.html(title),
        blanks=tuple(page.blanks),
        entry_ids=tuple(s.record.id for s in facts.chosen),
        person_id=facts.person.id,
        on=on,
        sent_kind=SENT_KIND[kind],
        reference=reference,
        recipient=content.recipient,
    )
