from django_ckeditor_5.fields import CKEditor5Field

from cuf.sanitizer import sanitize_html


class RichTextField(CKEditor5Field):
    """HTML edited with CKEditor 5 and sanitised whenever it is written to the database.

    Sanitising at the field means no path (admin, shell, ``QuerySet.update``, fixtures)
    can store markup outside the allowlist, so templates may render the value as is.
    """

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
