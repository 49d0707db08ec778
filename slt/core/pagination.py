"""Pagination for list pages that may hold hundreds of thousands of rows."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

LIST_PAGE_SIZE = 25


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, so that a list over hundreds of thousands of records stays fast."""

    cap = 10_000

    @cached_property
    def count(self):
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self):
        return self.count > self.cap


def paginate(request, queryset, per_page: int = LIST_PAGE_SIZE):
    """The requested page (a bad page number gives the nearest page, never an error) and the query string
    without `page`, for the links of partials/pagination.html."""
    page = CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
