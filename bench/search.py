#!/usr/bin/env python3
"""Search benchmark: 100 000 items on PostgreSQL, index build time and search latency.

    make bench                      # or: .venv/bin/python bench/search.py [--items N]

Creates a throw-away database (``cuf_bench`` on the server of ``BENCH_DATABASE_URL``,
default postgres://postgres@127.0.0.1:5432/cuf_bench), migrates it, bulk-inserts the
items (a quarter of each content type, with themes, documents' text and dates over 15
years, written from a French vocabulary with a Zipf-like spread, so some words are in most
items and others in a few, and set phrases such as "coopération décentralisée" in about a
third of sentences), rebuilds the search index, then times the results page
(``GET /recherche/?q=…`` through Django, template included) over a fixed query set. The
database is dropped at the end unless ``--keep``.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cuf_bench"

QUERIES = [
    "covid",
    "coopération Haïti",
    "webinaire mai 2020",
    '"coopération décentralisée"',  # a set phrase, in many items
    '"élus locaux" Sénégal',
    "jeunesse -japon",
    "climat or eau",
    "cooperaton",  # a typo: nothing matches exactly, the trigram fallback answers
    "assainissement eau potable Sénégal",
    "Webinaires",
    "appel à projets jeunesse",
    "formation des élus locaux",
    "coopération",  # in most items: the broadest query
    "zzzzzz introuvable",
    "covid&type=communiques&annee=2020",  # with facets chosen
    "coopération&page=3",
]

# A French vocabulary in rough order of frequency: common words first.
COMMON = (
    "coopération collectivités partenaires projet territoires décentralisée développement "
    "solidarité internationale réseau commune région département ville acteurs action "
    "échange rencontre partenariat programme mission élus locaux soutien appui accord "
    "formation jeunes jeunesse eau climat santé éducation culture économie agriculture "
    "énergie environnement assainissement gouvernance citoyenneté volontariat mobilité "
    "webinaire séminaire atelier forum assises conférence journée colloque réunion "
    "financement appel projets dispositif fonds subvention budget bilan rapport étude "
    "guide méthode outil expérience témoignage retour pratiques expertise ingénierie "
    "crise sanitaire pandémie covid urgence humanitaire reconstruction résilience "
    "transition écologique biodiversité déchets forêt alimentation tourisme patrimoine "
    "numérique innovation recherche université école lycée hôpital maternité dispensaire "
    "femmes égalité droits démocratie paix sécurité migrations diaspora francophonie "
    "potable forage irrigation électrification solaire éolien mobilité transport routes "
    "marché artisanat coopérative emploi insertion apprentissage bibliothèque musée "
    "jumelage amitié délégation visite accueil invitation inscription candidature "
    "dossier calendrier date limite comité sélection lauréats prix récompense"
).split()
PLACES = (
    "Haïti Sénégal Mali Niger Burkina Bénin Togo Cameroun Madagascar Maroc Tunisie Algérie "
    "Liban Palestine Arménie Géorgie Ukraine Moldavie Roumanie Pologne Allemagne Italie "
    "Espagne Portugal Québec Canada Brésil Chili Colombie Mexique Cuba Vietnam Cambodge "
    "Laos Chine Japon Corée Inde Sahel Afrique Méditerranée Caraïbes Océanie"
).split()
CITIES = (
    "Paris Lyon Marseille Toulouse Bordeaux Nantes Lille Rennes Strasbourg Grenoble Dijon "
    "Besançon Orléans Tours Poitiers Limoges Clermont Montpellier Nîmes Perpignan Pau Bayonne "
    "Brest Quimper Lorient Angers Caen Rouen Amiens Reims Metz Nancy Mulhouse Annecy "
    "Chambéry Valence Avignon Toulon Nice Ajaccio Bastia Cayenne Fort-de-France"
).split()
# Set phrases, the way real texts repeat them: what quoted searches look for.
EXPRESSIONS = [
    "coopération décentralisée",
    "collectivités territoriales",
    "eau potable",
    "élus locaux",
    "appel à projets",
    "aide publique au développement",
    "objectifs de développement durable",
    "changement climatique",
]
FILLER = "de la le les des et pour avec dans une un au aux sur par en du à".split()
MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    return [1 / (rank + 1) ** exponent for rank in range(count)]


class Writer:
    """Sentences from the vocabulary; fixed seed, so every run benchmarks the same text."""

    def __init__(self, seed: int = 2020):
        self.random = random.Random(seed)
        self.words = COMMON + PLACES + CITIES
        self.weights = zipf_weights(len(COMMON)) + zipf_weights(len(PLACES + CITIES), 1.1)

    def words_(self, count: int) -> list[str]:
        picked = self.random.choices(self.words, self.weights, k=count)
        fillers = self.random.choices(FILLER, k=count)
        return [w for pair in zip(fillers, picked, strict=True) for w in pair]

    def sentence(self, count: int) -> str:
        words = self.words_(count)
        if self.random.random() < 0.3:  # one set phrase in about a third of sentences
            expression = self.random.choices(EXPRESSIONS, zipf_weights(len(EXPRESSIONS)))[0]
            words[self.random.randrange(len(words))] = expression
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraphs(self, sentences: int, words: int) -> str:
        return "".join(f"<p>{self.sentence(words)}</p>" for _ in range(sentences))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    # Production settings (DEBUG off: no query log) except static files, served from
    # the apps without collectstatic, as in the tests.
    os.environ["DJANGO_SETTINGS_MODULE"] = "portail.settings.test"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    import psycopg2
    from psycopg2 import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = psycopg2.connect(
        dbname="postgres",
        user=parsed.username,
        password=parsed.password,
        host=parsed.hostname,
        port=parsed.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        if not drop_only:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def build_content(total: int, writer: Writer) -> None:
    from django.contrib.contenttypes.models import ContentType

    from actualites.models import NewsItem
    from agenda.models import Event
    from communiques.models import Communique
    from cuf.files.models import Attachment
    from cuf.publishing.rule import Status
    from cuf.themes.models import Theme, ThemedItem, theme_name_key
    from resources.models import Resource

    rnd = writer.random
    themes = Theme.objects.bulk_create(
        [
            Theme(name=name, name_key=theme_name_key(name), slug=f"theme-{n}", kind=kind)
            for n, (name, kind) in enumerate(
                [(w.capitalize(), Theme.Kind.TOPIC) for w in COMMON[20:45]]
                + [(p, Theme.Kind.PLACE) for p in PLACES[:15]]
            )
        ]
    )
    start = datetime(2011, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 1, 1, tzinfo=UTC) - start).total_seconds()

    def common(model_name: str, n: int) -> dict:
        when = start + timedelta(seconds=rnd.random() * span)
        return {
            "title": writer.sentence(rnd.randint(4, 7)).rstrip("."),
            "slug": f"{model_name}-{n}",
            "surtitre": writer.sentence(2).rstrip(".") if rnd.random() < 0.4 else "",
            # A few drafts and scheduled items, as on a real site.
            "status": Status.DRAFT if rnd.random() < 0.05 else Status.PUBLISHED,
            "published_at": when,
        }

    per_type = total // 4
    batch = 2000
    links: list[ThemedItem] = []

    def tag(model, objects) -> None:
        content_type = ContentType.objects.get_for_model(model)
        for obj in objects:
            for theme in rnd.sample(themes, rnd.randint(0, 3)):
                links.append(ThemedItem(content_type=content_type, object_id=obj.pk, tag=theme))

    def body() -> str:
        return writer.paragraphs(rnd.randint(2, 5), rnd.randint(12, 25))

    for first in range(0, per_type, batch):
        numbers = range(first, min(first + batch, per_type))
        communiques = Communique.objects.bulk_create(
            [
                Communique(
                    **common("communique", n), issuer="MEAE/DAECT", place="Paris", body=body()
                )
                for n in numbers
            ]
        )
        tag(Communique, communiques)
        Attachment.objects.bulk_create(
            [
                Attachment(
                    item=c,
                    title=f"Programme {writer.sentence(3)}",
                    file=f"documents/bench/{c.pk}.pdf",
                    size=1000,
                    content_type="application/pdf",
                    format_label="PDF",
                    text=" ".join(writer.sentence(15) for _ in range(rnd.randint(5, 30))),
                )
                for c in communiques
                if rnd.random() < 0.3
            ]
        )
        events = []
        for n in numbers:
            fields = common("evenement", n)
            starts = fields["published_at"] + timedelta(days=rnd.randint(5, 60))
            events.append(
                Event(
                    **fields,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=3),
                    place=rnd.choice(CITIES),
                    organiser="CUF",
                    body=body(),
                )
            )
        tag(Event, Event.objects.bulk_create(events))
        news = NewsItem.objects.bulk_create(
            [
                NewsItem(
                    **common("actualite", n), source="CUF", summary=writer.sentence(20), body=body()
                )
                for n in numbers
            ]
        )
        tag(NewsItem, news)
        resources = []
        for n in numbers:
            kind = rnd.choice(["texte", "video", "son"])
            resources.append(
                Resource(
                    **common("ressource", n),
                    kind=kind,
                    description=writer.paragraphs(1, 20),
                    file=f"ressources/bench/{n}.pdf" if kind == "texte" else "",
                    external_url="" if kind == "texte" else "https://video.example.org/v",
                    content_type="application/pdf" if kind == "texte" else "",
                    text=" ".join(writer.sentence(15) for _ in range(rnd.randint(5, 40)))
                    if kind == "texte"
                    else "",
                    transcript=writer.sentence(40) if kind != "texte" else "",
                )
            )
        tag(Resource, Resource.objects.bulk_create(resources))
        ThemedItem.objects.bulk_create(links)
        links.clear()
        print(f"  {min(first + batch, per_type) * 4:>7} éléments insérés", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def url_for(query: str) -> str:
    """The results page for ``query`` ("words&type=…" adds facet parameters)."""
    words, _, more = query.partition("&")
    return f"/recherche/?{urlencode({'q': words})}" + (f"&{more}" if more else "")


def time_searches(rounds: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Latencies with the facet cache empty (each query's first visitor), then warm."""
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.get(url_for("échauffement"))  # connection, plans, templates
    cold: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(max(1, rounds // 2)):
        for query in QUERIES:
            cache.clear()
            started = time.perf_counter()
            response = client.get(url_for(query))
            cold[query].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    for query in QUERIES:  # fill the facet cache, as earlier visitors would have
        client.get(url_for(query))
    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            response = client.get(url_for(query))
            timings[query].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    return cold, timings


def report(title: str, timings: dict[str, list[float]]) -> None:
    every = [ms for values in timings.values() for ms in values]
    print(f"\n{title}, {len(every)} mesures (médiane par requête) :")
    for query, values in timings.items():
        print(f"  {statistics.median(values):7.1f} ms   {query}")
    print(
        f"  => médiane : {statistics.median(every):.1f} ms ; 95e centile : "
        f"{percentile(every, 0.95):.1f} ms ; maximum : {max(every):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="time searches on a kept database")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)

    if not args.reuse:
        recreate_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    from search.indexing import rebuild_index

    if not args.reuse:
        call_command("migrate", verbosity=0)
        print(f"Insertion de {args.items} éléments…", flush=True)
        started = time.perf_counter()
        build_content(args.items, Writer())
        print(f"Contenus insérés en {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        entries = rebuild_index()
        build_seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('search_searchentry'))")
            size = cursor.fetchone()[0]
        print(f"Index construit : {entries} entrées en {build_seconds:.1f} s ({size} sur disque)")

    cold, warm = time_searches(args.rounds)
    report("Page de résultats, comptes des facettes en cache", warm)
    report("Page de résultats, cache vide (premier visiteur de chaque requête)", cold)
    connection.close()
    if not args.keep and not args.reuse:
        recreate_database(url, drop_only=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
