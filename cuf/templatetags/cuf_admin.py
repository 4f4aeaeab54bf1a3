"""What the admin's templates need to speak French that agrees with the item they name."""

import re

from django import template
from django.contrib import admin

register = template.Library()


@register.simple_tag
def admin_noun(opts):
    """The noun the model's admin names its items with (cuf.admin.wording), or None."""
    model_admin = admin.site.get_model_admin(opts.model) if opts else None
    get_noun = getattr(model_admin, "get_noun", None)
    return get_noun() if get_noun else None


@register.simple_tag
def section_crumb(opts) -> bool:
    """Whether the breadcrumb names the model's section ("Agenda" › "Événements"): not
    when the section and the list bear one name ("Communiqués" › "Communiqués")."""
    return str(opts.app_config.verbose_name).lower() != str(opts.verbose_name_plural).lower()


@register.filter
def agree_plural(noun, participle: str) -> str:
    """The participle agreeing with the noun in the plural: "sélectionnées"."""
    return noun.agree(participle, 2)


_ICON_WORDS = {"True": "oui", "False": "non", "None": "inconnu"}


@register.filter
def french_icons(contents):
    """A read-only value with Django's yes/no icons named in French (alt="oui")."""
    from django.utils.safestring import SafeString, mark_safe

    if not isinstance(contents, SafeString) or 'alt="' not in contents:
        return contents
    return mark_safe(
        re.sub(
            r'(<img src="[^"]*/admin/img/icon-(?:yes|no|unknown)\.svg" alt=")(True|False|None)"',
            lambda match: f'{match.group(1)}{_ICON_WORDS[match.group(2)]}"',
            contents,
        )
    )


@register.filter
def french_colons(items):
    """Django's list of what a deletion takes ("Actualité: …"), nested, with the space
    French puts before a colon ("Actualité : …")."""
    from django.utils.safestring import SafeString, mark_safe

    if isinstance(items, (list, tuple)):
        return [french_colons(item) for item in items]
    fixed = re.sub(r"^([^:<]+):\s", r"\1 : ", str(items), count=1)
    return mark_safe(fixed) if isinstance(items, SafeString) else fixed
