"""An item's history in the admin: its versions, their comparison, and restoring one."""

from types import SimpleNamespace

import reversion
from django.contrib import messages
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ForeignObjectRel
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from cuf.publishing.history import revision_files_missing, revision_themes_follow
from cuf.text.diff import names_diff, rich_text_diff, text_diff
from cuf.text.fields import RichTextField
from cuf.themes.models import Theme, ThemedItem


def version_number(version) -> int:
    """A version's number in its item's history (1 for the first), as the history lists it."""
    return (
        Version.objects.get_for_object_reference(version._model, version.object_id)
        .filter(pk__lte=version.pk)
        .count()
    )


def version_described(version, number: int) -> str:
    """ "la version 2 (enregistrée le lundi 7 décembre à 14 h 32 par Awa Diop)"."""
    from cuf.admin.wording import moment

    revision = version.revision
    by = ""
    if revision.user is not None:
        by = f" par {revision.user.get_full_name() or revision.user.get_username()}"
    return f"la version {number} (enregistrée le {moment(revision.date_created)}{by})"


class VersionHistoryAdmin(CompareVersionAdmin):
    """History and comparison of an item's versions (django-reversion): restoring a version
    follows the present, and a comparison shows what an editor changed."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting rewrites the whole item: tagging rights are not enough.
        if not self.has_edit_permission(request):
            raise PermissionDenied
        version = Version.objects.filter(pk=version_id, object_id=object_id).first()
        context = self._version_context(version, _("Restaurer la version %(number)s"))
        return super().revision_view(
            request, object_id, version_id, {**context, **(extra_context or {})}
        )

    def recover_view(self, request, version_id, extra_context=None):
        version = Version.objects.filter(pk=version_id).first()
        context = self._version_context(version, _("Récupérer « %(name)s »"))
        return super().recover_view(request, version_id, {**context, **(extra_context or {})})

    def _version_context(self, version, title) -> dict:
        """The page showing a version before it is restored: its title and what it is."""
        if version is None:
            return {}  # django-reversion answers 404
        number = version_number(version)
        noun = self.get_noun()
        return {
            "title": title % {"number": number, "name": version.object_repr},
            "version_label": version_described(version, number),
            "noun_pronoun": noun.pronoun,
            "recover_label": _("Récupérer %(items)s %(deleted)s")
            % {"items": noun.the_plural, "deleted": noun.agree("supprimé", 2)},
        }

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
        # For the message after the save (saved_outcome) and the history's comment.
        request._cuf_restored = SimpleNamespace(
            version=version,
            number=version_number(version),
            recovered=bool((extra_context or {}).get("recover")),
        )
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
                self._comment_restore(version, request._cuf_restored.number)
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

    @staticmethod
    def _comment_restore(version, number: int) -> None:
        """The restore's own line in the history says which version came back (instead of
        django-reversion's "Restauré depuis la version précédente, sauvée le …")."""
        from django.utils import formats, timezone

        latest = (
            Version.objects.get_for_object_reference(version._model, version.object_id)
            .select_related("revision")
            .order_by("-pk")
            .first()
        )
        if latest is not None and latest.revision_id != version.revision_id:
            when = formats.date_format(
                timezone.localtime(version.revision.date_created), "j F Y à H:i:s"
            )
            latest.revision.comment = f"Version {number} du {when} restaurée."
            latest.revision.save(update_fields=["comment"])

    def history_view(self, request, object_id, extra_context=None):
        context = {"can_revert": self.has_edit_permission(request), **(extra_context or {})}
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id, extra_context=None):
        context = {
            "can_revert": self.has_edit_permission(request),
            "title": _("Comparer deux versions"),
            **self._compared_numbers(request.GET),
            **(extra_context or {}),
        }
        return super().compare_view(request, object_id, context)

    @staticmethod
    def _compared_numbers(query) -> dict:
        """The numbers of the two versions compared, as the history lists them: two versions
        saved within the same minute read the same by their dates alone."""
        try:
            ids = sorted(int(query[key]) for key in ("version_id1", "version_id2"))
        except (KeyError, ValueError):
            return {}  # django-reversion-compare answers 404
        versions = Version.objects.in_bulk(ids)
        if len(versions) != 2:
            return {}
        return {
            "number1": version_number(versions[ids[0]]),
            "number2": version_number(versions[ids[1]]),
        }

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
                    "diff": names_diff(before, after),
                }
            )
        return diff, False

    def fallback_compare(self, obj_compare):
        """A field's two values as they read, word by word: rich text with its paragraphs,
        lists and links, never its HTML source (django-reversion-compare diffs the source
        letter by letter, in a fixed-width font)."""
        if isinstance(obj_compare.field, RichTextField):
            return rich_text_diff(obj_compare.value1 or "", obj_compare.value2 or "")
        return text_diff(*obj_compare.to_string())

    def generic_add_remove(self, raw_value1, raw_value2, value1, value2):
        # A foreign key's value (the author), as words: one added, one removed.
        return text_diff(value1 if raw_value1 is not None else "", value2 if raw_value2 else "")

    def compare_FileField(self, obj_compare):
        # A file by its name, never by its storage address.
        def name(value) -> str:
            return str(getattr(value, "name", value) or "").rsplit("/", 1)[-1]

        return text_diff(name(obj_compare.value1), name(obj_compare.value2))

    def _parts_diff(self, obj, version1, version2) -> list[dict]:
        """One entry per followed part relation (a communiqué's documents): each part
        added, removed, or changed in a field an editor fills (its title, file, position),
        read from the two revisions; a part saved again unchanged is not a difference."""
        entries = []
        for name, model, belongs in self._part_relations(obj):
            typed = [
                field
                for field in model._meta.concrete_fields
                if field.editable and not field.primary_key and field.attname not in belongs
            ]

            def parts(version, model=model, belongs=belongs):
                return {
                    row.object_id: row
                    for row in version.revision.version_set.get_for_model(model)
                    if all(str(row.field_dict.get(k)) == str(v) for k, v in belongs.items())
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
                            name=name, verbose_name=model._meta.verbose_name_plural
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

    def _part_relations(self, obj):
        """(name, model, {field: value} saying a row belongs to ``obj``) for each part
        relation followed by the history: a foreign key to the item (a part of one type),
        or a generic relation (its attachments); theme links are compared by name."""
        for relation in self.model._meta.related_objects:
            if relation.one_to_many and reversion.is_registered(relation.related_model):
                yield relation.name, relation.related_model, {relation.field.attname: obj.pk}
        for field in self.model._meta.private_fields:
            if not isinstance(field, GenericRelation) or field.related_model is ThemedItem:
                continue
            if reversion.is_registered(field.related_model):
                item_type = ContentType.objects.get_for_model(self.model)
                yield (
                    field.name,
                    field.related_model,
                    {
                        field.content_type_field_name + "_id": item_type.pk,
                        field.object_id_field_name: obj.pk,
                    },
                )

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
