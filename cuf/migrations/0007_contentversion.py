from django.db import migrations, models


def create_row(apps, schema_editor):
    apps.get_model("cuf", "ContentVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("cuf", "0006_theme_redirect_old_theme"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveBigIntegerField(default=0, verbose_name="version")),
            ],
            options={
                "verbose_name": "version du contenu public",
                "verbose_name_plural": "versions du contenu public",
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
