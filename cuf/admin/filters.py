"""The filters every content type's list offers beside status and date: themes, and items
without any."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class ThemeListFilter(admin.RelatedFieldListFilter):
    """The themes, without Django's unlabelled "-" entry for items without any: the
    "classement" filter's "Sans thème" says that in words."""

    @property
    def include_empty_choice(self):
        return False

    def has_output(self):
        # One theme is still a choice (Django counted the "-" entry to make two).
        return bool(self.lookup_choices)


class UntaggedFilter(admin.SimpleListFilter):
    title = _("classement")
    parameter_name = "classement"

    def lookups(self, request, model_admin):
        return [("sans-theme", _("Sans thème"))]

    def queryset(self, request, queryset):
        if self.value() == "sans-theme":
            return queryset.untagged()
        return queryset
