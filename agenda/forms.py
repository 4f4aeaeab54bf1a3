"""The event form of the admin: an all-day event needs dates, not hours."""

import datetime

from django import forms
from django.utils import timezone

from cuf.admin.publishable import LabelledSplitDateTime

NEEDS_A_TIME = "Indiquez l’heure, ou cochez « Toute la journée »."


class DateAndOptionalTime(forms.SplitDateTimeField):
    """A date and a time, the time may stay empty (midnight, for an all-day event: the
    form says when a time is needed)."""

    # Django's date and time inputs, each with its own label.
    widget = LabelledSplitDateTime

    def __init__(self, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.fields[1].required = False

    def compress(self, data_list):
        if not data_list or data_list[0] in self.empty_values:
            return None
        day, time = data_list[0], data_list[1] if len(data_list) > 1 else None
        moment = datetime.datetime.combine(day, time or datetime.time.min)
        return timezone.make_aware(moment)


class EventAdminForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.all_day and not self.is_bound:
            # Whole days are stored from midnight to 23:59:59: hours the editor never
            # typed, and which the form ignores. Shown are the dates alone.
            for name in ("starts_at", "ends_at"):
                value = getattr(self.instance, name)
                if value is not None and name in self.fields:
                    self.initial[name] = [timezone.localtime(value).date(), None]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_day"):
            for name in ("starts_at", "ends_at"):
                date_given = self.data.get(f"{name}_0", "").strip()
                time_given = self.data.get(f"{name}_1", "").strip()
                if date_given and not time_given and name not in self.errors:
                    self.add_error(name, NEEDS_A_TIME)
        return cleaned
