"""Writing the search index: one item after a commit, or everything at once.

Every item is indexed whatever its status (the publication rule is applied when
searching), so publishing or scheduling needs no special step. Items are read back from the
database after the commit, so the index never holds what a rolled-back transaction wrote.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Prefetch, Subquery
from django.utils import timezone

from cuf import content_types
from cuf.content_types import ContentTypeConfig
from cuf.members.access import is_reserved, teaser_summary
from cuf.publishing import page_cache
from cuf.publishing.rule import PublicationState, Status, publication_state
from cuf.templatetags.cuf_tags import long_date
from cuf.text.plain import fold, join_lines, without_leading_title
from cuf.themes.models import Theme, ThemedItem
from search.models import THEME_KIND, Audience, SearchEntry, SearchWord, SearchWordKey, facet_keys
from search.suggestions import word_keys
from search.text import attachments_text, index_text, plain_words

BATCH_SIZE = 1000
GENERATION_KEY = "search:generation"
NEXT_CHANGE_KEY = "search:next-change"


@dataclass(frozen=True)
class Source:
    """A registered content type, as the index reads it."""

    config: ContentTypeConfig

    @property
    def kind(self) -> str:
        return self.config.key

    @property
    def model(self) -> type[models.Model]:
        return self.config.model

    def text(self, item) -> dict:
        return {
            **self.config.search_text(item),
            "shown_at": getattr(item, self.config.shown_date),
        }

    def queryset(self) -> models.QuerySet:
        return self.model._default_manager.order_by("pk").prefetch_related(
            *self.config.search_related
        )


def sources() -> list[Source]:
    """Every registered content type that search indexes."""
    return [Source(config) for config in content_types.all_types() if config.search_text]


def source_for(model: type[models.Model]) -> Source | None:
    config = content_types.for_model(model)
    return Source(config) if config is not None and config.search_text else None


def _year_and_words(moment: datetime | None) -> tuple[int | None, str]:
    if moment is None:
        return None, ""
    return timezone.localtime(moment).year, long_date(moment)


def _row(*, kind: str, object_id: int, slug: str, title: str, surtitre: str, **text) -> dict:
    """The columns of an entry, from what the builders above return."""
    theme_names = text.pop("theme_names", "")
    # Excerpts are read under the title: a text that starts by repeating it (a document's
    # first line) is kept from there on; the title itself is indexed in its own column.
    summary, body = (
        without_leading_title(index_text(text.pop(name, "")), title) for name in ("summary", "body")
    )
    # Each file apart, under its title, without the heading that repeats it.
    attachments = attachments_text(text.pop("attachments", ""), item_title=title)
    year, date_words = _year_and_words(text.get("shown_at"))
    details = index_text(join_lines(text.pop("details", ""), date_words))
    title, surtitre = index_text(title)[:255], index_text(surtitre)[:255]
    return {
        "kind": kind,
        "object_id": object_id,
        "slug": slug,
        "title": title,
        "surtitre": surtitre,
        "summary": summary,
        "body": body,
        "attachments": attachments,
        "theme_names": theme_names,
        "year": year,
        "details": details,
        "plain": plain_words(
            " ".join([title, surtitre, theme_names, summary, details, body, attachments])
        ),
        "title_plain": plain_words(title)[:600],
        **text,
    }


def _themes_of(model: type[models.Model], ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Each item's themes as (id, name), for a batch of items in one query."""
    links = (
        ThemedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=ids
        )
        .order_by("tag__name")
        .values_list("object_id", "tag_id", "tag__name")
    )
    themes: dict[int, list[tuple[int, str]]] = {}
    for object_id, theme_id, name in links:
        themes.setdefault(object_id, []).append((theme_id, name))
    return themes


def item_rows(source: Source, item, themes: list[tuple[int, str]]) -> list[tuple[dict, list[int]]]:
    """The entries of one item: one for everyone, or, for an item reserved to members
    (cuf.members.access), its teaser for visitors and its whole text for members."""
    text = source.text(item)
    if not is_reserved(item):
        return [_item_row(source, item, themes, Audience.ALL, text)]
    teaser = {"summary": teaser_summary(item), "shown_at": text["shown_at"]}
    return [
        _item_row(source, item, themes, Audience.TEASER, teaser),
        _item_row(source, item, themes, Audience.MEMBERS, text),
    ]


