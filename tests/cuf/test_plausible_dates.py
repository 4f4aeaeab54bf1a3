"""Every date stays between 1900 and 2100 (issue 20, finding 8): refused in French by
forms and full_clean, refused by the database, and a row that slipped past (written with
the checks off) never takes a page down."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client

from agenda.models import Event
from tests.admin_forms import admin_form_data
from tests.factories import CommuniqueFactory, EventFactory, ThemeFactory, every_type_factory

pytestmark = pytest.mark.django_db

MESSAGE = "Indiquez une date entre 1900 et 2100."
UTC = datetime.UTC


def moment(year, month=1, day=1, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize("factory", every_type_factory(), ids=lambda f: f.__name__)
@pytest.mark.parametrize("field", ["published_at", "expires_at"])
@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        (datetime.datetime(1, 1, 1, tzinfo=UTC), False),
        (moment(1899, 12, 31), False),
        (moment(1900, 1, 1), True),
        (moment(2100, 12, 31), True),
        (datetime.datetime(2101, 1, 1, tzinfo=UTC), False),
        (datetime.datetime(9999, 12, 31, tzinfo=UTC), False),
    ],
)
def test_every_types_dates_are_checked_by_full_clean(factory, field, value, accepted):
    item = factory.build(published_at=moment(1900, 1, 1, 0) if field == "expires_at" else None)
    if field == "published_at":
        item.published_at = value
    else:
        item.published_at = moment(1900, 1, 1, 0)
        item.expires_at = value
    try:
        item.full_clean(exclude=["slug"])
    except ValidationError as error:
        assert not accepted
        assert error.message_dict[field] == [MESSAGE]
    else:
        assert accepted


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"starts_at": datetime.datetime(1, 1, 1, tzinfo=UTC)}, "starts_at"),
        ({"ends_at": datetime.datetime(2200, 1, 1, tzinfo=UTC)}, "ends_at"),
        ({"registration_deadline": datetime.date(1, 1, 1)}, "registration_deadline"),
        ({"registration_deadline": datetime.date(2101, 1, 1)}, "registration_deadline"),
    ],
)
def test_an_events_dates_are_checked_too(fields, field):
    event = EventFactory.build(**fields)
    with pytest.raises(ValidationError) as raised:
        event.full_clean(exclude=["slug"])
    assert raised.value.message_dict[field] == [MESSAGE]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published_at", moment(1850)),
        ("expires_at", moment(2150)),
        ("starts_at", moment(1066)),
        ("ends_at", moment(2500)),
        ("registration_deadline", datetime.date(1899, 12, 31)),
    ],
)
def test_the_database_refuses_a_date_off_the_calendar(field, value):
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(**{field: value})


def test_an_editor_typing_year_one_gets_a_french_message_not_a_500(superuser_client):
    event = EventFactory(title="Assises")
    url = f"/admin/agenda/event/{event.pk}/change/"
    data = admin_form_data(superuser_client.get(url))
    data.update({"starts_at_0": "01/01/0001", "starts_at_1": "10:00:00"})
    data.update({"registration_deadline": "01/01/0001"})
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.text
    data.update({"starts_at_0": "01/01/1900", "published_at_0": "31/12/0001"})
    data.update({"registration_deadline": ""})
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in response.text


def _slip_past(sql: str, params) -> None:
    """Write what the checks refuse, as an old import did (SQLite can turn them off)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            cursor.execute(sql, params)
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite can write past its checks")
def test_pages_survive_rows_whose_dates_slipped_past():
    theme = ThemeFactory(name="Climat")
    old = CommuniqueFactory(title="Communiqué de l’an zéro", themes=[theme])
    event = EventFactory(title="Rencontre de l’an zéro", themes=[theme])
    CommuniqueFactory(title="Communiqué en ligne", themes=[theme])
    year_zero = "0000-12-31 23:50:39"
    _slip_past(
        "UPDATE communiques_communique SET published_at = %s WHERE id = %s", [year_zero, old.pk]
    )
    _slip_past(
        "UPDATE agenda_event SET starts_at = %s, ends_at = NULL, registration_deadline = %s"
        " WHERE id = %s",
        [year_zero, "0000-01-01", event.pk],
    )
    _slip_past("UPDATE cuf_themeditem SET shown_at = %s", [year_zero])
    _slip_past("UPDATE search_searchentry SET shown_at = %s", [year_zero])
    client = Client(raise_request_exception=False)
    for url in (
        "/",
        "/communiques/",
        "/agenda/",
        "/agenda/?periode=passes",
        "/sitemap.xml",
        "/rss/",
        "/atom/",
        "/communiques/rss/",
        "/agenda/rss/",
        "/agenda.ics",
        theme.get_absolute_url(),
        f"/themes/{theme.slug}/rss/",
        "/recherche/?q=communiqué",
        "/plan-du-site/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "an zéro" not in response.text, url
    assert "Communiqué en ligne" in client.get("/communiques/").text
    for url in (old.get_absolute_url(), event.get_absolute_url()):
        assert client.get(url).status_code == 404
