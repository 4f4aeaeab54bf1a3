"""The registry of content types: what the core knows of each type, declared by its app.

Each content app describes its type once, in its own ``content.py``, and registers it from
its ``AppConfig.ready()``. Everything that goes over "every content type" (theme pages,
"Sur ces thèmes", the global feeds and sitemap, the home page, the navigation, roles,
search, "Contenus sans thème", the demo) reads this registry, so the core imports no
content app and a new type is one new app and one registration.

Types are kept in registration order, which is the order of ``INSTALLED_APPS``: the order
of the navigation, of the home page blocks and of the site map.
"""

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import reverse

from cuf.text.plain import Noun


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class AttachedText:
    """A file's text for search: its title (empty for an item's own file) and its text,
    so that an excerpt taken from it says where it comes from."""

    title: str
    text: str


@dataclass(frozen=True)
class HomeBlock:
    """A block of the home page: ``template`` rendered with ``items`` (called per request).

    ``region`` is "main" (the page's main column) or "aside" (the sidebar).
    ``strip_template``, for a sidebar block, is a short version of it that a narrow
    screen shows first, under the page's title (there the sidebar comes after the whole
    main column, a long scroll down), instead of the block in the sidebar.
    """

    template: str
    items: Callable[[], Any]
    region: str = "aside"
    strip_template: str = ""
    # The items beside one of the type's own items (its page's sidebar), which a block
    # of items leaves out: a reader is not offered the page being read.
    items_beside: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class QueryParameter:
    """A query-string parameter public pages read, with the values that mean something.

    The page cache keeps a page only when each parameter of its address is one of these
    with a valid value: any other address is rendered, never stored, so that nobody can
    fill the shared cache with variants (``?periode=zz``, ``?utm_source=…``).

    ``views`` names the views that read it (``namespace:name``, ``*`` matching any part,
    as in ``"*:list"``; empty: every view): elsewhere (``/rss/?theme=…``) it changes
    nothing on the page, and such an address is not kept either. ``kept=False`` is for
    free text (search words): a page asked for with it is rendered each time, never kept,
    since every visitor's words would make an entry of their own. ``canonical=True`` is
    for a parameter that makes another page (``/agenda/?periode=passes``, past events)
    rather than a view of the same one (a theme filter): the page's canonical address
    keeps it, with a valid value.
    """

    name: str
    valid: Callable[[str], bool]
    views: tuple[str, ...] = ()
    kept: bool = True
    canonical: bool = False

    def read_by(self, view_name: str) -> bool:
        return not self.views or any(fnmatch.fnmatchcase(view_name, p) for p in self.views)


@dataclass(frozen=True)
class Subscription:
    """A way to follow what a theme holds of a type, offered on the theme's page (an
    agenda's calendar): ``url_name`` is reversed with the theme's slug;
    ``section_url_name``, if any, is the same for the whole section (no argument),
    offered on the section's subscribe page. A ``text/calendar`` one is offered as a
    calendar to subscribe to (cuf.public.calendars)."""

    label: str
    url_name: str
    media_type: str
    section_url_name: str = ""


@dataclass(frozen=True)
class ApiFile:
    """A file of an item as the API lists it (a communiqué's document, a resource's file):
    ``path`` from ``reverse``, made absolute by the API."""

    title: str
    path: str
    format: str  # what visitors read: "PDF", "JPEG"
    media_type: str
    size: int


