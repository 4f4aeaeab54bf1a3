"""The core app's models, each kept with its concern: themes (``cuf.themes``), the
publication base and its rule (``cuf.publishing``), editor images and attachments
(``cuf.files``), member organisations and their people (``cuf.members``)."""

from cuf.files.models import Attachment, AttachmentsRelation, EditorImage
from cuf.members.models import Member, MemberOrganisation
from cuf.publishing.models import (
    ContentVersion,
    PreviewRevocation,
    Publishable,
    PublishableQuerySet,
)
from cuf.publishing.rule import PublicationState, Status, publication_state, published_q
from cuf.themes.models import Theme, ThemedItem, ThemeRedirect, theme_name_key

__all__ = [
    "Attachment",
    "AttachmentsRelation",
    "ContentVersion",
    "EditorImage",
    "Member",
    "MemberOrganisation",
    "PreviewRevocation",
    "PublicationState",
    "Publishable",
    "PublishableQuerySet",
    "Status",
    "Theme",
    "ThemeRedirect",
    "ThemedItem",
    "publication_state",
    "published_q",
    "theme_name_key",
]
