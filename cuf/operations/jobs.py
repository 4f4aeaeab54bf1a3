"""What the portal adds to Django's tasks API (the django-tasks backport, database
backend): retries with backoff, and the state of the queue for /health/.

The backport runs a job once: a job that raises is recorded as failed (the admin lists
failed jobs, "Tâches de fond"). For failures that can pass (a mail server that does not
answer), a job asks for another attempt with ``retry_later``: a new job with the same
arguments and the attempt number, due after the next delay. After the last delay, it
raises, and is recorded as failed like any other.
"""

import datetime
from collections.abc import Sequence

from django.db.models import Count, Min
from django.utils import timezone


def retry_later(task, *args, attempt: int, delays: Sequence[int], **kwargs) -> bool:
    """Queue ``task`` again with ``attempt + 1`` after ``delays[attempt - 1]`` seconds;
    False when the attempts are spent (or the backend cannot defer a job), for the
    caller to raise."""
    if attempt > len(delays) or not task.get_backend().supports_defer:
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=delays[attempt - 1])
    task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
    return True


def waiting_jobs() -> dict:
    """How many jobs are due and not started, and how long the oldest has waited (in
    seconds, 0 when none): one query on the queue's partial index."""
    from django_tasks_db.models import DBTaskResult

    found = DBTaskResult.objects.ready().aggregate(count=Count("id"), oldest=Min("enqueued_at"))
    oldest = found["oldest"]
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {"waiting": found["count"], "oldest_waiting_seconds": round(max(age, 0))}
