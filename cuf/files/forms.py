from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile

from cuf.files.checks import check_upload
from cuf.files.renditions import WIDTHS
from cuf.files.storage import download_name


class CheckedImageField(forms.FileField):
    """An image upload checked by ``cuf.files.checks.check_upload`` in the form itself.

    The check has to come before the model sees the file: a model ImageField with
    width/height fields makes Pillow read the image as soon as it is assigned, so a
    decompression bomb would crash the request (or pass with a mere warning) instead of
    being refused with a French message.
    """

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            check_upload(value, kind="image")
        return value


class ProtectedFileWidget(AdminFileWidget):
    """The admin's file input, for files that live in the protected storage: the current
    file links to the portal's own download (the staff may read it; the storage has no
    public address), under the name visitors get, with a thumbnail for an image."""

    template_name = "admin/cuf/protected_file_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Sent with a form that had an error (set by the admin, cuf.admin.wording):
        # browsers never keep a chosen file, so the page says it must be picked again.
        context["widget"]["repick_name"] = getattr(self, "repick_name", "")
        instance = getattr(value, "instance", None)
        if value and instance is not None and instance.pk:
            field = value.field.name
            context["widget"]["download_url"] = getattr(instance, f"{field}_url", "")
            context["widget"]["download_name"] = download_name(
                getattr(instance, "title", "") or "fichier", value.name
            )
            shows_image = field == "image" or getattr(instance, "is_photo_file", False)
            rendition = getattr(instance, "image_rendition_url", None)
            if shows_image and rendition is not None:
                context["widget"]["thumbnail_url"] = rendition(WIDTHS[0])
        return context
