from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import Resolver404, get_resolver

from spip_import.redirects import new_address, readable_address, spip_key, spip_page_address


class LegacyAddressMiddleware:
    """The old SPIP site's addresses redirect permanently (301) to what they became.

    SPIP's own forms (``spip.php?article12``, ``article12.html``,
    ``?page=article&id_article=12``) are answered before any view, since ``/`` is also
    the home page; an object that is not public (or was never imported) is a 404, never a
    redirect. Readable addresses and files under IMG/ are looked up only once the portal
    found nothing (a 404), so the portal's own pages cost nothing more, and never where
    the portal has a route of its own: ``/admin`` (which Django completes to ``/admin/``
    after this middleware's answer) stays the admin even if SPIP had an article "admin".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        page = spip_page_address(request.path, query)
        if page is not None:
            return HttpResponsePermanentRedirect(page)
        key = spip_key(request.path, query)
        if key is not None:
            target = new_address(*key)
            if target is None:
                raise Http404("Ancienne adresse sans équivalent public")
            return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404 and not portal_route(request.path_info):
            target = readable_address(request.path)
            if target is not None:
                return HttpResponsePermanentRedirect(target)
        return response


def portal_route(path: str) -> bool:
    """Whether ``path``, or the same with a final slash (APPEND_SLASH), is a route of the
    portal: such an address is the portal's, whatever SPIP called it."""
    candidates = [path]
    if settings.APPEND_SLASH and not path.endswith("/"):
        candidates.append(path + "/")
    resolver = get_resolver()
    for candidate in candidates:
        try:
            resolver.resolve(candidate)
        except Resolver404:
            continue
        return True
    return False
