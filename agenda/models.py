import datetime

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cuf.publishing.dates import is_plausible, plausible_constraint, plausible_date, plausible_q
from cuf.publishing.models import Publishable, PublishableQuerySet
from cuf.text.fields import RichTextField
from cuf.text.validators import single_line


def start_of_today():
    """Midnight today, in the portal's time zone."""
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


class EventQuerySet(PublishableQuerySet):
    def published(self):
        # A row whose dates slipped past the checks (written before them, or with checks
        # off) is never read: its dates could not be (cuf.publishing.dates).
        return (
            super()
            .published()
            .filter(
                plausible_q("starts_at"),
                plausible_q("ends_at", nullable=True),
                plausible_q("registration_deadline", day=True, nullable=True),
            )
        )

    def _with_last_moment(self):
        return self.annotate(last_moment=Coalesce("ends_at", "starts_at"))

    def upcoming(self):
        """Events not over before today, soonest first (an event running today counts)."""
        return (
            self._with_last_moment()
            .filter(last_moment__gte=start_of_today())
            .order_by("starts_at", "pk")
        )

    def past(self):
        """Events over before today, most recent first."""
        return (
            self._with_last_moment()
            .filter(last_moment__lt=start_of_today())
            .order_by("-starts_at", "-pk")
        )


# History: the item with its themes, restored together.
@reversion.register(follow=("theme_links",))
class Event(Publishable):
    starts_at = models.DateTimeField(_("début"), validators=[plausible_date])
    ends_at = models.DateTimeField(
        _("fin"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour un événement ponctuel."),
        validators=[plausible_date],
    )
    all_day = models.BooleanField(
        _("toute la journée"),
        default=False,
        help_text=_("Les heures sont alors ignorées : seules les dates comptent."),
    )
    place = models.CharField(_("lieu"), max_length=255, blank=True, validators=[single_line])
    online_url = models.URLField(_("lien de connexion en ligne"), max_length=500, blank=True)
    organiser = models.CharField(
        _("organisateur"), max_length=255, blank=True, validators=[single_line]
    )
    registration_url = models.URLField(_("lien d’inscription"), max_length=500, blank=True)
    registration_contact = models.CharField(
        _("contact pour l’inscription"), max_length=255, blank=True, validators=[single_line]
    )
    registration_deadline = models.DateField(
        _("date limite d’inscription"), null=True, blank=True, validators=[plausible_date]
    )
    body = RichTextField(_("description"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["starts_at"], name="agenda_event_starts"),
            # Upcoming and past events are read by their last moment: without it, finding
            # the next three events read every past one (14 ms of the home page on
            # 25 000 events).
            models.Index(Coalesce("ends_at", "starts_at"), name="agenda_event_last_moment"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="agenda_event_ends_after_start",
                violation_error_message=_("La fin ne peut pas précéder le début."),
            ),
            plausible_constraint("starts_at", name="agenda_event_starts_at_plausible"),
            plausible_constraint("ends_at", name="agenda_event_ends_at_plausible", nullable=True),
            plausible_constraint(
                "registration_deadline",
                name="agenda_event_registration_deadline_plausible",
                day=True,
                nullable=True,
            ),
        ]

    def get_absolute_url(self):
        return reverse("agenda:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not (is_plausible(self.starts_at) and is_plausible(self.ends_at)):
            return  # refused by the fields' own check; nothing here can read them
        if self.all_day and self.starts_at:
            # All-day events run from the first day's midnight to the last day's end; only
            # the dates count, so this comes before comparing the start and the end.
            start = timezone.localtime(self.starts_at).date()
            end = timezone.localtime(self.ends_at).date() if self.ends_at else start
            tz = timezone.get_current_timezone()
            self.starts_at = datetime.datetime.combine(start, datetime.time.min, tz)
            self.ends_at = datetime.datetime.combine(end, datetime.time(23, 59, 59), tz)
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("La fin ne peut pas précéder le début.")})

    @property
    def start_date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def end_date(self) -> datetime.date:
        return timezone.localtime(self.ends_at or self.starts_at).date()

    @property
    def is_over(self) -> bool:
        """Over before today: the agenda's own rule (``upcoming()`` and ``past()``)."""
        return (self.ends_at or self.starts_at) < start_of_today()

    @property
    def is_multi_day(self) -> bool:
        return self.end_date > self.start_date

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)
