import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import cuf.files.storage


def fill_name_keys(apps, schema_editor):
    from cuf.themes.models import theme_name_key

    Theme = apps.get_model("cuf", "Theme")
    for theme in Theme.objects.all():
        theme.name_key = theme_name_key(theme.name)
        theme.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("cuf", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Added empty, filled from the names, then made unique: existing themes that differ
        # only by case or accents would stop this migration, to be merged first.
        migrations.AddField(
            model_name="theme",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=100, verbose_name="clé du nom"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="theme",
            name="name_key",
            field=models.CharField(editable=False, max_length=100, unique=True, verbose_name="clé du nom"),
        ),
        migrations.CreateModel(
            name="ThemeRedirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("old_slug", models.SlugField(allow_unicode=True, max_length=100, unique=True, verbose_name="ancienne adresse")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="créée le")),
                ("theme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="redirects", to="cuf.theme", verbose_name="thème")),
            ],
            options={
                "verbose_name": "ancienne adresse de thème",
                "verbose_name_plural": "anciennes adresses de thèmes",
                "ordering": ["old_slug"],
            },
        ),
        migrations.CreateModel(
            name="EditorImage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file", models.ImageField(height_field="height", max_length=255, storage=cuf.files.storage.protected_storage, upload_to=cuf.files.storage.GeneratedName("editeur"), verbose_name="fichier", width_field="width")),
                ("width", models.PositiveIntegerField(editable=False, null=True)),
                ("height", models.PositiveIntegerField(editable=False, null=True)),
                ("content_type", models.CharField(editable=False, max_length=120, verbose_name="type de contenu")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="envoyée le")),
                ("uploaded_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="envoyée par")),
            ],
            options={
                "verbose_name": "image de l’éditeur",
                "verbose_name_plural": "images de l’éditeur",
                "ordering": ["-created"],
                "get_latest_by": "created",
            },
        ),
    ]
