"""Demo content: a small, believable portal to click through locally.

Each content type brings its own demo items (its app's ``demo.py``, named in its
registration); this module holds the themes they share, the tools they use to write
items and files, and ``load_demo``, which runs them all. Everything is written for the
demo; files (PDF, JPEG, WAV) are generated on the fly. Items are looked up by slug, so
loading twice changes nothing.
"""

import datetime
import io
import math
import struct
import wave
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from fpdf import FPDF
from PIL import Image, ImageDraw

from cuf import content_types
from cuf.members.models import MemberOrganisation
from cuf.publishing.rule import Status
from cuf.themes.models import Theme

THEMES = [
    ("COVID-19", "covid-19", Theme.Kind.TOPIC, "La coopération décentralisée face à la pandémie."),
    ("Jeunesse", "jeunesse", Theme.Kind.TOPIC, "Volontariat, mobilité et engagement des jeunes."),
    (
        "Climat et transition écologique",
        "climat-et-transition-ecologique",
        Theme.Kind.TOPIC,
        "Adaptation, énergie, eau : les collectivités agissent ensemble.",
    ),
    ("Haïti", "haiti", Theme.Kind.PLACE, "Les partenariats franco-haïtiens."),
    ("Sahel", "sahel", Theme.Kind.PLACE, "La dynamique Sahel des collectivités françaises."),
    ("Japon", "japon", Theme.Kind.PLACE, "Les rencontres et jumelages franco-japonais."),
]


def at(days: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment ``days`` from today (negative: in the past), in the portal's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), timezone.get_current_timezone()
    )


def fixed(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


@dataclass
class Item:
    slug: str
    title: str
    published_at: datetime.datetime
    themes: list[str]
    fields: dict
    status: str = Status.PUBLISHED
    documents: list[tuple[str, list[str]]] = field(default_factory=list)
    upload: tuple[str, str, bytes] | None = None  # (field name, file name, content)


def _latin1(text: str) -> str:
    # The PDF's built-in fonts only cover Latin-1: typographic quotes become plain ones.
    return text.replace("’", "'").replace("…", "...").encode("latin-1", "replace").decode("latin-1")


def pdf_bytes(title: str, paragraphs: list[str]) -> bytes:
    title, paragraphs = _latin1(title), [_latin1(p) for p in paragraphs]
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("Portail de la coopération décentralisée")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, title)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    return bytes(pdf.output())


def jpeg_bytes(label: str, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (960, 540), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, 540, 12):
        shade = tuple(min(255, c + step // 6) for c in colour)
        draw.rectangle([0, step, 960, step + 12], fill=shade)
    draw.ellipse([380, 170, 580, 370], outline=(255, 255, 255), width=8)
    draw.text((40, 480), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def wav_bytes(seconds: float = 2.0, frequency: float = 440.0) -> bytes:
    rate = 16_000
    frames = b"".join(
        struct.pack("<h", int(9000 * math.sin(2 * math.pi * frequency * n / rate)))
        for n in range(int(rate * seconds))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(rate)
        output.writeframes(frames)
    return buffer.getvalue()


def _file_content(name: str, seed: bytes) -> bytes:
    if name.endswith(".jpg"):
        colour = (11 + seed[0] % 60, 79 + seed[-1] % 60, 138)
        return jpeg_bytes(name.removesuffix(".jpg"), colour)
    if name.endswith(".wav"):
        return wav_bytes()
    return seed


def save_item(model, item: Item, author):
    """Create the item unless its slug exists; return it when it was created, else None."""
    if model.objects.filter(slug=item.slug).exists():
        return None
    obj = model(
        slug=item.slug,
        title=item.title,
        status=item.status,
        published_at=item.published_at,
        author=author,
        **item.fields,
    )
    if item.upload:
        field_name, name, seed = item.upload
        setattr(obj, field_name, ContentFile(_file_content(name, seed), name=name))
    obj.full_clean()
    obj.save()
    obj.themes.set(Theme.objects.filter(slug__in=item.themes))
    return obj


DEMO_ORGANISATION = "Région Exemple (démonstration)"
DEMO_MEMBER = "adherent@localhost"


def demo_member_organisation():
    """The demo's member organisation (its member account is made by ``local_admin``,
    with a new password each run, as the admin's)."""
    organisation, _created = MemberOrganisation.objects.get_or_create(
        name=DEMO_ORGANISATION,
        defaults={"kind": MemberOrganisation.Kind.REGION, "country": "France"},
    )
    return organisation


@transaction.atomic
def load_demo(*, author=None) -> dict[str, int]:
    """Add the demo content that is missing; return how many items of each type (by
    plural label, in lower case) were added."""
    for name, slug, kind, description in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "description": description}
        )
    demo_member_organisation()
    return {
        config.label_plural.lower(): config.demo(author)
        for config in content_types.all_types()
        if config.demo is not None
    }
