"""The key pages, in both languages: accessible (axe-core) and valid HTML (the W3C Nu checker)."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..factories import PASSWORD
from .browser import screenshot

pytestmark = pytest.mark.e2e

VNU_JAR = Path(__file__).parent / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BLOCKING_IMPACTS = {"serious", "critical"}

PAGES = {
    "fr": {
        "home": "/fr/",
        "members": "/fr/nos-membres/",
        "association": "/fr/nos-membres/ccem/",
        "library": "/fr/droit/",
        "resource": "/fr/droit/convention-varsovie/",
        "news": "/fr/actualites/reunion-du-collectif/",
        "event": "/fr/agenda/journee-europeenne/",
        "declaration": "/fr/declarations/declaration-balkans/",
        "login": "/fr/comptes/login/",
        "dashboard": "/fr/extranet/",
        "profile-form": "/fr/extranet/associations/ccem/profile/",
        "report-form": "/fr/extranet/associations/ccem/reports/",
        "proposal-form": "/fr/extranet/associations/ccem/declarations/propose/",
    },
    "en": {
        "home": "/en/",
        "members": "/en/our-members/",
        "association": "/en/our-members/ccem/",
        "library": "/en/law/",
        "resource": "/en/law/warsaw-convention/",
        "news": "/en/news/meeting-of-the-collective/",
        "event": "/en/events/european-day/",
        "declaration": "/en/declarations/balkans-declaration/",
        "login": "/en/accounts/login/",
        "dashboard": "/en/extranet/",
        "profile-form": "/en/extranet/associations/ccem/profile/",
        "report-form": "/en/extranet/associations/ccem/reports/",
        "proposal-form": "/en/extranet/associations/ccem/declarations/propose/",
    },
}


def key_pages(new_context, language: str) -> Iterator[tuple[str, object, str]]:
    """Visit the key pages in ``language`` (the member logs in on the way), in a fresh context.

    Yields ``(name, page, html)`` with the browser on that page and the HTML the server sent.
    """
    page = new_context(locale="fr-FR" if language == "fr" else "en-GB").new_page()
    paths = PAGES[language]
    for name in ("home", "members", "association", "library", "resource", "news", "event", "declaration"):
        response = page.goto(paths[name])
        assert response.ok, f"{paths[name]}: {response.status}"
        yield name, page, response.text()

    # The declaration's form sent empty: the errors shown next to the fields.
    with page.expect_navigation() as navigation:
        page.locator("form.form--signature button[type=submit]").click()
    assert page.locator(".field--error").count() >= 4
    yield "declaration-errors", page, navigation.value.text()

    response = page.goto(paths["login"])
    yield "login", page, response.text()
    page.locator("input[name=login]").fill("ccem@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    for name in ("dashboard", "profile-form", "report-form", "proposal-form"):
        response = page.goto(paths[name])
        assert response.ok and response.url.endswith(paths[name]), response.url
        yield name, page, response.text()


def describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"{violation['id']} ({violation['impact']}): {targets} — {violation['help']}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_key_pages_have_no_serious_accessibility_violation(new_context, site, language):
    axe = Axe()
    found = []
    for name, page, _html in key_pages(new_context, language):
        screenshot(page, name)
        widths = (1280, 390) if name == "home" else (1280,)  # the phone layout: folded menu, one column
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in BLOCKING_IMPACTS:
                    found.append(f"{name} [{language}, {width} px] {describe(violation)}")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)


def test_key_pages_are_valid_html(new_context, site, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.skip("java not found: the W3C HTML checker (vnu.jar) needs a Java runtime")
    if not VNU_JAR.exists():
        pytest.skip(f"{VNU_JAR} not found: `make e2e-tools` (npm) installs it")
    files = []
    for language in ("fr", "en"):
        for name, _page, html in key_pages(new_context, language):
            path = tmp_path / f"{name}-{language}.html"
            path.write_text(html)
            files.append(path)
    # One Java start for every file: the checker is slow to start.
    result = subprocess.run(  # noqa: S603 (our own command line)
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine', '?')}: {message['message']}"
        f" [{message.get('extract', '').strip()}]"
        for message in messages
    ]
    assert not errors, "the W3C checker found errors:\n" + "\n".join(errors)
