"""What the accessibility statement says of how it was established: when, in which test
environment, on which pages. Update the dates and lists when the statement changes (an
audit, a new kind of page)."""

import datetime

from django.urls import reverse

from cuf import content_types

# When the statement was first made, and last updated.
MADE_ON = datetime.date(2026, 12, 7)
UPDATED_ON = datetime.date(2026, 12, 7)

# Browsers and tools the checks were run with. No assistive technology yet: the first
# audit will add screen readers (NVDA with Firefox, VoiceOver with Safari).
TEST_ENVIRONMENT = (
    "Chromium 156 sous Debian 12, au clavier seul, en 1 280 et 360 pixels de large",
    "axe-core 4 (règles WCAG 2.1 niveaux A et AA), sur chaque type de page, menu de "
    "téléphone ouvert compris",
    "le validateur HTML du W3C (Nu Html Checker), sur les mêmes pages",
)
ASSISTIVE_TECHNOLOGIES = (
    "aucune vérification n’a encore été faite avec un lecteur d’écran ou une commande "
    "vocale : elle fera partie du premier audit."
)


def pages_checked() -> list[tuple[str, str]]:
    """(kind of page, the address of its first page) for each kind of page checked."""
    sections = [
        (f"{config.section_label} : la liste, puis une page de chaque sorte", config.list_url)
        for config in content_types.all_types()
    ]
    return [
        ("Accueil", reverse("cuf:home")),
        *sections,
        ("Thèmes : la liste, puis une page de thème", reverse("cuf:theme_list")),
        ("Recherche : résultats, filtres et suggestion", reverse("search:results")),
        ("S’abonner aux flux", reverse("cuf:feed_page")),
        ("Plan du site", reverse("cuf:site_map")),
        ("Contact", reverse("cuf:contact")),
        ("Mentions légales", reverse("cuf:legal_notice")),
        ("Déclaration d’accessibilité", reverse("cuf:accessibility")),
    ]
