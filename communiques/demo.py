"""Demo communiqués, with their documents (PDF files made on the fly)."""

from django.core.files.base import ContentFile

from communiques.models import Communique
from cuf.demo import Item, at, fixed, pdf_bytes, save_item
from cuf.files.models import Attachment
from cuf.publishing.rule import Status


def communiques() -> list[Item]:
    return [
        Item(
            slug="webinaire-cooperation-decentralisee-crise-sanitaire",
            title="Webinaire : la coopération décentralisée à l’épreuve de la crise sanitaire",
            published_at=fixed(2020, 5, 12),
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
            published_at=fixed(2020, 5, 7),
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
            published_at=at(-40),
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
            published_at=at(-20),
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
            published_at=at(-8),
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
            published_at=at(-2),
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
            slug="compte-rendu-du-bureau-des-adherents",
            title="Compte rendu de la réunion du bureau des adhérents",
            published_at=at(-5),
            themes=["sahel"],
            fields={
                "surtitre": "CUF : compte rendu",
                "issuer": "CUF",
                "place": "Paris",
                "access": "members",
                "body": (
                    "<p>Le bureau a validé le calendrier des groupes-pays et la répartition "
                    "des cotisations entre régions, départements et communes.</p>"
                ),
            },
            documents=[
                (
                    "Relevé de décisions du bureau",
                    [
                        "Calendrier des groupes-pays validé pour l’année.",
                        "Cotisations : barème inchangé, appel en mars.",
                    ],
                ),
            ],
        ),
        Item(
            slug="bilan-annuel-des-partenariats-brouillon",
            title="Bilan annuel des partenariats (brouillon)",
            published_at=at(-1),
            themes=["covid-19"],
            status=Status.DRAFT,
            fields={"issuer": "CUF", "body": "<p>Texte en cours de rédaction.</p>"},
        ),
        Item(
            slug="assises-de-la-cooperation-decentralisee-programmees",
            title="Assises de la coopération décentralisée : le programme complet",
            published_at=at(7),
            themes=["jeunesse"],
            fields={
                "issuer": "MEAE/DAECT",
                "place": "Paris",
                "body": "<p>Le programme sera publié une semaine avant l’ouverture.</p>",
            },
        ),
    ]


def load(author) -> int:
    """Add the demo communiqués that are missing, with their documents."""
    added = 0
    for item in communiques():
        communique = save_item(Communique, item, author)
        if communique is None:
            continue
        added += 1
        for position, (title, paragraphs) in enumerate(item.documents, start=1):
            pdf = ContentFile(pdf_bytes(title, paragraphs), name=f"{item.slug}-{position}.pdf")
            document = Attachment(item=communique, title=title, position=position, file=pdf)
            document.full_clean()
            document.save()
    return added