@dataclass(frozen=True)
class ApiImage:
    """An image of an item with its text alternative and its resized copies, as
    (width, path) pairs."""

    path: str
    alt: str
    credit: str = ""
    width: int | None = None
    height: int | None = None
    renditions: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class ApiFields:
    """What the read-only API (api/) says of the type's items besides what every item has
    (identifier, title, address, dates, themes, summary, body): the api app builds the
    type's endpoints and schema from this alone."""

    # The model's own fields, by name: their types in the schema come from the model.
    fields: tuple[str, ...] = ()
    # The rich-text field given as HTML and as plain text ("" for none).
    body: str = "body"
    # (item) -> plain text; default: the body's first words.
    summary: Callable[[Any], str] | None = None
    # (item) -> [ApiFile], [ApiImage]; relations they read are prefetched with ``prefetch``.
    files: Callable[[Any], list[ApiFile]] | None = None
    images: Callable[[Any], list[ApiImage]] | None = None
    prefetch: tuple = ()  # names, or django.db.models.Prefetch for a narrower queryset
    # Queryset methods the type's list offers as ``?period=`` (the agenda's "upcoming").
    periods: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContentTypeConfig:
    # The type's word in addresses and filters ("ressources" in /recherche/?type=ressources).
    key: str
    model_label: str  # "app_label.ModelName"
    namespace: str  # of the app's URLs, which name "list" and "detail"
    label: str  # "Communiqué"
    label_plural: str  # "Communiqués"
    feminine: bool  # for wording that agrees: "aucune actualité", "aucun communiqué"
    section_label: str  # the section in the navigation: "Centre de ressources"
    urls: str  # the app's URL module, included at the site's root
    detail_view: type  # the public page, which a preview link renders as is
    sitemap: type | None = None  # default: every published item (cuf.public.sitemaps)
    # The section's feed (on cuf.public.feeds.SectionFeed): the global and theme feeds describe
    # each entry as it does. Default: the item's body, as plain text.
    feed: type | None = None
    # schema.org description: (item, absolute URL builder) -> dict, or None for no type.
    json_ld: Callable[[Any, Callable[[str], str]], dict | None] | None = None
    # The date a visitor sees on the item in lists of every type (default: its
    # publication), e.g. an event's start.
    shown_date: str = "published_at"
    # The models whose rows are part of the item (a communiqué's documents), as (model
    # label, name of their field holding the item's id): writing one is a change of the
    # item (cuf.changes), for the page cache, the theme links and search alike.
    parts: tuple[tuple[str, str], ...] = ()
    # Search: the item's text as columns of the index (search.indexing) and the relations
    # that text reads. "attachments" is the text of its files: a string, or a list of
    # AttachedText (each file's title and text, so that an excerpt names its file).
    search_text: Callable[[Any], dict] | None = None
    search_related: tuple[str, ...] = ()
    # Models editors manage along with the item (its documents), and what they may do.
    editor_extras: tuple[tuple[str, tuple[str, ...]], ...] = ()
    home_block: HomeBlock | None = None
    # Pages under the section, for the site map: () -> [Link].
    sub_pages: Callable[[], list[Link]] | None = None
    # Adds the demo content that is missing: (author) -> number of items added.
    demo: Callable[[Any], int] | None = None
    # Query-string parameters the type's pages read besides the core's (cuf.public).
    query_parameters: tuple[QueryParameter, ...] = ()
    # Ways to follow a theme's items of this type, offered on the theme's page.
    theme_subscriptions: tuple[Subscription, ...] = ()
    # The JSON API (api/): the type's own fields, files and images; every type gets a list
    # and a detail endpoint with the fields every item has.
    api: ApiFields = ApiFields()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def noun(self) -> Noun:
        """The type's name with its gender, for sentences that agree with it."""
        return Noun(
            self.label[:1].lower() + self.label[1:], self.label_plural.lower(), self.feminine
        )

    @property
    def label_lower(self) -> str:
        return self.model_label.lower()

    @property
    def list_url(self) -> str:
        return reverse(f"{self.namespace}:list")

    def detail_url(self, slug: str) -> str:
        return reverse(f"{self.namespace}:detail", kwargs={"slug": slug})

    def admin_url_name(self, view: str) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_{view}"


# ``editor_extras`` of a type whose items have attachments (cuf.files.models.Attachment).
ATTACHMENTS_MANAGED = (("cuf.attachment", ("view", "add", "change", "delete")),)

_registry: dict[str, ContentTypeConfig] = {}
# Parameters read by pages that are not a type's: the core's lists, search.
_parameters: dict[str, QueryParameter] = {}


def register(config: ContentTypeConfig) -> ContentTypeConfig:
    """Declare a content type (from its app's ``ready()``); registering again replaces it."""
    for other in _registry.values():
        if other.key == config.key and other.model_label != config.model_label:
            raise ValueError(f"Content type key {config.key!r} is already {other.model_label}")
    _registry[config.label_lower] = config
    return config


def unregister(model_label: str) -> None:
    _registry.pop(model_label.lower(), None)


def all_types() -> list[ContentTypeConfig]:
    return list(_registry.values())


def for_model(model: type[models.Model] | models.Model) -> ContentTypeConfig | None:
    """The type of ``model`` (a class or an instance), or None for what is not content."""
    return _registry.get(model._meta.label_lower)


def for_key(key: str) -> ContentTypeConfig | None:
    return next((config for config in _registry.values() if config.key == key), None)


def for_namespace(namespace: str) -> ContentTypeConfig | None:
    return next((config for config in _registry.values() if config.namespace == namespace), None)


def keys() -> list[str]:
    return [config.key for config in _registry.values()]


def register_parameters(*parameters: QueryParameter) -> None:
    """Declare query-string parameters that pages outside any type read (from an app's
    ``ready()``); a type declares its own in its registration."""
    for parameter in parameters:
        _parameters[parameter.name] = parameter


def query_parameters() -> dict[str, QueryParameter]:
    """Every parameter public pages read, by name."""
    found = dict(_parameters)
    for config in _registry.values():
        found.update({parameter.name: parameter for parameter in config.query_parameters})
    return found


def theme_subscriptions() -> list[Subscription]:
    return [found for config in _registry.values() for found in config.theme_subscriptions]
