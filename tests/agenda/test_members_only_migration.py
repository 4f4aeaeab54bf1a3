"""Events' former "members only" label becomes the access setting (agenda 0006)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("agenda", "0005_plausible_dates"),
    ("search", "0006_search_word_keys_for_sqlite_suggestions"),
]


def test_members_only_events_become_reserved_to_members():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Event = old.get_model("agenda", "Event")
    now = timezone.now()
    # Rows as they were (bulk: the portal's listeners know only today's models).
    Event.objects.bulk_create(
        Event(
            title=slug,
            slug=slug,
            status="published",
            published_at=now,
            starts_at=now + datetime.timedelta(days=3),
            members_only=members_only,
        )
        for slug, members_only in (("bureau", True), ("forum", False))
    )
    try:
        call_command("migrate", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    from agenda.models import Event as CurrentEvent

    assert dict(CurrentEvent.objects.values_list("slug", "access")) == {
        "bureau": "members",
        "forum": "public",
    }
