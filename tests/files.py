"""Small real files for upload tests, made in memory."""

import io
import math
import struct
import wave

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
