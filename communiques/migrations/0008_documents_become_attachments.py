"""A communiqué's documents become attachments (cuf.Attachment), the one model every type
with files to download shares. Each keeps its id, so its address
(``/documents/<id>/<nom>``) stays the same; its versions in the history follow it."""

import json

from django.core.management.color import no_style
from django.db import migrations


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    found, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return found


def documents_to_attachments(apps, schema_editor):
    Document = apps.get_model("communiques", "Document")
    Attachment = apps.get_model("cuf", "Attachment")
    communique_type = _content_type(apps, "communiques", "communique")
    fields = ("title", "file", "position", "size", "content_type", "format_label", "text")
    batch = []
    for document in Document.objects.order_by("pk").iterator():
        batch.append(
            Attachment(
                pk=document.pk,
                item_type=communique_type,
                item_id=document.communique_id,
                text_status=document.text_status,
                **{name: getattr(document, name) for name in fields},
            )
        )
    Attachment.objects.bulk_create(batch, batch_size=500)
    connection = schema_editor.connection
    # Ids were given: the next attachment's id follows the highest (PostgreSQL's sequence).
    statements = connection.ops.sequence_reset_sql(no_style(), [Attachment])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)

    # The history: a document's versions become the attachment's, so that restoring a
    # communiqué brings its documents back.
    Version = apps.get_model("reversion", "Version")
    document_type = _content_type(apps, "communiques", "document")
    attachment_type = _content_type(apps, "cuf", "attachment")
    for version in Version.objects.filter(content_type=document_type).iterator():
        if version.format == "json":
            rows = json.loads(version.serialized_data)
            for row in rows:
                row["model"] = "cuf.attachment"
                row_fields = row.get("fields", {})
                row_fields["item_type"] = communique_type.pk
                row_fields["item_id"] = row_fields.pop("communique", None)
                row_fields.setdefault("description", "")
                row_fields.setdefault("credit", "")
            version.serialized_data = json.dumps(rows)
        version.content_type = attachment_type
        version.save(update_fields=["serialized_data", "content_type"])

    # What the SPIP import remembered of each document (spip_import.SpipObject).
    try:
        SpipObject = apps.get_model("spip_import", "SpipObject")
    except LookupError:
        return
    SpipObject.objects.filter(content_type=document_type).update(content_type=attachment_type)


class Migration(migrations.Migration):
    dependencies = [
        ("communiques", "0007_plausible_dates"),
        ("cuf", "0010_attachment"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("spip_import", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(documents_to_attachments, migrations.RunPython.noop),
        migrations.DeleteModel(name="Document"),
    ]
