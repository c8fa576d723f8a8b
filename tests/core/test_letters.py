"""Letters drafted from the record: every kind fills for the sample with nothing left unfilled,
what the app does not know is a highlighted blank, and the ODT and PDF carry what was chosen
and nothing else."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from companion import demo
from companion.errors import InvalidInput
from companion.i18n import long_date
from companion.letters import (
    LetterFormat,
    LetterKind,
    LetterRequest,
    TemplateError,
    candidates,
    compose,
    kind_help,
    kind_label,
    render,
    save_letter,
)
from companion.letters.template import BLANK_STYLE, fill, parse
from companion.messages import describe
from companion.model import EventKind
from companion.vault import Vault
from tests.builders import make_event
from tests.conftest import FAST_KDF
from tests.readback import flat, pages_text

ON = date(2026, 6, 1)
LATE = date(2026, 12, 2)  # after every appointment of the sample
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


@pytest.fixture
def sample(vault_path: Path) -> Vault:
    vault, _ = demo.create(vault_path, demo.DEMO_PASSPHRASE, FAST_KDF)
    yield vault
    vault.close()


def person(vault: Vault, first_name: str):  # type: ignore[no-untyped-def]
    return next(p.record for p in vault.people() if p.record.display_name.startswith(first_name))


def give_address(vault: Vault) -> None:
    keeper = vault.keeper().record  # type: ignore[union-attr]
    vault.save(dataclasses.replace(keeper, address="1 Sample Row\nSampletown"))


def text_of(html: str) -> str:
    return flat(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_kind_fills_for_every_sample_person_with_nothing_unfilled(
    sample: Vault, kind: LetterKind
) -> None:
    give_address(sample)
    for saved in sample.people():
        letter = compose(sample, LetterRequest(kind, saved.record.id, on=ON))
        shown = text_of(letter.html)
        assert "{" not in shown and "}" not in shown, (kind, saved.record.display_name)
        assert "your address" not in letter.blanks
        assert "1 Sample Row" in shown
        assert letter.title and kind_label(kind) and kind_help(kind).endswith(".")


@pytest.mark.parametrize("kind", list(LetterKind))
def test_no_name_is_made_possessive_and_each_writer_speaks_in_their_own_voice(
    sample: Vault, kind: LetterKind
) -> None:
    # "Owain Sample (fictional)'s appointments" reads badly; an appointee writes as the
    # official appointee for their son, and the claimant of her own appointments as "my".
    for saved in sample.people():
        who = saved.record
        shown = text_of(compose(sample, LetterRequest(kind, who.id, on=ON)).html)
        assert f"{who.display_name}'s" not in shown and ")'s" not in shown, (kind, who)
        if who.display_name.startswith("Morwen"):
            assert "I am writing about my own claim." in shown
            assert "official appointee" not in shown
        else:
            assert f"I am writing as the official appointee for {who.display_name}." in shown


def test_no_sample_letter_spills_a_line_or_two_onto_a_page_of_its_own(sample: Vault) -> None:
    # The sample's longest letters run to a second page; none leaves only a line or two of
    # the letter there (the annex, when there is one, starts a page of its own). Every person
    # is drafted for as of today, when Owain's complaint once left one line on a second page.
    give_address(sample)
    for saved in sample.people():
        for kind in LetterKind:
            letter = compose(sample, LetterRequest(kind, saved.record.id, on=LATE))
            pages = pages_text(render(letter, LetterFormat.PDF))
            letter_pages = [p for p in pages if "rules it may engage These rules" not in flat(p)]
            lines = [line for line in letter_pages[-1].splitlines() if line.strip()][:-1]
            assert len(letter_pages) == 1 or len(lines) > 2, (kind, saved.record.display_name)
            # Nor does a page end on the heading of where the rules come from.
            for page in letter_pages[:-1]:
                foot = [line for line in page.splitlines() if line.strip()][-2]
                assert not foot.startswith("Where the rules"), (kind, saved.record.display_name)


def test_a_missing_address_is_a_highlighted_blank_listed_first(sample: Vault) -> None:
    dylan = person(sample, "Dylan")
    letter = compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, on=ON))
    assert letter.blanks[0] == "your address"
    assert "the recipient's address" in letter.blanks
    assert f'<span style="{BLANK_STYLE}">[your address]</span>' in letter.html
    # Every blank listed is highlighted in the letter, and every highlight is listed.
    shown = re.findall(rf'<span style="{re.escape(BLANK_STYLE)}">\[([^]]+)\]</span>', letter.html)
    assert tuple(dict.fromkeys(shown)) == letter.blanks


def test_a_placeholder_or_condition_with_no_value_fails_loudly() -> None:
    template = parse("test", "[title]\nT\n\n[body]\nHello {missing}.")
    with pytest.raises(TemplateError, match=r"\{missing\} has no value"):
        fill(template, {}, {})
    with pytest.raises(TemplateError, match="brace"):
        fill(parse("test", "[title]\nT\n[body]\nA { stray brace"), {}, {})
    with pytest.raises(TemplateError, match="unknown"):
        fill(parse("test", "[title]\nT\n[body]\n?unknown Kept or not?"), {}, {})


def test_the_odt_is_odf_and_lists_the_chosen_appointments_only(sample: Vault) -> None:
    dylan = person(sample, "Dylan")
    offered = candidates(sample, dylan.id, LetterKind.COMPLAINT)
    chosen, left = offered[:2], offered[2]
    letter = compose(
        sample,
        LetterRequest(
            LetterKind.COMPLAINT, dylan.id, tuple(s.record.id for s in chosen), ON, annex=True
        ),
    )
    assert letter.entry_ids == tuple(s.record.id for s in chosen)
    with zipfile.ZipFile(io.BytesIO(render(letter, LetterFormat.ODT))) as odt:
        assert odt.read("mimetype").decode() == ODT_MIMETYPE
        root = ElementTree.fromstring(odt.read("content.xml"))
    words = flat(" ".join(root.itertext()))
    for saved in chosen:
        assert long_date(saved.record.date) in words
    assert long_date(left.record.date) not in words
    assert "[your address]" in words and "Dear Sir or Madam" in words


def test_the_pdf_is_a4_in_the_shipped_font_with_notice_incidents_and_sources(
    sample: Vault,
) -> None:
    dylan = person(sample, "Dylan")
    letter = compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, on=ON))
    data = render(letter, LetterFormat.PDF)
    text = flat(" ".join(pages_text(data)))
    assert "Draft: check it before sending" in text and "not legal advice" in text
    for saved in candidates(sample, dylan.id, LetterKind.COMPLAINT):
        if saved.record.id in letter.entry_ids:
            assert long_date(saved.record.date) in text
    assert "Where the rules in this letter come from" in text
    assert "Source: GOV.UK DWP complaints procedure" in text
    assert "Check the current rules" in text
    reader = PdfReader(io.BytesIO(data))
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]
    fonts = {
        str(f.get_object()["/BaseFont"]).lstrip("/").split("+")[-1]
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all(name.startswith("AtkinsonHyperlegibleNext-") for name in fonts)


def test_by_default_a_letter_lists_every_appointment_with_a_problem(sample: Vault) -> None:
    from companion.problems import problems_of

    dylan = person(sample, "Dylan")
    letter = compose(sample, LetterRequest(LetterKind.SAR, dylan.id, on=ON))
    mine = [s.record for s in sample.appointments() if s.record.person_id == dylan.id]
    assert set(letter.entry_ids) == {a.id for a in mine if problems_of(a) and a.date <= ON}
    assert set(letter.entry_ids) != {a.id for a in mine}  # one of his had no problem
    # A letter is never about an appointment after its own date: 9 June 2026 waits for a
    # letter dated on or after it.
    assert "Tuesday 9 June 2026" not in text_of(letter.html)
    later = compose(sample, LetterRequest(LetterKind.SAR, dylan.id, on=LATE))
    assert "Tuesday 9 June 2026" in text_of(later.html)


def test_an_unknown_person_or_entry_is_refused_in_one_sentence(sample: Vault) -> None:
    dylan, owain = person(sample, "Dylan"), person(sample, "Owain")
    with pytest.raises(InvalidInput) as unknown:
        compose(sample, LetterRequest(LetterKind.COMPLAINT, "no-such-person"))
    assert describe(unknown.value).endswith("Nothing was changed.")
    his = candidates(sample, owain.id, LetterKind.COMPLAINT)[0].record.id
    for wrong in ("no-such-entry", his):
        with pytest.raises(InvalidInput) as refused:
            compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, (wrong,)))
        sentence = describe(refused.value)
        assert "an appointment recorded for Dylan Sample (fictional)" in sentence
        assert sentence.count(". ") == 1  # one sentence, then "Nothing was changed."


def test_the_reference_given_wins_then_the_latest_on_the_entries_then_a_blank(
    sample: Vault,
) -> None:
    dylan = person(sample, "Dylan")
    offered = candidates(sample, dylan.id, LetterKind.COMPLAINT)
    with_ref = [s.record.id for s in offered if s.record.complaint_reference]
    without = [s.record.id for s in offered if not s.record.complaint_reference]
    given = compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, reference="MY/REF"))
    assert given.reference == "MY/REF" and "Reference: MY/REF" in text_of(given.html)
    found = compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, tuple(with_ref)))
    assert found.reference == "CMP-0000-SAMPLE"
    blank = compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, tuple(without)))
    assert blank.reference == "" and "the reference (if there is one)" in blank.blanks


def test_a_complaint_reference_is_quoted_only_by_letters_about_the_complaint(
    sample: Vault,
) -> None:
    dylan = person(sample, "Dylan")
    for kind in (LetterKind.COMPLAINT, LetterKind.ICO, LetterKind.ICE):
        assert compose(sample, LetterRequest(kind, dylan.id, on=ON)).reference == "CMP-0000-SAMPLE"
    # A new request to another team, or evidence for an appeal, would be sent astray by it.
    for kind in (LetterKind.SAR, LetterKind.ADJUSTMENT, LetterKind.EVIDENCE):
        letter = compose(sample, LetterRequest(kind, dylan.id, on=ON))
        assert letter.reference == "" and "the reference (if there is one)" in letter.blanks
    # An evidence summary quotes the appeal's own reference, where the record has one.
    sample.save(
        make_event(dylan.id, kind=EventKind.APPEAL_LODGED, date=date(2026, 5, 1), reference="SC1")
    )
    evidence = compose(sample, LetterRequest(LetterKind.EVIDENCE, dylan.id, on=ON))
    assert evidence.reference == "SC1" and "Reference: SC1" in text_of(evidence.html)


def test_a_subject_access_request_names_the_appointments_without_arguing_about_them(
    sample: Vault,
) -> None:
    dylan, morwen = person(sample, "Dylan"), person(sample, "Morwen")
    letter = compose(sample, LetterRequest(LetterKind.SAR, dylan.id, on=ON))
    shown = text_of(letter.html)
    assert "Tuesday 14 January 2025, 11:30: Work-focused interview. In person" in shown
    assert "Problems found" not in shown  # it asks for the notes; a complaint argues
    assert "or proof that I may act for Dylan Sample (fictional)" in shown
    own = text_of(compose(sample, LetterRequest(LetterKind.SAR, morwen.id, on=ON)).html)
    assert "If you need proof of my identity" in own and "may act for" not in own


def notice_of(html: str) -> str:
    """The words of the draft notice, the box at the top."""
    return text_of(html.split("</table>")[0])


def test_the_draft_notice_asks_to_check_what_the_record_cannot_settle(sample: Vault) -> None:
    owain, dylan = person(sample, "Owain"), person(sample, "Dylan")
    # Owain's assessment was with the provider, his jobcentre interview with DWP.
    complaint = compose(sample, LetterRequest(LetterKind.COMPLAINT, owain.id, on=ON))
    assert complaint.recipient == "DWP"
    assert (
        "The appointment on Wednesday 2 April 2025 was with Assessment provider (fictional), "
        "not DWP: check whether Assessment provider (fictional) should have a letter of its own."
    ) in notice_of(complaint.html)
    # Dylan complained on 20 March 2025: a new complaint lists appointments it may have
    # covered, and an ICO complaint or ICE referral appointments later than it.
    again = notice_of(compose(sample, LetterRequest(LetterKind.COMPLAINT, dylan.id, on=ON)).html)
    assert (
        "A complaint sent on Thursday 20 March 2025 is already recorded, and the appointments "
        "on Tuesday 14 January 2025 and Tuesday 11 March 2025 came before it: check whether "
        "that complaint covered them, and name it if so."
    ) in again
    for kind in (LetterKind.ICO, LetterKind.ICE):
        later = notice_of(compose(sample, LetterRequest(kind, dylan.id, on=ON)).html)
        assert "The appointments on Tuesday 6 May 2025, Tuesday 1 July 2025" in later
        assert "are later than the complaint of Thursday 20 March 2025: check whether that " in (
            later
        )
    # All with one organisation, and no earlier complaint: nothing to check.
    for kind in LetterKind:
        morwen = person(sample, "Morwen")
        shown = notice_of(compose(sample, LetterRequest(kind, morwen.id, on=ON)).html)
        assert "check whether" not in shown, kind


def test_an_adjustment_request_asks_for_what_went_wrong_on_calls_and_for_welsh(
    sample: Vault,
) -> None:
    # Morwen's phone assessments: people heard at the assessor's end, and Welsh asked for
    # but not used.
    morwen = person(sample, "Morwen")
    shown = text_of(compose(sample, LetterRequest(LetterKind.ADJUSTMENT, morwen.id, on=ON)).html)
    assert "to record the interviews" in shown
    assert "on phone and video calls, staff to be somewhere private, where nobody else can " in (
        shown
    )
    assert "please hold the appointments in Welsh, the language asked for" in shown
    assert "Source: DWP Welsh Language Scheme." in shown
    # Dylan's were in person, in English: neither is asked for.
    dylan = person(sample, "Dylan")
    his = text_of(compose(sample, LetterRequest(LetterKind.ADJUSTMENT, dylan.id, on=ON)).html)
    assert "phone and video calls" not in his and "Welsh" not in his


def test_the_annex_is_on_for_an_evidence_summary_and_chosen_for_others(sample: Vault) -> None:
    dylan = person(sample, "Dylan")
    heading = "What the record shows, and the rules it may engage"

    def html(kind: LetterKind, annex: bool | None = None) -> str:
        return compose(sample, LetterRequest(kind, dylan.id, on=ON, annex=annex)).html

    assert heading in html(LetterKind.EVIDENCE)
    assert heading not in html(LetterKind.EVIDENCE, annex=False)
    assert heading not in html(LetterKind.COMPLAINT)
    with_annex = html(LetterKind.COMPLAINT, annex=True)
    assert heading in with_annex and "UK GDPR Art 9" in with_annex  # its sources are listed
    assert heading not in html(LetterKind.SAR, annex=True)  # a kind with no annex


def test_saving_writes_the_file_whole_and_never_over_the_vault(
    sample: Vault, tmp_path: Path
) -> None:
    dylan = person(sample, "Dylan")
    letter = compose(sample, LetterRequest(LetterKind.ADJUSTMENT, dylan.id, on=ON))
    target = tmp_path / "adjustment.odt"
    save_letter(sample, letter, LetterFormat.ODT, target)
    assert target.read_bytes()[:2] == b"PK" and (target.stat().st_mode & 0o777) == 0o600
    before = sample.path.read_bytes()
    for refused in (sample.path, tmp_path):
        with pytest.raises(InvalidInput):
            save_letter(sample, letter, LetterFormat.PDF, refused)
    assert sample.path.read_bytes() == before
