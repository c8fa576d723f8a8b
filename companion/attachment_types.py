"""What kind of file an attachment is, from its first bytes, and whether HMCTS takes it.

The type shown is read from the file's own first bytes (its "magic" signature), never from
its name alone: a photo renamed `decision.pdf` is shown as a picture, and said not to match
its name. Only where the bytes cannot tell (plain text, or which office file a zip holds)
does the name's ending decide between the kinds the bytes allow.

HMCTS's "Manage your appeal" upload (docs/attachments.md, from its public pages in 2026):
documents as .pdf .doc .docx .rtf .txt .jpg .jpeg .png .bmp .tif .tiff up to 10 MB; audio
or video only as .mp3 or .mp4, up to 500 MB. Sizes are counted here in millions of bytes,
the stricter reading, so a file said to fit does fit however the limit is counted.
"""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import QT_TRANSLATE_NOOP

from companion.i18n import translate, translate_n

OCTET = "application/octet-stream"
TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"

# Each type a file's bytes can show, with the words for it.
LABELS = {
    "application/pdf": QT_TRANSLATE_NOOP("Attachments", "a PDF document"),
    "application/msword": QT_TRANSLATE_NOOP("Attachments", "a Word document (.doc)"),
    "application/x-ole-storage": QT_TRANSLATE_NOOP("Attachments", "an older Microsoft Office file"),
    DOCX: QT_TRANSLATE_NOOP("Attachments", "a Word document (.docx)"),
    XLSX: QT_TRANSLATE_NOOP("Attachments", "an Excel spreadsheet"),
    PPTX: QT_TRANSLATE_NOOP("Attachments", "a PowerPoint presentation"),
    ODT: QT_TRANSLATE_NOOP("Attachments", "an OpenDocument text"),
    "application/zip": QT_TRANSLATE_NOOP("Attachments", "a zip archive"),
    "application/rtf": QT_TRANSLATE_NOOP("Attachments", "a Rich Text document"),
    TEXT: QT_TRANSLATE_NOOP("Attachments", "a plain text file"),
    "image/jpeg": QT_TRANSLATE_NOOP("Attachments", "a JPEG picture"),
    "image/png": QT_TRANSLATE_NOOP("Attachments", "a PNG picture"),
    "image/gif": QT_TRANSLATE_NOOP("Attachments", "a GIF picture"),
    "image/bmp": QT_TRANSLATE_NOOP("Attachments", "a BMP picture"),
    "image/tiff": QT_TRANSLATE_NOOP("Attachments", "a TIFF picture"),
    "image/heic": QT_TRANSLATE_NOOP("Attachments", "a HEIC picture (as iPhones take them)"),
    "image/webp": QT_TRANSLATE_NOOP("Attachments", "a WebP picture"),
    "audio/mpeg": QT_TRANSLATE_NOOP("Attachments", "an MP3 recording"),
    "audio/aac": QT_TRANSLATE_NOOP("Attachments", "an AAC recording"),
    "audio/mp4": QT_TRANSLATE_NOOP("Attachments", "an M4A recording"),
    "video/mp4": QT_TRANSLATE_NOOP("Attachments", "an MP4 recording"),
    "video/quicktime": QT_TRANSLATE_NOOP("Attachments", "a QuickTime film (.mov)"),
    "video/3gpp": QT_TRANSLATE_NOOP("Attachments", "a 3GP recording (as older phones make)"),
    "audio/wav": QT_TRANSLATE_NOOP("Attachments", "a WAV recording"),
    "audio/ogg": QT_TRANSLATE_NOOP("Attachments", "an Ogg recording"),
    "audio/flac": QT_TRANSLATE_NOOP("Attachments", "a FLAC recording"),
    "audio/amr": QT_TRANSLATE_NOOP("Attachments", "an AMR voice recording"),
    "video/webm": QT_TRANSLATE_NOOP("Attachments", "a WebM or Matroska recording"),
    "video/x-ms-asf": QT_TRANSLATE_NOOP("Attachments", "a Windows Media recording"),
    OCTET: QT_TRANSLATE_NOOP("Attachments", "a file of a kind this app does not recognise"),
}

# What a name's ending promises, for the endings HMCTS takes and a few others.
BY_ENDING = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".odt": ODT,
    ".zip": "application/zip",
    ".rtf": "application/rtf",
    ".txt": TEXT,
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".heic": "image/heic",
    ".webp": "image/webp",
    ".mp3": "audio/mpeg",
    ".aac": "audio/aac",
    ".m4a": "audio/mp4",
    ".mp4": "video/mp4",
    ".mov": "video/quicktime",
    ".3gp": "video/3gpp",
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".flac": "audio/flac",
    ".amr": "audio/amr",
    ".webm": "video/webm",
    ".mkv": "video/webm",
    ".wma": "video/x-ms-asf",
    ".wmv": "video/x-ms-asf",
}

