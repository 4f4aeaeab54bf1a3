from django.conf import settings


def site(request):
    # The canonical address keeps only the page number of the query string.
    page = request.GET.get("page", "")
    suffix = f"?page={page}" if page.isdigit() and page != "1" else ""
    return {
        "site_name": settings.SITE_NAME,
        "canonical_url": request.build_absolute_uri(request.path) + suffix,
    }
