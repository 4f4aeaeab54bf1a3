"""The web app manifest (/manifest.webmanifest): the portal's name, icons and colours for
a phone's home screen and a browser's install prompt (W3C Web Application Manifest)."""

from django.conf import settings
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

# The header's blue (--brand in site.css), and the page's background.
THEME_COLOUR = "#0b4f8a"
BACKGROUND_COLOUR = "#ffffff"
ICONS = (
    ("cuf/img/icone-192.png", "192x192", "any"),
    ("cuf/img/icone-512.png", "512x512", "any"),
    ("cuf/img/icone-masquable-512.png", "512x512", "maskable"),
)


def manifest_data() -> dict:
    return {
        "name": settings.SITE_NAME,
        "short_name": settings.ORGANISATION["name"][:12].strip() or "Portail",
        "description": (
            "Communiqués, agenda, actualités et centre de ressources de la coopération "
            "décentralisée."
        ),
        "lang": "fr",
        "dir": "ltr",
        "id": reverse("cuf:home"),
        "start_url": reverse("cuf:home"),
        "scope": reverse("cuf:home"),
        "display": "browser",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ]
        + [{"src": static("cuf/img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }


@require_safe
def manifest(request):
    return JsonResponse(
        manifest_data(),
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
