"""``PublishableAdmin``: what every content type's admin shares (columns, filters, themes,
publication, roles, actions)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cuf.admin.autocomplete import ChipsAutocompleteSelectMultiple, LabelledAutocompleteSelect
from cuf.admin.files import discard_replaced_files
from cuf.admin.filters import ThemeListFilter, UntaggedFilter
from cuf.admin.history import VersionHistoryAdmin, version_described
from cuf.admin.lists import FiltersOnlyAdmin
from cuf.admin.wording import FrenchWordingAdmin, hide_related_links, moment
from cuf.files.forms import CheckedImageField, ProtectedFileWidget
from cuf.publishing.previews import preview_path
from cuf.publishing.rule import PublicationState
from cuf.publishing.services import items_publish, items_unpublish, preview_links_revoke
from cuf.text.fields import RichTextField
from cuf.themes.models import Theme
from cuf.themes.services import items_theme_add, items_theme_remove

# Read-only stand-in for a rich-text field (PublishableAdmin.get_fieldsets).
RICH_TEXT_SHOWN = "rich_text_shown"
PUBLICATION_FIELDS = ("status", "published_at", "expires_at")


def _local(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y à %H:%M")


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's date and time inputs, each with its own <label> (RGAA 11.1)."""

    template_name = "admin/cuf/split_datetime.html"


class PublishableActionForm(ActionForm):
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.order_by("name_key"),
        required=False,
        label=_("Thème (pour ajouter ou retirer)"),
    )


class PublishableAdmin(FrenchWordingAdmin, FiltersOnlyAdmin, VersionHistoryAdmin):
    """What every content type's admin shares: columns, filters, themes, publication, roles.

    Roles (cuf.accounts.roles): who may change an item edits everything; who may only tag it
    ("Modérateurs") sees every field read-only but the themes; publishing fields need the
    "publish" permission.
    """

    list_display = ["title", "state_badge", "published_at", "theme_list", "site_link"]
    list_display_links = ["title"]
    list_filter = ["status", "access", UntaggedFilter, ("themes", ThemeListFilter), "published_at"]
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
                "fields": [
                    "status",
                    "access",
                    "published_at",
                    "dated_at",
                    "expires_at",
                    "author",
                    "themes",
                ],
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

    def _fieldsets(self, request, obj=None):
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
        # Sanitised on every write (cuf.text.fields.RichTextField): shown as the public page does.
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

    def get_prepopulated_fields(self, request, obj=None):
        # A read-only slug cannot be prepopulated (the admin would fail on the missing field).
        if not self._perm(request, "change"):
            return {}
        return super().get_prepopulated_fields(request, obj)

    # Form -----------------------------------------------------------------------------

    # Rows shown only for some values of a choice: {"chooser": field, "fields": {field:
    # [values]}} (cuf/static/cuf/js/fields-by-kind.js); the model's clean() refuses a
    # value where it does not belong.
    fields_by_kind: dict | None = None

    PARIS_TIME_NOTE = _(
        "Les dates et heures de ce formulaire sont à l’heure de Paris (heure d’été comprise), "
        "quel que soit le fuseau horaire de votre ordinateur."
    )
    NOW_NOTE = _("« Maintenant » donne l’heure de Paris.")

    def get_urls(self):
        from django.urls import path

        from cuf.admin.form_preview import form_preview_view

        name = f"{self.opts.app_label}_{self.opts.model_name}_form_preview"

        def view(request, object_id=None):
            return form_preview_view(self, request, object_id)

        wrapped = self.admin_site.admin_view(view)
        return [
            path("apercu/", wrapped, name=name),
            path("<path:object_id>/apercu/", wrapped, name=f"{name}_change"),
            *super().get_urls(),
        ]

    def form_context(self, request, object_id) -> dict:
        note = self.PARIS_TIME_NOTE
        if self.has_publish_permission(request):
            note = f"{note} {self.NOW_NOTE}"
        context = {"paris_time_note": note}
        if self._perm(request, "change"):
            # "Prévisualiser": the page as the form is filled, nothing saved.
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_form_preview"
            context["form_preview_url"] = (
                reverse(f"{name}_change", args=[object_id]) if object_id else reverse(name)
            )
        if self.fields_by_kind and self._perm(request, "change"):
            context["fields_by_kind"] = self.fields_by_kind
        return context

    def get_fieldsets(self, request, obj=None):
        fieldsets = self._fieldsets(request, obj)
        if not self.fields_by_kind or obj is None or self._perm(request, "change"):
            return fieldsets
        # Read-only: only the fields of the item's kind.
        kind = getattr(obj, self.fields_by_kind["chooser"])
        unwanted = {
            name for name, kinds in self.fields_by_kind["fields"].items() if kind not in kinds
        }
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in unwanted]})
            for name, options in fieldsets
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Themes are picked from the moderated vocabulary, never typed in as free text.
        if db_field.name == "themes":
            return forms.ModelMultipleChoiceField(
                queryset=Theme.objects.all(),
                required=False,
                label=_("Thèmes"),
                widget=ChipsAutocompleteSelectMultiple(db_field, self.admin_site),
            )
        if db_field.name == "access":
            # "Public" unless chosen otherwise (a form sent without it stays public).
            return forms.TypedChoiceField(
                choices=db_field.choices,
                required=False,
                empty_value=db_field.default,
                label=_("Accès"),
                help_text=db_field.help_text,
                initial=db_field.default,
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
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "author" and formfield is not None:
            # Accounts are not managed from an item: no "modifier l’objet utilisateur"
            # links beside its author.
            hide_related_links(formfield)
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
        # For the message after the save (saved_outcome): was it scheduled just now?
        request._cuf_publication_changed = not change or bool(
            {"status", "published_at"} & set(form.changed_data)
        )
        if not change and obj.author_id is None:
            obj.author = request.user
        discard_replaced_files(form)
        super().save_model(request, obj, form, change)

    def saved_outcome(self, request, obj, verb: str) -> str:
        """A scheduled item says when it goes online, in Paris time: "programmée pour le
        jeudi 10 décembre à 9 h (heure de Paris)"; one still scheduled as before says so."""
        outcome = super().saved_outcome(request, obj, verb)
        noun = self.get_noun()
        restored = getattr(request, "_cuf_restored", None)
        if restored is not None:
            # Restored from its history: which version came back, not "modifié".
            verb = "récupéré" if restored.recovered else "restauré"
            outcome = f"{noun.agree(verb)} à {version_described(restored.version, restored.number)}"
        if obj.publication_state != PublicationState.SCHEDULED:
            return outcome
        when = moment(obj.published_at)
        scheduled = f"{noun.agree('programmé')} pour le {when} (heure de Paris)"
        if restored is None and getattr(request, "_cuf_publication_changed", True):
            return scheduled
        pronoun = "elle" if noun.feminine else "il"
        return f"{outcome} ; {pronoun} {'est' if restored else 'reste'} {scheduled}"

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
        count, refused = items_publish(items=queryset, user=request.user)
        self.message_user(request, f"{capfirst(self.get_noun().count(count, 'publié'))}.")
        for item, reasons in refused:
            self.message_user(
                request, f"Pas de publication pour « {item} » : {' '.join(reasons)}", messages.ERROR
            )

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
