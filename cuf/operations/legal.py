"""What the law asks the portal to say of itself, checked before deployment: the legal
notice names the director of publication and the host (LCEN, article 6-III)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Setting name -> what the legal notice says with it.
REQUIRED = {
    "PUBLICATION_DIRECTOR": (
        "publication_director",
        "le directeur ou la directrice de la publication",
    ),
    "HOSTING_PROVIDER": ("host", "l’hébergeur (nom, adresse et téléphone)"),
}


@register(Tags.security, deploy=True)
def legal_notice_check(app_configs=None, **kwargs):
    return [
        Warning(
            f"{variable} est vide : les mentions légales doivent nommer {what} "
            "(loi pour la confiance dans l’économie numérique, article 6-III).",
            hint=f"Renseignez {variable} dans l’environnement (ou /etc/cuf/env).",
            id=f"cuf.W02{index}",
        )
        for index, (variable, (key, what)) in enumerate(REQUIRED.items(), start=1)
        if not settings.ORGANISATION.get(key, "").strip()
    ]