_FTYP = {  # the brand of an ISO media file (bytes 8 to 12) and what it is
    b"M4A ": "audio/mp4",
    b"M4B ": "audio/mp4",
    b"qt  ": "video/quicktime",
    b"heic": "image/heic",
    b"heix": "image/heic",
    b"mif1": "image/heic",
    b"msf1": "image/heic",
}
_SIGNATURES = (  # (offset, bytes, type), checked in order
    (0, b"%PDF-", "application/pdf"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"{\\rtf", "application/rtf"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"OggS", "audio/ogg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"#!AMR", "audio/amr"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "video/x-ms-asf"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
HEAD_BYTES = 64 * 1024  # enough of a file's start for every check here


def ending(name: str) -> str:
    return PurePath(name).suffix.lower()


def detect(name: str, head: bytes) -> str:
    """The file's type (a MIME type) from its first bytes; the name only chooses between
    kinds the bytes cannot tell apart."""
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand.startswith((b"3gp", b"3g2")):
            return "video/3gpp"
        return _FTYP.get(brand, "video/mp4")
    if head[:4] == b"RIFF" and head[8:12] in (b"WAVE", b"WEBP"):
        return "audio/wav" if head[8:12] == b"WAVE" else "image/webp"
    if head[:2] == b"BM" and len(head) >= 26 and head[6:10] == b"\0\0\0\0":
        return "image/bmp"
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xE6 == 0xE2 and head[1] & 0x18 != 0x08:  # an MPEG audio layer III frame
            return "audio/mpeg"
        if head[1] & 0xF6 == 0xF0:  # an ADTS (AAC) frame
            return "audio/aac"
    if head.startswith(_OLE):
        return "application/msword" if ending(name) == ".doc" else "application/x-ole-storage"
    if head.startswith(_ZIP):
        return _zip_kind(head)
    return TEXT if _looks_like_text(head) else OCTET


def _zip_kind(head: bytes) -> str:
    if head[30:38] == b"mimetype" and b"opendocument.text" in head[38:120]:
        return ODT
    for marker, kind in ((b"word/", DOCX), (b"xl/", XLSX), (b"ppt/", PPTX)):
        if marker in head:
            return kind
    return "application/zip"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not only a character cut at the end of the sample
            return False
    return all(b >= 0x20 or b in b"\t\n\r\f" for b in head)


def label(media_type: str) -> str:
    """The kind of file in words ("an MP3 recording")."""
    return translate("Attachments", LABELS.get(media_type, LABELS[OCTET]))


def matches_name(name: str, media_type: str) -> bool:
    """Whether the name's ending says what the content is (or says nothing either way)."""
    promised = BY_ENDING.get(ending(name))
    return promised is None or promised == media_type


# -- sizes in words ---------------------------------------------------------------------


def size_in_words(size: int) -> str:
    """A size as people read it: "640 bytes", "12 KB", "4.2 MB", "1.3 GB" (powers of 1,000,
    as file managers and HMCTS's limits count)."""
    if size < 1000:
        return translate_n("Attachments", "%n byte(s)", size)
    for unit, scale in (("KB", 10**3), ("MB", 10**6), ("GB", 10**9)):
        if size < scale * 1000 or unit == "GB":
            value = size / scale
            shown = f"{value:.1f}" if value < 10 else f"{value:,.0f}"
            return translate("Attachments", "{n} {unit}").format(n=shown, unit=unit)
    raise AssertionError("unreachable")


# -- HMCTS's upload ---------------------------------------------------------------------

DOCUMENT_LIMIT = 10 * 10**6
RECORDING_LIMIT = 500 * 10**6
DOCUMENT_ENDINGS = (".pdf", ".doc", ".docx", ".rtf", ".txt", ".jpg", ".jpeg", ".png", ".bmp",
                    ".tif", ".tiff")  # fmt: skip
RECORDING_ENDINGS = (".mp3", ".mp4")
_RECORDING_CONTENT = {".mp3": ("audio/mpeg",), ".mp4": ("video/mp4", "audio/mp4")}


def _beyond(size: int, limit: int) -> str:
    """A size over a limit in words, exact where rounding would make it look like the limit."""
    words = size_in_words(size)
    if words == size_in_words(limit):
        return translate("Attachments", "{n} bytes").format(n=f"{size:,}")
    return words


def _is_recording(media_type: str) -> bool:
    return media_type.startswith(("audio/", "video/"))


def hmcts_upload(name: str, size: int, media_type: str) -> str:
    """One plain sentence: whether HMCTS's appeal upload takes this file as it is."""
    end = ending(name)
    what = label(media_type)
    if end in RECORDING_ENDINGS and media_type in _RECORDING_CONTENT[end]:
        if size > RECORDING_LIMIT:
            return translate(
                "Attachments",
                "HMCTS's appeal upload takes recordings up to 500 MB and this one is {size}, "
                "so it would need shortening or compressing before it could be sent that way.",
            ).format(size=_beyond(size, RECORDING_LIMIT))
        return translate(
            "Attachments",
            "HMCTS's appeal upload takes this file as it is ({what}, {size}, within its 500 MB "
            "limit for recordings), though a judge decides whether a recording is admitted.",
        ).format(what=what, size=size_in_words(size))
    if end in DOCUMENT_ENDINGS and matches_name(name, media_type):
        if size > DOCUMENT_LIMIT:
            return translate(
                "Attachments",
                "HMCTS's appeal upload takes documents up to 10 MB and this one is {size}, "
                "so it would need splitting or making smaller before it could be sent that way.",
            ).format(size=_beyond(size, DOCUMENT_LIMIT))
        return translate(
            "Attachments",
            "HMCTS's appeal upload takes this file as it is ({what}, {size}, within its 10 MB "
            "limit for documents).",
        ).format(what=what, size=size_in_words(size))
    if not matches_name(name, media_type):
        return translate(
            "Attachments",
            'HMCTS\'s appeal upload may refuse this file, because its name ends "{end}" but '
            "it holds {what}: it would need the right name or converting first.",
        ).format(end=end, what=what)
    if _is_recording(media_type):
        return translate(
            "Attachments",
            "HMCTS's appeal upload takes recordings only as .mp3 or .mp4 files, so {what} "
            "would need converting before it could be sent that way.",
        ).format(what=what)
    return translate(
        "Attachments",
        "HMCTS's appeal upload does not take {what} (it takes .pdf, .doc, .docx, .rtf, .txt, "
        ".jpg, .png, .bmp and .tif documents, and .mp3 or .mp4 recordings), so it would need "
        "converting before it could be sent that way.",
    ).format(what=what)
