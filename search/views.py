from django.views.generic import TemplateView

from cuf.members.access import reads_reserved
from search.selectors import Filters, search
from search.text import MAX_QUERY_LENGTH, Query


class SearchView(TemplateView):
    """/recherche/?q=…&type=…&theme=…&annee=…&page=…"""

    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        results = search(
            query=Query.from_input(params.get("q")),
            filters=Filters.from_params(
                kind=params.get("type"), theme=params.get("theme"), year=params.get("annee")
            ),
            page=params.get("page"),
            members=reads_reserved(self.request),
        )
        return super().get_context_data(
            results=results, max_query_length=MAX_QUERY_LENGTH, **kwargs
        )
