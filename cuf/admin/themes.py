"""Themes in the admin: the moderators' vocabulary, renamed and merged through services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cuf import content_types
from cuf.admin.lists import FiltersOnlyAdmin
from cuf.admin.wording import FrenchWordingAdmin
from cuf.text.plain import Noun, count_of
from cuf.themes.models import Theme
from cuf.themes.selectors import merge_outcome
from cuf.themes.services import theme_merge, theme_rename

# taggit's own Tag model is not used: the vocabulary is cuf.Theme.
admin.site.unregister(Tag)


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


def merge_summary(*, kept, others, proposed: bool = True) -> str:
    """What merging ``others`` into ``kept`` will do, in one sentence: what moves, and what
    does not because it is already classed under ``kept``."""
    names = [f"« {theme.name} »" for theme in others]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"
    total, moving = merge_outcome(sources=others, target=kept)
    already = total - moving
    target = f"« {kept.name} »"
    if total == 0:
        contents = f"Aucun contenu n’est classé sous {listed} : rien ne sera déplacé"
    elif moving == 0:
        classed = (
            f"Le contenu classé sous {listed} a"
            if total == 1
            else f"Les {total} contenus classés sous {listed} ont"
        )
        contents = f"{classed} déjà le thème {target} : rien ne sera déplacé"
    elif moving == total:
        contents = (
            f"Le contenu classé sous {listed} passera sous {target}"
            if total == 1
            else f"Les {total} contenus classés sous {listed} passeront sous {target}"
        )
    else:
        moves = "1 passera" if moving == 1 else f"{moving} passeront"
        stays = "1 l’a" if already == 1 else f"{already} l’ont"
        contents = (
            f"Sur les {total} contenus classés sous {listed}, {moves} sous {target} et {stays} déjà"
        )
    removed = (
        "ce thème sera supprimé et son adresse redirigera"
        if len(others) == 1
        else "ces thèmes seront supprimés et leurs adresses redirigeront"
    )
    choice = f"Proposé : garder {target}, le plus utilisé." if proposed else f"Garder {target}."
    return f"{choice} {contents} ; {removed} vers le thème conservé."


@admin.register(Theme)
class ThemeAdmin(FrenchWordingAdmin, FiltersOnlyAdmin, admin.ModelAdmin):
    noun = Noun("thème", "thèmes")
    form = ThemeForm
    fields = ["name", "slug", "kind", "description"]
    list_display = ["name", "address", "kind", "item_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name_key"]
    actions = ["merge_themes"]
    change_list_template = "admin/cuf/theme/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("adresse"), ordering="slug")
    def address(self, obj):
        return obj.get_absolute_url()

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
        themes = queryset.annotate(item_total=Count("items")).order_by("name_key")
        if len(themes) < 2:
            self.message_user(
                request, _("Choisissez au moins deux thèmes à fusionner."), messages.WARNING
            )
            return None
        form = ThemeMergeForm(request.POST if "confirmer" in request.POST else None, themes=themes)
        if form.is_valid():
            target = form.cleaned_data["target"]
            sources = [theme for theme in themes if theme.pk != target.pk]
            total, _moving = merge_outcome(sources=sources, target=target)
            try:
                moved = theme_merge(sources=sources, target=target)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            if moved:
                outcome = count_of(moved, "contenu déplacé", "contenus déplacés")
                had = total - moved
                if had:
                    outcome += f" ({had} {'l’avait' if had == 1 else 'l’avaient'} déjà)"
            elif total:
                outcome = _("aucun contenu déplacé, tous avaient déjà ce thème")
            else:
                outcome = _("aucun contenu n’y était classé")
            self.message_user(
                request,
                _("%(themes)s dans « %(target)s » : %(outcome)s.")
                % {
                    "themes": self.get_noun().count(len(sources), "fusionné"),
                    "target": target,
                    "outcome": outcome,
                },
                messages.SUCCESS,
            )
            return None
        # One sentence for each theme that may be kept: the page shows the chosen one's
        # (cuf/static/cuf/js/merge-summary.js; without scripts, the proposed one's).
        summaries = [
            {
                "theme": kept,
                "text": merge_summary(
                    kept=kept,
                    others=[theme for theme in themes if theme.pk != kept.pk],
                    proposed=kept.pk == form.most_used.pk,
                ),
                "proposed": kept.pk == form.most_used.pk,
            }
            for kept in themes
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Fusionner des thèmes"),
            "themes": themes,
            "summaries": summaries,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/cuf/theme/merge.html", context)
