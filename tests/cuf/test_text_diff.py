"""Comparing two versions reads as text: words marked added or removed, structure kept."""

import re

from hypothesis import given
from hypothesis import strategies as st

from cuf.text.diff import names_diff, rich_text_diff, text_diff


def _text(html: str) -> str:
    """What a reader of the page gets, spoken labels included."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _runs(html: str, tag: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", run)).strip()
        for run in re.findall(rf"<{tag} [^>]*>(.*?)</{tag}>", html, re.S)
    ]


def test_one_changed_word_is_marked_as_a_word_not_letters():
    html = text_diff(
        "ouverture des candidatures le 31 mars", "ouverture des candidatures le 15 avril"
    )
    assert _runs(html, "del") == ["−supprimé : 31 mars"]
    assert _runs(html, "ins") == ["+ajouté : 15 avril"]
    assert "ouverture des candidatures le" in _text(html)


def test_additions_and_deletions_carry_a_visible_sign_and_a_spoken_label():
    html = text_diff("un deux", "un trois")
    assert re.search(
        r'<del [^>]*><span class="cuf-diff-sign" aria-hidden="true">−</span>'
        r'<span class="visually-hidden">supprimé : </span>deux</del>',
        html,
    )
    assert re.search(
        r'<ins [^>]*><span class="cuf-diff-sign" aria-hidden="true">\+</span>'
        r'<span class="visually-hidden">ajouté : </span>trois</ins>',
        html,
    )


def test_rich_text_reads_as_text_with_its_lists_and_links():
    old = '<p>Voir <a href="https://exemple.fr/a">le programme</a>.</p><ul><li>Un</li></ul>'
    new = (
        '<p>Voir <a href="https://exemple.fr/b">le programme</a>.</p>'
        "<ul><li>Un</li><li>Deux</li></ul><ol><li>Premier</li></ol>"
    )
    html = rich_text_diff(old, new)
    assert "&lt;" not in html  # no source shown
    # A changed address is a change, and the address is shown beside the words.
    assert 'href="https://exemple.fr/a"' in "".join(re.findall(r"<del .*?</del>", html))
    assert "(lien : https://exemple.fr/b)" in "".join(re.findall(r"<ins .*?</ins>", html))
    # Two lists stay two lists, each item a list item; the ordered one keeps its number.
    assert html.count('<ul class="cuf-diff-list">') == 2
    assert re.search(r"<li [^>]*cuf-diff-block-ins[^>]*>.*?Deux</ins></li>", html)
    assert re.search(r'<li class="cuf-diff-depth-1 cuf-diff-numbered[^"]*">1\. ', html)


def test_headings_quotes_and_emphasis_are_kept_and_nested_lists_are_deeper():
    html = rich_text_diff(
        "",
        "<h2>Calendrier</h2><blockquote><p>Cité</p></blockquote>"
        "<p><strong>gras</strong> <em>penché</em></p><ul><li>a<ul><li>b</li></ul></li></ul>",
    )
    assert '<p class="cuf-diff-h cuf-diff-block-ins">' in html
    assert '<p class="cuf-diff-quote cuf-diff-block-ins">' in html
    assert "<strong>gras</strong>" in html and "<em>penché</em>" in html
    assert 'class="cuf-diff-depth-2' in html


def test_unchanged_text_has_no_mark_and_empty_text_says_so():
    assert "<ins" not in rich_text_diff("<p>Même texte.</p>", "<p>Même   texte.</p>")
    assert "(vide)" in rich_text_diff("", "")


def test_words_and_addresses_are_escaped():
    html = rich_text_diff(
        "", '<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="https://x.fr/?a=1&amp;b=2">x</a></p>'
    )
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert 'href="https://x.fr/?a=1&amp;b=2"' in html


def test_themes_are_listed_one_a_line_with_those_added_and_removed():
    html = names_diff(["Climat", "Santé"], ["Climat", "Eau et assainissement"])
    assert _runs(html, "del") == ["−supprimé : Santé"]
    assert _runs(html, "ins") == ["+ajouté : Eau et assainissement"]


words = st.lists(st.sampled_from(["un", "deux", "trois", "<b>", "&", "«"]), max_size=12)


@given(words, words)
def test_the_new_text_is_what_is_not_deleted_and_the_old_what_is_not_added(old, new):
    html = text_diff(" ".join(old), " ".join(new))

    def without(tag):
        kept = re.sub(rf"<{tag} .*?</{tag}>", " ", html, flags=re.S)
        kept = re.sub(r'<span class="(cuf-diff-sign|visually-hidden)".*?</span>', "", kept)
        return (
            re.sub(r"<[^>]+>", " ", kept)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .split()
        )

    empty = [] if old or new else ["(vide)"]
    assert without("del") == (new or empty)
    assert without("ins") == (old or empty)
