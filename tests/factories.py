import datetime

import factory
from django.utils.text import slugify

from actualites.models import NewsItem
from agenda.models import Event
from communiques.models import Communique
from cuf.files.models import Attachment
from cuf.publishing.rule import Status
from cuf.themes.models import Theme
from resources.models import Resource
from tests.files import pdf_upload
from tests.helpers import days_from_now
from tests.publications.models import Publication


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Theme.Kind.TOPIC


class PublishableFactory(factory.django.DjangoModelFactory):
    """Published yesterday unless told otherwise; ``themes=[...]`` tags the item.

    Traits give the other publication states: ``draft=True``, ``scheduled=True`` (for
    tomorrow), ``expired=True`` (published ten days ago, ended yesterday).
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Status.DRAFT)
        scheduled = factory.Trait(published_at=factory.LazyFunction(lambda: days_from_now(1)))
        expired = factory.Trait(
            published_at=factory.LazyFunction(lambda: days_from_now(-10)),
            expires_at=factory.LazyFunction(lambda: days_from_now(-1)),
        )

    title = factory.Sequence(lambda n: f"Élément numéro {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: days_from_now(-1))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class CommuniqueFactory(PublishableFactory):
    class Meta:
        model = Communique

    title = factory.Sequence(lambda n: f"Communiqué numéro {n}")
    issuer = "MEAE/DAECT"
    place = "Paris"
    body = "<p>Texte du communiqué.</p>"


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attached document with a real PDF, checked and measured as the admin would; a
    communiqué's unless ``item`` says otherwise."""

    class Meta:
        model = Attachment

    item = factory.SubFactory(CommuniqueFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    position = factory.Sequence(lambda n: n)
    file = factory.LazyFunction(pdf_upload)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document.full_clean()
        document.save()
        return document


class EventFactory(PublishableFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Événement numéro {n}")
    starts_at = factory.LazyFunction(lambda: days_from_now(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place = "Paris"
    body = "<p>Description de l’événement.</p>"


class NewsItemFactory(PublishableFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"Actualité numéro {n}")
    source = "CUF"
    summary = "Résumé de l’actualité."
    body = "<p>Texte de l’actualité.</p>"


class ResourceFactory(PublishableFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Ressource numéro {n}")
    kind = Resource.Kind.VIDEO
    external_url = "https://www.youtube.com/watch?v=exemple"
    description = "<p>Description de la ressource.</p>"
    image_alt = factory.LazyAttribute(
        lambda o: f"Photo : {o.title}" if o.kind == Resource.Kind.PHOTO else ""
    )


class PublicationFactory(PublishableFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Publication numéro {n}")
    body = "<p>Texte de la publication.</p>"


# The factory of every registered content type, by "app_label.model".
FACTORIES: dict[str, type[PublishableFactory]] = {
    factory_class._meta.model._meta.label_lower: factory_class
    for factory_class in (
        CommuniqueFactory,
        EventFactory,
        NewsItemFactory,
        ResourceFactory,
        PublicationFactory,
    )
}


def factory_for(config) -> type[PublishableFactory]:
    """The factory of a registered content type (cuf.content_types.ContentTypeConfig)."""
    return FACTORIES[config.label_lower]


def resource_with_file(*, kind, upload, themes=(), **fields) -> Resource:
    """A resource with an uploaded file, checked and measured as the admin would."""
    resource = ResourceFactory.build(kind=kind, file=upload, external_url="", **fields)
    resource.full_clean()
    resource.save()
    if themes:
        resource.themes.set(themes)
    return resource


def every_type_factory() -> list[type[PublishableFactory]]:
    """The factory of each registered content type, in registration order."""
    from cuf import content_types

    return [factory_for(config) for config in content_types.all_types()]
