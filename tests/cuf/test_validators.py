"""Fields shown on one line refuse line breaks, in the admin and in full_clean()."""

import pytest
from django.core.exceptions import ValidationError

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.text.validators import single_line
from cuf.themes.models import Theme
from resources.models import Resource
from tests.agenda.test_admin import add_form_data as event_form_data
from tests.communiques.test_admin import add_form_data as communique_form_data
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    ResourceFactory,
    ThemeFactory,
    every_type_factory,
)
from tests.files import pdf_upload

MESSAGE = "Ce champ tient sur une ligne : retirez les retours à la ligne."

# What str.splitlines() ends a line at, written out here rather than imported.
LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_single_line_refuses_every_line_break(line_break):
    with pytest.raises(ValidationError) as error:
        single_line(f"Journée du groupe-pays{line_break}Haïti")
    assert error.value.messages == [MESSAGE]
    assert error.value.code == "line_break"


@pytest.mark.parametrize(
    "value",
    ["", "Journée du groupe-pays Haïti", "MEAE/DAECT", "Une\ttabulation", "Lyon\u00a0: salle 3"],
)
def test_single_line_accepts_text_on_one_line(value):
    single_line(value)


# Every field shown on one line, with a factory building a valid item that has it.
ONE_LINE_FIELDS = [
    *[(factory, field) for factory in every_type_factory() for field in ("title", "surtitre")],
    (ThemeFactory, "name"),
    (EventFactory, "place"),
    (EventFactory, "organiser"),
    (EventFactory, "registration_contact"),
    (CommuniqueFactory, "issuer"),
    (CommuniqueFactory, "place"),
    (AttachmentFactory, "title"),
    (AttachmentFactory, "credit"),
    (NewsItemFactory, "source"),
    (NewsItemFactory, "image_alt"),
    (NewsItemFactory, "image_credit"),
    (ResourceFactory, "credit"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "field"),
    ONE_LINE_FIELDS,
    ids=[f"{factory._meta.model.__name__}.{field}" for factory, field in ONE_LINE_FIELDS],
)
def test_full_clean_refuses_a_line_break_in_a_one_line_field(factory, field):
    item = factory.build(**{field: "Première ligne\nseconde ligne"})
    with pytest.raises(ValidationError) as error:
        item.full_clean(validate_unique=False)
    assert error.value.message_dict[field] == [MESSAGE]


@pytest.mark.django_db
def test_the_same_items_on_one_line_are_valid():
    for factory, field in ONE_LINE_FIELDS:
        item = factory.build(**{field: "Une seule ligne"})
        item.full_clean(validate_unique=False, exclude=["item_type", "item_id"])


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Theme, {"name"}),
        (Event, {"title", "surtitre", "place", "organiser", "registration_contact"}),
        (Communique, {"title", "surtitre", "issuer", "place"}),
        (Attachment, {"title", "credit"}),
        (NewsItem, {"title", "surtitre", "source", "image_alt", "image_credit"}),
        (Resource, {"title", "surtitre", "credit", "image_alt"}),
    ],
)
def test_the_validator_is_on_exactly_the_fields_shown_on_one_line(model, fields):
    with_validator = {
        field.name
        for field in model._meta.fields
        if single_line in getattr(field, "validators", [])
    }
    assert with_validator == fields


# In the admin: the form shows the French message next to the field, and saves nothing.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["title", "surtitre", "place", "organiser", "registration_contact"]
)
def test_event_admin_refuses_a_line_break_and_saves_nothing(superuser_client, field):
    data = event_form_data(**{field: "Salle des fêtes\r\nX-WR-CALNAME:Piège"})
    response = superuser_client.post("/admin/agenda/event/add/", data)
    assert response.status_code == 200
    assert MESSAGE in response.text
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_theme_admin_refuses_a_line_break_in_the_name_and_saves_nothing(moderator_client):
    response = moderator_client.post(
        "/admin/cuf/theme/add/",
        {"name": "Eau\u2028et assainissement", "slug": "eau", "kind": "thematique"},
    )
    assert response.status_code == 200
    assert MESSAGE in response.text
    assert not Theme.objects.exists()


@pytest.mark.django_db
def test_renaming_a_theme_in_the_admin_refuses_a_line_break(moderator_client):
    theme = ThemeFactory(name="Eau", slug="eau")
    response = moderator_client.post(
        f"/admin/cuf/theme/{theme.pk}/change/",
        {"name": "Eau\nassainissement", "slug": "eau", "kind": "thematique"},
    )
    assert MESSAGE in response.text
    theme.refresh_from_db()
    assert theme.name == "Eau"


@pytest.mark.django_db
def test_a_document_title_with_a_line_break_is_refused_with_its_communique(superuser_client):
    data = communique_form_data(documents=[("Programme\nfinal", pdf_upload())])
    response = superuser_client.post("/admin/communiques/communique/add/", data)
    assert response.status_code == 200
    assert MESSAGE in response.text
    assert not Communique.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("value", ["Bell\x07thème", "Ctrl\x01", "Échap\x1b"])
def test_invisible_control_characters_are_refused_in_french(value):
    from django.core.exceptions import ValidationError

    from cuf.text.validators import single_line

    with pytest.raises(ValidationError) as caught:
        single_line(value)
    assert caught.value.messages == [
        "Ce champ contient un caractère invisible (de contrôle) : retirez-le."
    ]


# Direction overrides: one left open turns what follows it backwards, outside the field
# too (the date beside a title, the sentence around a theme's name on the merge screen).
BIDI_MESSAGE = (
    "Ce champ contient un caractère invisible qui inverse le sens de l’écriture : "
    "retirez-le (l’arabe ou l’hébreu s’écrivent sans)."
)
BIDI_CONTROLS = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_direction_overrides_are_refused_in_french(control):
    with pytest.raises(ValidationError) as caught:
        single_line(f"Coopération{control} Publié le 30 novembre")
    assert caught.value.messages == [BIDI_MESSAGE]
    assert caught.value.code == "bidi_control"


@pytest.mark.parametrize(
    "value",
    ["Coopération avec le Liban – التعاون اللامركزي", "שיתוף פעולה", "Tunis\u200f : atelier"],
)
def test_arabic_hebrew_and_direction_marks_are_accepted(value):
    single_line(value)


@pytest.mark.django_db
def test_theme_admin_refuses_a_direction_override_and_saves_nothing(moderator_client):
    response = moderator_client.post(
        "/admin/cuf/theme/add/",
        {"name": "Th\u202eème retourné", "slug": "retourne", "kind": "thematique"},
    )
    assert response.status_code == 200
    assert BIDI_MESSAGE in response.text
    assert not Theme.objects.exists()


@pytest.mark.django_db
def test_communique_admin_refuses_a_direction_override_in_the_issuer(superuser_client):
    data = communique_form_data(issuer="MEAE\u202e/DAECT")
    response = superuser_client.post("/admin/communiques/communique/add/", data)
    assert response.status_code == 200
    assert BIDI_MESSAGE in response.text
    assert not Communique.objects.exists()
