"""The admin speaks one language at a time: no French label of ours in the English admin, no English
label of ours in the French admin.

A superuser walks every menu and sub-menu item and every add and edit form of our models (snippets,
settings, the page types of ``home`` created under an allowed parent), once with English as their
admin language and once with French (Wagtail's ``UserProfile.preferred_language``). Every visible
text (text nodes, placeholders, titles, ``aria-label``) is compared with our catalogues: in the
English admin no text may be the French translation of one of our msgids (unless it reads the same
in both languages), in the French admin no text may be one of our English msgids whose French
differs. Wagtail's own strings are Wagtail's translators' business and are not checked.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import Page, Task, Workflow, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

ROOT = Path(__file__).resolve().parents[2]
FRENCH, ENGLISH = "fr", "en"
OTHER = {FRENCH: ENGLISH, ENGLISH: FRENCH}

# Texts that are the same word in both languages once case and accents are set aside, or proper nouns
# that one of our msgids happens to translate (kept small: each one hides a possible fault).
ALLOWED = {
    "Accueil",  # the French home page's title: content, shown as such in both admins
    "Type",  # the same word in both languages ("Kind" is "Type" in French, and Wagtail's "Type" column)
}


def normalised(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).strip(" :*")


def interface_words():
    """(French texts that must not show in the English admin, English texts that must not show in the French)."""
    po = polib.pofile(str(ROOT / "locale" / FRENCH / "LC_MESSAGES" / "django.po"))
    french, english = set(), set()
    for entry in po:
        if entry.obsolete or not entry.translated():
            continue
        pairs = (
            [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        for source, translation in pairs:
            source, translation = normalised(source), normalised(translation)
            if "%(" in source or "{" in source or source.lower() == translation.lower():
                continue  # with a placeholder the rendered text differs; identical words are no fault
            french.add(translation)
            english.add(source)
    return french - english, english - french


class VisibleText(HTMLParser):
    HIDDEN = {"script", "style", "template", "noscript", "textarea", "option"}
    ATTRIBUTES = {"placeholder", "title", "aria-label", "data-w-tooltip-content-value"}

    def __init__(self):
        super().__init__()
        self.texts, self.hidden = set(), 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.texts.add(normalised(value))

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.add(normalised(data))


SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def visible_texts(html: str) -> set[str]:
    """The texts of the page, and the labels of the menu (the sidebar is drawn from JSON)."""
    parser = VisibleText()
    parser.feed(html)
    if sidebar := SIDEBAR.search(html):
        parser.texts |= {normalised(label) for label in re.findall(r'"label": "([^"]*)"', sidebar.group(1))}
    return parser.texts


def content_texts() -> set[str]:
    """Titles and names stored in the database: the site's content, in whatever language it was written."""
    texts = {normalised(title) for title in Page.objects.values_list("title", flat=True)}
    for model in get_snippet_models():
        texts |= {normalised(str(item)) for item in model.objects.all()[:200]}
    # Workflows and tasks are named in the admin (ours by migrations, as msgids that the emails
    # translate: home.core.notifications); the admin shows them as stored.
    texts |= {normalised(name) for name in Workflow.objects.values_list("name", flat=True)}
    texts |= {normalised(name) for name in Task.objects.values_list("name", flat=True)}
    return texts


def menu_urls(user) -> list[tuple[str, str]]:
    request = RequestFactory().get("/admin/")
    request.user = user

    def walk(menu, trail):
        for item in menu.menu_items_for_request(request):
            label = f"{trail}{item.label}"
            if getattr(item, "menu", None) is not None:
                yield from walk(item.menu, f"{label} › ")
            elif item.url and item.url.startswith("/admin/"):
                yield label, item.url

    return list(walk(admin_menu, ""))


def snippet_urls() -> list[tuple[str, str]]:
    urls = []
    for model in get_snippet_models():
        if model._meta.app_label not in ("home", "extranet"):
            continue
        viewset = model.snippet_viewset
        urls.append((f"add {model.__name__}", reverse(viewset.get_url_name("add"))))
        item = model.objects.first()
        if item is not None:
            urls.append((f"edit {model.__name__}", reverse(viewset.get_url_name("edit"), args=[item.pk])))
    return urls


def page_urls() -> list[tuple[str, str]]:
    urls = []
    for model in get_page_models():
        if model._meta.app_label != "home":
            continue
        parent = next(
            (
                page
                for page in Page.objects.filter(depth__gte=1).order_by("depth", "pk").specific()
                if model.can_create_at(page) and page.locale.language_code == FRENCH
            ),
            None,
        )
        if parent is not None:
            add = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
            urls.append((f"add {model.__name__} under {parent.title}", add))
        existing = model.objects.filter(locale__language_code=FRENCH).first()
        if existing is not None:
            urls.append((f"edit {model.__name__}", reverse("wagtailadmin_pages:edit", args=[existing.pk])))
    return urls


def setting_urls() -> list[tuple[str, str]]:
    urls = []
    for model in apps.get_app_config("home").get_models():
        if "BaseGenericSetting" in {base.__name__ for base in model.__mro__}:
            try:
                urls.append(
                    (
                        f"setting {model.__name__}",
                        reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name]),
                    )
                )
            except NoReverseMatch:
                pass
    return urls


@pytest.fixture
def walked(client, content, coordinator):
    """The admin pages to visit, each (what, URL)."""
    client.force_login(coordinator)
    urls = dict.fromkeys(menu_urls(coordinator) + snippet_urls() + page_urls() + setting_urls())
    assert len(urls) > 30, urls  # the walk finds our models: if not, it checks nothing
    return list(urls)


@pytest.mark.parametrize(
    "language, forbidden_index",
    [(ENGLISH, 0), (FRENCH, 1)],
    ids=["no French in the English admin", "no English in the French admin"],
)
def test_the_admin_shows_our_labels_in_its_language_only(client, coordinator, walked, language, forbidden_index):
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = language
    profile.save()
    forbidden = interface_words()[forbidden_index] - ALLOWED - content_texts()

    faults, visited = {}, 0
    for what, url in walked:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr" if language == ENGLISH else "en")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited += 1
        texts = visible_texts(response.content.decode())
        found = sorted(texts & forbidden) + sorted(text for text in texts if "un(e)" in text)
        if found:
            faults[f"{what} ({url})"] = found

    assert visited > 30
    assert faults == {}, "\n".join(f"{where}: {texts}" for where, texts in faults.items())


@pytest.mark.parametrize("first, then", [(FRENCH, ENGLISH), (ENGLISH, FRENCH)])
def test_snippet_choosers_speak_the_language_of_each_request_not_of_the_first(
    client, coordinator, locales, first, then
):
    """A form's widgets are built once per process: the chooser of a minutes' meeting said "Choisir
    réunion" in the English admin when a French editor had opened the form first."""
    client.force_login(coordinator)
    profile = UserProfile.get_for_user(coordinator)
    url = reverse("wagtailsnippets_extranet_minutes:add")
    words = {FRENCH: "Choisir réunion", ENGLISH: "Choose meeting"}
    for language in (first, then):
        profile.preferred_language = language
        profile.save()
        html = client.get(url).content.decode()
        assert words[language] in html
        assert words[OTHER[language]] not in html
