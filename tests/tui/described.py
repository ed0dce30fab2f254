"""The starter story with the words the player's screens read from a manifest: stat and flag
descriptions, a visible flag, ending hints, the infection's description and stage names.

Made by editing a copy of the starter story, so the two never drift apart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.story import Story, load_story
from tests.conftest import STARTER

EDITS = {
    "story.toml": [
        (
            "[stats.health]\n",
            '[stats.health]\ndescription = "How much more you can take. At 0 the story ends."\n',
        ),
        (
            "[stats.hunger]\n",
            "[stats.hunger]\n"
            'description = "Rises at every scene once you are a hybrid; at 5 it takes you."\n',
        ),
        (
            "[stats.trust_minji]\n",
            "[stats.trust_minji]\n"
            'description = "Whether Min-ji follows your lead: at 2 or more she waits with you."\n',
        ),
        (
            '[flags]\ndoor_barricaded = "the classroom door is barricaded"\n',
            "[flags.door_barricaded]\n"
            'description = "You barricaded the classroom door with desks."\nvisible = true\n',
        ),
        (
            "[infection]\n",
            "[infection]\n"
            'description = "A bite gives you two scenes. Strong enough, you wake a hybrid: '
            'yourself, with a hunger to keep down. Too weak, and you turn."\n'
            'labels = { zombie = "Gone" }\n',
        ),
    ],
    "school.toml": [
        (
            'ending = { id = "rescued", title = "Rescued as a human" }',
            'ending = { id = "rescued", title = "Rescued as a human", '
            'hint = "Someone has to be waiting with you when the helicopter comes." }',
        ),
        (
            'ending = { id = "dead", title = "Dead" }',
            'ending = { id = "dead", title = "Dead", '
            'hint = "Some gaps are wider than they look." }',
        ),
    ],
}


def described_story(root: Path) -> Story:
    shutil.copytree(STARTER, root)
    for name, edits in EDITS.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"the starter story changed: {old!r} is not in {name}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return load_story(root)


@pytest.fixture(scope="session")
def described(tmp_path_factory: pytest.TempPathFactory) -> Story:
    return described_story(tmp_path_factory.mktemp("described") / "story")
