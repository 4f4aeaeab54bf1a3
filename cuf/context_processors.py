from django.conf import settings
from django.urls import reverse

# The main navigation: (section, label, URL name). A page belongs to a section by the
# namespace of its URL, so a communiqué's page marks "Communiqués" as current.
MAIN_NAV = (
    ("communiques", "Communiqués", "communiques:list"),
    ("agenda", "Agenda", "agenda:list"),
    ("actualites", "Actualités", "actualites:list"),
    ("resources", "Centre de ressources", "resources:list"),
    ("themes", "Thèmes", "cuf:theme_list"),
)
THEME_URL_NAMES = {"theme_list", "theme_detail"}


def _section(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "cuf":
        return "themes" if match.url_name in THEME_URL_NAMES else ""
    return match.namespace


def site(request):
    section = _section(request)
    main_nav = []
    for key, label, url_name in MAIN_NAV:
        url = reverse(url_name)
        # "page" on the section's own page, "true" anywhere else inside the section.
        if request.path == url:
            current = "page"
        elif key == section:
            current = "true"
        else:
            current = ""
        main_nav.append({"label": label, "url": url, "current": current})
    # The canonical address keeps only the page number of the query string.
    page = request.GET.get("page", "")
    suffix = f"?page={page}" if page.isdigit() and page != "1" else ""
    return {
        "site_name": settings.SITE_NAME,
        "main_nav": main_nav,
        "canonical_url": request.build_absolute_uri(request.path) + suffix,
    }
