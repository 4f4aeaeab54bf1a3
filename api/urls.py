"""The API's addresses: ninja's (every operation, the schema at /api/v1/openapi.json),
the documentation page, and a problem (404, in JSON) for any other address under /api/.
Every one of ninja's goes through api.http.http_layer."""

from django.urls import URLPattern, URLResolver, include, path, re_path

from api import views
from api.endpoints import api
from api.http import http_layer, not_found


def _through_http_layer(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _through_http_layer(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = http_layer(pattern.callback)
    return patterns


ninja_patterns, _app_name, namespace = api.urls

urlpatterns = [
    path("api/v1/documentation/", views.documentation, name="api_documentation"),
    path("api/v1/", include((_through_http_layer(ninja_patterns), "api"), namespace=namespace)),
    re_path(r"^api/", not_found, name="api_not_found"),
]
