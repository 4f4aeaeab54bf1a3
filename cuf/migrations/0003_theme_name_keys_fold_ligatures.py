from django.db import migrations


def refold(apps, schema_editor):
    # Theme names are now folded as search folds words (ligatures spelled out: "Cœur" and
    # "Coeur" are the same name). A key that would collide with another theme's keeps its
    # former value: the moderators merge such themes in the admin.
    from cuf.themes.models import theme_name_key

    Theme = apps.get_model("cuf", "Theme")
    taken = set(Theme.objects.values_list("name_key", flat=True))
    for theme in Theme.objects.order_by("pk"):
        key = theme_name_key(theme.name)
        if key != theme.name_key and key not in taken:
            taken.discard(theme.name_key)
            taken.add(key)
            theme.name_key = key
            theme.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [("cuf", "0002_theme_name_key_redirects_editor_images")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
