"""Admin of the collective: associations and their reports, with the shared vocabularies, in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.core.freshness import TRANSLATION_ITEMS_HOOK
from home.taxonomy.wagtail_hooks import IssuingBodyViewSet, TopicViewSet

from . import freshness
from .models import Association, AssociationReport


class AssociationViewSet(SnippetViewSet):
    model = Association
    icon = "group"
    list_display = ["name", "acronym", "status", "status_since", "observer_year_ends_on", "live"]
    list_filter = ["status", "live"]
    search_fields = ["name", "acronym"]
    ordering = ["name"]


class AssociationReportViewSet(SnippetViewSet):
    model = AssociationReport
    icon = "doc-full"
    list_display = ["__str__", "association", "year", "visibility", "live"]
    list_filter = ["visibility", "live", "year"]


class CollectiveViewSetGroup(SnippetViewSetGroup):
    items = (AssociationViewSet, AssociationReportViewSet, TopicViewSet, IssuingBodyViewSet)
    menu_icon = "group"
    menu_label = _("Collective")
    menu_name = "collective"


register_snippet(CollectiveViewSetGroup)


@hooks.register(TRANSLATION_ITEMS_HOOK)
def association_translation_items(request):
    """Each association's profile and reports, in each language, on the translations dashboard."""
    return freshness.translation_items()
