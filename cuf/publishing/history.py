"""An item's history (django-reversion): recording a change, and restoring a version so
that it follows the present (themes merged or deleted since, files replaced since)."""

import json
import re

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from reversion.models import Revision, Version

from cuf.publishing.models import Publishable
from cuf.themes.models import Theme, ThemedItem, ThemeRedirect


def history_record(*, user: AbstractBaseUser | None, comment: str) -> None:
    if user is not None and user.is_authenticated:
        reversion.set_user(user)
    reversion.set_comment(comment)


_THEME_IN_REPR = re.compile(r"classé sous « (.*) »$")


def _theme_name_in(version: Version) -> str:
    match = _THEME_IN_REPR.search(version.object_repr)
    return match.group(1) if match else "?"


@transaction.atomic
def revision_themes_follow(*, revision: Revision) -> list[str]:
    """Make ``revision``'s theme links name themes that still exist, and say what changed.

    A theme merged since then is replaced by the theme it was merged into; a theme
    deleted since then is left out. The revision's stored versions are rewritten, so that
    restoring it gives the item its themes of today. Returns one French sentence per theme
    followed or left out.
    """
    versions = list(revision.version_set.get_for_model(ThemedItem))
    tag_ids = {version.field_dict["tag_id"] for version in versions}
    existing = set(Theme.objects.filter(pk__in=tag_ids).values_list("pk", flat=True))
    missing = tag_ids - existing
    if not missing:
        return []
    merged = {
        redirect.old_theme_id: redirect.theme
        for redirect in ThemeRedirect.objects.filter(old_theme_id__in=missing).select_related(
            "theme"
        )
    }
    kept = {
        (v.field_dict["content_type_id"], v.field_dict["object_id"], v.field_dict["tag_id"])
        for v in versions
        if v.field_dict["tag_id"] in existing
    }
    notes = []
    for version in versions:
        fields = version.field_dict
        if fields["tag_id"] in existing:
            continue
        name, target = _theme_name_in(version), merged.get(fields["tag_id"])
        link = (fields["content_type_id"], fields["object_id"], target.pk if target else None)
        if target is None or link in kept:
            if target is None:
                notes.append(
                    f"Le thème « {name} » a été supprimé depuis cette version : "
                    "l’élément restauré ne le porte plus."
                )
            version.delete()
            continue
        kept.add(link)
        notes.append(
            f"Le thème « {name} » a été fusionné depuis dans « {target.name} » : "
            f"l’élément restauré porte « {target.name} »."
        )
        data = json.loads(version.serialized_data)
        data[0]["fields"]["tag"] = target.pk
        version.serialized_data = json.dumps(data)
        version.object_repr = version.object_repr[: -len(f"« {name} »")] + f"« {target} »"
        version.save(update_fields=["serialized_data", "object_repr"])
    return notes


def revision_files_missing(*, revision: Revision) -> list[str]:
    """After restoring ``revision``: the files it names that the storage no longer has
    (a document's file replaced since then). Such a document loses its file, so that it is
    listed nowhere and its editor uploads it again; say which. Returns French sentences."""
    notes = []
    for version in revision.version_set.all():
        model = version.content_type.model_class()
        if model is None:
            continue
        file_fields = [f for f in model._meta.fields if isinstance(f, models.FileField)]
        if not file_fields:
            continue
        instance = model._default_manager.filter(pk=version.object_id).first()
        if instance is None:
            continue
        for field in file_fields:
            stored = getattr(instance, field.attname)
            if not stored or stored.storage.exists(stored.name):
                continue
            notes.append(
                f"Le fichier de « {instance} » n’existe plus (il a été remplacé depuis "
                "cette version) : envoyez-le à nouveau."
            )
            if not isinstance(instance, Publishable):
                # A part of the item (a document): without its file it is listed nowhere.
                model._default_manager.filter(pk=instance.pk).update(**{field.attname: ""})
    return notes
