"""News articles (with an Atom feed) and events (with iCalendar files)."""

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyStreamBlock
from ..navigation import tree
from .base import BasePage

LISTING_PAGE_SIZE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    @path("")
    def news_list(self, request):
        from ..services import paginate

        articles = (
            NewsPage.objects.live()
            .filter(tree().public_q())
            .child_of(self)
            .select_related("image")
            .order_by("-date", "-pk")
        )
        context = self.get_context(request)
        context["articles"] = paginate(articles, request.GET.get("page"), LISTING_PAGE_SIZE)
        return self.render(request, context_overrides=context)

    @path("feed/", name="feed")
    def feed(self, request):
        from ..feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(BasePage):
    date = models.DateField(_("date"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("image")]),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("date")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class EventIndexPage(RoutablePageMixin, BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")

    @path("")
    def event_list(self, request):
        from ..services import upcoming_and_past_events

        context = self.get_context(request)
        context.update(upcoming_and_past_events(self, request.GET.get("page")))
        return self.render(request, context_overrides=context)

    # Wagtail's router hands subpaths over with a trailing slash; reversed without it.
    @re_path(r"^agenda\.ics/?$", name="calendar")
    def calendar(self, request):
        from ..calendar import events_to_ical

        events = EventPage.objects.live().filter(tree().public_q()).child_of(self).order_by("start")
        return _ics_response(events_to_ical(events, request), "agenda.ics")


class EventPage(RoutablePageMixin, BasePage):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    location_name = models.CharField(_("place"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("location_name"), FieldPanel("address")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.FilterField("start"),
    ]
    parent_page_types = ["home.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    @path("")
    def event_detail(self, request):
        return self.render(request)

    @re_path(r"^event\.ics/?$", name="ics")
    def ics(self, request):
        from ..calendar import events_to_ical

        return _ics_response(events_to_ical([self], request), f"{self.slug}.ics")


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
