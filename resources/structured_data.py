"""A resource's schema.org description (JSON-LD): a VideoObject, an AudioObject, an
ImageObject or, for a text, a CreativeWork with its file as a MediaObject."""

from cuf.public.sharing import image_urls
from cuf.public.structured_data import description, publisher
from resources.models import Resource

SCHEMA_TYPES = {
    Resource.Kind.VIDEO: "VideoObject",
    Resource.Kind.SOUND: "AudioObject",
    Resource.Kind.PHOTO: "ImageObject",
    Resource.Kind.TEXT: "CreativeWork",
}


def resource(item: Resource, absolute) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[item.kind],
        "name": item.title,
        "description": description(item.description) or item.title,
        "url": absolute(item.get_absolute_url()),
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated.isoformat(),
        "inLanguage": "fr",
        "publisher": publisher(absolute),
        "keywords": [theme.name for theme in item.themes.all()],
        "image": image_urls(absolute, item.image_sources),
    }
    if item.credit:
        data["creditText"] = item.credit
        data["copyrightHolder"] = {"@type": "Organization", "name": item.credit}
    file_url = absolute(item.file_url) if item.file else ""
    if item.kind == Resource.Kind.TEXT:
        if file_url:
            data["associatedMedia"] = {
                "@type": "MediaObject",
                "contentUrl": file_url,
                "encodingFormat": item.content_type,
                "contentSize": str(item.size),
            }
        return data
    # Media objects: the file itself, or the external player.
    data["uploadDate"] = item.published_at.isoformat()
    if file_url:
        data["contentUrl"] = file_url
        data["encodingFormat"] = item.content_type
        data["contentSize"] = str(item.size)
    elif item.video_embed:
        data["embedUrl"] = item.video_embed.embed_url
    elif item.external_url:
        data["contentUrl"] = item.external_url
    if item.kind == Resource.Kind.VIDEO:
        # Google's video results need a thumbnail.
        data["thumbnailUrl"] = data["image"]
    if item.kind == Resource.Kind.PHOTO and item.image_alt:
        data["caption"] = item.image_alt
    if item.transcript:
        data["transcript"] = item.transcript
    return data
