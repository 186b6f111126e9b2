"""Admin of the shared vocabularies (shown in the "Collective" menu, see ``home.directory.wagtail_hooks``)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import IssuingBody, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name_fr", "name_en", "slug"]
    search_fields = ["name_fr", "name_en"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "globe"
    list_display = ["name_fr", "acronym", "name_en"]
    search_fields = ["name_fr", "name_en", "acronym"]
