"""The Content-Security-Policy every page is sent with, the admin's included."""

from csp.constants import NONE, SELF

# Content-Security-Policy: our own scripts, styles and media only; the only third-party
# frames are the video players a visitor asks for (click to load). It covers the admin too,
# where cuf.operations.csp.PortalCSPMiddleware adds inline styles and blob: images for the
# rich-text editor (CKEditor 5); scripts stay limited to the site's own files there as well.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://www.dailymotion.com",
            "https://geo.dailymotion.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
