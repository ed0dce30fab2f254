"""The shipped campaign, loaded once for the campaign tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story import Story, load_story

SCENES = Path(__file__).resolve().parents[2] / "scenes"


@pytest.fixture(scope="session")
def campaign() -> Story:
    return load_story(SCENES)
