"""What an uploaded document is, read from its content, never from its name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

PDF = ("application/pdf", "pdf")
ODT = ("application/vnd.oasis.opendocument.text", "odt")
DOCX = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
# The largest "mimetype" entry an ODT file can sensibly have.
MIMETYPE_ENTRY_LIMIT = 100


def max_bytes() -> int:
    return settings.APPLICATION_DOCUMENT_MAX_MB * 1024 * 1024


def document_check(upload: UploadedFile) -> tuple[str, str]:
    """Return (content type, extension) of a PDF, ODT or DOCX upload.

    Raise ValidationError for anything else, or a file over the size limit.
    Only the first bytes and the zip directory are read: nothing is
    unpacked, so a zip bomb costs nothing.
    """
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is larger than %(size)s MB. Please send a smaller one.")
            % {"size": settings.APPLICATION_DOCUMENT_MAX_MB},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    entry = archive.getinfo("mimetype")
                    if entry.file_size <= MIMETYPE_ENTRY_LIMIT:
                        mimetype = archive.read("mimetype").strip()
                        if mimetype == ODT[0].encode():
                            return ODT
                if {"[Content_Types].xml", "word/document.xml"} <= names:
                    return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError):
        pass
    finally:
        upload.seek(0)
    raise ValidationError(
        _("The file must be a PDF, an OpenDocument text (ODT) or a Word (DOCX) file."),
        code="wrong_type",
    )
