from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.declarations import views as declaration_views
from home.library import views as library_views
from home.site import views as site_views
from home.site.sitemaps import BilingualSitemap

# One login form, allauth's (rate-limited, two-factor): Wagtail's own forms redirect there, with `next`.
login_redirect = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path("admin/login/", login_redirect),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("healthz", site_views.healthz, name="healthz"),  # for the proxy: no language, never cached
    path("api/declarations.json", declaration_views.declarations_json, name="declarations_json"),
]

urlpatterns += i18n_patterns(
    path(_("search/"), site_views.search, name="search"),
    path(_("accounts/"), include("allauth.urls")),
    path("extranet/", include("extranet.urls")),
    path(
        "embed/declarations/<uuid:translation_key>/",
        declaration_views.declaration_counter,
        name="declaration_counter",
    ),
    # The stable address of a legal resource and its citation files (RIS, BibTeX, CSL-JSON).
    path("r/<int:pk>/", library_views.resource_permalink, name="resource_permalink"),
    re_path(
        r"^r/(?P<pk>[0-9]+)/citation\.(?P<export>ris|bib|json)$",
        library_views.resource_citation,
        name="resource_citation",
    ),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Wagtail's own pattern has no dots: let the iCalendar files of events reach their pages.
    re_path(r"^((?:[\w\-]+/)+[\w\-]+\.ics)$", site_views.serve_page),
    path("_util/login/", login_redirect),
    # Wagtail's pattern and name, with a faster way to find the page (home.site.routing).
    re_path(r"^((?:[\w\-]+/)*)$", site_views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Development only: image renditions straight from MEDIA_ROOT. Documents are never served
    # from /media/ (they go through Wagtail's serve view, which checks privacy).
    from django.conf.urls.static import static

    urlpatterns = static(f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images") + urlpatterns

handler404 = "home.site.views.page_not_found"
handler500 = "home.site.views.server_error"
