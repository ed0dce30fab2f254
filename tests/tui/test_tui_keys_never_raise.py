"""No key, at any moment, raises: keys typed while the app quits, and long runs of random
keys at three terminal sizes, queued as fast as a terminal sends them."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from game.saves import SaveFolder
from game.story import Story
from game.tui.app import HyosanApp
from tests.tui.burst import burst
from tests.tui.conftest import MakeApp

KEYS = (
    [str(n) for n in range(1, 10)] * 3
    + ["enter"] * 8
    + ["escape"] * 6
    + ["s", "l", "i", "h", "f5", "f9", "u", "n", "c", "y", "d", "q"] * 2
    + ["up", "down", "tab", "space", "pageup", "pagedown", "question_mark", "a", "x"]
    + ["t", "m", "p", "e", "o", "A"]  # stats, story map, side panel, endings, settings
)


async def test_keys_typed_while_quitting_do_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        # Before the fix, `s`, `l` or `h` here opened a screen in a closing app: NoMatches.
        await burst(pilot, "q", "s", "l", "i", "h", "f5", "f9", "u", "n")
    assert app.return_code == 0


class StayingApp(HyosanApp):
    """Quits as usual (autosave, the note) but keeps running, so one app takes every key."""

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.quits = getattr(self, "quits", 0) + 1


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (160, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_two_thousand_random_keys_raise_nothing(
    starter: Story, tmp_path: Path, size: tuple[int, int]
) -> None:
    rng = random.Random(size[0])
    app = StayingApp(starter, SaveFolder(tmp_path / "saves"), clock=lambda: 0.0, seed=0)
    app.animation_level = "none"
    keys = [rng.choice(KEYS) for _ in range(2000)]
    async with app.run_test(size=size) as pilot:
        for start in range(0, len(keys), 25):
            await burst(pilot, *keys[start : start + 25])
            assert app._exception is None, keys[max(0, start - 25) : start + 25]
    assert app._exception is None
    assert getattr(app, "quits", 0) > 0  # quitting was among the keys
