"""Admin lists that read only what their filters and date hierarchy offer: anything else
in the query string leads back to the unfiltered list."""

import datetime

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList

from cuf.text.querystrings import integer, readable


class FiltersOnlyChangeList(ChangeList):
    """A list that reads from its query string only what its filters and its date
    hierarchy offer, with values they can read (cuf.text.querystrings).

    Anything else is the admin's own "invalid filter" (back to the unfiltered list), never
    a server error: a lookup no filter offers (``title__regex=[``), a value holding a NUL
    (which PostgreSQL refuses) or too long, a date the calendar cannot step from
    (``published_at__year=99999999999``).
    """

    # Django's date hierarchy adds a year, a month or a day to the date it is given, and
    # then converts it to UTC: years 1 and 9999 would leave the calendar.
    DATE_PARTS = {
        "year": (datetime.MINYEAR + 1, datetime.MAXYEAR - 1),
        "month": (1, 12),
        "day": (1, 31),
    }

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        for key, values in lookup_params.items():
            if not all(readable(value) for value in values):
                raise IncorrectLookupParameters(f"Valeur illisible pour « {key} ».")
        if self.date_hierarchy:
            for part, (minimum, maximum) in self.DATE_PARTS.items():
                for value in lookup_params.get(f"{self.date_hierarchy}__{part}", []):
                    if integer(value, minimum=minimum, maximum=maximum) is None:
                        raise IncorrectLookupParameters(f"Date hors calendrier : « {value} ».")
        return lookup_params

    def get_filters(self, request):
        filters = super().get_filters(request)
        # What no filter took; the date hierarchy's own bounds, when it was asked for.
        remaining = set(filters[2])
        if self.date_hierarchy and f"{self.date_hierarchy}__year" in self.filter_params:
            remaining -= {f"{self.date_hierarchy}__gte", f"{self.date_hierarchy}__lt"}
        if remaining:
            raise IncorrectLookupParameters(f"Filtre inconnu : {', '.join(sorted(remaining))}.")
        return filters


class FiltersOnlyAdmin:
    """A model admin whose list reads only its filters (``FiltersOnlyChangeList``) and
    whose search, from the list or an autocomplete, is one the search box could send."""

    def get_changelist(self, request, **kwargs):
        return FiltersOnlyChangeList

    def get_search_results(self, request, queryset, search_term):
        # Thousands of words would be thousands of conditions (more than SQLite parses).
        if not readable(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)
