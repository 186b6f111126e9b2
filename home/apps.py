from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.images import get_image_model_string

# Wagtail's wording that our catalogue rewords (the project's catalogue comes first): Wagtail's French
# "Ajouter un(e) %(label)s" reads badly whatever the label (inline panels have singular labels); the
# status side panel's "Status: " (read by screen readers) has no French in Wagtail's catalogue.
WAGTAIL_REWORDED = (
    gettext_noop("Status: "),
    gettext_noop("Add %(label)s"),
    gettext_noop("Add %(model_name)s"),
    gettext_noop("Create a new %(model_name)s"),
    gettext_noop("No %(model_name)s match your query."),
)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.core.caching.invalidation import connect_invalidation
        from home.core.links import default_site_follows_site_url
        from home.core.notifications import connect_notifications
        from home.core.uploads import strip_metadata_of_new_image_file
        from home.core.widgets import translate_snippet_choosers
        from home.library.extraction import connect_document_text

        # Images stored by any path keep no location metadata; public changes empty the caches.
        pre_save.connect(strip_metadata_of_new_image_file, sender=get_image_model_string())
        connect_invalidation()
        translate_snippet_choosers()
        connect_notifications()  # moderation emails in each recipient's language, one per submission
        connect_document_text()  # the text of uploaded documents, read in the background
        # Wagtail's default Site at SITE_URL's address (its migration made it localhost:80).
        post_migrate.connect(
            default_site_follows_site_url, sender=self, dispatch_uid="home_default_site_follows_site_url"
        )
