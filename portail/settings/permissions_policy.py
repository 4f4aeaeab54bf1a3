"""The Permissions-Policy every answer is sent with (django-permissions-policy): the
powerful browser features the portal never uses are off."""

from portail.settings.csp import CONTENT_SECURITY_POLICY

# The only third-party frames: the video players a visitor starts (resources).
PLAYERS = CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]

# Nothing of the portal uses the camera, the microphone, the position or payments; the
# video players may go full screen and play.
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
