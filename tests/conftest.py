"""Shared fixtures: the starter story used by engine, save and UI tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story import Story, load_story

STORIES = Path(__file__).parent / "stories"
STARTER = STORIES / "starter"


@pytest.fixture(scope="session")
def starter() -> Story:
    return load_story(STARTER)
