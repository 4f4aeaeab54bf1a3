"""Typo suggestions ("Vouliez-vous dire … ?"), on both databases.

When a search finds nothing, each typed word is replaced by the closest word of the
indexed content (``SearchWord``) and the search runs again with those. Candidates come
from the database's own way to close words: pg_trgm similarity on PostgreSQL, the
one-letter-deleted keys of ``SearchWordKey`` on SQLite (which has no trigram index).
Either way a few candidates per typed word are read, best first, and the first one that
an entry visitors may find holds is kept: the word list may still hold words of an item
unpublished since, or of one whose publication has ended, but a suggestion never tells
which words only a draft holds. "May find" is ``SearchEntry.objects.public()``, the rule
search itself applies, so a reserved item's words follow whatever it says of them.

Two queries whatever the number of words: the candidates, then which are visible.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat

from cuf.text.plain import fold
from search.models import TS_CONFIG, SearchEntry, SearchWord, SearchWordKey

MAX_SUGGESTED_WORDS = 8
MAX_WORD_LENGTH = 60
# Candidates read per typed word: enough to step over words no visible entry holds.
CANDIDATES = 5

# For each typed word (folded), the closest known words: most similar, then most used.
TRIGRAM_SQL = """
SELECT typed.position, best.word
FROM unnest(%s::text[]) WITH ORDINALITY AS typed(word, position)
CROSS JOIN LATERAL (
    SELECT known.word FROM {table} AS known
    WHERE known.folded %% typed.word
    ORDER BY similarity(known.folded, typed.word) DESC, known.documents DESC, known.word
    LIMIT {limit}
) AS best
ORDER BY typed.position
"""


def keys(folded: str) -> set[str]:
    """The word and every form of it with one letter left out."""
    return {folded} | {folded[:i] + folded[i + 1 :] for i in range(len(folded))}


def word_keys(words) -> list[SearchWordKey]:
    """The key rows of ``words`` (SQLite only: PostgreSQL reads pg_trgm instead)."""
    if connection.vendor == "postgresql":
        return []
    return [SearchWordKey(key=key, word=word) for word in words for key in keys(fold(word))]


def distance(a: str, b: str) -> int:
    """Edits from ``a`` to ``b``: insertions, deletions, substitutions and swaps of two
    neighbouring letters (the optimal string alignment distance)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _trigram_candidates(typed: list[str]) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            TRIGRAM_SQL.format(table=SearchWord._meta.db_table, limit=CANDIDATES), [typed]
        )
        rows = cursor.fetchall()
    candidates: list[list[str]] = [[] for _ in typed]
    for position, word in rows:
        candidates[position - 1].append(word)
    return candidates


def _key_candidates(typed: list[str]) -> list[list[str]]:
    wanted = {word: keys(word) for word in typed}
    known = SearchWord.objects.filter(
        word__in=SearchWordKey.objects.filter(key__in=set().union(*wanted.values())).values("word")
    ).values_list("word", "folded", "documents")
    known = list(known)
    candidates = []
    for word in typed:
        close = [
            (distance(word, folded), -documents, candidate)
            for candidate, folded, documents in known
            if keys(folded) & wanted[word]
        ]
        candidates.append([candidate for *_rank, candidate in sorted(close)[:CANDIDATES]])
    return candidates


def _visible(words: set[str]) -> set[str]:
    """Those of ``words`` that an entry visitors may find holds, as a word (``plain``
    holds every folded word of an entry, padded with spaces)."""
    holders = SearchEntry.objects.public().filter(
        plain__contains=Concat(Value(" "), OuterRef("folded"), Value(" "))
    )
    if connection.vendor == "postgresql":
        # The GIN index finds the few entries to check, instead of reading every text.
        holders = holders.filter(
            vector=SearchQuery(OuterRef("word"), config=TS_CONFIG, search_type="plain")
        )
    return set(
        SearchWord.objects.filter(word__in=words)
        .filter(Exists(holders))
        .values_list("word", flat=True)
    )


def closest_words(typed_words: list[str]) -> list[str]:
    """For each typed word (folded), the closest word visitors may find, in order; a
    typed word with none is dropped."""
    typed = [word for word in typed_words if len(word) <= MAX_WORD_LENGTH]
    typed = typed[:MAX_SUGGESTED_WORDS]
    if not typed:
        return []
    if connection.vendor == "postgresql":
        candidates = _trigram_candidates(typed)
    else:
        candidates = _key_candidates(typed)
    visible = _visible({word for words in candidates for word in words})
    closest = []
    for words in candidates:
        found = next((word for word in words if word in visible), None)
        if found is not None:
            closest.append(found)
    return closest
