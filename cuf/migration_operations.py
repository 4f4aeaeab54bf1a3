"""Operations that several apps' migrations share. Kept stable: migrations import them."""

from django.db import migrations


def keep_preview_revocations(app_label: str, model_name: str) -> migrations.RunPython:
    """Copy an item's former ``preview_version`` (links revoked that many times) into
    cuf.PreviewRevocation before the field goes, so revoked links stay revoked."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        ContentType = apps.get_model("contenttypes", "ContentType")
        PreviewRevocation = apps.get_model("cuf", "PreviewRevocation")
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name.lower()
        )
        PreviewRevocation.objects.bulk_create(
            [
                PreviewRevocation(content_type=content_type, object_id=pk, count=count)
                for pk, count in model.objects.filter(preview_version__gt=0).values_list(
                    "pk", "preview_version"
                )
            ]
        )

    return migrations.RunPython(forwards, migrations.RunPython.noop)
