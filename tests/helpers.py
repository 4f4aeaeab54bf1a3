"""Small helpers shared by the view tests: reading pages as a visitor would."""

import datetime
import os
import re
import subprocess
import sys
import zoneinfo
from pathlib import Path

from django.utils import timezone

# 12 May 2020, 10:00 in Paris: a fixed publication date for "Publié le 12 mai 2020".
MAY_12_2020 = datetime.datetime(2020, 5, 12, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))

# The theme used to narrow lists (?theme=) does not exist.
UNKNOWN_THEME = "theme-qui-n-existe-pas"


def main_text(response) -> str:
    """The page's <main> element only (not the header navigation nor the sidebar)."""
    match = re.search(r"<main\b.*?</main>", response.text, re.S)
    assert match, "the page has no <main>"
    return match.group(0)


def related_block(response) -> str:
    """The "Sur ces thèmes" block of a detail page ("" when the page has none)."""
    match = re.search(r'<aside class="related".*?</aside>', response.text, re.S)
    return match.group(0) if match else ""


def assert_in_order(text: str, titles: list[str]) -> None:
    """Each title appears in ``text``, in the given order."""
    positions = []
    for title in titles:
        assert title in text, f"{title!r} is not on the page"
        positions.append(text.index(title))
    assert positions == sorted(positions), f"not in order: {titles}"


def days_from_now(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def published_days_ago(count: int) -> list[datetime.datetime]:
    """``count`` distinct publication times, newest first (1, 2, 3... days ago)."""
    now = timezone.now()
    return [now - datetime.timedelta(days=n + 1) for n in range(count)]


def titles_on(text: str, titles) -> list[str]:
    """Those of ``titles`` that appear in ``text``."""
    return [title for title in titles if title in text]


def admin_publication_data(*, themes=(), status="published", **fields) -> dict:
    """What the admin form's "Publication" fieldset posts, as an editor fills it."""
    return {
        "status": status,
        "published_at_0": "12/05/2020",
        "published_at_1": "10:00",
        "author": "",
        "themes": [str(theme.pk) for theme in themes],
        **fields,
    }


# What the attachments' inline (cuf.admin.attachments) posts when none is added.
NO_ATTACHMENTS = {"documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0"}


def admin_item_data(title: str, slug: str, fields: dict, /, **overrides) -> dict:
    """What an item's admin form posts: the fields every content type has (surtitre,
    title, address, publication, no attachment added), the type's own ``fields``, then
    ``overrides``."""
    common = {
        "surtitre": "",
        "title": title,
        "slug": slug,
        **admin_publication_data(),
        **NO_ATTACHMENTS,
    }
    return {**common, **fields, **overrides}


def file_content(response) -> bytes:
    """The bytes of a file response, read to the end.

    Reading to the end closes the file: the test client then closes the response while the
    database connection is protected. Calling ``response.close()`` again would fire
    ``request_finished`` and close the test transaction's connection on PostgreSQL.
    """
    return b"".join(response.streaming_content)


PROJECT = Path(__file__).resolve().parents[1]


def run_python(code_or_args, *, timeout: int = 60, **variables) -> subprocess.CompletedProcess:
    """Python in the project folder, in a fresh interpreter with a clean environment plus
    ``variables`` (the test settings unless DJANGO_SETTINGS_MODULE says otherwise)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "portail.settings.test",
        **variables,
    }
    args = ["-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def said_under_the_password(page, words: str) -> bool:
    """Whether the page says ``words`` (an error) and says it of the new password's field,
    which each template writes beside it, not of its confirmation."""
    errors = page.context["form"].errors
    return (
        words in page.text
        and any(words in error for error in errors.get("new_password1", []))
        and "new_password2" not in errors
    )
