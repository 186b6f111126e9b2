"""The news index (with an Atom feed), the events index and events (with iCalendar files)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from home.core.base_page import BasePage, SectionPage
from home.core.blocks import BodyStreamBlock
from home.core.pagination import paginate
from home.core.tree import live_not_restricted

from .calendar import events_to_ical, ics_response
from .feeds import NewsFeed
from .models import NewsPage

LISTING_PAGE_SIZE = 10


class NewsIndexPage(RoutablePageMixin, SectionPage):
    site_section = "news"
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    @path("")
    def news_list(self, request):
        articles = live_not_restricted(NewsPage).child_of(self).select_related("image").order_by("-date", "-pk")
        context = self.get_context(request)
        context["articles"] = paginate(articles, request.GET.get("page"), LISTING_PAGE_SIZE)
        return self.render(request, context_overrides=context)

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed(self)(request)

    @classmethod
    def feed_subpath(cls) -> str:
        """The feed's sub-URL (no page instance, so no query, needed)."""
        return cls.get_resolver().reverse("feed")


class EventIndexPage(RoutablePageMixin, SectionPage):
    site_section = "events"
    subpage_types = ["home.EventPage"]

    class Meta:
        verbose_name = _("events index")

    @path("")
    def event_list(self, request):
        events = live_not_restricted(EventPage).child_of(self)
        upcoming = events.filter(upcoming_q()).order_by("start")
        past = events.exclude(pk__in=upcoming.values("pk")).order_by("-start")
        context = self.get_context(request)
        context["upcoming_events"] = list(upcoming)
        context["past_events"] = paginate(past, request.GET.get("page"), LISTING_PAGE_SIZE)
        return self.render(request, context_overrides=context)

    # Wagtail's router hands subpaths over with a trailing slash; reversed without it.
    @re_path(r"^agenda\.ics/?$", name="calendar")
    def calendar(self, request):
        events = live_not_restricted(EventPage).child_of(self).order_by("start")
        return ics_response(events_to_ical(events, request), "agenda.ics")


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
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    @path("")
    def event_detail(self, request):
        return self.render(request)

    @re_path(r"^event\.ics/?$", name="ics")
    def ics(self, request):
        return ics_response(events_to_ical([self], request), f"{self.slug}.ics")


def upcoming_q(now=None) -> Q:
    """Events not over yet: ending later, or starting later when they have no end."""
    now = now or timezone.now()
    return Q(end__gte=now) | Q(end__isnull=True, start__gte=now)


def next_events(locale_id, limit: int) -> list[EventPage]:
    """The next live events of a locale, soonest first."""
    return list(
        live_not_restricted(EventPage).filter(locale_id=locale_id).filter(upcoming_q()).order_by("start")[:limit]
    )
