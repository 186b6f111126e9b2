"""One way to cut a listing into pages: a wrong or missing page number gives a page, never an error."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(queryset, page_number, per_page: int):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
