"""Shared fixtures: the starter story used by engine, save and UI tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from game.story import Story, load_story

# Tests never write the compiled story cache into the user's home.
os.environ["HYOSAN_CACHE"] = tempfile.mkdtemp(prefix="hyosan-test-cache-")
# Nor read or write the player's settings (the TUI tests give each test a folder of its own).
os.environ["HYOSAN_CONFIG"] = tempfile.mkdtemp(prefix="hyosan-test-config-")

STORIES = Path(__file__).parent / "stories"
STARTER = STORIES / "starter"


@pytest.fixture(scope="session")
def starter() -> Story:
    return load_story(STARTER)
