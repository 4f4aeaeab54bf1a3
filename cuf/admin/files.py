"""Files an admin form replaces: removed once the new ones are saved for good."""

from django.db import models

from cuf.files.services import stored_files_discard


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
