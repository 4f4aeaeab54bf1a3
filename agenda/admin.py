from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agenda.forms import DateAndOptionalTime, EventAdminForm
from agenda.models import Event
from agenda.templatetags.agenda_tags import event_when
from cuf.admin.publishable import PublishableAdmin


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventAdminForm
    list_display = ["title", "starts_at", *PublishableAdmin.list_display[1:]]
    list_filter = [*PublishableAdmin.list_filter, "starts_at", "all_day"]
    search_fields = [*PublishableAdmin.search_fields, "place", "organiser", "body"]
    ordering = ["-starts_at"]
    fieldsets = (
        (None, {"fields": ["surtitre", "title", "slug", "body"]}),
        (_("Quand"), {"fields": ["starts_at", "ends_at", "all_day"]}),
        (_("Où"), {"fields": ["place", "online_url", "organiser"]}),
        (
            _("Inscription"),
            {"fields": ["registration_url", "registration_contact", "registration_deadline"]},
        ),
        *PublishableAdmin.publication_fieldsets,
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self._perm(request, "change"):
            return fieldsets
        # Read only (moderators): when it takes place as the site says it, never the
        # 00:00 and 23:59 stored for whole days.
        return [
            (name, {**options, "fields": _when_for_dates(options["fields"])})
            for name, options in fieldsets
        ]

    @admin.display(description=_("Quand"))
    def when(self, obj):
        return event_when(obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("starts_at", "ends_at"):
            return DateAndOptionalTime(
                label=db_field.verbose_name.capitalize(),
                required=not db_field.blank,
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def _when_for_dates(fields: list[str]) -> list[str]:
    shown = ["when" if name == "starts_at" else name for name in fields]
    return [name for name in shown if name != "ends_at"]
