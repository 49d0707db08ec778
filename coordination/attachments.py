"""Which files a meeting may get as attachments, told by their first bytes (never by the name the browser
sends): PDF, office documents (Word, Excel, PowerPoint and OpenDocument) and JPEG, PNG and WebP images.

An office document is a ZIP file: Office Open XML is told by its `[Content_Types].xml` and the part folder
(`word/`, `xl/`, `ppt/`), OpenDocument by its first member `mimetype`. Only the ZIP's directory and that
small member are read, so a crafted archive cannot make the check unpack much.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind("pdf", "application/pdf")
JPEG = FileKind("jpg", "image/jpeg")
PNG = FileKind("png", "image/png")
WEBP = FileKind("webp", "image/webp")
OOXML = {
    "word/": FileKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": FileKind("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ODF = {
    kind.content_type: kind
    for kind in (
        FileKind("odt", "application/vnd.oasis.opendocument.text"),
        FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet"),
        FileKind("odp", "application/vnd.oasis.opendocument.presentation"),
    )
}
# What the file input offers in the browser's file dialog (a hint only; the content decides).
ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.jpg,.jpeg,.png,.webp"


def _office_kind(upload) -> FileKind | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype":
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    return ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
                return None
            if "[Content_Types].xml" in names:
                for folder, kind in OOXML.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return None


def file_kind(upload) -> FileKind | None:
    """The kind of an uploaded file by its content, or None when it is none of the accepted kinds."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(upload)
        upload.seek(0)
        return kind
    return None


def check_attachment(upload) -> FileKind:
    """The kind of the upload; a ValidationError with a message for the form when it is too large or of a
    kind that is not accepted."""
    limit = settings.MEETING_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(size)s.") % {"size": filesizeformat(limit)}, code="too_large"
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = file_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "This kind of file cannot be attached. Use PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG or WebP."
            ),
            code="file_type",
        )
    return kind


def safe_name(name: str, kind: FileKind) -> str:
    """A file name to show and to download as: no folders, control characters, quotes or other characters that
    mean something to a shell or a header; at most 100 characters; the extension of the checked kind."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = base.rsplit(".", 1)[0] if "." in base else base
    base = unicodedata.normalize("NFC", base)
    base = "".join(char for char in base if unicodedata.category(char)[0] not in "CZ" or char == " ")
    base = re.sub(r"[^\w .()-]+", "_", base).strip(" ._")[:100]
    return f"{base or 'vedlegg'}.{kind.extension}"
