"""Small real files for upload tests, made in memory."""

import io
import math
import struct
import wave
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cuf.demo import pdf_bytes


def pdf_upload(name="programme.pdf", title="Programme", text="Quinze heures : ouverture."):
    return SimpleUploadedFile(name, pdf_bytes(title, [text]), content_type="application/pdf")


def image_bytes(fmt="PNG", size=(40, 30), colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def image_upload(name="photo.png", fmt="PNG", size=(40, 30)):
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=f"image/{fmt.lower()}")


def wav_bytes(seconds=0.2) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(8000)
        output.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(n / 5))) for n in range(int(8000 * seconds))
            )
        )
    return buffer.getvalue()


def wav_upload(name="extrait.wav", seconds=0.2):
    return SimpleUploadedFile(name, wav_bytes(seconds), content_type="audio/wav")


def _pdf(contents: list[bytes], *, pages: int | None = None) -> bytes:
    """A PDF written byte by byte: one Flate stream per entry of ``contents``, one page
    each, or ``pages`` pages all showing the first stream."""
    objects: list[bytes] = [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for content in contents:
        data = zlib.compress(content, 9)
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )
    streams = list(range(2, 2 + len(contents)))
    shown = streams if pages is None else streams[:1] * pages
    parent = len(objects) + len(shown) + 1
    kids = []
    for stream in shown:
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>" % (parent, stream)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % parent)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(objects), xref)
    )
    return out.getvalue()


def crafted_pdf_many_operators() -> bytes:
    """One page, one compressed stream of 200 000 ``BT (x) Tj ET``: a few kilobytes that
    took pypdf a minute to read."""
    return _pdf([b"BT /F1 12 Tf 72 720 Td " + b"BT (x) Tj ET\n" * 200_000 + b"ET\n"])


def crafted_pdf_shared_empty_stream() -> bytes:
    """200 pages sharing one stream of 600 000 empty ``() Tj``: no text comes out, so the
    character cap never stops it, and each page costs seconds."""
    return _pdf([b"BT /F1 12 Tf " + b"() Tj\n" * 600_000 + b"ET\n"], pages=200)


def zip_as_pdf() -> bytes:
    """A zip archive behind a ``%PDF-1.4`` line: its magic bytes say PDF, pypdf says no."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("lisez-moi.txt", "Ceci n’est pas un PDF.\n" * 200)
    return b"%PDF-1.4\n" + buffer.getvalue()


def ten_page_pdf(word: str = "jumelage") -> bytes:
    """A normal report: ten pages of text, the last one naming ``word``."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    for page in range(1, 11):
        pdf.add_page()
        text = f"Page {page}. La coopération décentralisée entre collectivités. ".encode(
            "latin-1", "replace"
        ).decode("latin-1")
        pdf.multi_cell(0, 6, text * 40 + (f" {word}" if page == 10 else ""))
    return bytes(pdf.output())
