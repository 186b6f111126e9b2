"""The "Our members" page: every live association, filterable, and each association's profile."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.core.base_page import SectionPage
from home.core.caching.fragments import deferred
from home.core.links import page_url
from home.core.tree import active_locale
from home.declarations.pages import declarations_carried_by
from home.site.skeleton import skeleton

from .models import Association, AssociationProfile
from .queries import live_association, member_directory, public_contacts, public_reports


class MembersIndexPage(RoutablePageMixin, SectionPage):
    """ "Nos membres / Our members": every live association, filterable, and each profile."""

    site_section = "members"
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("members page")

    @path("")
    def association_list(self, request):
        context = self.get_context(request)
        context["directory"] = deferred(lambda: member_directory(request.GET))
        return self.render(request, context_overrides=context)

    @path("<slug:slug>/", name="association_detail")
    def association_detail(self, request, slug):
        association = live_association(slug)
        if association is None:
            raise Http404
        locale = active_locale()  # the language of the request, not of whenever the lists are read
        context = self.get_context(request)
        context["association"] = association
        context["profile"] = deferred(lambda: association_profile(association, locale))
        context["routable_subpath"] = self.reverse_subpage("association_detail", args=[slug])
        return self.render(request, context_overrides=context, template="home/association_detail.html")

    @classmethod
    def association_subpath(cls, slug: str) -> str:
        """The sub-URL of an association's profile (no page instance, so no query, needed)."""
        return cls.get_resolver().reverse("association_detail", slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for association in Association.objects.filter(live=True).only("slug", "last_published_at"):
            urls.append(
                {
                    "location": page_url(self, request)
                    + self.reverse_subpage("association_detail", args=[association.slug]),
                    "lastmod": association.last_published_at,
                }
            )
        return urls


def association_profile(association: Association, locale=None) -> AssociationProfile:
    """What the public profile of ``association`` lists, the declarations in ``locale`` (the active one by default)."""
    return AssociationProfile(
        public_contacts=public_contacts(association),
        reports=public_reports(association),
        carried_declarations=declarations_carried_by(association, locale or active_locale()),
    )


def association_url(request, association: Association) -> str:
    """The public profile URL of an association in the active language ("" without a members page).

    The members page of the request's site comes from the site's skeleton (no query).
    """
    members = skeleton(request).section_in_any_language("members")
    if members is None:
        return ""
    return members.url + MembersIndexPage.association_subpath(association.slug)