def _item_row(source, item, themes, audience, text: dict) -> tuple[dict, list[int]]:
    row = _row(
        kind=source.kind,
        object_id=item.pk,
        slug=item.slug,
        title=item.title,
        surtitre=item.surtitre,
        theme_names=join_lines(*(name for _id, name in themes)),
        status=item.status,
        published_at=item.published_at,
        expires_at=item.expires_at,
        **text,
    )
    row["audience"] = audience
    theme_ids = [theme_id for theme_id, _name in themes]
    row["facet_keys"] = facet_keys(source.kind, row["year"], theme_ids)
    return row, theme_ids


def theme_row(theme: Theme) -> tuple[dict, list[int]]:
    row = _row(
        kind=THEME_KIND,
        object_id=theme.pk,
        audience=Audience.ALL,
        slug=theme.slug,
        title=theme.name,
        surtitre=theme.get_kind_display(),
        summary=theme.description,
        theme_names=theme.name,
        # Themes are always public (see SearchEntryQuerySet.public): no publication date.
        status=Status.PUBLISHED,
        published_at=None,
        expires_at=None,
        shown_at=None,
    )
    row["facet_keys"] = facet_keys(THEME_KIND, None, [theme.pk])
    return row, [theme.pk]


# Words for typo suggestions: letters only, 3 to 40 of them (no numbers, no codes).
_WORD = re.compile(r"[^\W\d_]{3,40}")


def lexicon(row: dict) -> set[str]:
    """The words of an entry worth suggesting (not the attachments: extracted text is
    noisy: hyphenation, headers, broken words)."""
    text = " ".join(row[name] for name in ("title", "surtitre", "theme_names", "summary", "body"))
    return set(_WORD.findall(text.lower()))


def words_may_be_offered(row: dict) -> bool:
    """Whether the words of ``row`` join the candidates for typo suggestions: those of
    what visitors may find now or once its time comes (a scheduled item), never a
    draft's nor an ended item's. Being a candidate is not enough to be offered: the
    suggestion checks that an entry visitors may find holds the word at that moment
    (search.suggestions), which covers an item unpublished since or ended without a
    write."""
    if row["kind"] == THEME_KIND:
        return True
    if row.get("audience") == Audience.MEMBERS:
        # A reserved body's words are never suggested to anyone.
        return False
    state = publication_state(
        status=row["status"],
        published_at=row["published_at"],
        expires_at=row["expires_at"],
        now=timezone.now(),
    )
    return state in (PublicationState.PUBLISHED, PublicationState.SCHEDULED)


def _word_rows(counts: Counter) -> list[SearchWord]:
    return [
        SearchWord(word=word, folded=fold(word), documents=count) for word, count in counts.items()
    ]


def _add_words(counts: Counter) -> None:
    """New candidates; known words keep their count until the next rebuild."""
    SearchWord.objects.bulk_create(_word_rows(counts), batch_size=BATCH_SIZE, ignore_conflicts=True)
    SearchWordKey.objects.bulk_create(
        word_keys(counts), batch_size=BATCH_SIZE, ignore_conflicts=True
    )


def new_generation() -> None:
    """The index changed: cached facet counts (search.selectors) and cached results
    pages (cuf.publishing.page_cache; the index is written after the content's commit) no longer
    apply."""
    page_cache.content_changed()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)
    cache.delete(NEXT_CHANGE_KEY)


def _next_after_now(field: str) -> Subquery:
    # ORDER BY … LIMIT 1 on an indexed column: one index probe, not a scan of the index.
    later = SearchEntry.objects.filter(**{f"{field}__gt": timezone.now()}).order_by(field)
    return Subquery(later.values(field)[:1])


