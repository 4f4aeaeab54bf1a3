"""Views that serve uploaded files: an item's file or image, its renditions, its
attachments, and the rich-text editor's images.

An item's files are served only once the item is found among what the visitor may see
(``cuf.publishing.previews.visible_or_previewed``: published, or staff, or a browser that opened the
item's preview link), never from the storage's own address.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.decorators.http import require_GET, require_POST, require_safe

from cuf import content_types
from cuf.accounts.roles import content_models
from cuf.files.checks import content_type_for
from cuf.files.models import Attachment, EditorImage, offers_attachments
from cuf.files.renditions import WIDTHS, rendition_response
from cuf.files.services import editor_image_create
from cuf.files.serving import protected_file_response
from cuf.files.storage import download_name
from cuf.publishing.previews import visible_or_previewed


def shareable(item) -> bool:
    """Whether a browser may keep the item's files: a published item for everyone. A
    reserved item's files are sent ``no-store``, as its page is: once the member signs out
    (a shared computer), nothing of them is left to read from the browser's cache."""
    return item.is_public and not item.is_reserved


class ItemFileView(View):
    """The file in ``field`` of the item whose slug is in the URL.

    ``lookup`` narrows the items that have such a file (a photo among resources);
    ``attachment`` says whether browsers download it or show it in the page.
    """

    model = None
    field = "file"
    lookup: dict = {}
    attachment = False
    http_method_names = ["get", "head"]

    def get_item(self, slug: str):
        return visible_or_previewed(self.request, self.model.objects, slug=slug, **self.lookup)

    def is_attachment(self, item) -> bool:
        return self.attachment

    def content_type(self, item, field_file) -> str:
        # Documents and resources store what their check found; other files (news images)
        # are known by their generated, checked extension.
        return getattr(item, "content_type", "") or content_type_for(field_file.name)

    def get(self, request, slug: str):
        item = self.get_item(slug)
        field_file = getattr(item, self.field)
        if not field_file:
            raise Http404("Pas de fichier.")
        return protected_file_response(
            request,
            field_file,
            content_type=self.content_type(item, field_file),
            filename=download_name(item.title, field_file.name),
            attachment=self.is_attachment(item),
            public=shareable(item),
        )


class ImageRenditionView(ItemFileView):
    """The image in ``field`` at one of the offered widths, on the original's terms."""

    def get(self, request, slug: str, width: int):
        item = self.get_item(slug)
        field_file = getattr(item, self.field)
        return rendition_response(
            request,
            field_file,
            width=width,
            filename=download_name(item.title, field_file.name),
            public=shareable(item),
        )


def _writes_bodies(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and any(
            user.has_perm("{}.change_{}".format(*label.split("."))) for label in content_models()
        )
    )


@require_POST
def editor_upload(request):
    """The rich-text editor's image upload: staff who edit content, checked like any image."""
    if not _writes_bodies(request.user):
        return JsonResponse(
            {"error": {"message": "Vous n’avez pas le droit d’envoyer des images."}}, status=403
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Aucun fichier reçu."}}, status=400)
    try:
        image = editor_image_create(upload=upload, user=request.user)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": image.get_absolute_url()})


@require_GET
def editor_image(request, name: str):
    """An image from a body. Its generated name is the key: see the README on drafts."""
    image = get_object_or_404(EditorImage, file__endswith=f"/{name}")
    # Public but unguessable (see EditorImage): kept by browsers like any public image.
    return protected_file_response(
        request,
        image.file,
        content_type=image.content_type,
        filename=name,
        attachment=False,
        public=True,
    )


def _attachment_and_item(request, pk: int):
    """The attachment and its item, while the item is public (or to staff, or to a
    browser that opened the item's preview link); 404 otherwise. A draft's files are
    never public."""
    attachment = get_object_or_404(Attachment, pk=pk)
    model = ContentType.objects.get_for_id(attachment.item_type_id).model_class()
    if model is None or content_types.for_model(model) is None or not offers_attachments(model):
        raise Http404("Contenu introuvable.")
    item = visible_or_previewed(request, model.objects, pk=attachment.item_id)
    return attachment, item


@require_safe
def attachment_download(request, pk: int, filename: str):
    """An item's attached file: a document as an attachment, an image shown inline (the
    gallery links to it). Its address keeps working when its title changes."""
    attachment, item = _attachment_and_item(request, pk)
    if not attachment.file:
        raise Http404("Pas de fichier.")
    if filename != attachment.filename:
        return redirect(attachment.get_absolute_url(), permanent=True)
    return protected_file_response(
        request,
        attachment.file,
        content_type=attachment.content_type or "application/octet-stream",
        filename=attachment.filename,
        attachment=not attachment.is_image,
        public=shareable(item),
    )


@require_safe
def attachment_rendition(request, pk: int, width: int):
    """An attached image at one of the offered widths (the gallery's), on its terms."""
    attachment, item = _attachment_and_item(request, pk)
    if not attachment.is_image or width not in WIDTHS:
        raise Http404("Pas d’image à cette taille.")
    return rendition_response(
        request, attachment.file, width=width, filename=attachment.filename, public=shareable(item)
    )
