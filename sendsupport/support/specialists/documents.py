"""Checking an uploaded advice document: its type by name AND by its first bytes, and its size.

A file called ``report.pdf`` that is really a program is refused: the extension says what the
file claims to be, the first bytes ("magic numbers") say what it is, and both must agree.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word .doc (Compound File Binary)
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str


KINDS = {
    "pdf": Kind("PDF", "application/pdf"),
    "doc": Kind("Word document", "application/msword"),
    "docx": Kind("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "jpg": Kind("JPEG image", "image/jpeg"),
    "jpeg": Kind("JPEG image", "image/jpeg"),
    "png": Kind("PNG image", "image/png"),
}
ALLOWED_DESCRIPTION = "a PDF, a Word document (.doc or .docx) or an image (.jpg or .png)"


def max_document_bytes() -> int:
    """The largest document accepted: ``SENDSUPPORT["SPECIALIST_DOCUMENT_MAX_BYTES"]``, 10 MB unless set."""
    return int(getattr(settings, "SENDSUPPORT", {}).get("SPECIALIST_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _head(file: IO[bytes], n: int = 16) -> bytes:
    file.seek(0)
    head = file.read(n)
    file.seek(0)
    return head


def _is_docx(file: IO[bytes]) -> bool:
    # Only the list of names is read: nothing is extracted.
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return "word/document.xml" in names and "[Content_Types].xml" in names


def _content_matches(extension: str, file: IO[bytes]) -> bool:
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "doc":
        return head.startswith(OLE2)
    if extension == "docx":
        return head.startswith(ZIP) and _is_docx(file)
    if extension in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    return False


def check_document(upload, *, field: str = "advice_document") -> str:
    """Return the file's extension if it is an allowed type of the allowed size; else ValidationError.

    ``upload`` is a Django ``UploadedFile`` (or anything with ``name``, ``size`` and file methods).
    """
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    limit = max_document_bytes()
    if extension not in KINDS:
        raise ValidationError({field: f"“{name}” cannot be uploaded. The file must be {ALLOWED_DESCRIPTION}."})
    if upload.size == 0:
        raise ValidationError({field: f"“{name}” is empty. Upload the document itself."})
    if upload.size > limit:
        raise ValidationError(
            {
                field: f"“{name}” is {_megabytes(upload.size)} MB. "
                f"The file must be no larger than {_megabytes(limit)} MB."
            }
        )
    if not _content_matches(extension, upload):
        raise ValidationError(
            {
                field: f"“{name}” is not a real {KINDS[extension].label}: its contents do not match its name. "
                f"The file must be {ALLOWED_DESCRIPTION}."
            }
        )
    return extension


def content_type_for(name: str) -> str:
    extension = PurePath(name).suffix.lower().lstrip(".")
    kind = KINDS.get(extension)
    return kind.content_type if kind else "application/octet-stream"
