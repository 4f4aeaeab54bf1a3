"""The API tested by a client nobody here wrote: schemathesis reads /api/v1/openapi.json
and sends what it describes, and what it does not (coverage and fuzzing over every
operation and parameter), checking that nothing answers 5xx and that every response
matches the schema (status, content type, headers, body).

The examples are bounded so that the whole runs in a minute or two."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from api.endpoints import api
from tests.factories import (
    AttachmentFactory,
    CommuniqueFactory,
    EventFactory,
    NewsItemFactory,
    PublicationFactory,
    ResourceFactory,
    ThemeFactory,
)

MAX_EXAMPLES = 25


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """As Django's test client does: a request's end must not close the test's database
    connection (which holds the test's transaction), since schemathesis calls the WSGI
    application itself."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def content():
    theme = ThemeFactory(name="Haïti", slug="haiti")
    place = ThemeFactory(name="Sénégal", slug="senegal", kind="pays-region")
    communique = CommuniqueFactory(themes=[theme, place])
    AttachmentFactory(item=communique)
    EventFactory(themes=[theme])
    EventFactory(title="Passé", starts_at=communique.published_at, ends_at=None)
    NewsItemFactory(themes=[place])
    ResourceFactory()
    PublicationFactory(themes=[theme])
    CommuniqueFactory(draft=True)


# The schema the API serves at /api/v1/openapi.json (read here without a request, since
# the database exists only once the tests run); the requests go to the portal's WSGI
# application, through every middleware.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_own_schema(case):
    case.call_and_validate()
