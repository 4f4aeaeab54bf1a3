"""User accounts in the admin: managed by whoever may change them; only named to others.

Editors need to find a person for an item's author field (the admin's autocomplete asks
for the "view" permission on users), not to read accounts: e-mail addresses, roles,
superuser flags and password hashes stay with those who manage accounts.

Whoever manages accounts adds and edits a team member with one short French form: name,
e-mail, role (``cuf.accounts.roles.TEAM_ROLES``, each with what it may do) and active.
Access to the admin ("Statut équipe") follows from the role; the new member is invited by
e-mail to choose a password (``cuf.accounts.invitations``). Raw permissions, groups and
the superuser flag stay on Django's own form, for superusers only.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cuf.accounts.invitations import invitation_lifetime, invitation_send
from cuf.accounts.roles import TEAM_ROLES, team_role
from cuf.admin.lists import FiltersOnlyAdmin
from cuf.admin.wording import FrenchPermissionsAdmin, FrenchWordingAdmin
from cuf.text.plain import Noun

User = get_user_model()


class RoleSelect(forms.RadioSelect):
    """Each role with the sentence that says what it may do."""

    option_template_name = "admin/cuf/role_option.html"


class TeamMemberForm(forms.ModelForm):
    """A team member as whoever manages accounts knows them: no permission, no group."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("L’invitation y est envoyée ; elle sert aussi d’identifiant de connexion."),
    )
    role = forms.ChoiceField(label=_("Rôle"), widget=RoleSelect)
    is_active = forms.BooleanField(
        label=_("Actif"),
        required=False,
        initial=True,
        help_text=_("Décochez pour retirer l’accès sans supprimer le compte ni son historique."),
    )
    send_invitation = forms.BooleanField(
        label=_("Envoyer une nouvelle invitation à choisir le mot de passe"),
        required=False,
        help_text=_("Par exemple si la première a expiré, ou pour un mot de passe perdu."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role.group, role) for role in TEAM_ROLES]
        if self.instance.pk:
            current = self.instance.groups.filter(name__in=[r.group for r in TEAM_ROLES])
            self.initial["role"] = current.values_list("name", flat=True).first()
        else:
            del self.fields["send_invitation"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = User._default_manager.exclude(pk=self.instance.pk)
        if (
            others.filter(email__iexact=email).exists()
            or others.filter(username__iexact=email).exists()
        ):
            raise forms.ValidationError(_("Un autre compte utilise déjà cette adresse."))
        return email

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=False)
        creating = user.pk is None
        if creating:
            user.username = user.email
            # No one signs in before choosing a password through the invitation.
            user.set_unusable_password()
        # A role is what opens the admin ("Statut équipe").
        user.is_staff = True
        user.save()
        team_groups = Group.objects.filter(name__in=[role.group for role in TEAM_ROLES])
        user.groups.remove(*team_groups)
        user.groups.add(Group.objects.get(name=self.cleaned_data["role"]))
        self.save_m2m = lambda: None  # the groups are set above, nothing else is in the form
        return user


class PortalGroupAdmin(FrenchWordingAdmin, FrenchPermissionsAdmin, FiltersOnlyAdmin, GroupAdmin):
    """Groups (the two roles): their list reads only its own filters, as every list."""

    noun = Noun("groupe", "groupes")


class PortalUserAdmin(FrenchWordingAdmin, FrenchPermissionsAdmin, FiltersOnlyAdmin, UserAdmin):
    noun = Noun("membre de l’équipe", "membres de l’équipe")
    # Django's add page explains its two-step password form, which is not used here.
    add_form_template = None
    # The autocomplete shows a name, never an address.
    search_fields = ["username", "first_name", "last_name"]
    list_display = ["username", "full_name", "email", "role_names", "active"]
    list_filter = ["is_active", "groups"]
    team_fieldsets = (
        (None, {"fields": ["first_name", "last_name", "email", "role", "is_active"]}),
    )

    def _manages_accounts(self, request) -> bool:
        return request.user.has_perm(f"{User._meta.app_label}.change_{User._meta.model_name}")

    def _team_form(self, request, obj) -> bool:
        """The short form: for every new account, and for all but superusers."""
        return obj is None or not request.user.is_superuser

    def get_form(self, request, obj=None, **kwargs):
        if self._team_form(request, obj):
            kwargs["form"] = TeamMemberForm
            kwargs["fields"] = None
            return admin.ModelAdmin.get_form(self, request, obj, **kwargs)
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if self._team_form(request, obj):
            fields = list(self.team_fieldsets[0][1]["fields"])
            if obj is not None:
                fields.append("send_invitation")
            return ((None, {"fields": fields}),)
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if self._team_form(request, obj) else super().get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        # A superuser's account is changed by superusers only: whoever could change its
        # address could take it over through "Mot de passe oublié".
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("nom"))
    def full_name(self, obj):
        return obj.get_full_name()

    @admin.display(description=_("actif"), ordering="is_active")
    def active(self, obj):
        return _("oui") if obj.is_active else _("non")

    @admin.display(description=_("rôle"))
    def role_names(self, obj):
        if obj.is_superuser:
            return _("Administrateur (tous les droits)")
        roles = [team_role(group.name) for group in obj.groups.all()]
        return ", ".join(role.label for role in roles if role is not None) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        invite = not change or (form.cleaned_data.get("send_invitation") and obj.is_active)
        if isinstance(form, TeamMemberForm) and invite:
            role = team_role(form.cleaned_data["role"])
            invitation_send(user=obj, role_label=role.label, invited_by=request.user)
            request._cuf_invited = True

    def _saved_message(self, request, obj, verb: str):
        role = self.role_names(obj)
        name = obj.get_full_name() or obj.get_username()
        if verb == "ajouté":
            message = format_html(
                "{} fait maintenant partie de l’équipe ({}).", name, str(role).lower()
            )
        else:
            message = format_html("Le compte de {} a été modifié.", name)
        if getattr(request, "_cuf_invited", False):
            message = format_html(
                "{} Une invitation à choisir son mot de passe part à {} ; le lien fonctionne "
                "{}, une seule fois.",
                message,
                obj.email,
                invitation_lifetime(),
            )
        return message

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if not obj.is_active:
            self.message_user(
                request, _("Ce compte est inactif : il ne peut pas se connecter."), messages.WARNING
            )
        return response

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
