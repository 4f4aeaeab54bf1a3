from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cuf.models import Theme

# taggit's own Tag model is not used: the vocabulary is cuf.Theme.
admin.site.unregister(Tag)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]


class PublishableAdmin(admin.ModelAdmin):
    """What every content type's admin shares: columns, filters, themes, "voir sur le site"."""

    list_display = ["title", "state_badge", "published_at", "theme_list", "site_link"]
    list_display_links = ["title"]
    list_filter = ["status", "themes", "published_at"]
    search_fields = ["title", "surtitre", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author"]
    readonly_fields = ["created", "updated"]
    list_per_page = 50
    publication_fieldsets = (
        (_("Publication"), {"fields": ["status", "published_at", "author", "themes"]}),
        (_("Suivi"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Themes are picked from the moderated vocabulary, never typed in as free text.
        if db_field.name == "themes":
            return forms.ModelMultipleChoiceField(
                queryset=Theme.objects.all(),
                required=False,
                label=_("Thèmes"),
                widget=AutocompleteSelectMultiple(db_field, self.admin_site),
            )
        if isinstance(db_field, models.URLField):
            # An address typed without its scheme ("visio.example.org") is an https one.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("statut"), ordering="status")
    def state_badge(self, obj):
        labels = {"draft": "Brouillon", "scheduled": "Programmé", "published": "Publié"}
        state = obj.publication_state
        return format_html('<span class="cuf-badge cuf-badge--{}">{}</span>', state, labels[state])

    @admin.display(description=_("thèmes"))
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())

    @admin.display(description=_("sur le site"))
    def site_link(self, obj):
        return format_html('<a href="{}">Voir sur le site</a>', obj.get_absolute_url())

    class Media:
        css = {"all": ["cuf/css/admin.css"]}
