"""The admin's autocomplete (themes, authors), refusing terms nobody types."""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

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


class LabelledAutocompleteSelect(AutocompleteSelect):
    """The admin's single autocomplete (an item's author), whose empty choice has a label:
    HTML forbids an empty <option> without one (the Nu checker's error)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in ("", None) and not str(label).strip():
            option["attrs"]["label"] = "Aucun"
        return option


class ChipsAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """The admin's multiple autocomplete (themes): each chosen theme has its own remove
    button, so without Select2's "remove all" cross, which it draws inside its list of
    chosen items (a <span> in a <ul>: axe's "list" rule)."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-allow-clear"] = "false"
        return attrs
