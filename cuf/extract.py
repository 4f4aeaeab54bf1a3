"""The text of uploaded documents, extracted once at upload time so that search finds it.

Extraction is bounded (pages read, characters kept) so a large upload cannot hold the
admin for long nor bloat the index. A PDF that cannot be read (damaged, encrypted,
exotic) is not an error for the editor: the file was already accepted by its checks,
it is simply indexed without its text.
"""

import logging
import re

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 200
MAX_CHARS = 100_000

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Control characters (NUL included, which PostgreSQL refuses in text) become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str, *, limit: int = MAX_CHARS) -> str:
    """Text as stored: control characters removed, spaces collapsed, at most ``limit``."""
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip()[:limit]


def pdf_text(uploaded, *, max_pages: int = MAX_PAGES, limit: int = MAX_CHARS) -> str:
    """The text of a PDF file ("" when it has none or cannot be read)."""
    parts: list[str] = []
    length = 0
    try:
        uploaded.seek(0)
        reader = PdfReader(uploaded)
        if reader.is_encrypted and not reader.decrypt(""):
            return ""
        for page in reader.pages[:max_pages]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= limit:
                break
    except Exception:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        logger.warning("Texte du PDF illisible : document indexé sans son texte.", exc_info=True)
        return ""
    finally:
        uploaded.seek(0)
    return clean_text("\n".join(parts), limit=limit)


def document_text(uploaded, *, content_type: str) -> str:
    """The text of an uploaded document of a checked format, when we can read it."""
    if content_type == "application/pdf":
        return pdf_text(uploaded)
    return ""
