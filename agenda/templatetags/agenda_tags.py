"""How an event's dates read on the portal."""

from django import template

from cuf.templatetags.cuf_tags import long_date, time_of_day

register = template.Library()


@register.filter
def event_when(event) -> str:
    """When an event takes place, in one French sentence-like line."""
    start, end = event.start_date, event.end_date
    if event.is_multi_day:
        if event.all_day:
            return f"Du {start:%d/%m/%Y} au {end:%d/%m/%Y}"
        # Hours matter when they are set: « Du lundi 4 janvier 2027 à 10 h au mardi … ».
        return (
            f"Du {long_date(start)} à {time_of_day(event.starts_at)}"
            f" au {long_date(end)} à {time_of_day(event.ends_at)}"
        )
    day = long_date(start)
    if event.all_day:
        return f"Le {day}"
    if event.ends_at and event.ends_at != event.starts_at:
        return f"Le {day}, de {time_of_day(event.starts_at)} à {time_of_day(event.ends_at)}"
    return f"Le {day}, à {time_of_day(event.starts_at)}"
