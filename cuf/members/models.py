"""Member organisations (the member authorities) and the people who read for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cuf.operations.backups.rules import KEPT


class MemberOrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class MemberOrganisation(models.Model):
    """A member authority: a region, a department, a commune, an intercommunality…"""

    class Kind(models.TextChoices):
        REGION = "region", _("région")
        DEPARTMENT = "departement", _("département")
        COMMUNE = "commune", _("commune")
        INTERCOMMUNALITY = "intercommunalite", _("intercommunalité")
        OTHER = "autre", _("autre")

    backup_rows = KEPT

    name = models.CharField(_("nom"), max_length=255, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.COMMUNE)
    country = models.CharField(_("pays"), max_length=100, default="France")
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Décochez pour retirer l’accès à toutes les personnes de l’organisation."),
    )
    created = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = MemberOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation adhérente")
        verbose_name_plural = _("organisations adhérentes")
        ordering = ["name"]
        get_latest_by = "created"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["region", "departement", "commune", "intercommunalite", "autre"]
                ),
                name="cuf_memberorganisation_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:cuf_memberorganisation_change", args=[self.pk])


class MemberQuerySet(models.QuerySet):
    def active(self):
        """People who may read reserved items: active, of an active organisation, with an
        account that may sign in and is not staff."""
        return self.filter(
            active=True,
            organisation__active=True,
            user__is_active=True,
            user__is_staff=False,
        )


class Member(models.Model):
    """A person of a member organisation, with an account that is never staff."""

    backup_rows = KEPT

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="member",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(_("fonction"), max_length=255, blank=True)
    active = models.BooleanField(
        _("actif"), default=True, help_text=_("Décochez pour retirer l’accès à cette personne.")
    )
    created = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    updated = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("adhérent")
        verbose_name_plural = _("adhérents")
        ordering = ["organisation__name", "user__last_name", "user__first_name"]
        get_latest_by = "created"
        indexes = [models.Index(fields=["organisation", "active"], name="cuf_member_org_active")]

    def __str__(self):
        return self.user.get_full_name() or self.user.email or self.user.get_username()

    def get_absolute_url(self):
        return reverse("admin:cuf_member_change", args=[self.pk])

    def clean(self):
        super().clean()
        if self.user_id and self.user.is_staff:
            raise ValidationError(
                {"user": _("Un compte de l’équipe ne peut pas être un compte d’adhérent.")}
            )
