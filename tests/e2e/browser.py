"""What the browser tests share: Chromium's command line, screenshots, focus and keyboard, emails, TOTP."""

import re
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = (390, 1280)
NAVIGATION_TIMEOUT_MS = 5_000


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def screenshot(page, name: str) -> None:
    """Full-page screenshots of ``page`` at each width: ``<name>-<lang>-<width>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    lang = html_lang(page) or "xx"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{lang}-{width}.png", full_page=True, animations="disabled")
    page.set_viewport_size(size)


def focus_is_visible(page) -> bool:
    """The focused element shows an outline or a box shadow (itself, or a pseudo-element drawn over it)."""
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          if (!element || element === document.body) return false;
          return [null, "::before", "::after"].some((pseudo) => {
            const style = getComputedStyle(element, pseudo);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return outline || style.boxShadow !== "none";
          });
        }"""
    )


def active_element(page) -> str:
    """A short description of the focused element, for assertion messages."""
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          if (!e) return "none";
          const text = (e.textContent || e.value || "").trim().slice(0, 40);
          return `${e.tagName.toLowerCase()}#${e.id}.${e.className} "${text}"`;
        }"""
    )


def tab_to(page, selector: str, *, max_presses: int = 120, backwards: bool = False) -> None:
    """Press Tab until the element matching ``selector`` has the focus; every stop shows its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(max_presses):
        page.keyboard.press(key)
        assert focus_is_visible(page), f"no visible focus on {active_element(page)}"
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} never got the focus with {key}")


def confirmation_link(message) -> str:
    """The confirmation link of a signature email."""
    match = re.search(r"https?://\S+/confirm(?:er)?/\S+", message.body)
    assert match, message.body
    return match.group(0)


def totp_code(authenticator) -> str:
    """The current code of an allauth.mfa authenticator app, as the phone would show it."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    secret = decrypt(authenticator.data["secret"])
    # A code read in the last seconds of its 30-second window may reach the server in the next one,
    # where allauth (no tolerance) refuses it: wait for a fresh window instead, as a person would.
    remaining = 30 - time.time() % 30
    if remaining < 5:
        time.sleep(remaining + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in_to_the_admin(admin, authenticator, password: str, email: str = "coordination@example.org") -> None:
    """The coordinator logs into the admin: password, then the authenticator app's code."""
    admin.goto("/admin/")  # to the login form, and back once logged in
    admin.locator("input[name=login]").fill(email)
    admin.locator("input[name=password]").fill(password)
    with admin.expect_navigation():
        admin.locator("main button[type=submit]").click()
    admin.locator("input[name=code]").fill(totp_code(authenticator))
    with admin.expect_navigation():
        admin.get_by_role("button", name="Connexion").click()
