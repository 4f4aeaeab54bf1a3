"""What the import reads from the SPIP database, once, before anything is written: its
rubriques, articles, mots-clés, documents, events and readable addresses, indexed by id
and by the object they are linked to."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cuf.members.levels import AccessLevel
from spip_import.reader import SpipReader

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
LOGO_MODES = {"logoon", "logooff"}


@dataclass
class SpipSource:
    rubriques: dict[int, dict]
    articles: list[dict]
    articles_by_id: dict[int, dict]
    groupes: dict[int, dict]
    mots: dict[int, dict]
    mots_of: dict[tuple[str, int], list[int]]
    documents: dict[int, dict]
    media_by_extension: dict[str, str]
    # (objet, id_objet) -> its links to documents, in their order (rang_lien).
    documents_of: dict[tuple[str, int], list[dict]]
    events: list[dict]
    urls: list[dict]
    # The site's "post_dates" setting: whether SPIP shows published articles dated in
    # the future (its default), or only once their date has come.
    post_dates: bool = True
    # Articles in a zone of the "Accès restreint" plugin that restricts the public site
    # (its rubrique, a parent rubrique, or the article itself): id -> the zone's title.
    restricted: dict[int, str] = field(default_factory=dict)
    # Whether the site restricts any of its public pages (a zone whose ``publique`` is
    # "oui"): only then does SPIP say who may read an item, and each run follows it.
    restricts: bool = False

    @classmethod
    def read(cls, reader: SpipReader) -> SpipSource:
        rubriques = {r["id_rubrique"]: r for r in reader.rubriques()}
        articles = reader.articles()
        groupes = {g["id_groupe"]: g for g in reader.groupes_mots()}
        mots = {m["id_mot"]: m for m in reader.mots()}
        mots_of: dict[tuple[str, int], list[int]] = defaultdict(list)
        for link in reader.mots_liens():
            mots_of[(link["objet"], link["id_objet"])].append(link["id_mot"])
        documents = {d["id_document"]: d for d in reader.documents()}
        media_by_extension = {t["extension"]: t["media_defaut"] for t in reader.types_documents()}
        links = sorted(
            reader.documents_liens(),
            key=lambda link: (link["rang_lien"] or 0, link["id_document"]),
        )
        documents_of: dict[tuple[str, int], list[dict]] = defaultdict(list)
        for link in links:
            if link["id_document"] in documents:
                documents_of[(link["objet"], link["id_objet"])].append(link)
        zones = reader.zones()
        return cls(
            rubriques=rubriques,
            articles=articles,
            articles_by_id={a["id_article"]: a for a in articles},
            groupes=groupes,
            mots=mots,
            mots_of=mots_of,
            documents=documents,
            media_by_extension=media_by_extension,
            documents_of=documents_of,
            events=reader.evenements(),
            urls=reader.urls(),
            post_dates=(reader.meta().get("post_dates") or "oui") != "non",
            restricted=restricted_articles(rubriques, articles, zones, reader.zones_liens()),
            restricts=any(_restricts_public_site(zone) for zone in zones),
        )

    def access(self, zone: str | None, current: str) -> str:
        """Who may read an item whose article is in ``zone`` (None: in none). A site that
        restricts nothing says nothing of it: the portal's setting (what editors reserved
        since an earlier run) is kept."""
        if zone is not None:
            return AccessLevel.MEMBERS
        return AccessLevel.PUBLIC if self.restricts else current

    def mots_of_object(self, objet: str, spip_id: int) -> list[int]:
        return self.mots_of.get((objet, spip_id), [])

    def attachments(self, article: dict) -> list[dict]:
        """The article's links to its documents, in their order, logos left out."""
        return [
            link
            for link in self.documents_of.get(("article", article["id_article"]), [])
            if self.documents[link["id_document"]]["mode"] not in LOGO_MODES
        ]

    def media(self, document: dict) -> str:
        return document["media"] or self.media_by_extension.get(document["extension"], "file")

    def is_image(self, document: dict) -> bool:
        return (document["extension"] or "").lower() in IMAGE_EXTENSIONS and (
            self.media(document) == "image"
        )


def _restricts_public_site(zone: dict) -> bool:
    return (zone["publique"] or "oui") != "non"


def restricted_articles(
    rubriques: dict[int, dict], articles: list[dict], zones: list[dict], links: list[dict]
) -> dict[int, str]:
    """The articles the "Accès restreint" plugin keeps from the public site: those of a
    rubrique (or a sub-rubrique of one) or linked themselves to a zone whose ``publique``
    is "oui" (the plugin's default). Zones that restrict only the private space, and links
    to authors (who may read a zone), restrict nothing here."""
    public_zones = {
        zone["id_zone"]: (zone["titre"] or f"zone {zone['id_zone']}").strip()
        for zone in zones
        if _restricts_public_site(zone)
    }
    by_rubrique: dict[int, str] = {}
    by_article: dict[int, str] = {}
    for link in links:
        title = public_zones.get(link["id_zone"])
        if title is None:
            continue
        if link["objet"] == "rubrique":
            by_rubrique.setdefault(link["id_objet"], title)
        elif link["objet"] == "article":
            by_article.setdefault(link["id_objet"], title)

    def zone_of(id_rubrique: int) -> str | None:
        seen: set[int] = set()
        while id_rubrique and id_rubrique not in seen:
            if id_rubrique in by_rubrique:
                return by_rubrique[id_rubrique]
            seen.add(id_rubrique)
            id_rubrique = (rubriques.get(id_rubrique) or {}).get("id_parent") or 0
        return None

    restricted = {}
    for article in articles:
        zone = by_article.get(article["id_article"]) or zone_of(article["id_rubrique"] or 0)
        if zone is not None:
            restricted[article["id_article"]] = zone
    return restricted
