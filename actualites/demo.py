"""Demo news, some with an image (JPEG files made on the fly)."""

from actualites.models import NewsItem
from cuf.demo import Item, at, save_item


def news() -> list[Item]:
    return [
        Item(
            slug="campagne-aide-publique-au-developpement",
            title="Campagne de déclaration de l’aide publique au développement",
            published_at=at(-4),
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
            slug="note-interne-groupes-pays",
            title="Note interne : la feuille de route des groupes-pays",
            published_at=at(-6),
            themes=["haiti"],
            fields={
                "source": "CUF",
                "access": "members",
                "summary": "Les priorités des groupes-pays pour l’année, à l’usage des adhérents.",
                "body": (
                    "<p>Chaque groupe-pays désigne un référent et présente un bilan à "
                    "l’assemblée générale.</p>"
                ),
            },
        ),
        Item(
            slug="chroniques-geopolitiques-saison-4",
            title="Chroniques géopolitiques : la saison 4 commence",
            published_at=at(-12),
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
            published_at=at(-18),
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
            published_at=at(-26),
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
            published_at=at(-45),
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
            published_at=at(-70),
            themes=["climat-et-transition-ecologique"],
            fields={
                "source": "CUF",
                "summary": "Méthodes, financements et exemples pour agir avec ses partenaires.",
                "body": "<p>Le guide est disponible dans le centre de ressources.</p>",
            },
        ),
    ]


def load(author) -> int:
    """Add the demo news items that are missing."""
    return sum(save_item(NewsItem, item, author) is not None for item in news())
