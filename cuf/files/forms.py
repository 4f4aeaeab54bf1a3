from django import forms
from django.core.files.uploadedfile import UploadedFile

from cuf.files.checks import check_upload


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
