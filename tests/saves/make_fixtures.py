"""Write real save fixtures by playing a story with given choices.

    python tests/saves/make_fixtures.py starter      # -> tests/saves/fixtures/starter/
    python tests/saves/make_fixtures.py hyosan       # once ROUTES["hyosan"] is filled in

Each fixture is a slot written by the real `SaveFolder.save`, so tests can check that saves
made by this version keep loading in later ones. Choices are 1-based, as a player types them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.engine import Game
from game.saves import SaveFolder
from game.story import load_story

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

STORIES = {"starter": ROOT / "tests" / "stories" / "starter", "hyosan": ROOT / "scenes"}
"""Fixture folder name -> the story folder its saves belong to."""

ROUTES: dict[str, dict[str, list[int]]] = {
    "starter": {
        "autosave-early": [2],
        "hybrid-mid": [2, 2, 1],
        "near-ending": [1, 2, 1, 1],
    },
    "hyosan": {
        # Seed 2024. The first step of the story: the corridor outside Lab 2.
        "autosave-early": [1],
        # Bitten by Min-seo in act 1, woke as a hybrid; on the roof in act 3.
        "hybrid-mid": [1, 2, 3, 1, 1, 1, 4, 2, 1, 1, 1, 4, 3, 3, 2, 5, 4, 1, 1, 1],
        # Human at Camp 3 on the last morning, one step from the buses.
        "near-ending": [
            *(1, 2, 3, 1, 3, 1, 2, 2, 1, 1, 2, 1, 5, 1, 1, 5, 3, 1),
            *(6, 3, 1, 1, 1, 3, 1, 1, 2, 3, 5, 2, 2, 2, 1, 1, 2, 5),
        ],
    },
}


def make(name: str, out: Path | None = None) -> list[Path]:
    story = load_story(STORIES[name])
    folder = SaveFolder(out or HERE / "fixtures" / name)
    written = []
    for slot, choices in ROUTES[name].items():
        game = Game.new(story, seed=2024)
        for n in choices:
            game.choose(n - 1)
        written.append(folder.save(slot, game, 60.0 * len(choices)).path)
        folder.backup_for(slot).unlink(missing_ok=True)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", choices=sorted(STORIES))
    args = parser.parse_args(argv)
    for path in make(args.story):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
