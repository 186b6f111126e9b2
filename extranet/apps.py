from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class ExtranetConfig(AppConfig):
    name = "extranet"
    verbose_name = _("Member extranet")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.demo.signals import demo_content_loaded

        from .audit import connect_audit_handlers
        from .demo import load_extranet_demo
        from .services.declarations import translate_approved_proposal

        connect_audit_handlers()
        page_published.connect(translate_approved_proposal, dispatch_uid="extranet_translate_approved_proposal")

        demo_content_loaded.connect(load_extranet_demo, dispatch_uid="extranet_demo_content")
