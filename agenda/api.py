"""What the JSON API (api/) says of an event besides what every item has: when, where,
online or not, and how to register."""

from cuf.content_types import ApiFields

API_FIELDS = ApiFields(
    fields=(
        "starts_at",
        "ends_at",
        "all_day",
        "place",
        "online_url",
        "organiser",
        "registration_url",
        "registration_contact",
        "registration_deadline",
    ),
    periods=("upcoming", "past"),
)