def generation() -> int:
    """The index generation, moved on too when a scheduled item's time has come or a
    published one's ends (what search finds changes then, without any write)."""
    values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY])
    next_change = values.get(NEXT_CHANGE_KEY)
    if next_change is None:
        moments = (
            SearchEntry.objects.annotate(
                start=_next_after_now("published_at"), end=_next_after_now("expires_at")
            )
            .values_list("start", "end")
            .first()
        ) or ()
        upcoming = [moment for moment in moments if moment is not None]
        next_change = min(upcoming) if upcoming else "none"
        cache.set(NEXT_CHANGE_KEY, next_change, timeout=None)
    elif next_change != "none" and next_change <= timezone.now():
        new_generation()
        return generation()
    return values.get(GENERATION_KEY, 0)


def _build(model: type[models.Model], pk: int) -> tuple[str, list[tuple[dict, list[int]]]]:
    """The entries' kind, and their rows and theme ids (none when the item is gone)."""
    if model is Theme:
        theme = Theme.objects.filter(pk=pk).first()
        return THEME_KIND, [theme_row(theme)] if theme else []
    source = source_for(model)
    item = source.queryset().filter(pk=pk).first()
    if item is None:
        return source.kind, []
    return source.kind, item_rows(source, item, _themes_of(model, [pk]).get(pk, []))


def index_item(model: type[models.Model], pk: int) -> None:
    """Bring the entries of one item (content or theme) in line with the database."""
    kind, built = _build(model, pk)
    SearchEntry.objects.filter(kind=kind, object_id=pk).exclude(
        audience__in=[row["audience"] for row, _ in built]
    ).delete()
    words: Counter = Counter()
    for row, theme_ids in built:
        offered = words_may_be_offered(row)
        entry, _created = SearchEntry.objects.update_or_create(
            kind=row.pop("kind"),
            object_id=row.pop("object_id"),
            audience=row.pop("audience"),
            defaults=row,
        )
        entry.themes.set(theme_ids)
        # New words of what visitors may find, now or at its scheduled time.
        if offered:
            words.update(lexicon(row))
    new_generation()  # cached counts follow (a deleted item's included)
    if words:
        _add_words(words)


def refresh_theme_names(theme_id: int) -> None:
    """A theme was renamed: the entries tagged with it carry its name in their text."""
    entries = list(
        SearchEntry.objects.filter(themes=theme_id).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("name"))
        )
    )
    for entry in entries:
        entry.theme_names = join_lines(*(theme.name for theme in entry.themes.all()))
        entry.plain = plain_words(
            " ".join(
                [entry.title, entry.surtitre, entry.theme_names, entry.summary, entry.details]
                + [entry.body, entry.attachments]
            )
        )
    SearchEntry.objects.bulk_update(entries, ["theme_names", "plain"], batch_size=BATCH_SIZE)
    new_generation()


def _all_rows() -> Iterator[tuple[dict, list[int]]]:
    for theme in Theme.objects.order_by("pk").iterator(chunk_size=BATCH_SIZE):
        yield theme_row(theme)
    for source in sources():
        last = 0
        while chunk := list(source.queryset().filter(pk__gt=last)[:BATCH_SIZE]):
            themes = _themes_of(source.model, [item.pk for item in chunk])
            for item in chunk:
                yield from item_rows(source, item, themes.get(item.pk, []))
            last = chunk[-1].pk


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def rebuild_index() -> int:
    """Rebuild the whole index in one transaction (visitors see the old one until it ends).

    Returns the number of entries.
    """
    Through = SearchEntry.themes.through
    SearchEntry.objects.all().delete()
    count = 0
    words: Counter = Counter()
    for batch in _batches(_all_rows(), BATCH_SIZE):
        for row, _theme_ids in batch:
            if words_may_be_offered(row):
                words.update(lexicon(row))
        # Each row is written once (PostgreSQL's trigger computes its vectors as it is
        # inserted): a new index leaves no dead rows for the facet counts to step over.
        entries = SearchEntry.objects.bulk_create([SearchEntry(**row) for row, _ in batch])
        Through.objects.bulk_create(
            [
                Through(searchentry_id=entry.pk, theme_id=theme_id)
                for entry, (_, theme_ids) in zip(entries, batch, strict=True)
                for theme_id in theme_ids
            ]
        )
        count += len(entries)
    new_generation()
    SearchWord.objects.all().delete()
    SearchWordKey.objects.all().delete()
    _add_words(words)
    return count
