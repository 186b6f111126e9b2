from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtranetConfig(AppConfig):
    name = "extranet"
    verbose_name = _("Member extranet")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.demo.signals import demo_content_loaded

        from .audit import connect_audit_handlers
        from .demo import load_extranet_demo

        connect_audit_handlers()

        demo_content_loaded.connect(load_extranet_demo, dispatch_uid="extranet_demo_content")
