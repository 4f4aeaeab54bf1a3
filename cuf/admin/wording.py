"""What the admin says about an item, in French that agrees with it ("Ajouter une
actualité", "Récupérer les communiqués supprimés"), and inlines that name what they add."""

import json

from django.contrib import messages
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cuf import content_types
from cuf.text.plain import Noun


def moment(value, *, now=None) -> str:
    """A moment as editors say it, in the portal's time (Paris): « jeudi 10 décembre à 9 h »,
    « lundi 1er mars 2027 à 17 h 30 » (the year only when it is not this one)."""
    value = timezone.localtime(value)
    now = timezone.localtime(now or timezone.now())
    day = "1er" if value.day == 1 else str(value.day)
    date = f"{date_format(value, 'l')} {day} {date_format(value, 'F')}"
    if value.year != now.year:
        date = f"{date} {value.year}"
    hour = f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"
    return f"{date} à {hour}"


def hide_related_links(formfield) -> None:
    """No "Ajouter / Modifier / Supprimer l’objet …" links beside a related field."""
    widget = formfield.widget
    for attribute in ("can_add_related", "can_change_related", "can_delete_related"):
        if hasattr(widget, attribute):
            setattr(widget, attribute, False)
    if hasattr(widget, "can_view_related"):
        widget.can_view_related = False


def permission_label(permission) -> str:
    """A raw permission in French: "Actualités : ajouter", "Actualités : publier"."""
    model = permission.content_type.model_class()
    section = capfirst(model._meta.verbose_name_plural) if model else permission.content_type.model
    action = permission.codename.split("_", 1)[0]
    verbs = {"add": "ajouter", "change": "modifier", "delete": "supprimer", "view": "consulter"}
    what = (
        verbs.get(action)
        if permission.codename.endswith(f"_{permission.content_type.model}")
        else None
    )
    return f"{section} : {what or str(permission.name)[:1].lower() + str(permission.name)[1:]}"


class FrenchPermissionsAdmin:
    """Raw permissions (superusers only) named in French, and no "objet groupe" links."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and db_field.name in ("permissions", "user_permissions"):
            formfield.label_from_instance = permission_label
        return formfield

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name == "groups":
            hide_related_links(formfield)
        return formfield


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
        context = {"title": title, **self.form_context(request, object_id), **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, context)

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST" and request.FILES:
            # Shown only with the form's errors: the files chosen are not kept. Each
            # file field names its own (cuf.files.forms.ProtectedFileWidget).
            context["repick_files"] = [
                upload.name for name in request.FILES for upload in request.FILES.getlist(name)
            ]
            forms = [context["adminform"].form] if "adminform" in context else []
            for inline in context.get("inline_admin_formsets", ()):
                forms += inline.formset.forms
            for form in forms:
                for name, field in form.fields.items():
                    upload = request.FILES.get(form.add_prefix(name))
                    if upload is not None:
                        field.widget.repick_name = upload.name
        return super().render_change_form(request, context, *args, **kwargs)

    def form_context(self, request, object_id) -> dict:
        """What the change form adds to the page (PublishableAdmin: the Paris time note)."""
        return {}

    def get_actions(self, request):
        # Django's "Supprimer les %(verbose_name_plural)s sélectionnés" agrees with no
        # feminine noun ("les actualités sélectionnés"): the noun's own agreement.
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _description = actions["delete_selected"]
            noun = self.get_noun()
            description = _("Supprimer %(items)s %(selected)s") % {
                "items": noun.the_plural,
                "selected": noun.agree("sélectionné", 2),
            }
            actions["delete_selected"] = (function, name, description)
        return actions

    def _saved_message(self, request, obj, verb: str):
        noun = self.get_noun()
        opts = obj._meta
        if self.has_change_permission(request, obj):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            shown = format_html('<a href="{}">{}</a>', url, obj)
        else:
            shown = str(obj)
        message = format_html(
            "{} « {} » a été {}.", capfirst(noun.the), shown, self.saved_outcome(request, obj, verb)
        )
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

    def saved_outcome(self, request, obj, verb: str) -> str:
        """What happened to the item, after "a été": "ajoutée", "modifié"..."""
        return self.get_noun().agree(verb)

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
