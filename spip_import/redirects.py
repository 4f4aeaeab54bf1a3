"""The old SPIP site's addresses, and where each leads now.

``spip_key`` reads what SPIP object an address showed (pure, on the path and the query
string); ``new_address`` finds what it became and answers its address only when it is
public for visitors (the portal's one publication rule): an old address never reveals a
draft, a refused article or a file of one, nor the address of a reserved item's file
(it leads to the item's page, the teaser for visitors).
"""

import re
from urllib.parse import parse_qsl, unquote, urlencode

from django.urls import reverse

from cuf import content_types
from cuf.files.models import Attachment
from cuf.members.access import is_reserved
from cuf.publishing.models import Publishable
from spip_import.models import LegacyAddress, SpipObject

OBJECT_TYPES = ("article", "rubrique", "mot", "evenement", "document")
_ID = r"(\d{1,18})"
# spip.php?article12, ?rubrique4&lang=fr, ?mot7
_SHORT_QUERY = re.compile(rf"^({'|'.join(OBJECT_TYPES)}){_ID}(?:&|$)")
# article12.html, rubrique4.html (SPIP's "html" addresses)
_HTML_PATH = re.compile(rf"^/({'|'.join(OBJECT_TYPES)}){_ID}\.html$")
_SPIP_PAGES = {"/", "/spip.php", "/index.php"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def spip_key(path: str, query: str) -> tuple[str, int] | None:
    """The SPIP object an old address named, if it is one of SPIP's own forms."""
    match = _HTML_PATH.match(path)
    if match:
        return match.group(1), int(match.group(2))
    if path not in _SPIP_PAGES or not query:
        return None
    match = _SHORT_QUERY.match(query)
    if match:
        return match.group(1), int(match.group(2))
    params = dict(parse_qsl(query[:2000], keep_blank_values=True))
    page = params.get("page", "")
    if page in OBJECT_TYPES:
        value = params.get(f"id_{page}", "")
        if re.fullmatch(_ID, value):
            return page, int(value)
    if path == "/spip.php":
        for spip_type in OBJECT_TYPES:
            value = params.get(f"id_{spip_type}", "")
            if re.fullmatch(_ID, value):
                return spip_type, int(value)
    return None


# SPIP's own pages that every one of its pages links to (its feed, which they announce,
# and that of its brèves; its site map, its contact page and its search form): the
# portal's pages that do the same.
_SPIP_OWN_PAGES = {
    "backend": "cuf:rss",
    "backend-breves": "cuf:rss",
    "plan": "cuf:site_map",
    "contact": "cuf:contact",
    "recherche": "search:results",
}


def spip_page_address(path: str, query: str) -> str | None:
    """The portal's address for one of SPIP's own pages (``spip.php?page=plan``)."""
    if path not in _SPIP_PAGES or not query:
        return None
    params = dict(parse_qsl(query[:2000], keep_blank_values=True))
    name = _SPIP_OWN_PAGES.get(params.get("page", ""))
    if name is None:
        return None
    address = reverse(name)
    words = params.get("recherche", "").strip() if name == "search:results" else ""
    return f"{address}?{urlencode({'q': words})}" if words else address


def readable_candidates(path: str) -> list[str]:
    """How a readable address or a file under IMG/ may be stored (see normalise_readable)."""
    path = unquote(path)
    if _CONTROL.search(path) or len(path) > 300:
        return []
    stripped = re.sub(r"/+", "/", path).strip("/")
    # SPIP's "propres" addresses mark rubriques and mots: -rubrique-, +-mot-+.
    bare = stripped.removesuffix(".html")
    candidates = [stripped, bare, bare.strip("-+")]
    return [c for c in dict.fromkeys(candidates) if c and len(c) <= 255]


def _is_public(obj) -> bool:
    return obj is not None and (not isinstance(obj, Publishable) or obj.is_public)


def _file_address(obj) -> str:
    """The public download of what a document became: an item's attachment, a resource's
    file, a news item's image, an image of the editor."""
    return getattr(obj, "file_url", "") or getattr(obj, "image_url", "") or obj.get_absolute_url()


def new_address(spip_type: str, spip_id: int) -> str | None:
    """Where a SPIP object's old address leads now, or None (404)."""
    known = list(SpipObject.objects.filter(spip_type=spip_type, spip_id=spip_id).order_by("parent"))
    if not known:
        return None
    if spip_type == "rubrique":
        config = content_types.for_key(known[0].section)
        return config.list_url if config else None
    if spip_type != "document":
        target = known[0].target
        return target.get_absolute_url() if _is_public(target) else None
    # A document: public when an item it belongs to is (the first such one).
    teaser = None
    for entry in known:
        target = entry.target
        if target is None:
            continue
        guard = target if isinstance(target, Publishable) else None
        if guard is None and entry.parent.startswith("article"):
            owner = SpipObject.objects.filter(
                spip_type="article", spip_id=int(entry.parent.removeprefix("article")), parent=""
            ).first()
            guard = owner.target if owner else None
        if guard is None and isinstance(target, Attachment):
            guard = target.item
        if _is_public(guard) and guard is not None:
            if is_reserved(guard):
                # A reserved item's file: its page, the teaser with the sign-in link for
                # visitors (the file's own address answers them 404 and names the
                # document; an image of a text is even served to whoever holds its
                # address), unless a public item holds the file too. A permanent
                # redirect is kept by browsers whoever follows it: one target for all.
                teaser = teaser or guard.get_absolute_url()
                continue
            return _file_address(target)
    return teaser


def readable_address(path: str) -> str | None:
    """Where an address of SPIP's ``spip_urls`` table or a file under IMG/ leads now."""
    candidates = readable_candidates(path)
    if not candidates:
        return None
    found = {a.old: a for a in LegacyAddress.objects.filter(old__in=candidates)}
    for candidate in candidates:
        if candidate in found:
            address = found[candidate]
            return new_address(address.spip_type, address.spip_id)
    return None
