"""An attachment's type comes from its own bytes, and one sentence says whether HMCTS's appeal
upload takes it as it is (docs/attachments.md)."""

from __future__ import annotations

import pytest

from companion.attachment_types import detect, hmcts_upload, label, size_in_words

PDF = b"%PDF-1.7\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPEG = b"\xff\xd8\xff\xe0\0\x10JFIF"
MP3 = b"ID3\x04\0\0\0\0\0\0"
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\0" * 20
MP4 = b"\0\0\0\x20ftypisom\0\0\x02\0"
M4A = b"\0\0\0\x20ftypM4A \0\0\0\0"
MOV = b"\0\0\0\x14ftypqt  \0\0\0\0"
WAV = b"RIFF\x24\0\0\0WAVEfmt "
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20
DOCX = b"PK\x03\x04" + b"\0" * 26 + b"[Content_Types].xml....word/document.xml"
ODT = b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"
HEIC = b"\0\0\0\x18ftypheic\0\0\0\0"


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("letter.pdf", PDF, "application/pdf"),
        ("letter.PDF", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("interview.mp3", MP3, "audio/mpeg"),
        ("interview.mp3", MP3_FRAME, "audio/mpeg"),
        ("interview.mp4", MP4, "video/mp4"),
        ("interview.m4a", M4A, "audio/mp4"),
        ("interview.mov", MOV, "video/quicktime"),
        ("interview.wav", WAV, "audio/wav"),
        ("report.doc", DOC, "application/msword"),
        ("report.docx", DOCX, "application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document"),
        ("report.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("photo.heic", HEIC, "image/heic"),
        ("notes.txt", "Notes from the call: ŵ".encode(), "text/plain"),
        ("mystery.bin", b"\x00\x01\x02\x03", "application/octet-stream"),
        # The name never decides what the bytes say: a picture named .pdf is a picture.
        ("decision.pdf", PNG, "image/png"),
        ("recording.mp3", PDF, "application/pdf"),
        ("photo.jpg", b"plain words", "text/plain"),
    ],
)  # fmt: skip
def test_the_type_comes_from_the_bytes(name: str, head: bytes, expected: str) -> None:
    assert detect(name, head) == expected


@pytest.mark.parametrize(
    ("name", "size", "media_type", "says"),
    [
        ("decision.pdf", 2_100_000, "application/pdf",
         "takes this file as it is (a PDF document, 2.1 MB"),
        ("photo.jpeg", 10_000_000, "image/jpeg", "takes this file as it is"),
        ("report.pdf", 10_000_001, "application/pdf",
         "up to 10 MB and this one is 10,000,001 bytes"),
        ("interview.mp3", 48_000_000, "audio/mpeg", "a judge decides"),
        ("interview.mp4", 500_000_000, "video/mp4", "takes this file as it is"),
        ("interview.mp4", 1_300_000_000, "video/mp4", "up to 500 MB and this one is 1.3 GB"),
        ("interview.m4a", 4_000_000, "audio/mp4", "only as .mp3 or .mp4"),
        ("interview.wav", 4_000_000, "audio/wav", "only as .mp3 or .mp4"),
        ("decision.pdf", 100_000, "image/png", 'its name ends ".pdf" but it holds a PNG picture'),
        ("photo.heic", 3_000_000, "image/heic", "does not take a HEIC picture"),
        ("sheet.xlsx", 3_000, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "does not take an Excel spreadsheet"),
    ],
)  # fmt: skip
def test_one_sentence_says_whether_hmcts_takes_it(
    name: str, size: int, media_type: str, says: str
) -> None:
    sentence = hmcts_upload(name, size, media_type)
    assert says in sentence, sentence
    assert sentence.startswith("HMCTS's appeal upload") and sentence.endswith(".")
    assert sentence.count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    ("size", "words"),
    [(1, "1 byte"), (2, "2 bytes"), (999, "999 bytes"), (1000, "1.0 KB"), (65_536, "66 KB"),
     (2_100_000, "2.1 MB"), (48_000_000, "48 MB"), (1_300_000_000, "1.3 GB")],
)  # fmt: skip
def test_sizes_are_said_in_words(size: int, words: str) -> None:
    assert size_in_words(size) == words


def test_every_type_has_words() -> None:
    for media_type in ("application/pdf", "audio/mpeg", "no/such"):
        assert label(media_type).startswith(("a ", "an "))
