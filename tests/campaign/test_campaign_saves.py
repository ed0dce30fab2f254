"""The campaign's save fixtures (tests/saves/fixtures/hyosan) are where their names say."""

from __future__ import annotations

from pathlib import Path

from game.engine import Game
from game.saves import SaveFolder
from game.story import Story

FIXTURES = Path(__file__).resolve().parents[1] / "saves" / "fixtures" / "hyosan"


def test_the_campaign_fixtures_load_where_their_names_say(campaign: Story) -> None:
    folder = SaveFolder(FIXTURES)
    assert {s.name for s in folder.slots()} == {"autosave-early", "hybrid-mid", "near-ending"}
    early = folder.load("autosave-early", campaign).state
    assert early.turn == 1 and early.scene == "a1_lab_corridor"
    hybrid = folder.load("hybrid-mid", campaign).state
    assert hybrid.infection == "hybrid" and hybrid.stats["act"] == 3
    near = Game(campaign, folder.load("near-ending", campaign).state)
    assert near.state.scene == "a5_last_morning" and near.state.infection == "human"
    assert any(c.open for c in near.choices)
