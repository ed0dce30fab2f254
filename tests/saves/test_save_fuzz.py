"""Generated save documents: loading gives a playable game or a SaveError, nothing else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game
from game.saves import SaveError, SaveFolder
from game.story import Story

SCENES = ["classroom", "barricade", "hall", "stairs", "roof", "frenzy", "end_dead", "gone", ""]
ITEMS = ["mop", "keycard", "chocolate", "ghost"]
STATS = ["health", "hunger", "trust_minji", "mana"]

json_leaf = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
)
json_any = st.recursive(
    json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
counts = st.integers(-3, 1_000_001)

progress = st.fixed_dictionaries(
    {
        "scene": st.sampled_from(SCENES),
        "turn": counts,
        "inventory": st.dictionaries(st.sampled_from(ITEMS), counts, max_size=4),
        "flags": st.dictionaries(st.sampled_from(["door_barricaded", "weird"]), st.booleans()),
        "stats": st.dictionaries(st.sampled_from(STATS), st.integers(-20, 20), max_size=4),
        "visits": st.dictionaries(st.sampled_from(SCENES), counts, max_size=3),
        "once_taken": st.lists(st.sampled_from(["hall:1", "hall:99", "gone:0", "x"]), max_size=3),
        "infection": st.sampled_from(["human", "bitten", "hybrid", "zombie", "vampire"]),
        "countdown": st.none() | st.integers(-1, 5),
        "rng": st.integers(-1, 2**64),
        "ending": st.none() | st.sampled_from(["dead", "rescued", "nope"]),
    },
    optional={"extra": json_any},
)


@st.composite
def documents(draw: st.DrawFn) -> Any:
    state = dict(draw(progress))
    state.update(
        story_id=draw(st.sampled_from(["starter", "starter", "other"])),
        player=draw(st.text(max_size=45)),
        seed=draw(st.integers()),
        log=draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "turn": counts,
                        "scene": st.sampled_from(SCENES),
                        "title": st.text(max_size=5),
                        "text": st.text(max_size=5),
                    }
                ),
                max_size=4,
            )
        ),
        undo=draw(
            st.lists(
                st.builds(lambda p, n: {**p, "log_size": n}, progress, st.integers(-1, 6)),
                max_size=3,
            )
        ),
    )
    doc = {
        "format": draw(st.sampled_from([1, 1, 1, 0, 2])),
        "story_id": draw(st.sampled_from(["starter", "starter", "other"])),
        "story_version": draw(st.sampled_from(["1.0.0", "0.9"])),
        "created": "2025-01-01T00:00:00Z",
        "updated": draw(st.sampled_from(["2025-01-02T00:00:00Z", "yesterday"])),
        "play_seconds": draw(st.floats(-1, 1e11, allow_nan=False)),
        "scene_title": "T",
        "turn": draw(st.integers(-1, 5)),
        "state": state,
    }
    if draw(st.booleans()):
        return draw(json_any)
    return doc


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_any_document_loads_playably_or_fails_cleanly(
    starter: Story, tmp_path: Path, doc: Any
) -> None:
    folder = SaveFolder(tmp_path / "fuzz")
    folder.path.mkdir(exist_ok=True)
    (folder.path / "x.json").write_text(json.dumps(doc))
    folder.slots()
    try:
        loaded = folder.load("x", starter)
    except SaveError as e:
        assert str(e).startswith("Could not load ")
        return
    game = Game(starter, loaded.state)
    assert game.state.scene in starter.scenes
    assert set(game.state.inventory) <= set(starter.items)
    for sid, value in game.state.stats.items():
        assert starter.stats[sid].stat.min <= value <= starter.stats[sid].stat.max
    _ = game.text, game.status, game.inventory
    if game.ended is None and not game.is_stuck:
        game.choose(next(i for i, c in enumerate(game.choices) if c.open))
    while game.undo():
        assert game.state.scene in starter.scenes
