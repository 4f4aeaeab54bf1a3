"""The API's schemas: what every item has, and each type's own fields, built from its
registration (``ContentTypeConfig.api``) so that a new type needs no schema written here.

Descriptions are in French: they are what partners read in the documentation.
"""

import datetime
from functools import cache
from typing import Any, Literal

from django.db import models
from pydantic import BaseModel, Field, create_model

from cuf import content_types


class Schema(BaseModel):
    """What the API answers is built as dicts (api.serialise), validated by pydantic as
    they are: ninja's own Schema wraps every nested object to read Django models' attributes,
    a tenth of a list's time for nothing here."""


class Theme(Schema):
    slug: str = Field(description="Identifiant du thème dans les adresses et les filtres.")
    name: str = Field(description="Nom du thème.")
    kind: Literal["thematique", "pays-region"] = Field(description="Thématique ou pays / région.")
    url: str = Field(description="Page du thème sur le site (adresse absolue).")


class ThemeWithCount(Theme):
    description: str
    kind_label: str = Field(description="« Thématique » ou « Pays / région ».")
    count: int = Field(description="Nombre d’éléments publiés sur ce thème, tous types confondus.")


class ThemeKind(Schema):
    value: str
    label: str
    count: int = Field(description="Nombre de thèmes de ce type ayant du contenu publié.")


class ThemeList(Schema):
    count: int
    kinds: list[ThemeKind]
    results: list[ThemeWithCount]


class File(Schema):
    title: str
    url: str = Field(description="Adresse de téléchargement (absolue).")
    format: str = Field(description="Format lisible : « PDF », « JPEG »…")
    media_type: str = Field(description="Type MIME.")
    size: int = Field(description="Taille en octets.")


class Rendition(Schema):
    width: int
    url: str


class Image(Schema):
    url: str = Field(description="L’image telle qu’envoyée (adresse absolue).")
    alt: str = Field(description="Texte alternatif : ce que montre l’image.")
    credit: str
    width: int | None
    height: int | None
    renditions: list[Rendition] = Field(description="Copies redimensionnées, par largeur.")


class Item(Schema):
    """What every item has, whatever its type."""

    id: str = Field(
        description="Identifiant stable : le type et le numéro (« communiques:12 »), "
        "inchangé quand le titre ou l’adresse changent."
    )
    type: str = Field(description="Le type (« communiques », « agenda »…).")
    type_label: str
    pk: int = Field(description="Le numéro de l’élément dans son type.")
    access: Literal["full", "teaser"] = Field(
        description="« full » : l’élément entier ; « teaser » : un aperçu seulement (texte, "
        "fichiers, images et champs propres au type à null), pour un contenu réservé."
    )
    title: str
    surtitre: str
    slug: str = Field(description="Partie de l’adresse sur le site ; peut changer.")
    url: str = Field(description="Page de l’élément sur le site (adresse absolue).")
    api_url: str = Field(description="Cet élément dans l’API (adresse absolue).")
    date: datetime.datetime = Field(
        description="La date que le site affiche dans les listes : le début d’un événement, "
        "la publication pour le reste."
    )
    published_at: datetime.datetime
    updated_at: datetime.datetime = Field(
        description="Dernière modification (l’élément, ses fichiers ou ses thèmes)."
    )
    expires_at: datetime.datetime | None = Field(description="Fin de publication prévue.")
    summary: str = Field(description="Résumé en texte brut.")
    body_html: str | None = Field(description="Le texte, en HTML nettoyé.")
    body_text: str | None = Field(description="Le texte, en texte brut.")
    themes: list[Theme]
    files: list[File] | None
    images: list[Image] | None
    fields: dict[str, Any] | None = Field(description="Les champs propres au type.")


class Page(Schema):
    count: int = Field(description="Nombre total d’éléments, toutes pages confondues.")
    page: int
    page_size: int
    next: str | None = Field(description="Page suivante (adresse absolue), ou null.")
    previous: str | None = Field(description="Page précédente (adresse absolue), ou null.")


class ItemPage(Page):
    results: list[Item]


class Removed(Schema):
    id: str
    type: str
    pk: int
    removed_at: datetime.datetime
    reason: Literal["deleted", "unpublished", "expired"] = Field(
        description="Supprimé, retiré du site (dépublié ou reprogrammé) ou arrivé en fin de "
        "publication."
    )


class RemovedPage(Page):
    results: list[Removed]


class FacetOption(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Facets(Schema):
    types: list[FacetOption]
    themes: list[FacetOption]
    years: list[FacetOption]


class Hit(Schema):
    id: str
    type: str = Field(description="Le type, ou « themes » pour un thème.")
    type_label: str
    pk: int
    title: str
    title_html: str = Field(description="Le titre, les mots trouvés entre <mark>.")
    excerpt_html: str = Field(description="Un extrait, les mots trouvés entre <mark>.")
    url: str
    api_url: str | None
    date: datetime.datetime | None


class SearchResults(Page):
    q: str = Field(description="La recherche telle que lue (coupée à 200 caractères).")
    truncated: bool
    suggestion: str | None = Field(
        description="Sans résultat pour la recherche : les résultats sont ceux de cette "
        "correction (PostgreSQL seulement)."
    )
    facets: Facets
    results: list[Hit]


class Problem(Schema):
    """An error, as RFC 9457 describes it (application/problem+json), in French."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, str]] = Field(default_factory=list)


# -- Each type's schema, from its registration --------------------------------------------


def _python_type(field: models.Field):
    if field.choices:
        kind = Literal[tuple(str(value) for value, _label in field.flatchoices)]
    elif isinstance(field, models.BooleanField):
        kind = bool
    elif isinstance(field, models.DateTimeField):
        kind = datetime.datetime
    elif isinstance(field, models.DateField):
        kind = datetime.date
    elif isinstance(field, models.IntegerField):
        kind = int
    else:
        kind = str
    return kind | None if field.null else kind


def _class_name(config) -> str:
    return "".join(part.capitalize() for part in config.key.replace("-", "_").split("_"))


@cache
def fields_schema(key: str) -> type[Schema]:
    config = content_types.for_key(key)
    model = config.model
    definitions = {}
    for name in config.api.fields:
        field = model._meta.get_field(name)
        definitions[name] = (
            _python_type(field),
            Field(description=str(field.verbose_name).capitalize()),
        )
    return create_model(f"{_class_name(config)}Fields", __base__=Schema, **definitions)


@cache
def item_schema(key: str) -> type[Schema]:
    config = content_types.for_key(key)
    fields = fields_schema(key)
    return create_model(
        f"{_class_name(config)}Item",
        __base__=Item,
        __doc__=f"{config.label} : ce que tout élément a, et ses champs propres.",
        fields=(fields | None, Field(description="Les champs propres au type.")),
    )


@cache
def page_schema(key: str) -> type[Schema]:
    config = content_types.for_key(key)
    return create_model(
        f"{_class_name(config)}Page", __base__=Page, results=(list[item_schema(key)], ...)
    )
