"""Debian's Chromium through Playwright (never `playwright install`), for the browser tests, and
the web chat driven in it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("VRAAGWIJZER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        message = f"Chromium ontbreekt ({CHROMIUM}); installeer het met: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def chat_send(page: Any, how: str, value: str) -> None:
    """One turn of the web chat, as a person would give it: a button, or a typed answer and Enter."""
    if how == "choice":
        button = page.locator(f'button[name="choice"][value="{value}"]')
        if value == "org:yes" and not button.count():
            return  # an exactly typed organisation is taken without asking
        button.click()
    elif page.locator("form.chat-send textarea").count():
        page.locator("form.chat-send textarea").fill(value)
        page.locator("form.chat-send button").click()
    else:  # not started yet: the start button sends /start
        page.locator("form.chat-send button").click()
    page.wait_for_load_state()


def click_button(page: Any, name: str) -> str:
    """Click the button called `name` and wait for the page it leads to; that page's HTML."""
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
    return str(page.content())
