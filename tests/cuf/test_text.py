"""cuf.text.plain: how the portal reads rich text as text, and words without accents."""

from hypothesis import given
from hypothesis import strategies as st

from cuf.text.plain import (
    clean_text,
    excerpt,
    fold,
    join_lines,
    plain_text,
    without_leading_title,
    words,
)
from cuf.themes.models import theme_name_key


def test_fold_drops_accents_and_case_and_spells_out_ligatures():
    assert fold("Haïti ÉLÈVES Cœur façade") == "haiti eleves coeur facade"


def test_words_ignore_punctuation_and_emoji():
    assert words("« Coopération » décentralisée, 2020 ! 😀") == [
        "cooperation",
        "decentralisee",
        "2020",
    ]


def test_plain_text_keeps_blocks_apart_and_unescapes_entities():
    assert plain_text("<p>Un</p><p>Deux &amp; trois</p><script>x()</script>") == "Un Deux & trois"


def test_plain_text_keeps_an_item_apart_from_the_list_nested_in_it():
    nested = "<ul><li>l’accès à l’eau ;<ul><li>réhabilitation des puits,</li></ul></li></ul>"
    assert plain_text(nested) == "l’accès à l’eau ; réhabilitation des puits,"
    table = "<table><tr><td>Afrique</td></tr><tr><td>29</td></tr></table><p>Fin</p>"
    assert plain_text(table) == "Afrique 29 Fin"


def test_plain_text_keeps_words_whole_across_inline_markup():
    assert plain_text("<p><strong>Co</strong>opération <em>dé</em>centralisée</p>") == (
        "Coopération décentralisée"
    )


def test_plain_text_keeps_french_non_breaking_spaces():
    assert (
        plain_text("<p>Question&nbsp;: «&nbsp;oui&nbsp;»</p>")
        == "Question\u00a0: «\u00a0oui\u00a0»"
    )


def test_plain_text_writes_a_superscript_number_as_one_not_glued_to_the_word():
    # The SPIP sample's "collectivités françaises<sup>1</sup>" and a surface in m².
    assert plain_text("<p>collectivités françaises<sup>1</sup> mènent</p>") == (
        "collectivités françaises¹ mènent"
    )
    assert plain_text("<p>200 m<sup> 2 </sup> et note<SUP class='x'>12</SUP></p>") == (
        "200 m² et note¹²"
    )


def test_a_superscript_number_is_not_part_of_the_word_it_follows():
    assert words(plain_text("<p>collectivités françaises<sup>1</sup> et m<sup>2</sup></p>")) == [
        "collectivites",
        "francaises",
        "et",
        "m",
    ]


def test_plain_text_keeps_superscript_letters_as_french_writes_them():
    assert plain_text("<p>Le 1<sup>er</sup> mai, au XIX<sup>e</sup> siècle</p>") == (
        "Le 1er mai, au XIXe siècle"
    )


def test_plain_text_of_nothing_is_empty():
    assert plain_text(None) == plain_text("") == ""


def test_excerpt_cuts_to_a_number_of_words():
    assert excerpt("<p>un deux trois quatre</p>", 2) == "un deux…"


def test_clean_text_removes_control_characters_and_blank_lines():
    assert clean_text("a\x00b\n\n\n c\t\td") == "a b\n c d"
    assert clean_text("a\x00b\n\n\n c\t\td", limit=3) == "a b"


def test_join_lines_skips_empty_parts():
    assert join_lines("Paris", "", "En ligne") == "Paris\nEn ligne"


def test_theme_names_are_the_same_whatever_case_accents_ligatures_and_punctuation():
    assert theme_name_key("Cœur—d’Haïti") == theme_name_key("coeur d haiti") == "coeur d haiti"


@given(st.text(alphabet=list("ab <>/&;#p\n\u00a0é")) | st.text())
def test_plain_text_of_any_input_is_single_spaced_text(text):
    result = plain_text(text)
    assert result == result.strip(" \t\r\n")
    assert "  " not in result and "\n" not in result


@given(st.text())
def test_plain_text_never_keeps_a_tag_the_input_wrote(text):
    # Whatever is typed, a script element written in the input never survives as markup.
    assert "<script>" not in plain_text(f"<p>{text}</p><script>alert(1)</script>")


def test_without_leading_title_drops_a_copy_of_the_title_whatever_its_case_and_accents():
    text = "NOTE : la cooperation decentralisee apres la pandemie\nTrois enseignements."
    title = "Note : la coopération décentralisée après la pandémie"
    assert without_leading_title(text, title) == "Trois enseignements."


def test_without_leading_title_keeps_a_text_that_only_starts_like_the_title():
    assert without_leading_title("Note de synthèse", "Note : le climat") == "Note de synthèse"
    assert without_leading_title("Note", "Note : le climat") == "Note"
    assert without_leading_title("Notes et idées", "Note") == "Notes et idées"


@given(st.text(), st.text())
def test_without_leading_title_always_returns_the_end_of_the_text(text, title):
    result = without_leading_title(text, title)
    assert text.endswith(result)


@given(st.text(), st.text(alphabet=st.characters(categories=["Ll", "Lu"]), min_size=1))
def test_without_leading_title_removes_the_title_it_finds_before_a_new_line(rest, title):
    expected = rest.lstrip(" \t\n.:;,!?-–—»\u00a0")
    assert without_leading_title(f"{title}\n{rest}", title) == expected
