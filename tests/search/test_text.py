"""Text handling shared by both databases: folding, query parsing, highlights."""

import pytest

from search.text import (
    MARK_END,
    MARK_START,
    MAX_QUERY_LENGTH,
    Query,
    highlight,
    marked_html,
    narrow_phrases,
    parse,
)


def test_query_is_cut_at_a_word_boundary_with_a_notice_flag():
    query = Query.from_input("mot " * 500)
    assert query.truncated
    assert len(query.text) <= MAX_QUERY_LENGTH
    assert query.text.endswith("mot")


def test_query_drops_control_characters_and_extra_spaces():
    assert Query.from_input("  covid\x00\t 2020\n").text == "covid 2020"
    assert not Query.from_input("covid").truncated


def test_query_drops_direction_overrides_but_keeps_arabic():
    assert Query.from_input("\u202ecoopération \u2067بيروت\u2069").text == "coopération بيروت"


def test_query_of_punctuation_or_emoji_only_is_empty():
    for raw in ("", "   ", "!!! ???", "😀🎉", '""', "-"):
        assert Query.from_input(raw).is_empty, raw


def test_french_ou_is_read_as_or_for_postgresql():
    assert Query.from_input("Haïti OU Japon").websearch == "Haïti or Japon"
    # Between quotes, "ou" is a word of the phrase.
    assert Query.from_input('"sel ou poivre" ou Japon').websearch == '"sel ou poivre" or Japon'
    assert Query.from_input('Japon "sel ou poivre').websearch == 'Japon "sel ou poivre'


def test_parse_reads_phrases_exclusions_and_or():
    parsed = parse(Query.from_input('"coopération décentralisée" -japon or Haïti'))
    first, second = parsed.groups
    assert [(t.words, t.negated) for t in first] == [
        (("cooperation", "decentralisee"), False),
        (("japon",), True),
    ]
    assert [t.words for t in second] == [("haiti",)]


def test_parse_tolerates_unmatched_quotes_and_lone_operators():
    assert parse(Query.from_input('"covid 2020')).positive_words == ["covid", "2020"]
    assert parse(Query.from_input("or or - covid or")).positive_words == ["covid"]
    assert parse(Query.from_input("-japon")).groups == []


def test_highlight_marks_words_accent_insensitively_and_plural_forms():
    marked = highlight("Les webinaires de la Coopération", parse(Query("webinaire cooperation")))
    assert marked == (
        f"Les {MARK_START}webinaires{MARK_END} de la {MARK_START}Coopération{MARK_END}"
    )


def test_highlight_cuts_long_text_around_the_first_match():
    text = "début " * 100 + "le programme du webinaire " + "fin " * 100
    marked = highlight(text, parse(Query("programme")), max_chars=80)
    assert marked.startswith("… ") and marked.endswith(" …")
    assert f"{MARK_START}programme{MARK_END}" in marked
    assert len(marked) < 100


def test_marked_html_escapes_everything_but_the_search_markers():
    text = f"<script>alert(1)</script> {MARK_START}covid{MARK_END} & <b>"
    assert marked_html(text) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>covid</mark> &amp; &lt;b&gt;"
    )


def test_marked_html_never_leaves_a_mark_open():
    assert marked_html(f"{MARK_START}covid") == "<mark>covid</mark>"
    assert marked_html(f"covid{MARK_END}") == "covid"


@pytest.mark.parametrize(
    "as_typed,narrowed",
    [
        # A two-word phrase becomes its pair (or, where pairs are missing, the phrase).
        (
            "'cooper' <-> 'decentralise'",
            "( 'cooper decentralise' | 'no  pairs' & 'cooper' <-> 'decentralise' )",
        ),
        # A longer one keeps its check, narrowed to the entries holding its pairs; words a
        # stop word apart make no pair.
        (
            "'format' <2> 'elus' <-> 'local'",
            "'format' <2> 'elus' <-> 'local' & ( 'elus local' | 'no  pairs' )",
        ),
        # Beside words and exclusions: only the required phrase changes.
        (
            "'senegal' & !( 'eau' <-> 'potabl' ) & 'elus' <-> 'local'",
            "'senegal' & ! ( 'eau' <-> 'potabl' ) & "
            "( 'elus local' | 'no  pairs' & 'elus' <-> 'local' )",
        ),
        # Quotes and backslashes in lexemes are kept as PostgreSQL wrote them.
        ("'l''a\\\\b' <-> 'x'", "( 'l''a\\\\b x' | 'no  pairs' & 'l''a\\\\b' <-> 'x' )"),
    ],
)
def test_required_phrases_are_narrowed_by_their_word_pairs(as_typed, narrowed):
    assert narrow_phrases(as_typed) == narrowed


@pytest.mark.parametrize(
    "as_typed",
    [
        "'eau' <-> 'potabl' | 'senegal'",  # an alternative: nothing is required
        "'format' <2> 'elus'",  # no words side by side
        "!( 'eau' <-> 'potabl' )",  # excluded
        "'a':* <-> 'b'",  # a prefix: not a plain phrase
        "( 'a' <-> 'b' ) <-> 'c'",  # not a flat phrase
        "'climat'",
        "",
        "'unclosed",
    ],
)
def test_other_queries_are_left_as_they_are(as_typed):
    assert narrow_phrases(as_typed) == as_typed
