"""PNG pictures of views, taken with a real headless Chromium (Debian's ``chromium``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from graph_model.error_translation import translating
from graph_model.errors import ConfigurationError

__all__ = ["chromium_path", "screenshot"]


def chromium_path() -> str:
    """The Chromium to drive: ``LINKWATCH_CHROMIUM`` or ``chromium`` on the PATH.

    Raises
    ------
    ConfigurationError
        If there is none.
    """
    found = os.environ.get("LINKWATCH_CHROMIUM") or shutil.which("chromium")
    if not found:
        raise ConfigurationError(
            "No Chromium found for pictures of views.",
            hint="Install Debian's chromium (apt-get install chromium) or set LINKWATCH_CHROMIUM.",
        )
    return found


def screenshot(
    page: Path, picture: Path, *, width: int = 1400, height: int = 900, timeout: float = 60.0
) -> None:
    """Open an HTML page from disk, wait until a network view has settled, and save a PNG.

    Parameters
    ----------
    page
        The HTML file to picture.
    picture
        The PNG to write.
    width, height
        The browser window, in pixels.
    timeout
        Seconds each step (loading the page, laying out the network, taking the picture) may
        take.

    Raises
    ------
    ConfigurationError
        If no Chromium is found.
    ServiceUnavailable
        If the browser does not finish within ``timeout``, naming the page.
    InvalidInput
        If the PNG cannot be written.
    """
    from playwright.sync_api import sync_playwright

    with translating(path=page, role="page"), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": width, "height": height})
            tab.set_default_timeout(timeout * 1000)
            tab.goto(page.resolve().as_uri())
            if tab.locator("#network").count():  # reports are static; views lay out first
                tab.wait_for_selector("body[data-stable='true']")
            with translating(path=picture, role="--png", writing=True):
                picture.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(picture), full_page=False)
        finally:
            browser.close()
