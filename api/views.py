"""The API's documentation: a plain page of the site written from the OpenAPI schema
itself (no script, nothing from elsewhere: it holds under the site's CSP), with a curl
example per address."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from api.endpoints import api
from cuf.operations.site_url import absolute_url

EXAMPLES = {
    "contenus": "?type=communiques&theme=haiti&page_size=5",
    "agenda": "?period=upcoming",
    "recherche": "?q=coop%C3%A9ration&type=agenda",
}


def _parameter(found: dict) -> dict:
    schema = found.get("schema", {})
    options = schema.get("enum") or schema.get("items", {}).get("enum")
    for choice in schema.get("anyOf", []):
        options = options or choice.get("enum") or choice.get("items", {}).get("enum")
    return {
        "name": found["name"],
        "where": "chemin" if found.get("in") == "path" else "requête",
        "description": found.get("description") or schema.get("description", ""),
        "options": options or [],
        "default": schema.get("default"),
        "repeated": schema.get("type") == "array",
    }


@require_safe
def documentation(request):
    schema = api.get_openapi_schema()
    operations = []
    for address, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        first = address.strip("/").split("/")[2] if address.count("/") > 3 else ""
        example = address.replace("{pk}", "1") + EXAMPLES.get(first, "")
        operations.append(
            {
                "address": address,
                "summary": operation.get("summary", ""),
                "tag": (operation.get("tags") or [""])[0],
                "parameters": [_parameter(each) for each in operation.get("parameters", [])],
                "curl": f"curl -s '{absolute_url(example)}'",
            }
        )
    return render(
        request,
        "api/documentation.html",
        {
            "operations": operations,
            "schema_url": absolute_url(reverse("api:openapi-json")),
            "root_url": absolute_url(reverse("api:root")),
            "description": schema["info"].get("description", ""),
        },
    )
