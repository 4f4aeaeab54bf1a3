"""/api/v1/: the read-only JSON API, composed from the registry of content types.

Each registered type gets a list and a detail endpoint from its registration alone
(``ContentTypeConfig.api``: its own fields, files, images and periods); the rest is
common to every type: one list across them all, themes with their counts, search (the
engine, facets and suggestions of /recherche/) and the tombstones of items taken off.
Views stay thin: reading is api.selectors, writing the answer api.serialise.
"""

import datetime
import re
from typing import Annotated, Literal

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError
from pydantic import BeforeValidator, Field, StringConstraints, create_model
from pydantic_core import PydanticCustomError

from api import errors, parameters, schemas, selectors, serialise
from api.http import PROBLEM_MEDIA_TYPE
from cuf import content_types
from cuf.members.access import reads_reserved
from cuf.operations.site_url import absolute_url
from cuf.themes.models import Theme, ThemeRedirect
from cuf.themes.selectors import theme_counts
from search import selectors as search_selectors
from search.models import kinds as search_kinds
from search.text import Query as SearchQuery

ERRORS = {400: schemas.Problem, 404: schemas.Problem, 429: schemas.Problem}
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]
PK = Path(..., ge=1, le=2**63 - 1, description="Le numéro de l’élément (« pk »).")
_NUMBER = re.compile(r"\s*[-+]?[\d_.]+(?:[eE][-+]?\d+)?\s*")


def _iso_only(kind: str):
    """Pydantic reads a number as a Unix time; a partner writing ``updated_since=0.5``
    made a mistake, which is said rather than read as 1970."""

    def check(value):
        if isinstance(value, str) and _NUMBER.fullmatch(value):
            raise PydanticCustomError(kind, "not ISO 8601")
        return value

    return BeforeValidator(check)


Moment = Annotated[datetime.datetime, _iso_only("datetime_parsing")]
Day = Annotated[datetime.date, _iso_only("date_parsing")]
# Dates the database can hold whatever the time zone: an input beyond is refused.
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)


class ListParameters(Schema):
    page: int = Field(1, ge=1, le=parameters.MAX_PAGE, description="Numéro de page.")
    page_size: int = Field(
        parameters.DEFAULT_PAGE_SIZE,
        ge=1,
        le=parameters.MAX_PAGE_SIZE,
        description=f"Éléments par page ({parameters.MAX_PAGE_SIZE} au plus).",
    )
    theme: list[Slug] = Field(
        default_factory=list,
        max_length=parameters.MAX_THEMES,
        description="Thème (son slug) ; répété, les éléments de l’un ou l’autre.",
    )
    date_after: Day | None = Field(
        None,
        description="Date affichée (début d’un événement, sinon publication) ce jour ou après.",
    )
    date_before: Day | None = Field(None, description="Date affichée ce jour ou avant.")
    updated_since: Moment | None = Field(
        None,
        description="Seulement ce qui a changé pour les visiteurs après cet instant (ISO 8601 ; "
        "sans fuseau : heure de Paris) : modifié, thèmes ou fichiers changés, ou publié. "
        "Les retraits sont dans /api/v1/retraits/.",
    )
    q: str | None = Field(
        None, max_length=1000, description="Mots cherchés, comme dans /recherche/."
    )


def _bounded_date(value: datetime.date | None) -> datetime.date | None:
    """Within what the database holds in any time zone: a date before 1900 means "since
    always", after 2199 "for ever", which the bounds say as well."""
    if value is None:
        return None
    return min(max(value, EARLIEST), LATEST)


def _moment(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value.replace(fold=0))
    if not EARLIEST <= value.date() <= LATEST:
        day = _bounded_date(value.date())
        value = datetime.datetime.combine(day, datetime.time.min, datetime.UTC)
    return value


