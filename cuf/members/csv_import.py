"""Importing member organisations and people from a CSV file, with a dry run and a French
report of the lines refused.

Columns (first line, in any order, case and accents ignored): ``email``, ``prenom``,
``nom``, ``organisation``, and optionally ``type`` (région, département, commune,
intercommunalité, autre), ``pays``, ``fonction``. Separated by commas or semicolons
(spreadsheets in French write semicolons), in UTF-8 (with or without BOM) or Windows-1252.
An organisation is found by its name (case ignored) or created; each person gets an
account and, unless told otherwise, an invitation by e-mail.
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from cuf.members.models import Member, MemberOrganisation
from cuf.members.services import member_create
from cuf.text.plain import Noun, fold

REQUIRED = ("email", "prenom", "nom", "organisation")
KINDS = {fold(str(label)): value for value, label in MemberOrganisation.Kind.choices}
MAX_BYTES = 2_000_000
PEOPLE = Noun("personne", "personnes", feminine=True)
ORGANISATIONS = Noun("organisation", "organisations", feminine=True)
LINES = Noun("ligne", "lignes", feminine=True)


@dataclass
class ImportReport:
    dry_run: bool
    created_members: list[str] = field(default_factory=list)
    created_organisations: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [
            self._counted(PEOPLE, len(self.created_members), "ajouté"),
            self._counted(ORGANISATIONS, len(self.created_organisations), "créé"),
            LINES.count(len(self.refused), "refusé"),
        ]
        prefix = "Essai (rien n’est enregistré) : " if self.dry_run else ""
        return prefix + ", ".join(parts) + "."

    def _counted(self, noun: Noun, count: int, participle: str) -> str:
        """ "2 personnes ajoutées", or in a dry run "1 personne serait ajoutée"."""
        if not self.dry_run:
            return noun.count(count, participle)
        verb = "seraient" if count > 1 else "serait"
        return f"{noun.count(count)} {verb} {noun.agree(participle, count)}"


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError("Le fichier dépasse 2 Mo.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(text: str):
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise ValidationError("Le fichier est vide.")
    names = [fold(name.strip()).replace(" ", "") for name in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ValidationError(
            "Colonnes manquantes sur la première ligne : " + ", ".join(missing) + "."
        )
    number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # A quote never closed, a field past the csv module's limit: nothing after it
            # can be read as the lines the person sees in their spreadsheet.
            yield number + 1, None
            return
        number += 1
        if not any(value.strip() for value in values):
            continue
        yield (
            number,
            {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(names)},
        )


def import_members(
    *, text: str, dry_run: bool, invite: bool = True, invited_by=None
) -> ImportReport:
    """Read ``text`` (a CSV file's content); with ``dry_run`` nothing is written (the whole
    import runs in a transaction that is rolled back), and no mail leaves."""
    report = ImportReport(dry_run=dry_run)
    User = get_user_model()
    try:
        with transaction.atomic():
            seen: set[str] = set()
            for number, row in _rows(text):
                if row is None:
                    report.refused.append(
                        f"Ligne {number} : ligne illisible (guillemet non refermé ?), "
                        "lecture arrêtée."
                    )
                    break
                email = row["email"].lower()
                refused = _refusal(row, email, seen, User)
                if refused:
                    report.refused.append(f"Ligne {number} : {refused}")
                    continue
                seen.add(email)
                organisation = MemberOrganisation.objects.filter(
                    name__iexact=row["organisation"]
                ).first()
                if organisation is None:
                    organisation = MemberOrganisation.objects.create(
                        name=row["organisation"],
                        kind=KINDS.get(fold(row.get("type", "")), MemberOrganisation.Kind.OTHER)
                        if row.get("type")
                        else MemberOrganisation.Kind.OTHER,
                        country=row.get("pays") or "France",
                    )
                    report.created_organisations.append(organisation.name)
                member_create(
                    email=email,
                    first_name=row["prenom"],
                    last_name=row["nom"],
                    organisation=organisation,
                    position=row.get("fonction", ""),
                    invite=invite and not dry_run,
                    invited_by=invited_by,
                )
                report.created_members.append(f"{row['prenom']} {row['nom']} <{email}>")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _DryRun(Exception):
    pass


def _too_long(row: dict, email: str, User) -> bool:
    """Whether a value exceeds what its column holds (the login is the address)."""
    limits = {
        "email": User._meta.get_field("username").max_length,
        "prenom": User._meta.get_field("first_name").max_length,
        "nom": User._meta.get_field("last_name").max_length,
        "organisation": MemberOrganisation._meta.get_field("name").max_length,
        "pays": MemberOrganisation._meta.get_field("country").max_length,
        "fonction": Member._meta.get_field("position").max_length,
    }
    values = {**row, "email": email}
    return any(len(values.get(name, "")) > limit for name, limit in limits.items())


def _refusal(row: dict, email: str, seen: set[str], User) -> str:
    if any("\x00" in value for value in row.values()):
        # No database column takes it; a damaged export, most likely.
        return "caractère nul dans la ligne (fichier abîmé ?)."
    if _too_long(row, email, User):
        return (
            "texte trop long (adresse e-mail : 150 caractères, prénom et nom : 150, "
            "organisation : 255, pays : 100, fonction : 255)."
        )
    if not email:
        return "adresse e-mail manquante."
    try:
        validate_email(email)
    except ValidationError:
        return f"adresse e-mail invalide (« {email} »)."
    if email in seen:
        return f"adresse e-mail déjà présente plus haut dans le fichier (« {email} »)."
    if User._default_manager.filter(email__iexact=email).exists() or (
        User._default_manager.filter(username__iexact=email).exists()
    ):
        return f"un compte utilise déjà l’adresse « {email} »."
    if not row["prenom"] or not row["nom"]:
        return "prénom ou nom manquant."
    if not row["organisation"]:
        return "organisation manquante."
    if row.get("type") and fold(row["type"]) not in KINDS:
        return (
            f"type d’organisation inconnu (« {row['type']} ») : région, département, commune, "
            "intercommunalité ou autre."
        )
    return ""
