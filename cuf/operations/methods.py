"""405 with ``Allow`` for a method a view does not answer, before the CSRF check.

Django checks the CSRF token before the view runs, so ``POST /`` got the CSRF failure
page (403) where HTTP says 405 Method Not Allowed with the methods the address answers.
This middleware sits just before ``CsrfViewMiddleware`` and answers 405 itself when the
view says which methods it answers: class-based views (their handlers), Django's feeds
(read only) and any view marked ``allowed_methods``. Other views (the admin's) keep
Django's order.
"""

import inspect

from django.contrib.syndication.views import Feed
from django.http import HttpResponseNotAllowed


def allowed_methods(view) -> list[str] | None:
    """The methods ``view`` answers, or None when it does not say."""
    view = inspect.unwrap(view)
    declared = getattr(view, "allowed_methods", None)
    if declared:
        return list(declared)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = [m for m in view_class.http_method_names if hasattr(view_class, m)]
        if "get" in names and "head" not in names:
            names.append("head")  # View.setup() answers HEAD with get()
        return [name.upper() for name in names]
    if isinstance(view, Feed):
        return ["GET", "HEAD"]
    return None


def read_only(view):
    """Mark a function view that answers GET and HEAD only (and refuse the others)."""
    from django.views.decorators.http import require_safe

    wrapped = require_safe(view)
    wrapped.allowed_methods = ("GET", "HEAD")
    return wrapped


class AllowedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = allowed_methods(view_func)
        if allowed is not None and request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None
