"""Admin of the site as a whole: menu items of add-ons made to follow the admin's language."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_localize.wagtail_hooks import TranslationsReportMenuItem


@hooks.register("construct_reports_menu")
def translations_report_in_the_admins_language(request, menu_items):
    """wagtail-localize names its report with ``gettext`` when the menu is first built: the first
    request's language then stayed for everyone ("Traductions" in the English admin)."""
    for item in menu_items:
        if isinstance(item, TranslationsReportMenuItem):
            item.label = _("Translations")
