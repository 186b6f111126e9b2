"""Settings editors change in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="site")
class CollectiveSettings(BaseGenericSetting):
    coordination_email = models.EmailField(
        _("coordination email"), blank=True, help_text=_("Public address of the collective's coordination.")
    )
    coordination_name = models.CharField(_("coordinating association"), max_length=200, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page, in the visitor's language."),
    )

    panels = [
        FieldPanel("coordination_email"),
        FieldPanel("coordination_name"),
        FieldPanel("postal_address"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("collective settings")
