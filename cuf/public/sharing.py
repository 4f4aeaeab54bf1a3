"""The image a page is shared with (Open Graph, X) and the images of its structured data.

Every page has one: the item's own image where it has one (a news item's, a photo
resource's), else the network's image, made in the sizes the platforms ask for:
1200 × 630 for link previews (Facebook, LinkedIn, X's large card), and 1:1, 4:3 and 16:9
at 1200 px wide for search engines' rich results (Google asks for the three ratios).
"""

from dataclasses import dataclass

from django.templatetags.static import static

from cuf.files.renditions import ImageSources

# Link previews: the size Facebook and LinkedIn recommend, X's large card.
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630
DEFAULT_SHARE = "cuf/img/partage-1200x630.png"
# Rich results: one image per ratio, at least 1200 px wide.
DEFAULT_IMAGES = (
    "cuf/img/partage-1200x1200.png",
    "cuf/img/partage-1200x900.png",
    "cuf/img/partage-1200x675.png",
)
DEFAULT_ALT = "Le logotype du réseau et le nom du portail, en blanc sur fond bleu"


@dataclass(frozen=True)
class ShareImage:
    path: str  # on the site, absolute once written out
    width: int
    height: int
    alt: str
    type: str = ""


def default_share_image() -> ShareImage:
    return ShareImage(static(DEFAULT_SHARE), SHARE_WIDTH, SHARE_HEIGHT, DEFAULT_ALT, "image/png")


def share_image(sources: ImageSources | None = None, alt: str = "") -> ShareImage:
    """The item's image at about 1200 px wide (never enlarged), or the network's."""
    if sources is None:
        return default_share_image()
    chosen = sources.at(SHARE_WIDTH)
    return ShareImage(chosen.src, chosen.width, chosen.height, alt)


def image_urls(absolute, sources: ImageSources | None = None) -> list[str]:
    """schema.org ``image``: the item's own image, else the network's in three ratios."""
    if sources is not None:
        return [absolute(sources.at(SHARE_WIDTH).src)]
    return [absolute(static(path)) for path in DEFAULT_IMAGES]