def _themes(slugs: list[str]) -> list[Theme]:
    """The themes named, following a renamed theme's former address; an unknown one is
    a 404, as on the site's lists (an empty list would hide a typo)."""
    if not slugs:
        return []
    found = {theme.slug: theme for theme in Theme.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    for redirect in ThemeRedirect.objects.filter(old_slug__in=missing).select_related("theme"):
        found[redirect.old_slug] = redirect.theme
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise HttpError(404, f"Thème inconnu : « {unknown[0]} » (voir /api/v1/themes/).")
    return [found[slug] for slug in slugs]


def _filters(request, params, period: str | None = None) -> selectors.Filters:
    return selectors.Filters(
        themes=_themes(params.theme),
        date_after=_bounded_date(params.date_after),
        date_before=_bounded_date(params.date_before),
        updated_since=_moment(params.updated_since),
        query=SearchQuery.from_input(params.q) if params.q else None,
        period=period,
        members=reads_reserved(request),
    )


def _page_link(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return absolute_url(f"{request.path}?{query.urlencode()}")


def _page(request, *, count: int, page: int, page_size: int) -> tuple[dict, slice]:
    """The page's envelope and slice; a page past the last is a 404 (page 1 always exists)."""
    last = max(1, -(-count // page_size))
    if page > last:
        raise HttpError(404, f"Cette page n’existe pas : il y en a {last}.")
    envelope = {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": _page_link(request, page + 1) if page < last else None,
        "previous": _page_link(request, page - 1) if page > 1 else None,
    }
    start = (page - 1) * page_size
    return envelope, slice(start, start + page_size)


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Errors are described as what they are: problems (application/problem+json)."""
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {PROBLEM_MEDIA_TYPE: content["application/json"]}
        return schema


api = PortalAPI(
    title="API du portail de la coopération décentralisée",
    version="1",
    description=(
        "Lecture seule, sans compte : les communiqués, l’agenda, les actualités, le centre "
        "de ressources et les thèmes, tels que les visiteurs les voient. Toutes les adresses "
        "sont absolues ; les erreurs sont des problèmes RFC 9457 en français."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)
errors.install(api)


# -- Each registered type ------------------------------------------------------------------


def _add_type(config: content_types.ContentTypeConfig) -> None:
    key = config.key
    item_schema, page_schema = schemas.item_schema(key), schemas.page_schema(key)
    periods = config.api.periods
    extra = {}
    if periods:
        extra["period"] = (
            Literal[periods] | None,
            Field(None, description="Période : " + ", ".join(periods) + " (dans cet ordre-là)."),
        )
    type_parameters = create_model(
        f"{schemas.item_schema(key).__name__}Parameters", __base__=ListParameters, **extra
    )

    def list_items(request, params: Query[type_parameters]):
        filters = _filters(request, params, getattr(params, "period", None))
        queryset = selectors.published(config, filters)
        envelope, window = _page(
            request, count=queryset.count(), page=params.page, page_size=params.page_size
        )
        found = selectors.with_themes(
            list(selectors.with_details(queryset, config)[window]), config
        )
        return envelope | {
            "results": serialise.items([(each, config) for each in found], request=request)
        }

    def get_item(request, pk: int = PK):
        queryset = selectors.with_details(config.model._default_manager.published(), config)
        found = queryset.filter(pk=pk).first()
        if found is None:
            raise Http404(f"Aucun élément publié de ce type ne porte le numéro {pk}.")
        return serialise.item(selectors.with_themes([found], config)[0], config, request=request)

    list_items.__name__ = f"{key}_list"
    get_item.__name__ = f"{key}_detail"
    tags = [config.label_plural]
    api.get(
        f"/{key}/",
        response={200: page_schema, **ERRORS},
        url_name=f"{key}_list",
        summary=f"{config.label_plural} publiés, les plus récents d’abord",
        tags=tags,
    )(list_items)
    api.get(
        f"/{key}/{{pk}}/",
        response={200: item_schema, **ERRORS},
        url_name=f"{key}_detail",
        summary=f"{config.label} : un élément publié, par son numéro",
        tags=tags,
    )(get_item)


# -- Every type at once --------------------------------------------------------------------


def _add_common() -> None:
    keys = tuple(content_types.keys())

    class EveryTypeParameters(ListParameters):
        type: list[Literal[keys]] = Field(
            default_factory=list, description="Type ; répété, l’un ou l’autre."
        )

    @api.get(
        "/",
        response={200: dict[str, str], **ERRORS},
        url_name="root",
        summary="Les adresses de l’API",
        tags=["API"],
    )
    def root(request):
        addresses = {
            "contenus": reverse("api:everything"),
            "themes": reverse("api:themes"),
            "recherche": reverse("api:search"),
            "retraits": reverse("api:removed"),
            **{
                config.key: reverse(f"api:{config.key}_list")
                for config in content_types.all_types()
            },
            "openapi": reverse("api:openapi-json"),
            "documentation": reverse("api_documentation"),
        }
        return {name: absolute_url(path) for name, path in addresses.items()}

    @api.get(
        "/contenus/",
        response={200: schemas.ItemPage, **ERRORS},
        url_name="everything",
        summary="Les éléments publiés de tous les types, les plus récents d’abord",
        tags=["Tous les contenus"],
    )
    def everything(request, params: Query[EveryTypeParameters]):
        configs = [config for config in content_types.all_types() if config.key in params.type]
        configs, filters = configs or content_types.all_types(), _filters(request, params)
        envelope, window = _page(
            request,
            count=selectors.every_type(configs, filters).count(),
            page=params.page,
            page_size=params.page_size,
        )
        rows = selectors.every_type(configs, filters, limit=window.stop)[window]
        return envelope | {"results": serialise.items(selectors.fetch(rows), request=request)}

    @api.get(
        "/themes/",
        response={200: schemas.ThemeList, **ERRORS},
        url_name="themes",
        summary="Les thèmes qui ont du contenu publié, avec leur nombre d’éléments",
        tags=["Thèmes"],
    )
    def themes(request):
        found = list(theme_counts())
        kinds = [
            {
                "value": value,
                "label": str(label),
                "count": sum(1 for theme in found if theme.kind == value),
            }
            for value, label in Theme.Kind.choices
        ]
        results = [
            serialise.theme(theme)
            | {
                "description": theme.description,
                "kind_label": theme.get_kind_display(),
                "count": theme.published_count,
            }
            for theme in found
        ]
        return {"count": len(results), "kinds": kinds, "results": results}

    class SearchParameters(Schema):
        q: str = Field(
            "", max_length=1000, description="Les mots cherchés, comme dans /recherche/."
        )
        type: Literal[tuple(search_kinds())] | None = Field(
            None, description="Facette : un type, ou « themes »."
        )
        theme: Slug | None = Field(None, description="Facette : un thème (son slug).")
        year: int | None = Field(None, ge=1900, le=2199, description="Facette : une année.")
        page: int = Field(1, ge=1, le=parameters.MAX_PAGE)

    @api.get(
        "/recherche/",
        response={200: schemas.SearchResults, **ERRORS},
        url_name="search",
        summary="Recherche : le moteur, les facettes et les suggestions de /recherche/",
        tags=["Recherche"],
    )
    def search(request, params: Query[SearchParameters]):
        query = SearchQuery.from_input(params.q)
        results = search_selectors.search(
            query=query,
            filters=search_selectors.Filters.from_params(
                kind=params.type,
                theme=params.theme,
                year=str(params.year) if params.year else None,
            ),
            page=params.page,
            members=reads_reserved(request),
        )
        size = search_selectors.PAGE_SIZE
        envelope, _window = _page(request, count=results.total, page=params.page, page_size=size)

        def options(found):
            return [
                {"value": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                for o in found
            ]

        hits = []
        for hit in results.hits:
            entry = hit.entry
            config = entry.content_type
            hits.append(
                {
                    "id": serialise.item_id(entry.kind, entry.object_id),
                    "type": entry.kind,
                    "type_label": entry.kind_label,
                    "pk": entry.object_id,
                    "title": entry.title,
                    "title_html": str(hit.title_html),
                    "excerpt_html": str(hit.excerpt_html),
                    "url": absolute_url(entry.get_absolute_url()),
                    "api_url": serialise.api_detail_url(entry.kind, entry.object_id)
                    if config
                    else None,
                    "date": serialise.local(entry.shown_at or entry.published_at),
                }
            )
        return envelope | {
            "q": query.text,
            "truncated": query.truncated,
            "suggestion": results.suggestion.text if results.suggestion else None,
            "facets": {
                "types": options(results.facets.kinds),
                "themes": options(results.facets.themes),
                "years": options(results.facets.years),
            },
            "results": hits,
        }

    class RemovedParameters(Schema):
        since: Moment | None = Field(
            None,
            description="Seulement les retraits après cet instant (ISO 8601 ; sans fuseau : "
            "heure de Paris).",
        )
        page: int = Field(1, ge=1, le=parameters.MAX_PAGE)
        page_size: int = Field(parameters.DEFAULT_PAGE_SIZE, ge=1, le=parameters.MAX_PAGE_SIZE)

    @api.get(
        "/retraits/",
        response={200: schemas.RemovedPage, **ERRORS},
        url_name="removed",
        summary="Les éléments retirés du site (supprimés, dépubliés, arrivés en fin de "
        "publication), les plus anciens d’abord",
        tags=["Synchronisation"],
    )
    def removed(request, params: Query[RemovedParameters]):
        rows = selectors.removed(_moment(params.since))
        envelope, window = _page(
            request, count=rows.count(), page=params.page, page_size=params.page_size
        )
        return envelope | {
            "results": [
                {
                    "id": serialise.item_id(row["api_type"], row["object_id"]),
                    "type": row["api_type"],
                    "pk": row["object_id"],
                    "removed_at": serialise.local(row["at"]),
                    "reason": row["reason"],
                }
                for row in rows[window]
            ]
        }


for _config in content_types.all_types():
    _add_type(_config)
_add_common()
