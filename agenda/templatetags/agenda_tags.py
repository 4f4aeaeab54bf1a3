"""How an event's dates read on the portal."""

from django import template

from cuf.templatetags.cuf_tags import day_span, long_date, time_of_day

register = template.Library()


@register.filter
def event_when(event) -> str:
    """When an event takes place, in one French sentence-like line: the one text of an
    event's dates on pages, home blocks, feeds and the subscribe pages.

    Days read the same whether or not hours are set: « Du samedi 19 décembre au mardi
    22 décembre 2026 », « Du lundi 4 janvier à 10 h au mardi 5 janvier 2027 à 17 h »."""
    start, end = event.start_date, event.end_date
    if event.is_multi_day:
        if event.all_day:
            return day_span(start, end)
        return day_span(
            start,
            end,
            start_time=time_of_day(event.starts_at),
            end_time=time_of_day(event.ends_at),
        )
    day = long_date(start)
    if event.all_day:
        return f"Le {day}"
    if event.ends_at and event.ends_at != event.starts_at:
        return f"Le {day}, de {time_of_day(event.starts_at)} à {time_of_day(event.ends_at)}"
    return f"Le {day}, à {time_of_day(event.starts_at)}"
