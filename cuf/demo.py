"""Demo content: a small, believable portal to click through locally.

Everything here is written for the demo; files (PDF, JPEG, WAV) are generated on the fly.
Items are looked up by slug, so loading twice changes nothing.
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

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique, Document
from cuf.models import Status, Theme
from resources.models import Resource

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


def _at(days: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment ``days`` from today (negative: in the past), in the portal's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), timezone.get_current_timezone()
    )


def _fixed(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
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


def communiques() -> list[Item]:
    return [
        Item(
            slug="webinaire-cooperation-decentralisee-crise-sanitaire",
            title="Webinaire : la coopération décentralisée à l’épreuve de la crise sanitaire",
            published_at=_fixed(2020, 5, 12),
            themes=["covid-19"],
            fields={
                "surtitre": "MEAE/DAECT : communiqué",
                "issuer": "MEAE/DAECT",
                "place": "Paris",
                "body": (
                    "<p>Depuis le printemps, les partenariats entre collectivités françaises et "
                    "étrangères ont dû se réinventer : missions annulées, projets suspendus, "
                    "mais aussi entraide d’urgence et échanges de pratiques à distance.</p>"
                    "<p>La délégation organise un <strong>webinaire le mardi 19 mai 2020, de "
                    "15 h à 17 h 30</strong>, pour partager ces expériences et préparer la "
                    "suite.</p><h2>Programme</h2><ul><li>15 h : témoignages de collectivités "
                    "et de leurs partenaires ;</li><li>16 h : les outils de financement "
                    "adaptés ;</li><li>17 h : questions des participants.</li></ul>"
                    "<p>Inscriptions avant le 18 mai auprès de la délégation.</p>"
                ),
            },
            documents=[
                (
                    "Programme du webinaire du 19 mai",
                    [
                        "15 h 00 : ouverture et témoignages de collectivités partenaires.",
                        "16 h 00 : adaptation des outils de financement à la crise.",
                        "17 h 00 : questions des participants et conclusion.",
                    ],
                ),
                (
                    "Fiche d’inscription",
                    [
                        "Nom de la collectivité : ...",
                        "Personne inscrite et fonction : ...",
                        "Adresse électronique : ...",
                    ],
                ),
            ],
        ),
        Item(
            slug="collectivites-face-au-covid-19-premier-bilan",
            title="Les collectivités face au COVID-19 : un premier bilan des solidarités",
            published_at=_fixed(2020, 5, 7),
            themes=["covid-19", "haiti"],
            fields={
                "surtitre": "CUF : communiqué",
                "issuer": "CUF",
                "place": "Paris",
                "body": (
                    "<p>Masques, matériel médical, soutien aux équipes municipales : le réseau "
                    "a recensé plus de quarante actions de solidarité menées par des "
                    "collectivités françaises avec leurs partenaires, notamment en Haïti.</p>"
                    "<blockquote><p>La coopération ne s’arrête pas avec les frontières "
                    "fermées.</p></blockquote>"
                ),
            },
        ),
        Item(
            slug="appel-a-projets-jeunesse-solidarite-internationale",
            title="Appel à projets « Jeunesse et solidarité internationale »",
            published_at=_at(-40),
            themes=["jeunesse"],
            fields={
                "surtitre": "MEAE/DAECT : appel à projets",
                "issuer": "MEAE/DAECT",
                "place": "Paris",
                "body": (
                    "<p>L’appel à projets soutient les collectivités qui font partir des jeunes "
                    "en mission de volontariat auprès de leurs partenaires.</p>"
                    "<table><thead><tr><th>Étape</th><th>Date</th></tr></thead><tbody>"
                    "<tr><td>Dépôt des dossiers</td><td>Fin du trimestre</td></tr>"
                    "<tr><td>Comité de sélection</td><td>Le mois suivant</td></tr>"
                    "</tbody></table>"
                ),
            },
            documents=[
                (
                    "Règlement de l’appel à projets",
                    [
                        "Article 1 : l’appel est ouvert aux collectivités territoriales.",
                        "Article 2 : les projets associent des jeunes de 18 à 30 ans.",
                    ],
                ),
                (
                    "Dossier de candidature",
                    ["Présentation du projet, budget prévisionnel, calendrier."],
                ),
            ],
        ),
        Item(
            slug="rencontres-franco-japonaises-annonce",
            title="Annonce des Rencontres franco-japonaises de la coopération décentralisée",
            published_at=_at(-20),
            themes=["japon"],
            fields={
                "surtitre": "CUF : communiqué",
                "issuer": "CUF",
                "place": "Paris",
                "body": (
                    "<p>Les Rencontres réuniront élus et techniciens des deux pays autour du "
                    "vieillissement, de la prévention des risques et de la culture.</p>"
                ),
            },
        ),
        Item(
            slug="sahel-atelier-dynamique-collectivites",
            title="Sahel : atelier de la dynamique des collectivités engagées",
            published_at=_at(-8),
            themes=["sahel", "climat-et-transition-ecologique"],
            fields={
                "issuer": "CUF",
                "place": "Paris",
                "body": (
                    "<p>L’atelier fera le point sur les projets d’accès à l’eau et de gestion "
                    "des ressources naturelles conduits avec les communes sahéliennes.</p>"
                ),
            },
        ),
        Item(
            slug="declaration-aide-publique-au-developpement",
            title="Campagne de déclaration de l’aide publique au développement des collectivités",
            published_at=_at(-2),
            themes=["climat-et-transition-ecologique"],
            fields={
                "surtitre": "MAEA/DCTCIV : communiqué",
                "issuer": "MAEA/DCTCIV",
                "place": "Paris",
                "body": (
                    "<p>Les collectivités sont invitées à déclarer les montants consacrés à "
                    "l’aide publique au développement au cours de l’année écoulée.</p>"
                ),
            },
        ),
        Item(
            slug="bilan-annuel-des-partenariats-brouillon",
            title="Bilan annuel des partenariats (brouillon)",
            published_at=_at(-1),
            themes=["covid-19"],
            status=Status.DRAFT,
            fields={"issuer": "CUF", "body": "<p>Texte en cours de rédaction.</p>"},
        ),
        Item(
            slug="assises-de-la-cooperation-decentralisee-programmees",
            title="Assises de la coopération décentralisée : le programme complet",
            published_at=_at(7),
            themes=["jeunesse"],
            fields={
                "issuer": "MEAE/DAECT",
                "place": "Paris",
                "body": "<p>Le programme sera publié une semaine avant l’ouverture.</p>",
            },
        ),
    ]


def events() -> list[Item]:
    return [
        Item(
            slug="cafe-des-elues-et-elus",
            title="Le « Café des élues et élus »",
            published_at=_at(-30),
            themes=["jeunesse"],
            fields={
                "starts_at": _at(-10, 17, 30),
                "ends_at": _at(-10, 18, 15),
                "online_url": "https://visio.example.org/cafe-des-elus",
                "organiser": "CUF",
                "body": "<p>Une conversation libre entre élus engagés à l’international.</p>",
            },
        ),
        Item(
            slug="journee-du-groupe-pays-haiti",
            title="Journée du groupe-pays Haïti",
            published_at=_at(-60),
            themes=["haiti"],
            fields={
                "starts_at": _at(-25),
                "all_day": True,
                "place": "Paris, 9 rue Christiani",
                "organiser": "CUF",
                "members_only": True,
                "body": "<p>Point d’étape annuel des partenariats franco-haïtiens.</p>",
            },
        ),
        Item(
            slug="webinaire-financements-europeens",
            title="Webinaire : les financements européens pour les partenariats",
            published_at=_at(-15),
            themes=["climat-et-transition-ecologique"],
            fields={
                "starts_at": _at(0, 14),
                "ends_at": _at(0, 16),
                "online_url": "https://visio.example.org/financements-europeens",
                "organiser": "MEAE/DAECT",
                "registration_url": "https://inscriptions.example.org/financements",
                "registration_deadline": timezone.localdate(),
                "body": "<p>Quels programmes européens pour quels projets ?</p>",
            },
        ),
        Item(
            slug="rencontres-franco-japonaises",
            title="Rencontres franco-japonaises de la coopération décentralisée",
            published_at=_at(-20),
            themes=["japon"],
            fields={
                "starts_at": _at(12),
                "ends_at": _at(15, 18),
                "all_day": True,
                "place": "Lyon, Hôtel de Région",
                "organiser": "CUF et le CLAIR",
                "registration_contact": "rencontres@example.org",
                "registration_deadline": timezone.localdate() + datetime.timedelta(days=5),
                "body": "<p>Quatre jours d’ateliers, de visites et de rencontres entre élus.</p>",
            },
        ),
        Item(
            slug="atelier-sahel-eau-et-assainissement",
            title="Atelier Sahel : eau et assainissement",
            published_at=_at(-5),
            themes=["sahel", "climat-et-transition-ecologique"],
            fields={
                "starts_at": _at(20, 9, 30),
                "ends_at": _at(20, 12, 30),
                "place": "Paris, Maison de la coopération",
                "organiser": "CUF",
                "registration_contact": "sahel@example.org",
                "body": "<p>Retours d’expérience de communes françaises et sahéliennes.</p>",
            },
        ),
        Item(
            slug="forum-jeunesse-et-volontariat",
            title="Forum jeunesse et volontariat international",
            published_at=_at(-3),
            themes=["jeunesse"],
            fields={
                "starts_at": _at(35),
                "ends_at": _at(36, 17),
                "place": "Bordeaux",
                "organiser": "France Volontaires et CUF",
                "registration_url": "https://inscriptions.example.org/forum-jeunesse",
                "body": "<p>Deux jours pour découvrir les missions proposées aux jeunes.</p>",
            },
        ),
        Item(
            slug="chroniques-geopolitiques-session-6",
            title="Chroniques géopolitiques : sixième session d’échange",
            published_at=_at(-90),
            themes=["covid-19"],
            fields={
                "starts_at": _at(-60, 10),
                "ends_at": _at(-60, 12),
                "online_url": "https://visio.example.org/chroniques",
                "organiser": "CUF",
                "body": "<p>Un chercheur éclaire l’actualité internationale des territoires.</p>",
            },
        ),
        Item(
            slug="assemblee-generale-du-reseau",
            title="Assemblée générale du réseau",
            published_at=_at(-1),
            themes=["jeunesse", "sahel"],
            fields={
                "starts_at": _at(50),
                "all_day": True,
                "place": "Paris",
                "organiser": "CUF",
                "members_only": True,
                "body": "<p>Rapport d’activité, orientations et élection du bureau.</p>",
            },
        ),
        Item(
            slug="seminaire-climat-programme",
            title="Séminaire climat et territoires (programmé)",
            published_at=_at(3),
            themes=["climat-et-transition-ecologique"],
            fields={"starts_at": _at(60, 9), "ends_at": _at(60, 17), "place": "Marseille"},
        ),
    ]


def news() -> list[Item]:
    return [
        Item(
            slug="campagne-aide-publique-au-developpement",
            title="Campagne de déclaration de l’aide publique au développement",
            published_at=_at(-4),
            themes=["climat-et-transition-ecologique"],
            fields={
                "source": "MAEA/DCTCIV",
                "summary": "Les collectivités ont jusqu’à la fin du mois pour déclarer leurs "
                "montants d’aide publique au développement.",
                "body": "<p>La déclaration se fait en ligne, en quelques étapes.</p>",
                "image_alt": "Graphique en barres des montants déclarés par année",
                "image_credit": "Portail de la coopération décentralisée",
            },
            upload=("image", "graphique.jpg", b"chart"),
        ),
        Item(
            slug="chroniques-geopolitiques-saison-4",
            title="Chroniques géopolitiques : la saison 4 commence",
            published_at=_at(-12),
            themes=["covid-19"],
            fields={
                "source": "CUF",
                "summary": "Six sessions d’échange pour comprendre le monde avec ses partenaires.",
                "body": "<p>Chaque session part d’une question posée par une collectivité.</p>",
            },
        ),
        Item(
            slug="atelier-dynamique-sahel",
            title="Retour sur l’atelier de la dynamique Sahel",
            published_at=_at(-18),
            themes=["sahel"],
            fields={
                "source": "CUF",
                "summary": "Trente collectivités ont partagé leurs projets d’accès à l’eau.",
                "body": "<p>Les échanges ont porté sur la maintenance des forages.</p>",
                "image_alt": "Participants de l’atelier réunis autour d’une table",
                "image_credit": "CUF",
            },
            upload=("image", "atelier.jpg", b"workshop"),
        ),
        Item(
            slug="volontaires-jeunes-au-japon",
            title="Des volontaires français accueillis par des villes japonaises",
            published_at=_at(-26),
            themes=["jeunesse", "japon"],
            fields={
                "source": "CUF",
                "summary": "Une première promotion de volontaires est partie pour six mois.",
                "body": "<p>Ils travailleront dans les services culturels des villes hôtes.</p>",
            },
        ),
        Item(
            slug="haiti-reconstruction-ecoles",
            title="Haïti : trois écoles reconstruites grâce à un partenariat régional",
            published_at=_at(-45),
            themes=["haiti"],
            fields={
                "source": "Région partenaire",
                "summary": "Le chantier, financé à parts égales, s’est achevé avant la rentrée.",
                "body": "<p>Les écoles accueillent désormais plus de six cents élèves.</p>",
                "image_alt": "Façade d’une école reconstruite, peinte en jaune",
                "image_credit": "Région partenaire",
            },
            upload=("image", "ecole.jpg", b"school"),
        ),
        Item(
            slug="guide-pratique-cooperation-climat",
            title="Un guide pratique pour les coopérations climat",
            published_at=_at(-70),
            themes=["climat-et-transition-ecologique"],
            fields={
                "source": "CUF",
                "summary": "Méthodes, financements et exemples pour agir avec ses partenaires.",
                "body": "<p>Le guide est disponible dans le centre de ressources.</p>",
            },
        ),
    ]


def resources() -> list[Item]:
    guide = pdf_bytes(
        "Guide pratique : coopérer pour le climat",
        [
            "Ce guide rassemble des méthodes et des exemples de projets climat menés par "
            "des collectivités françaises avec leurs partenaires.",
            "Chapitre 1 : diagnostiquer les vulnérabilités du territoire partenaire.",
            "Chapitre 2 : mobiliser les financements nationaux et européens.",
        ],
    )
    note = pdf_bytes(
        "Note : la coopération décentralisée après la pandémie",
        ["Trois enseignements tirés des témoignages recueillis auprès du réseau."],
    )
    return [
        Item(
            slug="guide-cooperer-pour-le-climat",
            title="Guide pratique : coopérer pour le climat",
            published_at=_at(-70),
            themes=["climat-et-transition-ecologique"],
            fields={
                "kind": Resource.Kind.TEXT,
                "description": "<p>Méthodes, financements et exemples commentés.</p>",
                "credit": "CUF",
            },
            upload=("file", "guide-climat.pdf", guide),
        ),
        Item(
            slug="note-cooperation-apres-pandemie",
            title="Note : la coopération décentralisée après la pandémie",
            published_at=_at(-200),
            themes=["covid-19"],
            fields={
                "kind": Resource.Kind.TEXT,
                "description": "<p>Trois enseignements tirés des témoignages du réseau.</p>",
                "credit": "CUF",
            },
            upload=("file", "note.pdf", note),
        ),
        Item(
            slug="photo-forage-communal-sahel",
            title="Un forage communal au Sahel",
            published_at=_at(-30),
            themes=["sahel"],
            fields={
                "kind": Resource.Kind.PHOTO,
                "description": "<p>Inauguration d’un forage financé par une coopération.</p>",
                "credit": "CUF",
            },
            upload=("file", "forage.jpg", b"well"),
        ),
        Item(
            slug="photo-delegation-japonaise",
            title="Accueil d’une délégation japonaise",
            published_at=_at(-21),
            themes=["japon"],
            fields={
                "kind": Resource.Kind.PHOTO,
                "description": "<p>Des élus japonais reçus en mairie.</p>",
                "credit": "Ville partenaire",
            },
            upload=("file", "delegation.jpg", b"delegation"),
        ),
        Item(
            slug="podcast-jeunes-volontaires",
            title="Podcast : paroles de jeunes volontaires",
            published_at=_at(-14),
            themes=["jeunesse"],
            fields={
                "kind": Resource.Kind.SOUND,
                "description": "<p>Un extrait sonore d’introduction au podcast.</p>",
                "transcript": "Générique musical de deux secondes, sans paroles.",
                "credit": "CUF",
            },
            upload=("file", "podcast.wav", b"sound"),
        ),
        Item(
            slug="entretien-radio-cooperation-haiti",
            title="Entretien radio : dix ans de coopération avec Haïti",
            published_at=_at(-50),
            themes=["haiti"],
            fields={
                "kind": Resource.Kind.SOUND,
                "external_url": "https://radio.example.org/emissions/cooperation-haiti",
                "description": "<p>Une élue revient sur dix ans de partenariat.</p>",
                "transcript": "L’élue : « Nous avons appris autant que nous avons apporté. »",
            },
        ),
        Item(
            slug="video-rencontres-franco-japonaises",
            title="Vidéo : les Rencontres franco-japonaises en trois minutes",
            published_at=_at(-9),
            themes=["japon"],
            fields={
                "kind": Resource.Kind.VIDEO,
                "external_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "description": "<p>Les temps forts de la dernière édition.</p>",
                "transcript": "Voix off : « Quatre jours d’échanges entre élus des deux pays. »",
            },
        ),
        Item(
            slug="video-webinaire-crise-sanitaire",
            title="Vidéo : le webinaire sur la crise sanitaire",
            published_at=_at(-180),
            themes=["covid-19"],
            fields={
                "kind": Resource.Kind.VIDEO,
                "external_url": "https://vimeo.com/76979871",
                "description": "<p>L’enregistrement complet du webinaire.</p>",
                "transcript": "Transcription disponible sur demande auprès de la délégation.",
            },
        ),
    ]


def _file_content(name: str, seed: bytes) -> bytes:
    if name.endswith(".jpg"):
        colour = (11 + seed[0] % 60, 79 + seed[-1] % 60, 138)
        return jpeg_bytes(name.removesuffix(".jpg"), colour)
    if name.endswith(".wav"):
        return wav_bytes()
    return seed


def _save_item(model, item: Item, author) -> bool:
    """Create the item unless its slug exists; return whether it was created."""
    if model.objects.filter(slug=item.slug).exists():
        return False
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
    for position, (title, paragraphs) in enumerate(item.documents, start=1):
        document = Document(
            communique=obj,
            title=title,
            position=position,
            file=ContentFile(pdf_bytes(title, paragraphs), name=f"{item.slug}-{position}.pdf"),
        )
        document.full_clean()
        document.save()
    return True


@transaction.atomic
def load_demo(*, author=None) -> dict[str, int]:
    """Add the demo content that is missing; return how many items of each kind were added."""
    for name, slug, kind, description in THEMES:
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "description": description}
        )
    created = {}
    for label, model, items in (
        ("communiqués", Communique, communiques()),
        ("événements", Event, events()),
        ("actualités", NewsItem, news()),
        ("ressources", Resource, resources()),
    ):
        created[label] = sum(_save_item(model, item, author) for item in items)
    return created
