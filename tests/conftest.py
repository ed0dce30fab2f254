"""Shared fixtures: the starter story used by engine, save and UI tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
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

STORIES = Path(__file__).parent / "stories"
STARTER = STORIES / "starter"


@pytest.fixture(scope="session")
def starter() -> Story:
    return load_story(STARTER)
