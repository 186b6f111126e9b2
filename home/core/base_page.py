"""What every public page shares: :class:`BasePage`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .tree import tree


class BasePage(Page):
    """A public page with an introduction used in listings and meta descriptions."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description or self.introduction

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page, without its two queries where none can apply.

        Wagtail looks for restrictions on the page, its ancestors and the pages they are aliases
        of: none can apply unless a restricted page, or an alias of one, is an ancestor or the
        page itself, which the content generation's :func:`home.core.tree.tree` tells by path.
        """
        if not tree().may_restrict(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class SectionPage(BasePage):
    """The index page of a section of the site (news, events, members, …): one under each home page.

    ``site_section`` names the section: the site's skeleton finds its index page in each language
    by that name (``{% section_page "news" %}``).
    """

    site_section = ""
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True
