"""The breadcrumb trail ("Fil d’Ariane") of every page below the home page, and its
BreadcrumbList for search engines.

The trail is built from the navigation, itself built from the registry
(cuf.public.context_processors.main_nav_sections): a page belongs to the section of its
URL's namespace, so every registered type's list and items get theirs with nothing
written for them. A page names itself (its item's title, or a label its template gives);
a page between the section and itself (a resource's kind) is passed as a parent.
"""

from dataclasses import dataclass

from django.urls import reverse

from cuf.public.context_processors import main_nav_sections, page_section

HOME_LABEL = "Accueil"


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


def section_crumb(request) -> Crumb | None:
    """The navigation's section the page belongs to, if any."""
    section = page_section(request)
    for key, label, url_name in main_nav_sections():
        if key == section:
            return Crumb(str(label), reverse(url_name))
    return None


def trail(request, *, current: str = "", parents: tuple[Crumb, ...] = ()) -> list[Crumb]:
    """Home, the section, the parents, then the page itself (``current``, at the
    request's path); a section's own list names no ``current``: the section is the
    last crumb. Empty on the home page and on a page outside every section that does
    not name itself."""
    home = reverse("cuf:home")
    if request.path == home:
        return []
    crumbs = [Crumb(HOME_LABEL, home)]
    section = section_crumb(request)
    if section is not None:
        crumbs.append(section)
    crumbs.extend(parents)
    if current:
        crumbs.append(Crumb(current, request.path))
    return crumbs if len(crumbs) > 1 else []


def breadcrumb_list(crumbs: list[Crumb], absolute) -> dict:
    """schema.org's BreadcrumbList for ``crumbs`` (``absolute`` makes a URL absolute)."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.label,
                "item": absolute(crumb.url),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }
