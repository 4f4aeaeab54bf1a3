"""The text of uploaded PDF documents, read in a child process under limits.

Reading a PDF's text can take minutes on a crafted file (one page of 200 000 text
operators, or 200 pages sharing one stream of empty ones) while saying nothing of it:
so it never runs in a web request. The worker reads it (``cuf.files.text_jobs``) in a
forked child (``cuf.files.limits``) with a CPU-time and memory limit, under pypdf's own
budgets on parsing work and decoded bytes and our own on the work of the whole file (tokens
read over all its pages), on the pages read and on the characters kept. A file that
reaches a limit is "illisible": the text read before the limit is kept, and the file is
still served.

The upload check (``pdf_opens``) asks only whether pypdf opens the file at all, under the
same kind of limits with a shorter CPU time, so an upload answers quickly whatever it is.
"""

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from cuf.files.limits import ChildError, LimitReached, Limits, run_limited
from cuf.text.plain import clean_text

logger = logging.getLogger(__name__)

MAX_PAGES = 200
MAX_CHARS = 100_000


class WorkLimit(Exception):
    """The file asks for more work than a document is allowed."""


@dataclass(frozen=True)
class Extraction:
    text: str
    # False when a limit was reached or the file could not be read: "texte illisible".
    complete: bool
    reason: str = ""


def _pypdf_budgets():
    limits = settings.PDF_LIMITS
    return apply_configuration(
        stream_parsing_work_maximum_count=limits["page_tokens"],
        zlib_maximum_output_length=limits["stream_bytes"],
        lzw_maximum_output_length=limits["stream_bytes"],
        run_length_maximum_output_length=limits["stream_bytes"],
        brotli_maximum_output_length=limits["stream_bytes"],
        array_based_stream_maximum_output_length=limits["stream_bytes"],
        stream_decoding_work_maximum_length=limits["stream_bytes"] * 2,
    )


def _read_text(data: bytes, max_pages: int, limit: int, file_tokens: int) -> tuple[str, str]:
    """In the child: (text, reason it stopped early or "")."""
    parts: list[str] = []
    length = 0
    spent = 0

    def count(operator, operands, *args):
        nonlocal spent
        spent += 1 + len(operands)
        if spent > file_tokens:
            raise WorkLimit

    with _pypdf_budgets():
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return "", "chiffré"
        try:
            for page in reader.pages[:max_pages]:
                text = page.extract_text(visitor_operand_before=count) or ""
                parts.append(text)
                length += len(text)
                if length >= limit:
                    break
        except (WorkLimit, LimitReachedError):
            return "\n".join(parts)[:limit], "travail"
    return "\n".join(parts)[:limit], ""


def pdf_text(data: bytes, *, max_pages: int = MAX_PAGES, limit: int = MAX_CHARS) -> Extraction:
    """The text of a PDF file, read under limits."""
    limits = settings.PDF_LIMITS
    try:
        text, reason = run_limited(
            _read_text,
            data,
            max_pages,
            limit,
            limits["file_tokens"],
            limits=Limits(limits["cpu_seconds"], limits["memory_mb"]),
        )
    except LimitReached as reached:
        return Extraction("", complete=False, reason=str(reached))
    except ChildError as error:
        # pypdf raises many kinds of errors on damaged files: any of them means no text.
        logger.warning("Texte du PDF illisible : %s", error)
        return Extraction("", complete=False, reason="illisible")
    return Extraction(clean_text(text, limit=limit), complete=not reason, reason=reason)


def _opens(data: bytes) -> int:
    with _pypdf_budgets():
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # Opened, but its pages need a password: served as it is, without its text.
            return 1
        return len(reader.pages)


def pdf_opens(uploaded) -> bool:
    """Whether pypdf opens the file and finds at least one page, within the upload
    check's limits (a file that takes longer to open is refused too)."""
    limits = settings.PDF_LIMITS
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    try:
        pages = run_limited(
            _opens, data, limits=Limits(limits["check_cpu_seconds"], limits["memory_mb"])
        )
    except (LimitReached, ChildError):
        return False
    return pages > 0
