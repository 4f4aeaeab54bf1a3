"""Demo resources of the four kinds (PDF, JPEG and WAV files made on the fly)."""

from cuf.demo import Item, at, pdf_bytes, save_item
from resources.models import Resource


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
            published_at=at(-70),
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
            published_at=at(-200),
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
            published_at=at(-30),
            themes=["sahel"],
            fields={
                "kind": Resource.Kind.PHOTO,
                "image_alt": "Des habitants autour d’une pompe neuve, sous un ciel sec",
                "description": "<p>Inauguration d’un forage financé par une coopération.</p>",
                "credit": "CUF",
            },
            upload=("file", "forage.jpg", b"well"),
        ),
        Item(
            slug="photo-delegation-japonaise",
            title="Accueil d’une délégation japonaise",
            published_at=at(-21),
            themes=["japon"],
            fields={
                "kind": Resource.Kind.PHOTO,
                "image_alt": "Des élus japonais et français posant devant la mairie",
                "description": "<p>Des élus japonais reçus en mairie.</p>",
                "credit": "Ville partenaire",
            },
            upload=("file", "delegation.jpg", b"delegation"),
        ),
        Item(
            slug="podcast-jeunes-volontaires",
            title="Podcast : paroles de jeunes volontaires",
            published_at=at(-14),
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
            published_at=at(-50),
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
            published_at=at(-9),
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
            published_at=at(-180),
            themes=["covid-19"],
            fields={
                "kind": Resource.Kind.VIDEO,
                "external_url": "https://vimeo.com/76979871",
                "description": "<p>L’enregistrement complet du webinaire.</p>",
                "transcript": "Transcription disponible sur demande auprès de la délégation.",
            },
        ),
    ]


def load(author) -> int:
    """Add the demo resources that are missing."""
    return sum(save_item(Resource, item, author) is not None for item in resources())
