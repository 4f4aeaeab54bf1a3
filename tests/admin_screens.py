"""The admin screens editors and moderators use, with content to show on each: what the
accessibility and HTML checks go through (tests/e2e/test_admin_wcag22.py,
tests/cuf/test_admin_html.py)."""

from reversion.models import Version

from cuf import content_types
from cuf.themes.services import theme_rename
from tests.admin_forms import admin_form_data
from tests.factories import AttachmentFactory, ThemeFactory, factory_for


def screens_content(client):
    """Two themes, one item of each type saved twice (two versions) and one deleted."""
    theme = ThemeFactory(name="Jeunesse")
    other = ThemeFactory(name="Sahel")
    theme_rename(theme=other, name="Sahel et Sahara", slug="sahel-sahara")
    items = []
    for config in content_types.all_types():
        item = factory_for(config)(title="Rencontre des jumelages", themes=[theme])
        if config.model._meta.model_name == "communique":
            AttachmentFactory(item=item, title="Programme", position=1)
        change = admin_url(item, "change")
        for title in ("Rencontre des jumelages 2026", "Rencontre des jumelages 2027"):
            data = admin_form_data(client.get(change))
            data["title"] = title
            assert client.post(change, data).status_code == 302
        gone = factory_for(config)(title="Élément supprimé")
        # Saved once from the form (a version to recover), then deleted.
        assert (
            client.post(
                admin_url(gone, "change"), admin_form_data(client.get(admin_url(gone, "change")))
            ).status_code
            == 302
        )
        client.post(admin_url(gone, "delete"), {"post": "yes"})
        items.append(item)
    return items, theme, other


def admin_url(item, view) -> str:
    opts = item._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return base if view == "list" else f"{base}{item.pk}/{view}/"


def editor_screens(items) -> list[str]:
    screens = ["/admin/"]
    for item in items:
        versions = Version.objects.get_for_object(item)
        deleted = Version.objects.get_deleted(type(item)).first()
        base = admin_url(item, "list")
        screens += [
            base,
            f"{base}?classement=sans-theme",
            f"{base}add/",
            admin_url(item, "change"),
            admin_url(item, "history"),
            f"{admin_url(item, 'history')}{versions.last().pk}/",
            f"{admin_url(item, 'history')}compare/?version_id1={versions.last().pk}"
            f"&version_id2={versions.first().pk}",
            admin_url(item, "delete"),
            f"{base}recover/",
            f"{base}recover/{deleted.pk}/",
        ]
    return screens


def moderator_screens(items, theme) -> list[str]:
    screens = ["/admin/", "/admin/cuf/theme/", "/admin/cuf/theme/add/"]
    screens += [f"/admin/cuf/theme/{theme.pk}/change/", "/admin/cuf/theme/sans-theme/"]
    screens += ["/admin/cuf/themeredirect/"]
    for item in items:
        versions = Version.objects.get_for_object(item)
        screens += [
            admin_url(item, "list"),
            admin_url(item, "change"),
            admin_url(item, "history"),
            f"{admin_url(item, 'history')}compare/?version_id1={versions.last().pk}"
            f"&version_id2={versions.first().pk}",
        ]
    return screens


def team_screens(member) -> list[str]:
    return ["/admin/auth/user/", "/admin/auth/user/add/", f"/admin/auth/user/{member.pk}/change/"]
