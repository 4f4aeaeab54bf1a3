import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from actualites.models import NewsItem
from communiques.models import Communique
from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from tests import factories
from tests.factories import CommuniqueFactory, NewsItemFactory, ResourceFactory, ThemeFactory
from tests.helpers import days_from_now

CONTENT_FACTORIES = factories.every_type_factory()


# Themes


@pytest.mark.django_db
def test_theme_slug_is_made_from_its_name_without_accents():
    theme = Theme.objects.create(name="Côte d’Ivoire")
    assert theme.slug == "cote-divoire"
    assert theme.get_absolute_url() == "/themes/cote-divoire/"
    assert str(theme) == "Côte d’Ivoire"


@pytest.mark.django_db
def test_theme_kind_defaults_to_thematique():
    assert Theme.objects.create(name="Jeunesse").kind == Theme.Kind.TOPIC == "thematique"


@pytest.mark.django_db
def test_theme_kind_outside_the_two_choices_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(name="Divers", slug="divers", kind="autre")


@pytest.mark.django_db
def test_two_themes_differing_only_by_case_are_refused_by_the_database():
    Theme.objects.create(name="Jeunesse", slug="jeunesse")
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(name="JEUNESSE", slug="jeunesse-bis")
    assert list(Theme.objects.values_list("name", flat=True)) == ["Jeunesse"]


@pytest.mark.django_db
def test_themes_are_listed_alphabetically():
    for name in ["Jeunesse", "Haïti", "COVID-19"]:
        ThemeFactory(name=name)
    assert [theme.name for theme in Theme.objects.all()] == ["COVID-19", "Haïti", "Jeunesse"]


# The publication rule: published() and visible_to()


@pytest.mark.django_db
def test_scheduled_item_appears_once_its_publication_time_has_passed():
    communique = CommuniqueFactory(published_at=days_from_now(1))
    assert not Communique.objects.published().exists()

    Communique.objects.filter(pk=communique.pk).update(published_at=days_from_now(-1 / 24))

    assert list(Communique.objects.published()) == [communique]


@pytest.mark.django_db
def test_anonymous_visitor_sees_only_published_items():
    published = NewsItemFactory()
    NewsItemFactory(status=Status.DRAFT)
    NewsItemFactory(published_at=days_from_now(1))

    assert list(NewsItem.objects.visible_to(AnonymousUser())) == [published]


@pytest.mark.django_db
def test_logged_in_non_staff_user_sees_only_published_items(django_user_model):
    member = django_user_model.objects.create_user(username="adherent", password="x")
    published = NewsItemFactory()
    NewsItemFactory(status=Status.DRAFT)
    NewsItemFactory(published_at=days_from_now(1))

    assert list(NewsItem.objects.visible_to(member)) == [published]


@pytest.mark.django_db
def test_staff_see_drafts_and_scheduled_items_to_preview_them(django_user_model):
    editor = django_user_model.objects.create_user(username="redaction", is_staff=True)
    published = NewsItemFactory()
    draft = NewsItemFactory(status=Status.DRAFT)
    scheduled = NewsItemFactory(published_at=days_from_now(1))

    assert set(NewsItem.objects.visible_to(editor)) == {published, draft, scheduled}


@pytest.mark.django_db
def test_new_item_is_a_draft_dated_now_by_default():
    before = timezone.now()
    communique = Communique.objects.create(title="Sans statut", slug="sans-statut")
    assert communique.status == Status.DRAFT
    assert before <= communique.published_at <= timezone.now()
    assert not Communique.objects.published().exists()


@pytest.mark.django_db
def test_status_outside_draft_and_published_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommuniqueFactory(status="archive")


# Names, addresses, order, slugs


@pytest.mark.django_db
def test_items_published_at_the_same_time_list_the_last_created_first():
    moment = days_from_now(-1)
    first = CommuniqueFactory(published_at=moment)
    second = CommuniqueFactory(published_at=moment)
    assert list(Communique.objects.all()) == [second, first]


@pytest.mark.django_db
def test_items_of_different_types_may_share_a_slug():
    for factory in CONTENT_FACTORIES:
        factory(slug="assises-2024")
    for factory in CONTENT_FACTORIES:
        assert factory._meta.model.objects.published().get(slug="assises-2024")


# One theme vocabulary for every type


@pytest.mark.django_db
def test_one_theme_tags_items_of_every_type():
    haiti = ThemeFactory(name="Haïti")
    items = [factory(themes=[haiti]) for factory in CONTENT_FACTORIES]
    ResourceFactory()  # not tagged

    assert haiti.items.count() == len(CONTENT_FACTORIES)
    assert {item.content_object for item in haiti.items.all()} == set(items)
    assert list(items[0].themes.all()) == [haiti]
