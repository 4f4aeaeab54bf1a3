"""The text of uploaded documents, extracted once at upload time so that search finds it.

Extraction is bounded (pages read, characters kept) so a large upload cannot hold the
admin for long nor bloat the index. A PDF that cannot be read (damaged, encrypted,
exotic) is not an error for the editor: the file was already accepted by its checks,
it is simply indexed without its text.
"""

import logging

from pypdf import PdfReader

from cuf.text.plain import clean_text

logger = logging.getLogger(__name__)

MAX_PAGES = 200
MAX_CHARS = 100_000


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
    # pypdf raises many kinds of errors on damaged files: any of them means no text.
    except Exception:
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
