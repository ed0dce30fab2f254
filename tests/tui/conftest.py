"""Fixtures for the TUI tests: the real app on the starter story, a temporary save folder,
a frozen clock and a fixed seed, so every run (and every snapshot) is the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.saves import SaveFolder
from game.story import Story
from game.tui.app import HyosanApp

MakeApp = Callable[..., HyosanApp]


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test reads and writes the player's settings in a folder of its own: a test that
    changes the theme cannot change the next test's screens."""
    monkeypatch.setenv("HYOSAN_CONFIG", str(tmp_path / "config"))


@pytest.fixture
def folder(tmp_path: Path) -> SaveFolder:
    return SaveFolder(tmp_path / "saves")


@pytest.fixture
def make_app(starter: Story, folder: SaveFolder) -> MakeApp:
    def make(story: Story | None = starter, **kwargs: object) -> HyosanApp:
        app = HyosanApp(story, folder, clock=lambda: 0.0, seed=0, **kwargs)  # type: ignore[arg-type]
        app.animation_level = "none"
        return app

    return make
