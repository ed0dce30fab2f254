"""Keys sent as a terminal sends them when typed fast: all queued at once, with no waiting
for the app to finish the one before (Pilot's `press` waits after every key)."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.pilot import Pilot

CHARS = {"question_mark": "?", "space": " ", "enter": "\r", "escape": "\x1b", "tab": "\t"}


def key_event(key: str) -> events.Key:
    char = CHARS.get(key, key if len(key) == 1 else None)
    return events.Key(key, char)


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Queue `keys` on the app at once, then let it work through them."""
    app: App[None] = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
