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


def repair_implausible_dates(
    app_label: str, model_name: str, *, required: tuple[str, ...] = (), optional=()
) -> migrations.RunPython:
    """Before the plausible-date constraints (cuf.publishing.dates): a row holding a date
    off the calendar (an import's year 0) is set right in SQL, without reading it (Python
    cannot hold such a date). An optional date is emptied; a required one (publication,
    an event's start) is brought to the nearest bound and its item taken back to draft,
    so that no made-up date goes public: an editor sets the real one."""
    import datetime

    low = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    high = datetime.datetime(2101, 1, 1, tzinfo=datetime.UTC)

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model._base_manager.using(schema_editor.connection.alias)
        for field in optional:
            is_day = model._meta.get_field(field).get_internal_type() == "DateField"
            bounds = (low.date(), high.date()) if is_day else (low, high)
            rows.filter(**{f"{field}__lt": bounds[0]}).update(**{field: None})
            rows.filter(**{f"{field}__gte": bounds[1]}).update(**{field: None})
        for field in required:
            rows.filter(**{f"{field}__lt": low}).update(**{field: low, "status": "draft"})
            last = high - datetime.timedelta(days=1)
            rows.filter(**{f"{field}__gte": high}).update(**{field: last, "status": "draft"})

    return migrations.RunPython(forwards, migrations.RunPython.noop)
