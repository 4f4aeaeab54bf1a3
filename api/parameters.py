"""The API's query-string parameters, their limits, and those the page cache may keep.

The page cache (cuf.publishing.page_cache) keeps a response only when each parameter of
its address is declared with a valid value; ``page``, ``theme``, ``type`` and ``q`` are
the pages' own. Dates (``updated_since``, ``date_after``…) are left out: each client's
own timestamp would be an entry of its own, and those answers are cheap to render.
"""

from cuf.content_types import QueryParameter
from cuf.text.querystrings import integer

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
MAX_THEMES = 10
PERIODS = ("upcoming", "past")

CACHED_PARAMETERS = (
    QueryParameter(
        "page_size",
        lambda value: integer(value, minimum=1, maximum=MAX_PAGE_SIZE) is not None,
    ),
    QueryParameter("period", lambda value: value in PERIODS),
)
