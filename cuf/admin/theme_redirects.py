"""Themes' former addresses in the admin: listed and removable, never written by hand."""

from django.contrib import admin

from cuf.admin.lists import FiltersOnlyAdmin
from cuf.admin.wording import FrenchWordingAdmin
from cuf.text.plain import Noun
from cuf.themes.models import ThemeRedirect


@admin.register(ThemeRedirect)
class ThemeRedirectAdmin(FrenchWordingAdmin, FiltersOnlyAdmin, admin.ModelAdmin):
    """Former addresses are written by renames and merges (cuf.themes.services), never by hand:
    the list shows where each one leads; one that is no longer wanted may be deleted."""

    noun = Noun("ancienne adresse de thème", "anciennes adresses de thèmes", feminine=True)
    list_display = ["old_slug", "theme", "created"]
    search_fields = ["old_slug", "theme__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
