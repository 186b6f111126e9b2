"""Admin of the site as a whole: menu items and filters of add-ons made to follow the admin's language."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail_localize.wagtail_hooks import TranslationsReportMenuItem


@hooks.register("construct_reports_menu")
def translations_report_in_the_admins_language(request, menu_items):
    """wagtail-localize names its report with ``gettext`` when the menu is first built: the first
    request's language then stayed for everyone ("Traductions" in the English admin)."""
    for item in menu_items:
        if isinstance(item, TranslationsReportMenuItem):
            item.label = _("Translations")


def redirect_filters_in_the_admins_language() -> None:
    """Wagtail's redirects report labels its "Type" filter with ``gettext`` at import: the language of
    the process's start then stayed for everyone ("Tous" in the English admin). Lazy labels instead."""
    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = _("Type")
    kind.extra["choices"] = ((True, _("Permanent")), (False, _("Temporary")))
    kind.extra["empty_label"] = _("All")


redirect_filters_in_the_admins_language()
