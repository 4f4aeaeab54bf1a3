"""An event's schema.org description (JSON-LD), for search engines and calendars."""

from cuf.public.sharing import image_urls
from cuf.public.structured_data import description


def event(item, absolute) -> dict:
    online, on_site = bool(item.online_url), bool(item.place)
    if online and on_site:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    locations = []
    if on_site:
        locations.append({"@type": "Place", "name": item.place, "address": item.place})
    if online:
        locations.append({"@type": "VirtualLocation", "url": item.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "description": description(item.body),
        "url": absolute(item.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "inLanguage": "fr",
        # Events have no image of their own: the network's, in the three ratios.
        "image": image_urls(absolute),
    }
    if item.all_day:
        data["startDate"] = item.start_date.isoformat()
        data["endDate"] = item.end_date.isoformat()
    else:
        data["startDate"] = item.starts_at.isoformat()
        if item.ends_at:
            data["endDate"] = item.ends_at.isoformat()
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if item.organiser:
        data["organizer"] = {"@type": "Organization", "name": item.organiser}
    return data
