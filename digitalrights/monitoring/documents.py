"""What an evidence document is, read from its content, never from its name.

Officials may attach PDF, OpenDocument and Office text and spreadsheet
files, CSV tables, and PNG or JPEG pictures. Only the first bytes, the zip
directory (nothing is unpacked, so a zip bomb costs nothing) and, for CSV,
the first 64 KB are read.
"""

from __future__ import annotations

import codecs
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .models import EVIDENCE_DOCUMENT_MAX_BYTES

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"
# The largest "mimetype" entry an OpenDocument file can sensibly have.
MIMETYPE_ENTRY_LIMIT = 100
CSV_SAMPLE = 64 * 1024
# In a table of text, only tabs and line ends among the control characters.
CSV_CONTROLS = {chr(c) for c in range(32)} - {"\t", "\n", "\r"} | {"\x7f"}


def max_megabytes() -> int:
    return EVIDENCE_DOCUMENT_MAX_BYTES // (1024 * 1024)


def _wrong_type() -> ValidationError:
    return ValidationError(
        _(
            "This file cannot be used as evidence. Send a PDF, an OpenDocument or"
            " Word text, an OpenDocument or Excel spreadsheet, a CSV table, or a"
            " PNG or JPEG picture."
        ),
        code="wrong_type",
    )


def _zipped(upload: UploadedFile) -> str | None:
    with zipfile.ZipFile(upload) as archive:
        names = set(archive.namelist())
        if "mimetype" in names:
            entry = archive.getinfo("mimetype")
            if entry.file_size <= MIMETYPE_ENTRY_LIMIT:
                mimetype = archive.read("mimetype").strip().decode("ascii", "replace")
                if mimetype in (ODT, ODS):
                    return mimetype
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    return None


def _is_csv(upload: UploadedFile) -> bool:
    """Return whether the file reads as UTF-8 text with a comma or semicolon."""
    sample = upload.read(CSV_SAMPLE)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        # Not final: the sample may end inside a character.
        text = decoder.decode(sample, final=upload.size <= CSV_SAMPLE)
    except UnicodeDecodeError:
        return False
    if not text.strip() or any(char in CSV_CONTROLS for char in text):
        return False
    first_line = text.splitlines()[0] if text.splitlines() else ""
    return "," in first_line or ";" in first_line or "\t" in first_line


def document_check(upload: UploadedFile) -> str:
    """Return the content type of an evidence document, read from its content.

    Raise ValidationError for an empty file, one over the size limit, or
    any other kind of file, whatever its name says.
    """
    size = upload.size or 0
    if size == 0:
        raise ValidationError(
            _("The file is empty. Choose the document again."), code="empty"
        )
    if size > EVIDENCE_DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB. Please send a smaller one.")
            % {"size": max_megabytes()},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            kind = _zipped(upload)
            if kind:
                return kind
        elif _is_csv(upload):
            return CSV
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError):
        pass
    finally:
        upload.seek(0)
    raise _wrong_type()
