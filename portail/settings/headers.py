"""The headers that say what pages may load and use: Content-Security-Policy (django-csp)
and Permissions-Policy (django-permissions-policy)."""

from csp.constants import NONE, SELF

# The only third-party frames: the video players a visitor starts (resources, click to load).
PLAYERS = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.dailymotion.com",
    "https://geo.dailymotion.com",
]

# Content-Security-Policy: our own scripts, styles and media only; the only third-party
# frames are the video players a visitor asks for (click to load). It covers the admin too,
# where cuf.operations.csp.PortalCSPMiddleware adds inline styles and blob: images for the rich-text
# editor (CKEditor 5); scripts stay limited to the site's own files there as well.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": PLAYERS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Permissions-Policy: nothing of the portal uses the camera, the microphone, the position
# or payments; the video players a visitor starts may go full screen and play.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": PLAYERS,
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": PLAYERS,
    "fullscreen": ["self", *PLAYERS],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": PLAYERS,
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
