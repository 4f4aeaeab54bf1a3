from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from cuf.admin.attachments import AttachmentInline, AttachmentsAdminMixin
from cuf.admin.publishable import PublishableAdmin
from resources.models import Resource


@admin.register(Resource)
class ResourceAdmin(AttachmentsAdminMixin, PublishableAdmin):
    inlines = [AttachmentInline]
    list_display = ["thumbnail", "title", "kind", *PublishableAdmin.list_display[1:]]
    list_filter = ["kind", *PublishableAdmin.list_filter]
    search_fields = [
        *PublishableAdmin.search_fields,
        "description",
        "transcript",
        "credit",
        "image_alt",
    ]
    fieldsets = (
        (None, {"fields": ["kind", "surtitre", "title", "slug", "description"]}),
        (
            _("Fichier ou lien"),
            {
                "fields": [
                    "file",
                    "text_status",
                    "external_url",
                    "image_alt",
                    "credit",
                    "transcript",
                ],
                "description": _(
                    "Un fichier ou un lien externe, pas les deux. Texte : PDF, ODT, DOCX… ; "
                    "photo : JPEG, PNG, GIF, WebP ; son : MP3, OGG, WAV, M4A, FLAC ; "
                    "vidéo : MP4, WebM, OGV, MOV."
                ),
            },
        ),
        *PublishableAdmin.publication_fieldsets,
    )
    # A text alternative for photos only, a transcription for sounds and videos only.
    fields_by_kind = {
        "chooser": "kind",
        "fields": {
            "image_alt": [Resource.Kind.PHOTO],
            "transcript": [Resource.Kind.SOUND, Resource.Kind.VIDEO],
        },
        "required": {"image_alt": [Resource.Kind.PHOTO]},
    }
    # Whether the file's text is read yet, for search (cuf.files.text_jobs).
    readonly_fields = [*PublishableAdmin.readonly_fields, "text_status"]

    class Media:
        js = ["cuf/js/fields-by-kind.js"]

    def response_add(self, request, obj, *args, **kwargs):
        response = super().response_add(request, obj, *args, **kwargs)
        self._say_if_transcript_missing(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self._say_if_transcript_missing(request, obj)
        return response

    def _say_if_transcript_missing(self, request, obj) -> None:
        # Allowed (a transcript may come later), but said after each save until it is
        # there, below the message that the save was done.
        if obj.kind in (Resource.Kind.SOUND, Resource.Kind.VIDEO) and not obj.transcript.strip():
            messages.warning(
                request,
                _(
                    "« %(title)s » n’a pas encore de transcription : ajoutez le texte entendu "
                    "(champ « Transcription »), pour qui ne peut pas l’écouter."
                )
                % {"title": obj.title},
            )

    @admin.display(description=_("aperçu"))
    def thumbnail(self, obj):
        return self.thumbnail_html(obj.file_url if obj.kind == Resource.Kind.PHOTO else "")
