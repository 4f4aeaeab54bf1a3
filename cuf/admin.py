import datetime
import json
from types import SimpleNamespace

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, ForeignObjectRel
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff
from taggit.models import Tag

from cuf import content_types
from cuf.fields import RichTextField
from cuf.files.forms import CheckedImageField, ProtectedFileWidget
from cuf.models import PublicationState, Theme, ThemedItem, ThemeRedirect
from cuf.previews import preview_path
from cuf.querystrings import integer, readable
from cuf.services import (
    items_publish,
    items_theme_add,
    items_theme_remove,
    items_unpublish,
    preview_links_revoke,
    revision_files_missing,
    revision_themes_follow,
    stored_files_discard,
    theme_merge,
    theme_rename,
)
from cuf.text import Noun, count_of

# taggit's own Tag model is not used: the vocabulary is cuf.Theme.
admin.site.unregister(Tag)

# Read-only stand-in for a rich-text field (PublishableAdmin.get_fieldsets).
RICH_TEXT_SHOWN = "rich_text_shown"
PUBLICATION_FIELDS = ("status", "published_at", "expires_at")


def _local(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y à %H:%M")


def replaced_files(form) -> list[tuple]:
    """(storage, name) of the stored files this form replaces or clears."""
    found = []
    for name in form.changed_data:
        field = form.instance._meta.get_field(name) if hasattr(form, "instance") else None
        previous = form.initial.get(name)
        if isinstance(field, models.FileField) and previous and getattr(previous, "name", ""):
            found.append((previous.storage, previous.name))
    return found


def discard_replaced_files(form) -> None:
    # The old file goes only when the new one is saved for good: after the commit.
    for storage, name in replaced_files(form):
        stored_files_discard(storage=storage, names=[name])


# Wording: what the admin says about an item, in French that agrees with it ---------------


class FrenchWordingAdmin:
    """Titles and messages that name the item as French does ("Nouvelle actualité",
    "Le communiqué « … » a été ajouté.", "3 événements supprimés") instead of Django's
    one-size "objet" sentences. Content types take their noun and gender from the
    registry; other models give ``noun``."""

    noun: Noun | None = None

    def get_noun(self) -> Noun:
        config = content_types.for_model(self.model)
        if config is not None:
            return config.noun
        if self.noun is not None:
            return self.noun
        opts = self.model._meta
        return Noun(str(opts.verbose_name), str(opts.verbose_name_plural))

    def changelist_view(self, request, extra_context=None):
        noun = self.get_noun()
        context = {
            "title": capfirst(noun.plural),
            "add_label": _("Ajouter %(item)s") % {"item": noun.a},
            "recover_label": _("Récupérer %(items)s %(deleted)s")
            % {"items": noun.the_plural, "deleted": noun.agree("supprimé", 2)},
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def recoverlist_view(self, request, extra_context=None):
        noun = self.get_noun()
        label = capfirst(f"{noun.plural} {noun.agree('supprimé', 2)}")
        context = {"title": label, "recover_label": label, **(extra_context or {})}
        return super().recoverlist_view(request, context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        noun = self.get_noun()
        if object_id is None:
            title = noun.new
        elif self.has_change_permission(request):
            title = _("Modifier %(item)s") % {"item": noun.the}
        else:
            title = _("Consulter %(item)s") % {"item": noun.the}
        context = {"title": title, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, context)

    def _saved_message(self, request, obj, verb: str):
        noun = self.get_noun()
        opts = obj._meta
        if self.has_change_permission(request, obj):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            shown = format_html('<a href="{}">{}</a>', url, obj)
        else:
            shown = str(obj)
        message = format_html("{} « {} » a été {}.", capfirst(noun.the), shown, noun.agree(verb))
        if "_continue" in request.POST and self.has_change_permission(request, obj):
            return format_html(
                "{} {}",
                message,
                _("Vous pouvez %(it)s modifier ci-dessous.") % {"it": noun.pronoun},
            )
        if "_addanother" in request.POST:
            return format_html(
                "{} {}",
                message,
                _("Vous pouvez en ajouter %(another)s ci-dessous.") % {"another": noun.other},
            )
        return message

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's own success sentence, replaced by the one prepared just before.
        replacement = getattr(request, "_cuf_success_message", None)
        if replacement is not None and level == messages.SUCCESS:
            message, request._cuf_success_message = replacement, None
        super().message_user(request, message, level, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        request._cuf_success_message = self._saved_message(request, obj, "ajouté")
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        verb = "ajouté" if "_saveasnew" in request.POST else "modifié"
        request._cuf_success_message = self._saved_message(request, obj, verb)
        return super().response_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        noun = self.get_noun()
        request._cuf_success_message = _("%(item)s « %(name)s » a été %(deleted)s.") % {
            "item": capfirst(noun.the),
            "name": obj_display,
            "deleted": noun.agree("supprimé"),
        }
        return super().response_delete(request, obj_display, obj_id)

    def delete_queryset(self, request, queryset):
        count = queryset.count()
        super().delete_queryset(request, queryset)
        request._cuf_success_message = f"{capfirst(self.get_noun().count(count, 'supprimé'))}."

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            if getattr(inline_formset.opts, "noun", None) is not None:
                inline_formset.__class__ = NamedInlineAdminFormSet
        return inline_formsets


class NamedInlineAdminFormSet(helpers.InlineAdminFormSet):
    """An inline whose "add" link says "Ajouter un autre document" (the inline's
    ``noun``), not "Ajouter un objet Document supplémentaire"."""

    def inline_formset_data(self):
        data = json.loads(super().inline_formset_data())
        data["options"]["addText"] = _("Ajouter %(another)s") % {"another": self.opts.noun.another}
        return json.dumps(data)


# Lists: what their query strings may hold ------------------------------------------------


class FiltersOnlyChangeList(ChangeList):
    """A list that reads from its query string only what its filters and its date
    hierarchy offer, with values they can read (cuf.querystrings).

    Anything else is the admin's own "invalid filter" (back to the unfiltered list), never
    a server error: a lookup no filter offers (``title__regex=[``), a value holding a NUL
    (which PostgreSQL refuses) or too long, a date the calendar cannot step from
    (``published_at__year=99999999999``).
    """

    # Django's date hierarchy adds a year, a month or a day to the date it is given, and
    # then converts it to UTC: years 1 and 9999 would leave the calendar.
    DATE_PARTS = {
        "year": (datetime.MINYEAR + 1, datetime.MAXYEAR - 1),
        "month": (1, 12),
        "day": (1, 31),
    }

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        for key, values in lookup_params.items():
            if not all(readable(value) for value in values):
                raise IncorrectLookupParameters(f"Valeur illisible pour « {key} ».")
        if self.date_hierarchy:
            for part, (minimum, maximum) in self.DATE_PARTS.items():
                for value in lookup_params.get(f"{self.date_hierarchy}__{part}", []):
                    if integer(value, minimum=minimum, maximum=maximum) is None:
                        raise IncorrectLookupParameters(f"Date hors calendrier : « {value} ».")
        return lookup_params

    def get_filters(self, request):
        filters = super().get_filters(request)
        # What no filter took; the date hierarchy's own bounds, when it was asked for.
        remaining = set(filters[2])
        if self.date_hierarchy and f"{self.date_hierarchy}__year" in self.filter_params:
            remaining -= {f"{self.date_hierarchy}__gte", f"{self.date_hierarchy}__lt"}
        if remaining:
            raise IncorrectLookupParameters(f"Filtre inconnu : {', '.join(sorted(remaining))}.")
        return filters


class FiltersOnlyAdmin:
    """A model admin whose list reads only its filters (``FiltersOnlyChangeList``) and
    whose search, from the list or an autocomplete, is one the search box could send."""

    def get_changelist(self, request, **kwargs):
        return FiltersOnlyChangeList

    def get_search_results(self, request, queryset, search_term):
        # Thousands of words would be thousands of conditions (more than SQLite parses).
        if not readable(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)


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


# The site builds its URLs (cuf.urls) once every admin module is loaded: its autocomplete
# is this one.
admin.site.autocomplete_view = autocomplete_view


class ThemeMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        label=_("Thème conservé"),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        target.queryset = themes
        target.label_from_instance = lambda theme: (
            f"{theme.name} ({count_of(theme.item_total, 'élément classé', 'éléments classés')})"
        )
        # The theme most used is the one to keep, unless the moderator says otherwise.
        self.most_used = max(themes, key=lambda theme: (theme.item_total, -theme.pk))
        target.initial = self.most_used.pk


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "slug", "kind", "description"]
        labels = {"slug": _("Adresse (slug)")}
        help_texts = {
            "slug": _("Partie de l’adresse de la page du thème, en minuscules et tirets."),
        }
        error_messages = {
            "slug": {"unique": _("Cette adresse est déjà celle d’un autre thème.")},
            "name": {"unique": _("Un thème porte déjà ce nom.")},
        }

    def clean(self):
        cleaned = super().clean()
        # A renamed theme takes the address of its new name unless one was typed
        # (ThemeAdmin.save_model): that address must be free too.
        name = cleaned.get("name")
        renamed = self.instance.pk and "name" in self.changed_data
        if renamed and name and "slug" not in self.changed_data:
            derived = slugify(name)
            taken = Theme.objects.exclude(pk=self.instance.pk).filter(slug=derived).exists()
            if taken or not derived:
                self.add_error(
                    "slug",
                    _(
                        "L’adresse « %(slug)s », tirée du nouveau nom, est déjà celle d’un "
                        "autre thème : indiquez-en une autre."
                    )
                    % {"slug": derived},
                )
        return cleaned


def merge_summary(*, kept, others) -> str:
    """What merging ``others`` into ``kept`` will do, in one sentence."""
    names = [f"« {theme.name} »" for theme in others]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"
    moved = sum(theme.item_total for theme in others)
    if moved == 0:
        contents = f"Aucun contenu n’est classé sous {listed}"
    elif moved == 1:
        contents = f"Le contenu classé sous {listed} passera sous « {kept.name} »"
    else:
        contents = f"Les {moved} contenus classés sous {listed} passeront sous « {kept.name} »"
    removed = (
        "ce thème sera supprimé et son adresse redirigera"
        if len(others) == 1
        else "ces thèmes seront supprimés et leurs adresses redirigeront"
    )
    return (
        f"Proposé : garder « {kept.name} », le plus utilisé. {contents} ; {removed} vers "
        f"le thème conservé."
    )


@admin.register(Theme)
class ThemeAdmin(FrenchWordingAdmin, FiltersOnlyAdmin, admin.ModelAdmin):
    noun = Noun("thème", "thèmes")
    form = ThemeForm
    fields = ["name", "slug", "kind", "description"]
    list_display = ["name", "slug", "kind", "item_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]
    actions = ["merge_themes"]
    change_list_template = "admin/cuf/theme/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("éléments classés"), ordering="item_total")
    def item_count(self, obj):
        return obj.item_total

    def save_model(self, request, obj, form, change):
        if change and {"name", "slug"} & set(form.changed_data):
            # A new name brings its own address unless the moderator typed one.
            slug = obj.slug if "slug" in form.changed_data else slugify(obj.name)
            theme_rename(theme=obj, name=obj.name, slug=slug)
        else:
            super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "sans-theme/",
                self.admin_site.admin_view(self.untagged_view),
                name="cuf_theme_untagged",
            ),
            *super().get_urls(),
        ]

    def untagged_view(self, request):
        """Content of every type that has no theme yet, for moderators to work through."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        sections = []
        for config in content_types.all_types():
            model, label = config.model, config.label_plural
            opts = model._meta
            if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
                continue
            untagged = model.objects.untagged()
            sections.append(
                {
                    "label": label,
                    "count": untagged.count(),
                    "items": untagged.order_by("-published_at", "-pk")[:50],
                    "changelist": reverse(config.admin_url_name("changelist"))
                    + "?classement=sans-theme",
                    "change_url": config.admin_url_name("change"),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Contenus sans thème"),
            "sections": sections,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/cuf/theme/untagged.html", context)

    @admin.action(description=_("Fusionner les thèmes sélectionnés"), permissions=["change"])
    def merge_themes(self, request, queryset):
        themes = queryset.annotate(item_total=Count("items")).order_by("name")
        if len(themes) < 2:
            self.message_user(
                request, _("Choisissez au moins deux thèmes à fusionner."), messages.WARNING
            )
            return None
        form = ThemeMergeForm(request.POST if "confirmer" in request.POST else None, themes=themes)
        if form.is_valid():
            target = form.cleaned_data["target"]
            sources = [theme for theme in themes if theme.pk != target.pk]
            try:
                moved = theme_merge(sources=sources, target=target)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                _("%(themes)s dans « %(target)s » : %(moved)s.")
                % {
                    "themes": self.get_noun().count(len(sources), "fusionné"),
                    "target": target,
                    "moved": count_of(moved, "élément déplacé", "éléments déplacés"),
                },
                messages.SUCCESS,
            )
            return None
        others = [theme for theme in themes if theme.pk != form.most_used.pk]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Fusionner des thèmes"),
            "themes": themes,
            "summary": merge_summary(kept=form.most_used, others=others),
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/cuf/theme/merge.html", context)


@admin.register(ThemeRedirect)
class ThemeRedirectAdmin(FrenchWordingAdmin, FiltersOnlyAdmin, admin.ModelAdmin):
    """Former addresses are written by renames and merges (cuf.services), never by hand:
    the list shows where each one leads; one that is no longer wanted may be deleted."""

    noun = Noun("ancienne adresse de thème", "anciennes adresses de thèmes", feminine=True)
    list_display = ["old_slug", "theme", "created"]
    search_fields = ["old_slug", "theme__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time inputs, each with its own <label> (RGAA 11.1)."""

    template_name = "admin/cuf/split_datetime.html"


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


class PublishableActionForm(ActionForm):
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.order_by("name"),
        required=False,
        label=_("Thème (pour ajouter ou retirer)"),
    )


class PublishableAdmin(FrenchWordingAdmin, FiltersOnlyAdmin, CompareVersionAdmin):
    """What every content type's admin shares: columns, filters, themes, publication, roles.

    Roles (cuf.roles): who may change an item edits everything; who may only tag it
    ("Modérateurs") sees every field read-only but the themes; publishing fields need the
    "publish" permission.
    """

    list_display = ["title", "state_badge", "published_at", "theme_list", "site_link"]
    list_display_links = ["title"]
    list_filter = ["status", UntaggedFilter, ("themes", ThemeListFilter), "published_at"]
    search_fields = ["title", "surtitre", "slug"]
    date_hierarchy = "published_at"
    ordering = ["-published_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author"]
    readonly_fields = ["created", "updated", "preview_link"]
    list_per_page = 50
    action_form = PublishableActionForm
    actions = ["publish", "unpublish", "add_theme", "remove_theme", "revoke_preview_links"]
    publication_fieldsets = (
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "expires_at", "author", "themes"],
                "description": _(
                    "Brouillon : invisible du public. Publié avec une date passée : en ligne "
                    "aussitôt ; avec une date future : programmé, en ligne à cette date."
                ),
            },
        ),
        (_("Aperçu"), {"fields": ["preview_link"]}),
        (_("Suivi"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    )

    # History: themes are compared by name below, from the versions of their through rows;
    # bookkeeping fields are noise in a comparison.
    compare_exclude = ["themes", "updated"]

    # Permissions ----------------------------------------------------------------------

    def _perm(self, request, action: str) -> bool:
        opts = self.opts
        codename = action if action in ("publish", "tag") else f"{action}_{opts.model_name}"
        return request.user.has_perm(f"{opts.app_label}.{codename}")

    def has_publish_permission(self, request):
        return self._perm(request, "publish")

    def has_tag_permission(self, request):
        return self._perm(request, "tag")

    def has_edit_permission(self, request):
        """May change what the item says (the plain "change" permission, not tagging)."""
        return self._perm(request, "change")

    def has_change_permission(self, request, obj=None):
        # Tagging is a change limited to the themes (get_readonly_fields).
        return super().has_change_permission(request, obj) or self.has_tag_permission(request)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._perm(request, "change"):
            return fieldsets
        # Read-only rich text reads as the page shows it, not as HTML source.
        rich = {f.name for f in self.model._meta.fields if isinstance(f, RichTextField)}
        return [
            (
                name,
                {
                    **options,
                    "fields": [RICH_TEXT_SHOWN if f in rich else f for f in options["fields"]],
                },
            )
            for name, options in fieldsets
            # A preview link is shared by who edits the item, and revoked by them:
            # whoever may only tag it neither gets nor hands one out.
            if "preview_link" not in options["fields"]
        ]

    @admin.display(description=_("contenu"))
    def rich_text_shown(self, obj):
        html = "".join(
            getattr(obj, f.attname) for f in obj._meta.fields if isinstance(f, RichTextField)
        )
        # Sanitised on every write (cuf.fields.RichTextField): shown as the public page does.
        return mark_safe(html)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._perm(request, "change"):
            editable = {"themes"} if self.has_tag_permission(request) else set()
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
            return [*readonly, *(f for f in fields if f not in editable and f not in readonly)]
        if not self.has_publish_permission(request):
            readonly += PUBLICATION_FIELDS
        if not self.has_tag_permission(request):
            readonly.append("themes")
        return readonly

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting rewrites the whole item: tagging rights are not enough.
        if not self.has_edit_permission(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def _state_of(self, object_id):
        """The item as stored now (None once deleted), for its publication state."""
        return (
            self.model._default_manager.filter(pk=object_id)
            .only("status", "published_at", "expires_at")
            .first()
        )

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        """Restoring a version (revert or recover) of an item whose world moved on since:
        its merged themes are followed, its deleted ones left out, and files replaced since
        then are asked for again; the editor is told each of these, on the page that shows
        the version and after restoring it."""
        revision = version.revision
        before = self._state_of(version.object_id)
        was_public = before is not None and before.is_public
        with transaction.atomic(using=version.db):
            # Rewritten for the page (which shows the themes the item will get), kept only
            # when the version is actually restored.
            for note in revision_themes_follow(revision=revision):
                self.message_user(request, note, messages.WARNING)
            response = super()._reversion_revisionform_view(
                request, version, template_name, extra_context
            )
            restored = request.method == "POST" and response.status_code == 302
            if restored:
                for note in revision_files_missing(revision=revision):
                    self.message_user(request, note, messages.WARNING)
                now = self._state_of(version.object_id)
                if was_public and now is not None and not now.is_public:
                    self.message_user(
                        request,
                        _(
                            "La version restaurée n’est pas publiée (%(state)s) : l’élément "
                            "a quitté le site. Publiez-le à nouveau s’il doit y rester."
                        )
                        % {"state": now.publication_state.label.lower()},
                        messages.WARNING,
                    )
            else:
                transaction.set_rollback(True, using=version.db)
        return response

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug cannot be prepopulated (the admin would fail on the missing field).
        if not self._perm(request, "change"):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        context = {"can_revert": self.has_edit_permission(request), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id, extra_context=None):
        context = {
            "can_revert": self.has_edit_permission(request),
            "title": _("Comparer deux versions"),
            **(extra_context or {}),
        }
        return super().compare_view(request, object_id, context)

    def compare(self, obj, version1, version2):
        """Only what differs: foreign keys by their value (settings
        REVERSION_COMPARE_FOREIGN_OBJECTS_AS_ID), the item's parts (documents) by what an
        editor types in them, themes by name. Every field compared is versioned, so no
        "not under reversion control" mark is needed."""
        diff, _unfollowed = super().compare(obj, version1, version2)
        diff = [entry for entry in diff if not isinstance(entry["field"], ForeignObjectRel)]
        diff += self._parts_diff(obj, version1, version2)
        before, after = self._theme_names(obj, version1), self._theme_names(obj, version2)
        if before != after:
            diff.append(
                {
                    "field": SimpleNamespace(name="themes", verbose_name=_("thèmes")),
                    "is_related": False,
                    "follow": True,
                    "diff": html_diff(", ".join(before), ", ".join(after)),
                }
            )
        return diff, False

    def _parts_diff(self, obj, version1, version2) -> list[dict]:
        """One entry per followed part relation (a communiqué's documents): each part
        added, removed, or changed in a field an editor fills (its title, file, position),
        read from the two revisions; a part saved again unchanged is not a difference."""
        entries = []
        for relation in self.model._meta.related_objects:
            if not relation.one_to_many or not reversion.is_registered(relation.related_model):
                continue
            model, link = relation.related_model, relation.field
            typed = [
                field
                for field in model._meta.concrete_fields
                if field.editable and not field.primary_key and field is not link
            ]

            def parts(version, model=model, link=link):
                return {
                    row.object_id: row
                    for row in version.revision.version_set.get_for_model(model)
                    if str(row.field_dict.get(link.attname)) == str(obj.pk)
                }

            before, after = parts(version1), parts(version2)
            lines = []
            for key in sorted(set(before) | set(after), key=str):
                old, new = before.get(key), after.get(key)
                if old is None:
                    lines.append(format_html("<ins>+ {} (ajouté)</ins>", new.object_repr))
                elif new is None:
                    lines.append(format_html("<del>− {} (retiré)</del>", old.object_repr))
                else:
                    changed = [
                        str(field.verbose_name)
                        for field in typed
                        if old.field_dict.get(field.attname) != new.field_dict.get(field.attname)
                    ]
                    if changed:
                        lines.append(
                            format_html(
                                "{} : {} {}",
                                new.object_repr,
                                ", ".join(changed),
                                "modifié" if len(changed) == 1 else "modifiés",
                            )
                        )
            if lines:
                entries.append(
                    {
                        "field": SimpleNamespace(
                            name=relation.name, verbose_name=model._meta.verbose_name_plural
                        ),
                        "is_related": True,
                        "follow": True,
                        "diff": format_html(
                            '<p class="highlight">{}</p>',
                            format_html_join("", "{}<br>", ((line,) for line in lines)),
                        ),
                    }
                )
        return entries

    @staticmethod
    def _theme_names(obj, version) -> list[str]:
        """The names of the themes the item had in ``version``'s revision."""
        rows = version.revision.version_set.get_for_model(ThemedItem)
        tag_ids = [
            row.field_dict["tag_id"]
            for row in rows
            if str(row.field_dict.get("object_id")) == str(obj.pk)
            and row.field_dict.get("content_type_id") == version.content_type_id
        ]
        return sorted(Theme.objects.filter(pk__in=tag_ids).values_list("name", flat=True))

    # Form -----------------------------------------------------------------------------

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
        if isinstance(db_field, models.DateTimeField):
            kwargs["widget"] = LabelledSplitDateTime
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = ProtectedFileWidget
        if isinstance(db_field, models.ImageField):
            # Checked by the portal's rules (explicit formats, decompression-bomb guard,
            # precise French messages) before the model reads the image's dimensions.
            kwargs["form_class"] = CheckedImageField
        if isinstance(db_field, models.URLField):
            # An address typed without its scheme ("visio.example.org") is an https one.
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def construct_change_message(self, request, form, formsets, add=False):
        """What a save changed, in one sentence of field names: "Modification de Date de
        publication et Documents." (a changed document is a change of the item's
        documents, not an "objet document" of its own)."""
        message = super().construct_change_message(request, form, formsets, add)
        if add:
            return [{"added": {}}]
        fields = [
            label
            for entry in message
            if "changed" in entry and "name" not in entry["changed"]
            for label in entry["changed"]["fields"]
        ]
        for formset in formsets or ():
            if formset.new_objects or formset.changed_objects or formset.deleted_objects:
                fields.append(str(capfirst(formset.model._meta.verbose_name_plural)))
        return [{"changed": {"fields": fields}}] if fields else []

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        discard_replaced_files(form)
        super().save_model(request, obj, form, change)

    # Columns --------------------------------------------------------------------------

    @admin.display(description=_("statut"), ordering="status")
    def state_badge(self, obj):
        state = obj.publication_state
        badge = format_html(
            '<span class="cuf-badge cuf-badge--{}">{}</span>', state.value, state.label
        )
        if state == PublicationState.SCHEDULED:
            return format_html(
                '{}<br><small class="cuf-when">le {}</small>', badge, _local(obj.published_at)
            )
        if state == PublicationState.EXPIRED:
            return format_html(
                '{}<br><small class="cuf-when">depuis le {}</small>', badge, _local(obj.expires_at)
            )
        if state == PublicationState.PUBLISHED and obj.expires_at:
            return format_html(
                '{}<br><small class="cuf-when">jusqu’au {}</small>', badge, _local(obj.expires_at)
            )
        return badge

    def thumbnail_html(self, url: str):
        if not url:
            return "—"
        return format_html(
            '<img class="cuf-thumb" src="{}" alt="" width="64" height="48" loading="lazy">', url
        )

    @admin.display(description=_("thèmes"))
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())

    @admin.display(description=_("sur le site"))
    def site_link(self, obj):
        return format_html(
            '<a href="{}">Voir<span class="visually-hidden"> « {} » sur le site</span></a>',
            obj.get_absolute_url(),
            obj,
        )

    @admin.display(description=_("lien d’aperçu à partager"))
    def preview_link(self, obj):
        if obj is None or not obj.pk:
            return _("Disponible une fois l’élément enregistré.")
        return format_html(
            '<a class="cuf-preview-link" id="cuf-preview-link" href="{}" target="_blank" '
            'rel="noopener">{}</a> '
            '<button type="button" class="button cuf-copy" data-copy-link="cuf-preview-link" '
            'aria-describedby="cuf-copy-status" hidden>Copier le lien</button> '
            '<span id="cuf-copy-status" class="cuf-copy-status" role="status"></span>'
            '<div class="help">Toute personne qui a ce lien peut lire cette page, même non '
            "publiée, sans compte, pendant {} jours. Pour couper tous les liens déjà "
            "partagés : action « Révoquer les liens d’aperçu » dans la liste.</div>",
            preview_path(obj),
            _("Ouvrir l’aperçu (lien à copier)"),
            self._preview_days(),
        )

    @staticmethod
    def _preview_days() -> int:
        return settings.PREVIEW_LINK_MAX_AGE.days

    # Actions --------------------------------------------------------------------------

    @admin.action(description=_("Publier maintenant"), permissions=["publish"])
    def publish(self, request, queryset):
        count = items_publish(items=queryset, user=request.user)
        self.message_user(request, f"{capfirst(self.get_noun().count(count, 'publié'))}.")

    @admin.action(description=_("Dépublier (remettre en brouillon)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = items_unpublish(items=queryset, user=request.user)
        self.message_user(request, f"{capfirst(self.get_noun().count(count, 'dépublié'))}.")

    def _chosen_theme(self, request):
        theme_id = request.POST.get("theme", "")
        theme = Theme.objects.filter(pk=theme_id).first() if theme_id.isdigit() else None
        if theme is None:
            self.message_user(
                request,
                _("Choisissez le thème dans la liste « Thème » à côté de l’action."),
                messages.WARNING,
            )
        return theme

    @admin.action(description=_("Ajouter un thème"), permissions=["tag"])
    def add_theme(self, request, queryset):
        theme = self._chosen_theme(request)
        if theme is not None:
            count = items_theme_add(items=queryset, theme=theme, user=request.user)
            self.message_user(
                request,
                _("Thème « %(theme)s » ajouté à %(items)s.")
                % {"theme": theme, "items": self.get_noun().count(count)},
            )

    @admin.action(description=_("Retirer un thème"), permissions=["tag"])
    def remove_theme(self, request, queryset):
        theme = self._chosen_theme(request)
        if theme is not None:
            count = items_theme_remove(items=queryset, theme=theme, user=request.user)
            self.message_user(
                request,
                _("Thème « %(theme)s » retiré de %(items)s.")
                % {"theme": theme, "items": self.get_noun().count(count)},
            )

    @admin.action(description=_("Révoquer les liens d’aperçu"), permissions=["edit"])
    def revoke_preview_links(self, request, queryset):
        count = preview_links_revoke(items=queryset)
        self.message_user(
            request,
            _("Liens d’aperçu révoqués pour %(items)s : les anciens liens ne marchent plus.")
            % {"items": self.get_noun().count(count)},
        )

    class Media:
        js = ["cuf/js/copy-link.js", "cuf/js/field-names.js"]
