"""Member organisations and their people, in the admin: add, invite by e-mail, deactivate.

Who may manage them: the "Rédacteurs" role (cuf.accounts.roles), besides superusers.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path

from cuf.admin.wording import FrenchWordingAdmin
from cuf.members.csv_import import ORGANISATIONS, PEOPLE, decode, import_members
from cuf.members.models import Member, MemberOrganisation
from cuf.members.services import member_create, member_invite
from cuf.text.plain import Noun

INVITATIONS = Noun("invitation", "invitations", feminine=True)
MEMBERS = Noun("adhérent", "adhérents")
MEMBER_ORGANISATIONS = Noun("organisation adhérente", "organisations adhérentes", feminine=True)


@admin.register(MemberOrganisation)
class MemberOrganisationAdmin(FrenchWordingAdmin, admin.ModelAdmin):
    noun = MEMBER_ORGANISATIONS
    list_display = ["name", "kind", "country", "active", "member_count"]
    list_filter = ["active", "kind", "country"]
    search_fields = ["name"]
    actions = ["deactivate"]

    @admin.display(description="personnes")
    def member_count(self, obj):
        return obj.members.count()

    @admin.action(description="Désactiver les organisations sélectionnées")
    def deactivate(self, request, queryset):
        count = queryset.update(active=False)
        self.message_user(
            request, f"{ORGANISATIONS.count(count, 'désactivé')} : leurs personnes perdent l’accès."
        )


class MemberAddForm(forms.ModelForm):
    email = forms.EmailField(label="Adresse e-mail (identifiant)")
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    invite = forms.BooleanField(
        label="Envoyer l’invitation par e-mail", required=False, initial=True
    )

    class Meta:
        model = Member
        fields = ["organisation", "position"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model()._default_manager.filter(email__iexact=email).exists():
            raise ValidationError("Un compte utilise déjà cette adresse.")
        return email


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV",
        help_text=(
            "Première ligne : email, prenom, nom, organisation, et au choix type, pays, "
            "fonction ; séparateur virgule ou point-virgule."
        ),
    )
    dry_run = forms.BooleanField(
        label="Essai : vérifier le fichier sans rien enregistrer", required=False, initial=True
    )
    invite = forms.BooleanField(
        label="Envoyer les invitations par e-mail", required=False, initial=True
    )


@admin.register(Member)
class MemberAdmin(FrenchWordingAdmin, admin.ModelAdmin):
    noun = MEMBERS
    list_display = ["__str__", "email", "organisation", "active", "last_login"]
    list_filter = ["active", "organisation__active", "organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    actions = ["invite", "deactivate"]
    fields = ["user", "organisation", "position", "active"]
    readonly_fields = ["user"]

    change_list_template = "admin/cuf/member/change_list.html"

    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name="cuf_member_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """A CSV file of people and their organisations; a dry run first by default."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        report, error = None, ""
        form = MemberImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report = import_members(
                    text=decode(form.cleaned_data["file"].read()),
                    dry_run=form.cleaned_data["dry_run"],
                    invite=form.cleaned_data["invite"],
                    invited_by=request.user,
                )
            except ValidationError as refused:
                error = " ".join(refused.messages)
        context = {
            **self.admin_site.each_context(request),
            "title": "Importer des adhérents",
            "form": form,
            "report": report,
            "error": error,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/cuf/member/import.html", context)

    @admin.display(description="adresse e-mail")
    def email(self, obj):
        return obj.user.email

    @admin.display(description="dernière connexion")
    def last_login(self, obj):
        return obj.user.last_login

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = MemberAddForm
            kwargs["fields"] = None
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "first_name", "last_name", "organisation", "position", "invite"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def saved_outcome(self, request, obj, verb: str) -> str:
        outcome = super().saved_outcome(request, obj, verb)
        if verb == "ajouté" and request.POST.get("invite"):
            return f"{outcome} ; une invitation lui a été envoyée par e-mail"
        return outcome

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        created = member_create(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
            position=data.get("position", ""),
            invite=data.get("invite", False),
            invited_by=request.user,
        )
        obj.pk = created.pk
        obj.user = created.user

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    @admin.action(description="Envoyer une nouvelle invitation par e-mail")
    def invite(self, request, queryset):
        members = list(queryset.select_related("user", "organisation"))
        for member in members:
            member_invite(member=member, invited_by=request.user)
        self.message_user(
            request, f"{INVITATIONS.count(len(members), 'envoyé')}.", messages.SUCCESS
        )

    @admin.action(description="Désactiver les personnes sélectionnées")
    def deactivate(self, request, queryset):
        count = queryset.update(active=False)
        self.message_user(request, f"{PEOPLE.count(count, 'désactivé')} : accès retiré.")
