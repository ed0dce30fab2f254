"""Shared fixtures: the starter story used by engine, save and UI tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
import textual._wait
from hypothesis import settings

from game.story import Story, load_story

# Property tests: a quick profile for every run, the full one for a thorough run
# (HYOSAN_HYPOTHESIS=full, or pytest --hypothesis-profile=full).
settings.register_profile("quick", max_examples=30, deadline=None)
settings.register_profile("full", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYOSAN_HYPOTHESIS", "quick"))

# Tests never write the compiled story cache into the user's home.
os.environ["HYOSAN_CACHE"] = tempfile.mkdtemp(prefix="hyosan-test-cache-")
# Nor read or write the player's settings (the TUI tests give each test a folder of its own).
os.environ["HYOSAN_CONFIG"] = tempfile.mkdtemp(prefix="hyosan-test-config-")

# Pilot waits for the app to go idle by sleeping in 20 ms slices until a slice passes with
# almost no CPU used: two such waits a key press, 40-80 ms each, most of a TUI test's time.
# Slices of 5 ms with the same idle ratio (5% of a slice) test the same thing four times
# as often; the TUI tests take a third less time.
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20

STORIES = Path(__file__).parent / "stories"
STARTER = STORIES / "starter"


@pytest.fixture(scope="session")
def starter() -> Story:
    return load_story(STARTER)
