"""The admin's autocomplete (themes, authors), refusing terms nobody types."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from cuf.text.querystrings import readable


class PortalAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete (themes, authors): a term the search box could not send
    (a NUL, which PostgreSQL refuses, or thousands of words) finds nothing, whichever
    model's admin searches it."""

    def get_queryset(self):
        if not readable(self.term):
            return self.model_admin.get_queryset(self.request).none()
        return super().get_queryset()


def autocomplete_view(request):
    return PortalAutocompleteJsonView.as_view(admin_site=admin.site)(request)


# The site builds its URLs (portail.urls) once every admin module is loaded: its autocomplete
# is this one.
admin.site.autocomplete_view = autocomplete_view
