"""Demo events: past, running and upcoming, on site and online."""

import datetime

from django.utils import timezone

from agenda.models import Event
from cuf.demo import Item, at, save_item


def events() -> list[Item]:
    return [
        Item(
            slug="cafe-des-elues-et-elus",
            title="Le « Café des élues et élus »",
            published_at=at(-30),
            themes=["jeunesse"],
            fields={
                "starts_at": at(-10, 17, 30),
                "ends_at": at(-10, 18, 15),
                "online_url": "https://visio.example.org/cafe-des-elus",
                "organiser": "CUF",
                "body": "<p>Une conversation libre entre élus engagés à l’international.</p>",
            },
        ),
        Item(
            slug="journee-du-groupe-pays-haiti",
            title="Journée du groupe-pays Haïti",
            published_at=at(-60),
            themes=["haiti"],
            fields={
                "starts_at": at(-25),
                "all_day": True,
                "place": "Paris, 9 rue Christiani",
                "organiser": "CUF",
                "access": "members",
                "body": "<p>Point d’étape annuel des partenariats franco-haïtiens.</p>",
            },
        ),
        Item(
            slug="webinaire-financements-europeens",
            title="Webinaire : les financements européens pour les partenariats",
            published_at=at(-15),
            themes=["climat-et-transition-ecologique"],
            fields={
                "starts_at": at(0, 14),
                "ends_at": at(0, 16),
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
            published_at=at(-20),
            themes=["japon"],
            fields={
                "starts_at": at(12),
                "ends_at": at(15, 18),
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
            published_at=at(-5),
            themes=["sahel", "climat-et-transition-ecologique"],
            fields={
                "starts_at": at(20, 9, 30),
                "ends_at": at(20, 12, 30),
                "place": "Paris, Maison de la coopération",
                "organiser": "CUF",
                "registration_contact": "sahel@example.org",
                "body": "<p>Retours d’expérience de communes françaises et sahéliennes.</p>",
            },
        ),
        Item(
            slug="forum-jeunesse-et-volontariat",
            title="Forum jeunesse et volontariat international",
            published_at=at(-3),
            themes=["jeunesse"],
            fields={
                "starts_at": at(35),
                "ends_at": at(36, 17),
                "place": "Bordeaux",
                "organiser": "France Volontaires et CUF",
                "registration_url": "https://inscriptions.example.org/forum-jeunesse",
                "body": "<p>Deux jours pour découvrir les missions proposées aux jeunes.</p>",
            },
        ),
        Item(
            slug="chroniques-geopolitiques-session-6",
            title="Chroniques géopolitiques : sixième session d’échange",
            published_at=at(-90),
            themes=["covid-19"],
            fields={
                "starts_at": at(-60, 10),
                "ends_at": at(-60, 12),
                "online_url": "https://visio.example.org/chroniques",
                "organiser": "CUF",
                "body": "<p>Un chercheur éclaire l’actualité internationale des territoires.</p>",
            },
        ),
        Item(
            slug="assemblee-generale-du-reseau",
            title="Assemblée générale du réseau",
            published_at=at(-1),
            themes=["jeunesse", "sahel"],
            fields={
                "starts_at": at(50),
                "all_day": True,
                "place": "Paris",
                "organiser": "CUF",
                "access": "members",
                "body": "<p>Rapport d’activité, orientations et élection du bureau.</p>",
            },
        ),
        Item(
            slug="seminaire-climat-programme",
            title="Séminaire climat et territoires (programmé)",
            published_at=at(3),
            themes=["climat-et-transition-ecologique"],
            fields={"starts_at": at(60, 9), "ends_at": at(60, 17), "place": "Marseille"},
        ),
    ]


def load(author) -> int:
    """Add the demo events that are missing."""
    return sum(save_item(Event, item, author) is not None for item in events())
