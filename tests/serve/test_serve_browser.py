"""End to end in a real headless browser: Debian's chromium, driven by Playwright.

Playwright never downloads a browser here: it drives /usr/bin/chromium (installed by `.ci/run`).
The terminal is drawn on a canvas, so the test waits for the picture to settle between keys
and reads the game's progress from its autosave.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import Served

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_SECONDS = 20

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: no browser to test in"
)
if not CHROMIUM.is_file():
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium): no browser to test in",
        allow_module_level=True,
    )


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def settled(page: Any) -> bytes:
    """The page's picture once two screenshots a moment apart (longer than the game takes to
    answer a key) are the same."""
    shot: Callable[[], bytes] = page.screenshot
    last = shot()
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        time.sleep(0.2)
        now = shot()
        if now == last:
            return now
        assert time.monotonic() < deadline, "the page never stopped changing"
        last = now


def test_play_two_choices_in_chromium(served: Served, tmp_path: Path) -> None:
    screenshot = tmp_path / "after_two_choices.png"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1000, "height": 640},
        )
        try:
            page = browser.new_page()
            page.goto(served.url + "/", wait_until="domcontentloaded")
            assert "Hyosan: Fifth Period" in page.content()
            page.wait_for_selector("body.-first-byte", timeout=WAIT_SECONDS * 1000)
            title_screen = settled(page)
            page.click("#terminal")  # focus (the click may land on a menu entry)
            if settled(page) != title_screen:
                page.keyboard.press("Escape")  # it did: back to the title
                settled(page)
            page.keyboard.press("n")  # New game
            settled(page)
            page.keyboard.press("Enter")  # the default name
            settled(page)
            assert served.autosaved_scene() is None
            page.keyboard.press("1")  # Barricade the door
            wait_until(lambda: served.autosaved_scene() == "barricade", "the first choice")
            page.keyboard.press("2")  # Climb out of the window to the hall
            wait_until(lambda: served.autosaved_scene() == "hall", "the second choice")
            after = settled(page)
            screenshot.write_bytes(after)
        finally:
            browser.close()
    assert after != title_screen
    assert screenshot.stat().st_size > 10_000  # a drawn screen, not a blank page
    assert (served.saves / "autosave.json").is_file()
