from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse

from cuf import content_types
from cuf.operations.site_url import site_address
from cuf.text.querystrings import integer

THEME_URL_NAMES = {"theme_list", "theme_detail"}


def main_nav_sections() -> list[tuple[str, str, str]]:
    """The main navigation: (section, label, URL name), each content type's section in
    registration order, then the themes. A page belongs to a section by the namespace of
    its URL, so a communiqué's page marks "Communiqués" as current."""
    return [
        *(
            (config.namespace, config.section_label, f"{config.namespace}:list")
            for config in content_types.all_types()
        ),
        ("themes", "Thèmes", "cuf:theme_list"),
    ]


def page_section(request) -> str:
    """The key of the navigation's section the page belongs to ("" for none)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "cuf":
        return "themes" if match.url_name in THEME_URL_NAMES else ""
    return match.namespace


def canonical_query(request) -> str:
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match is not None else ""
    kept = [
        (name, request.GET[name])
        for name, parameter in content_types.query_parameters().items()
        if parameter.canonical
        and parameter.read_by(view_name)
        and name in request.GET
        and parameter.valid(request.GET[name])
    ]
    page = integer(request.GET.get("page"), minimum=2, maximum=100_000)
    if page:
        kept.append(("page", str(page)))
    return f"?{urlencode(kept)}" if kept else ""


def site(request):
    section = page_section(request)
    main_nav = []
    for key, label, url_name in main_nav_sections():
        url = reverse(url_name)
        # "page" on the section's own page, "true" anywhere else inside the section.
        if request.path == url:
            current = "page"
        elif key == section:
            current = "true"
        else:
            current = ""
        main_nav.append({"label": label, "url": url, "current": current})
    # The canonical address keeps, of the query string, the parameters that make another
    # page (content_types.QueryParameter.canonical) and the page number.
    suffix = canonical_query(request)
    try:
        # On the one configured address (SITE_URL), whatever Host the visitor sent.
        site = site_address(request)
    except DisallowedHost:
        # The error page of a request for a host the portal does not serve.
        site = ""
    canonical = site + request.path + suffix if site else ""
    return {
        "site_url": site,
        "site_host": urlsplit(site).hostname or "",
        "site_name": settings.SITE_NAME,
        "organisation_name": settings.ORGANISATION["name"],
        "main_nav": main_nav,
        "canonical_url": canonical,
    }
