"""The admin's "Prévisualiser": the public page of an item as its form is filled, before
saving. The form (and its inlines) is checked as a save would check it, written in a
transaction, the item's public page drawn from it, and the transaction rolled back:
nothing is kept, the page is the real one. Files chosen in the form are not written (the
page shows the files already saved, and says so)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from cuf import content_types


def _drop_new_files(instance, saved) -> bool:
    """Put back the stored files of ``instance`` where the form chose new ones."""
    dropped = False
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(value, FieldFile) and value and not value._committed:
            setattr(instance, field.attname, getattr(saved, field.attname, "") if saved else "")
            dropped = True
    return dropped


def form_preview_view(model_admin, request, object_id=None):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    obj = None
    if object_id is not None:
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not model_admin.has_edit_permission(request):
            raise PermissionDenied
    elif not model_admin.has_add_permission(request):
        raise PermissionDenied
    saved = type(obj).objects.get(pk=obj.pk) if obj is not None else None
    form = model_admin.get_form(request, obj, change=obj is not None)(
        request.POST, request.FILES, instance=obj
    )
    valid = form.is_valid()
    item = model_admin.save_form(request, form, change=obj is not None) if valid else form.instance
    formsets, _inlines = model_admin._create_formsets(request, item, change=obj is not None)
    if not (valid and all_valid(formsets)):
        errors = [
            *(
                f"{form.fields[name].label if name in form.fields else ''} : {' '.join(messages)}"
                for name, messages in form.errors.items()
            ),
            *(
                " ".join(str(error) for error in formset.non_form_errors())
                for formset in formsets
                if formset.non_form_errors()
            ),
        ]
        if any(formset.errors for formset in formsets):
            errors.append("Un élément lié (un document…) a une erreur.")
        response = TemplateResponse(
            request,
            "admin/cuf/preview_invalid.html",
            {
                **model_admin.admin_site.each_context(request),
                "errors": errors,
                "title": "Aperçu impossible",
            },
            status=400,
        )
        add_never_cache_headers(response)
        return response
    files_dropped = _drop_new_files(item, saved)
    with transaction.atomic():
        if item.author_id is None:
            item.author = request.user
        item.save()
        form.save_m2m()
        for formset in formsets:
            for inline_form in formset.forms:
                part = inline_form.instance
                before = type(part).objects.filter(pk=part.pk).first() if part.pk else None
                files_dropped |= _drop_new_files(part, before)
            formset.save()
        request.method = "GET"
        view = content_types.for_model(item).detail_view
        response = view.as_view(preview_pk=item.pk, unsaved_preview=True)(request, slug=item.slug)
        if files_dropped and hasattr(response, "context_data"):
            response.context_data["preview_files_dropped"] = True
        response.render()
        transaction.set_rollback(True)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
