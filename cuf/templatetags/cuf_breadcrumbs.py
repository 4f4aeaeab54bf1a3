"""{% breadcrumbs %}: the page's "Fil d’Ariane" and its BreadcrumbList (cuf.public.breadcrumbs)."""

import json

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cuf.operations.site_url import absolute_url_for
from cuf.public.breadcrumbs import Crumb, breadcrumb_list, trail

register = template.Library()

# What could end the <script> element, or open a comment in it, written as JSON escapes.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def breadcrumbs(
    context, current: str = "", parent_label: str = "", parent_url: str = "", parents=()
):
    """The trail of the page. A detail page is named by its item (``object``) unless
    ``current`` names it; ``parent_label`` and ``parent_url`` put one page between the
    section and this one, ``parents`` (crumbs) several."""
    request = context.get("request")
    if request is None:
        return ""
    if not current and context.get("object") is not None:
        item = context["object"]
        current = getattr(item, "title", "") or str(item)
    if parent_label and parent_url:
        parents = (Crumb(str(parent_label), parent_url),)
    crumbs = trail(request, current=str(current or ""), parents=parents)
    # For {% breadcrumbs_json_ld %}, written after the page's main part.
    request.breadcrumb_trail = crumbs
    if not crumbs:
        return ""
    return render_to_string(
        "includes/breadcrumbs.html", {"links": crumbs[:-1], "current": crumbs[-1]}
    )


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context):
    """The trail that {% breadcrumbs %} wrote, as a BreadcrumbList (after the main part:
    <main> holds no script, whatever it shows)."""
    request = context.get("request")
    crumbs = getattr(request, "breadcrumb_trail", None)
    if not crumbs:
        return ""
    # On the configured address (SITE_URL), whatever Host header the visitor sent.
    payload = json.dumps(
        breadcrumb_list(crumbs, lambda path: absolute_url_for(request, path)),
        ensure_ascii=False,
    )
    return format_html(
        '<script type="application/ld+json">{}</script>',
        # Safe: the characters that could end the element are escaped.
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),
    )
