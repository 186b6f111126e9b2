"""What every public page shares: :class:`BasePage`."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .links import page_url
from .search import STEMS_FIELD, stems_of
from .tree import tree


class BasePage(Page):
    """A public page with an introduction used in listings and meta descriptions."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    # The stems field holds every searchable word of the page folded and stemmed in its language
    # (``home.core.search``): subclasses extend ``search_fields`` and it follows them.
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField(STEMS_FIELD)]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.translate_copied_slug()
        return super().save(*args, **kwargs)

    def translate_copied_slug(self) -> None:
        """A translation whose slug is still its French page's gets the slug of its own (translated) title.

        wagtail-localize copies the French slug into a new translation and keeps it at each sync
        unless the translator translates it too; the English URL would then be French. When the
        title is translated and the slug is still the French one, the slug becomes the slugified
        title, unique among the page's siblings. A slug the translator changed is kept.
        """
        if not self.translation_key or not self.title or not self.slug:
            return
        french_title = (
            Page.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE, slug=self.slug
            )
            .exclude(pk=self.pk)
            .exclude(locale_id=self.locale_id)
            .values_list("title", flat=True)
            .first()
        )
        wanted = slugify(self.title)
        if french_title is None or french_title == self.title or not wanted or wanted == self.slug:
            return
        parent = self.get_parent() if self.path else None
        self.slug = find_available_slug(parent, wanted, ignore_page_id=self.pk) if parent is not None else wanted

    def search_stems(self) -> str:
        """What the index holds of this page's words, in the language of its locale (``home.core.search``)."""
        return stems_of(self, [self.locale.language_code])

    def extra_search_texts(self) -> list[str]:
        """Texts the page is found by besides its search fields (the text of its documents, …)."""
        return []

    def get_full_url(self, request=None):
        """Under ``SITE_URL``, never the Site's ``root_url`` (``home.core.links``): Wagtail's sitemap entries,
        ``full_url`` and every absolute link of the page."""
        return page_url(self, request)

    full_url = property(get_full_url)

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
