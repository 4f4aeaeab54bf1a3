import html
import re

from django import forms
from django.core.exceptions import ValidationError
from django_ckeditor_5.fields import CKEditor5Field

from cuf.text.sanitizer import sanitize_html

# An image of the text whose description is missing or empty (on sanitised markup:
# attributes quoted, one tag per match).
_IMG_WITHOUT_ALT = re.compile(r'<img\b(?![^>]*\salt="[^"]*[^"\s][^"]*")[^>]*>')


class RichTextFormField(forms.CharField):
    """The form side of a rich text: changed only if what would be stored changes.

    What is stored is sanitised (links gain ``rel="noopener noreferrer"``, line breaks
    become LF...), and the editor sends back its own serialisation, which lacks what the
    sanitiser added: compared raw, every save would report the text changed ("Modification
    de Texte") even when only a date or a file was.
    """

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return sanitize_html(initial) != sanitize_html(data)


class RichTextField(CKEditor5Field):
    """HTML edited with CKEditor 5 and sanitised whenever it is written to the database.

    Sanitising at the field means no path (admin, shell, ``QuerySet.update``, fixtures)
    can store markup outside the allowlist, so templates may render the value as is.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        # Images in a text inform: each says what it shows, for who does not see it
        # (RGAA 1.1). The editor's image toolbar has a "texte alternatif" button.
        missing = len(_IMG_WITHOUT_ALT.findall(sanitize_html(value)))
        if missing:
            raise ValidationError(
                "Des images du texte (%(count)s) n’ont pas de texte alternatif : cliquez "
                "sur chaque image, puis sur le bouton « ALT » de la barre qui apparaît, "
                "et décrivez ce qu’elle montre.",
                code="image_without_alt",
                params={"count": missing},
            )

    @staticmethod
    def _is_empty_html(value):
        # CKEditor5Field decodes entities before removing tags, so a text that only shows
        # a tag as text ("&lt;doc7&gt;") read as empty and was stored as "". Tags first.
        if not value:
            return True
        if re.search(r"<img\b", value, re.IGNORECASE):
            return False
        return not html.unescape(re.sub(r"<[^>]+>", "", value)).strip()

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        # Also reached by QuerySet.update(), which skips pre_save(). Expressions (F(), the
        # Case of bulk_update()) are compiled by Django: a Value() whose output_field is
        # this field comes back here with its plain string, and is sanitised then.
        if hasattr(value, "as_sql"):
            return super().get_db_prep_save(value, connection)
        return super().get_db_prep_save(sanitize_html(value), connection)
