"""User accounts in the admin: managed by whoever may change them; only named to others.

Editors need to find a person for an item's author field (the admin's autocomplete asks
for the "view" permission on users), not to read accounts: e-mail addresses, roles,
superuser flags and password hashes stay with those who manage accounts.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from cuf.admin.lists import FiltersOnlyAdmin

User = get_user_model()


class PortalGroupAdmin(FiltersOnlyAdmin, GroupAdmin):
    """Groups (the two roles): their list reads only its own filters, as every list."""


class PortalUserAdmin(FiltersOnlyAdmin, UserAdmin):
    # The autocomplete shows a name, never an address.
    search_fields = ["username", "first_name", "last_name"]

    def _manages_accounts(self, request) -> bool:
        return request.user.has_perm(f"{User._meta.app_label}.change_{User._meta.model_name}")

    def has_module_permission(self, request):
        # Not listed on the admin's home for those who may only name users.
        return self._manages_accounts(request)

    def changelist_view(self, request, extra_context=None):
        if not self._manages_accounts(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self._manages_accounts(request):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not self._manages_accounts(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


def register() -> None:
    for model, model_admin in ((User, PortalUserAdmin), (Group, PortalGroupAdmin)):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, model_admin)
