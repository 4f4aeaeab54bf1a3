"""The end of publication, scheduling and publishing, as visitors and editors see them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actualites.models import NewsItem
from communiques.models import Communique
from cuf.publishing.rule import Status
from cuf.publishing.services import item_publish, item_unpublish
from tests.communiques.test_admin import add_form_data
from tests.factories import CommuniqueFactory, NewsItemFactory, ThemeFactory
from tests.helpers import days_from_now, main_text

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/communiques/communique/"


@pytest.mark.parametrize(
    ("expires_in_days", "visible"), [(None, True), (1, True), (-0.01, False), (-3, False)]
)
def test_published_stops_at_the_end_of_publication(expires_in_days, visible):
    expires_at = days_from_now(expires_in_days) if expires_in_days is not None else None
    item = CommuniqueFactory(published_at=days_from_now(-5), expires_at=expires_at)
    assert Communique.objects.published().filter(pk=item.pk).exists() is visible
    assert item.is_public is visible


def test_an_expired_item_leaves_lists_theme_pages_and_its_page(client):
    theme = ThemeFactory(name="Jeunesse")
    item = NewsItemFactory(
        title="Appel clos", published_at=days_from_now(-5), expires_at=days_from_now(-1)
    )
    item.themes.set([theme])
    assert "Appel clos" not in main_text(client.get("/actualites/"))
    assert "Appel clos" not in main_text(client.get(theme.get_absolute_url()))
    assert "Appel clos" not in client.get("/").text
    assert client.get(item.get_absolute_url()).status_code == 404


def test_staff_see_an_expired_item_with_a_banner_saying_so(staff_client):
    item = NewsItemFactory(published_at=days_from_now(-5), expires_at=days_from_now(-1))
    response = staff_client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert "Publication terminée" in response.text


def test_the_end_of_publication_must_follow_the_publication(superuser_client):
    response = superuser_client.post(
        f"{CHANGELIST}add/",
        add_form_data(expires_at_0="01/05/2020", expires_at_1="10:00"),
    )
    assert response.status_code == 200
    assert "La fin de publication doit suivre la date de publication." in response.text
    assert not Communique.objects.exists()


def test_the_database_refuses_an_end_before_the_publication():
    item = NewsItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItem.objects.filter(pk=item.pk).update(expires_at=days_from_now(-30))


def test_changelist_shows_scheduled_and_expired_items_with_their_dates(superuser_client):
    CommuniqueFactory(title="Programmé demain", published_at=days_from_now(1))
    CommuniqueFactory(
        title="Fini hier", published_at=days_from_now(-5), expires_at=days_from_now(-1)
    )
    response = superuser_client.get(CHANGELIST)
    assert '>Programmé</span><br><small class="cuf-when">le ' in response.text
    assert '>Expiré</span><br><small class="cuf-when">depuis le ' in response.text


def test_publishing_a_draft_now_dates_it_now_and_records_who_did_it(django_user_model):
    user = django_user_model.objects.create_user(username="ed", password="x" * 12)
    draft = CommuniqueFactory(status=Status.DRAFT, published_at=days_from_now(-40))
    item_publish(item=draft, user=user)
    draft.refresh_from_db()
    assert draft.is_public
    assert draft.published_at > days_from_now(-0.01)
    from reversion.models import Version

    version = Version.objects.get_for_object(draft).first()
    assert version.revision.user == user
    assert version.revision.get_comment() == "Publié."


def test_publishing_at_a_future_time_schedules(django_user_model):
    draft = CommuniqueFactory(status=Status.DRAFT)
    item_publish(item=draft, at=days_from_now(2))
    assert draft.publication_state == "scheduled"
    assert not Communique.objects.published().filter(pk=draft.pk).exists()


def test_publishing_again_an_expired_item_lifts_its_end():
    item = CommuniqueFactory(published_at=days_from_now(-5), expires_at=days_from_now(-1))
    item_publish(item=item)
    assert item.is_public
    assert item.expires_at is None


def test_unpublishing_keeps_the_dates():
    item = CommuniqueFactory()
    published_at = item.published_at
    item_unpublish(item=item)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert item.published_at == published_at


def test_publish_refuses_an_invalid_item():
    item = CommuniqueFactory(status=Status.DRAFT, title="")
    with pytest.raises(ValidationError):
        item_publish(item=item)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
