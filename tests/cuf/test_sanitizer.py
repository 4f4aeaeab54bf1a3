import pytest
from django.db.models import Value

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.text.sanitizer import sanitize_html
from resources.models import Resource
from tests.factories import CommuniqueFactory, EventFactory, NewsItemFactory, ResourceFactory

HOSTILE = (
    "<p>Avant<script>alert('vol de session')</script>après</p>"
    '<img src="x" onerror="alert(1)">'
    '<p><a href="javascript:alert(1)">Cliquez</a></p>'
    '<svg onload="alert(1)"><circle r="5"/></svg>'
    '<p style="position:fixed;top:0" onclick="alert(1)">Texte</p>'
    '<iframe src="https://pirate.example/">cadre</iframe>'
)


def assert_harmless(html):
    lowered = html.lower()
    for marker in ["<script", "alert", "onerror", "onload", "onclick", "javascript:"]:
        assert marker not in lowered
    for marker in ["<svg", "<img", "<iframe", "style=", "pirate.example"]:
        assert marker not in lowered


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Avant<script>alert(1)</script>après</p>", "<p>Avantaprès</p>"),
        ('<img src="x" onerror="alert(1)">', ""),
        ('<a href="javascript:alert(1)">Cliquez</a>', '<a rel="noopener noreferrer">Cliquez</a>'),
        ('<a href="JaVaScRiPt:alert(1)">Cliquez</a>', '<a rel="noopener noreferrer">Cliquez</a>'),
        (
            '<a href="data:text/html,<script>x</script>">Lien</a>',
            '<a rel="noopener noreferrer">Lien</a>',
        ),
        ('<svg onload="alert(1)"><circle r="5"/></svg>Texte', "Texte"),
        ('<p style="color:red" onclick="alert(1)">Texte</p>', "<p>Texte</p>"),
        ('<iframe src="https://pirate.example/">cadre</iframe>Suite', "Suite"),
        ("<style>body{display:none}</style><p>Visible</p>", "<p>Visible</p>"),
        ("<!-- note interne --><p>Texte</p>", "<p>Texte</p>"),
        ('<p class="alerte" id="x">Texte</p>', "<p>Texte</p>"),
    ],
)
def test_hostile_markup_is_removed(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_all_hostile_markup_at_once_leaves_only_the_text():
    cleaned = sanitize_html(HOSTILE)
    assert_harmless(cleaned)
    assert "Avantaprès" in cleaned
    assert "Cliquez" in cleaned
    assert "<p>Texte</p>" in cleaned


def test_editor_markup_survives_unchanged():
    html = (
        "<h2>Programme</h2><h3>Matin</h3>"
        "<p><strong>Important</strong> et <em>souligné</em><br>suite</p>"
        '<p><a href="https://cites-unies-france.org/" title="Site">Site</a> ou '
        '<a href="mailto:contact@example.org">écrire</a></p>'
        "<ul><li>Un</li></ul><ol><li>Deux</li></ol>"
        "<blockquote><p>Citation</p></blockquote>"
        '<figure class="table"><table><thead><tr><th scope="col">Ville</th></tr></thead>'
        '<tbody><tr><td colspan="2">Lyon</td></tr></tbody></table></figure>'
    )
    cleaned = sanitize_html(html)
    # Links only gain rel="noopener noreferrer"; nothing else changes.
    assert cleaned == html.replace('">Site</a>', '" rel="noopener noreferrer">Site</a>').replace(
        '">écrire</a>', '" rel="noopener noreferrer">écrire</a>'
    )


def test_only_the_table_class_of_figures_is_kept():
    cleaned = sanitize_html('<figure class="table pleine-largeur"><table></table></figure>')
    assert cleaned == '<figure class="table"><table></table></figure>'


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_input_gives_an_empty_string(empty):
    assert sanitize_html(empty) == ""


# Through the models: whatever the write path, the database holds sanitised HTML.

RICH_TEXT = [
    (CommuniqueFactory, Communique, "body"),
    (EventFactory, Event, "body"),
    (NewsItemFactory, NewsItem, "body"),
    (ResourceFactory, Resource, "description"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("factory", "model", "field"), RICH_TEXT)
def test_saving_an_item_stores_sanitised_html(factory, model, field):
    item = factory(**{field: HOSTILE})
    item.refresh_from_db()
    stored = getattr(item, field)
    assert_harmless(stored)
    assert "<p>Texte</p>" in stored


@pytest.mark.django_db
def test_saving_again_sanitises_the_new_text_too():
    communique = CommuniqueFactory()
    communique.body = "<p>Nouveau<script>alert(1)</script></p>"
    communique.save()
    assert Communique.objects.values_list("body", flat=True).get() == "<p>Nouveau</p>"


@pytest.mark.django_db
@pytest.mark.parametrize(("factory", "model", "field"), RICH_TEXT)
def test_queryset_update_stores_sanitised_html(factory, model, field):
    item = factory()
    model.objects.filter(pk=item.pk).update(**{field: HOSTILE})
    stored = model.objects.values(field).get(pk=item.pk)[field]
    assert_harmless(stored)
    assert "<p>Texte</p>" in stored


@pytest.mark.django_db
def test_bulk_update_stores_sanitised_html():
    first, second = CommuniqueFactory(), CommuniqueFactory()
    first.body = "<p>Un<script>alert(1)</script></p>"
    second.body = '<p onclick="alert(2)">Deux</p>'
    Communique.objects.bulk_update([first, second], ["body"])
    assert set(Communique.objects.values_list("body", flat=True)) == {"<p>Un</p>", "<p>Deux</p>"}


@pytest.mark.django_db
def test_bulk_create_stores_sanitised_html():
    Communique.objects.bulk_create(
        [Communique(title="Import", slug="import", body="<p>Importé<script>x</script></p>")]
    )
    assert Communique.objects.values_list("body", flat=True).get() == "<p>Importé</p>"


@pytest.mark.django_db
def test_update_with_a_value_of_the_field_stores_sanitised_html():
    CommuniqueFactory()
    field = Communique._meta.get_field("body")
    Communique.objects.update(body=Value("<p>Valeur<script>x</script></p>", output_field=field))
    assert Communique.objects.values_list("body", flat=True).get() == "<p>Valeur</p>"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        '<p>Texte</p><figure class="image"><img src="/editeur/images/{name}.png"></figure>',
        '<p>Texte</p><img src="/editeur/images/{name}.png" alt="">',
        '<p>Texte</p><img src="/editeur/images/{name}.png" alt="   ">',
    ],
)
def test_an_image_of_the_text_without_a_description_is_refused_in_french(body):
    from django.core.exceptions import ValidationError

    from tests.factories import CommuniqueFactory

    communique = CommuniqueFactory.build(body=body.format(name="a" * 32))
    with pytest.raises(ValidationError) as caught:
        communique.full_clean()
    assert "n’ont pas de texte alternatif" in " ".join(caught.value.message_dict["body"])


@pytest.mark.django_db
def test_an_image_of_the_text_with_its_description_is_accepted():
    from tests.factories import CommuniqueFactory

    name = "b" * 32
    communique = CommuniqueFactory.build(
        body=f'<p>Texte</p><img src="/editeur/images/{name}.png" alt="Des élus à la tribune">'
    )
    communique.full_clean()


def test_a_tag_end_inside_an_attribute_never_opens_markup():
    from cuf.text.sanitizer import sanitize_html

    cleaned = sanitize_html('<p><img alt="x><script>alert(1)</script>"></p>')
    assert "<script" not in cleaned
    nested = (
        "<p>Corps <img alt=\"a><img src=x alt='q><img id=F src=/static/n.png>"
        "<meta http-equiv=refresh content=0;url=http://ailleurs.example/>'>\"></p>"
    )
    assert "<meta" not in sanitize_html(nested) and "<img id" not in sanitize_html(nested)


def test_control_characters_are_removed_from_rich_text():
    from cuf.text.sanitizer import sanitize_html

    assert sanitize_html("<p>ctl \x02 corps \x08</p>") == "<p>ctl  corps </p>"
