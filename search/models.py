"""The search index: one row per searchable item, whatever its type.

One table keeps a search to a fixed number of queries and makes facet counts one GROUP BY.
Rows are derived data: search/indexing.py writes them, after each commit and in bulk
(``rebuild_search_index``); nothing else does. The publication fields are copied, not
judged: the rule (cuf.publishing.rule.published_q) is applied when searching, so a scheduled item
appears by itself when its time comes.

PostgreSQL-only parts (extensions, the text search configuration, GIN indexes) are
created by the migrations, and only there; on SQLite ``vector`` stays empty and ``plain``
is searched instead.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf import content_types
from cuf.publishing.dates import plausible_q
from cuf.publishing.rule import Status, published_q
from cuf.themes.models import Theme

# The text search configuration created by migration 0002: French stemming and stop
# words, after unaccent, so that "cooperation" finds "coopération".
TS_CONFIG = "cuf_french"

# The kind of the themes' entries; every other entry's kind is its content type's key
# (cuf.content_types), the French word of the ?type= filter.
THEME_KIND = "themes"
THEME_LABEL = "Thème"
THEME_LABEL_PLURAL = "Thèmes"


def kinds() -> list[str]:
    """Every kind of entry: the registered content types, then the themes."""
    return [*content_types.keys(), THEME_KIND]


def facet_keys(kind: str, year: int | None, theme_ids: list[int]) -> str:
    """What an entry adds to the facet counts: its type and year, and the same for each
    of its themes (so that each facet can be counted within the others' choices).

    Written as a tsvector's text form (quoted keys, space separated), which PostgreSQL
    reads as is and ``split_facet_keys`` reads back on SQLite.
    """
    kind_year = f"{kind}:{year or ''}"
    keys = [kind_year, *(f"{theme_id}:{kind_year}" for theme_id in theme_ids)]
    return " ".join(f"'{key}'" for key in keys)


def split_facet_keys(text: str | None) -> list[str]:
    return [key.strip("'") for key in (text or "").split()]


def read_facet_key(key: str) -> tuple[int | None, str, int | None]:
    """(theme id or None, kind, year or None), from a key of ``facet_keys``."""
    *theme, kind, year = key.split(":")
    return (int(theme[0]) if theme else None, kind, int(year) if year else None)


class Audience(models.TextChoices):
    """Who an entry is for (cuf.members.access): a public item and a theme have one entry
    for everyone; an item reserved to members has two, its teaser (title, surtitre, its
    own summary, themes, date) for visitors and its whole text for members. Words only a
    reserved body holds are thus never matched for a visitor."""

    ALL = "all", _("tous")
    TEASER = "teaser", _("visiteurs (aperçu d’un contenu réservé)")
    MEMBERS = "members", _("adhérents")


class SearchEntryQuerySet(models.QuerySet):
    def public(self):
        """What visitors may find: published items, and every theme (the teasers of
        reserved items, never their whole text).

        Themes are not publishable: their pages are always public
        (cuf.public.views.ThemeDetailView).
        """
        return self.findable(members=False)

    def findable(self, *, members: bool):
        """What a visitor (``members=False``) or a member may find."""
        audiences = [Audience.ALL, Audience.MEMBERS if members else Audience.TEASER]
        # A copy of a date that slipped past the checks is never read (cuf.publishing.dates).
        return self.filter(
            Q(kind=THEME_KIND) | (published_q() & plausible_q("shown_at", nullable=True)),
            audience__in=audiences,
        )


class SearchEntry(models.Model):
    # A content type's key, or THEME_KIND (see kinds()).
    kind = models.CharField(_("type"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("identifiant de l’élément"))
    audience = models.CharField(_("pour"), max_length=10, choices=Audience, default=Audience.ALL)
    slug = models.CharField(_("adresse (slug)"), max_length=255)
    title = models.CharField(_("titre"), max_length=255)
    surtitre = models.CharField(_("surtitre"), max_length=255, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    body = models.TextField(_("texte"), blank=True)
    attachments = models.TextField(_("texte des fichiers joints"), blank=True)
    theme_names = models.TextField(_("noms des thèmes"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="search_entries", blank=True
    )
    # The date a visitor sees on the item (an event's start, else its publication).
    shown_at = models.DateTimeField(_("date affichée"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    # Lines a visitor reads around the text (issuer, place, organiser, source, credit) and
    # the shown date in words ("mardi 19 mai 2020", so that "webinaire mai 2020" finds it).
    details = models.TextField(_("informations"), blank=True)
    # Copies of the fields the publication rule reads (cuf.publishing.rule.published_q).
    status = models.CharField(_("statut"), max_length=20, choices=Status)
    published_at = models.DateTimeField(_("date de publication"), null=True, blank=True)
    expires_at = models.DateTimeField(_("fin de publication"), null=True, blank=True)
    # Folded words (lower case, no accents) of all the text, padded with spaces: what the
    # SQLite backend matches; and of the title alone, for ranking and typo tolerance.
    plain = models.TextField(blank=True)
    title_plain = models.CharField(max_length=600, blank=True)
    # PostgreSQL: everything, weighted, GIN-indexed, for matching (large: stored out of
    # line); and the first-read fields only, kept in the row, for ranking (cheap to read).
    # A trigger computes both from the text columns on every write (migration 0004).
    vector = SearchVectorField(null=True, blank=True)
    rank_vector = SearchVectorField(null=True, blank=True)
    # What the facets count, as keys "kind:year" and "theme id:kind:year" (year empty when
    # none): PostgreSQL counts them for all matches in one pass (ts_stat over this
    # tsvector), SQLite reads the same keys as space-separated text (search.backends).
    facet_keys = SearchVectorField(null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexé le"), auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de l’index de recherche")
        verbose_name_plural = _("entrées de l’index de recherche")
        ordering = [F("published_at").desc(nulls_last=True), "-pk"]
        get_latest_by = "indexed_at"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "audience"], name="search_entry_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="search_entry_pub"),
            models.Index(fields=["kind", "year"], name="search_entry_kind_year"),
            # The next scheduled start and the next end of publication (indexing.generation).
            models.Index(fields=["published_at"], name="search_entry_published_at"),
            models.Index(
                fields=["expires_at"],
                name="search_entry_expires_at",
                condition=Q(expires_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.kind_label} : {self.title}"

    def get_absolute_url(self):
        config = self.content_type
        if config is None:
            return reverse("cuf:theme_detail", kwargs={"slug": self.slug})
        return config.detail_url(self.slug)

    @property
    def content_type(self) -> content_types.ContentTypeConfig | None:
        """The entry's content type; None for a theme (or a type no longer registered)."""
        return content_types.for_key(self.kind)

    @property
    def kind_label(self) -> str:
        config = self.content_type
        return config.label if config else THEME_LABEL

    @property
    def own_date(self):
        """The date its type shows instead of the publication (an event's start), if any."""
        config = self.content_type
        return self.shown_at if config and config.shown_date != "published_at" else None


class SearchWord(models.Model):
    """The words of indexed content, for the typo-tolerant fallback: when a search finds
    nothing, each of its words is replaced by the closest known word (pg_trgm similarity
    on ``folded``, GIN-indexed, on PostgreSQL; ``SearchWordKey`` on SQLite), and the
    search runs again with those.

    A small table (one row per distinct word) answers in a few milliseconds whatever the
    number of items. Rows are the candidates, never judged public by themselves: words
    of published items (scheduled ones included) are added as content is indexed and
    pruned by a rebuild, and a candidate is offered only when an entry visitors may find
    holds it (``search.suggestions``), so a word left by an item unpublished or ended
    since, or held only by a draft, is never offered.
    """

    word = models.CharField(_("mot"), max_length=40, unique=True)
    folded = models.CharField(_("mot sans accents"), max_length=60)
    documents = models.PositiveIntegerField(_("nombre d’éléments"), default=1)

    class Meta:
        verbose_name = _("mot indexé")
        verbose_name_plural = _("mots indexés")
        ordering = ["word"]

    def __str__(self):
        return self.word


class SearchWordKey(models.Model):
    """SQLite's way to the closest words, which PostgreSQL finds with pg_trgm: each
    word is filed under its folded form and under every form of it with one letter
    left out ("cooperation", "ooperation", "coperation", …). A typed word's own keys
    then meet those of every word one insertion, deletion, substitution or swap of
    neighbours away ("cooperatoin", "assainissment"), through an index on ``key``.
    """

    key = models.CharField(_("clé"), max_length=60)
    word = models.CharField(_("mot"), max_length=40)

    class Meta:
        verbose_name = _("clé de mot indexé")
        verbose_name_plural = _("clés de mots indexés")
        ordering = ["key", "word"]
        constraints = [
            models.UniqueConstraint(fields=["key", "word"], name="search_word_key_unique"),
        ]

    def __str__(self):
        return f"{self.key} → {self.word}"
