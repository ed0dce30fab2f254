"""The dev tools' changes: each does what it says, refuses what makes no sense, and undoes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine import Game, GameError, debug
from game.story import Story, load_story
from tests.conftest import STARTER


@pytest.fixture
def game(starter: Story) -> Game:
    return Game.new(starter, "Tester", seed=0)


def test_jump_enters_the_scene_and_undo_goes_back(game: Game) -> None:
    assert debug.jump(game, "roof") == "Jumped to The roof (roof)."
    assert game.state.scene == "roof"
    assert game.title == "The roof"
    assert game.state.visits["roof"] == 1
    assert game.state.log[-1].scene == "roof"
    assert game.state.log[-2].choice == "[dev] jump to roof"
    assert game.state.turn == 0  # a jump is not a turn
    assert game.undo()
    assert game.state.scene == "classroom"
    assert "roof" not in game.state.visits
    assert game.state.log[-1].choice is None
    assert [e.scene for e in game.state.log] == ["classroom"]


def test_jump_runs_on_enter_effects(game: Game) -> None:
    game.state.stats["hunger"] = 4
    debug.jump(game, "frenzy")
    assert game.state.stats["hunger"] == 0


def test_jump_out_of_an_ending_plays_on(game: Game) -> None:
    debug.jump(game, "end_dead")
    assert game.ended is not None and game.ended.id == "dead"
    assert game.choices == []
    debug.jump(game, "hall")
    assert game.ended is None
    assert any(c.open for c in game.choices)


def test_jump_to_an_unknown_scene_changes_nothing(game: Game) -> None:
    with pytest.raises(GameError, match="no scene 'nowhere'"):
        debug.jump(game, "nowhere")
    assert game.state.scene == "classroom"
    assert not game.can_undo


def test_give_and_take(game: Game) -> None:
    assert debug.give(game, "chocolate", 3) == "Gave Chocolate bar ×3."
    assert game.state.inventory == {"chocolate": 3}
    assert [i.id for i in game.inventory] == ["chocolate"]
    debug.take(game, "chocolate", 1)
    assert game.state.inventory == {"chocolate": 2}
    assert debug.take(game, "chocolate") == "Took Chocolate bar."
    assert game.state.inventory == {}
    game.undo()
    game.undo()
    assert game.state.inventory == {"chocolate": 3}
    game.undo()
    assert game.state.inventory == {}


def test_give_is_capped(game: Game) -> None:
    debug.give(game, "mop", 5000)
    assert game.state.inventory["mop"] == debug.ITEM_LIMIT


def test_give_opens_choices_that_need_the_item(game: Game) -> None:
    debug.jump(game, "hall")
    fight = next(c for c in game.choices if c.text.startswith("Fight it off"))
    assert not fight.open
    debug.give(game, "mop")
    fight = next(c for c in game.choices if c.text.startswith("Fight it off"))
    assert fight.open


def test_give_and_take_refuse_bad_requests(game: Game) -> None:
    with pytest.raises(GameError, match="no item 'spoon'"):
        debug.give(game, "spoon")
    with pytest.raises(GameError, match="at least one"):
        debug.give(game, "mop", 0)
    with pytest.raises(GameError, match="does not carry 'mop'"):
        debug.take(game, "mop")
    assert not game.can_undo


def test_set_flag(game: Game) -> None:
    debug.set_flag(game, "door_barricaded", True)
    assert game.state.flags["door_barricaded"] is True
    debug.set_flag(game, "door_barricaded", False)
    assert game.state.flags["door_barricaded"] is False
    with pytest.raises(GameError, match="no flag 'doorr'"):
        debug.set_flag(game, "doorr", True)
    game.undo()
    assert game.state.flags["door_barricaded"] is True


def test_set_stat_is_clamped_and_enters_no_bound_scene(game: Game) -> None:
    assert debug.set_stat(game, "trust_minji", 4) == "Set Min-ji's trust to 4."
    assert game.state.stats["trust_minji"] == 4
    note = debug.set_stat(game, "health", -7)
    assert note == "Set Health to 0 (kept within 0..5)."
    assert game.state.stats["health"] == 0
    assert game.state.scene == "classroom"  # at_min's scene is for the rules, not the tools
    with pytest.raises(GameError, match="no stat 'mana'"):
        debug.set_stat(game, "mana", 1)


def test_infect_then_the_rules_run_the_countdown(game: Game) -> None:
    debug.infect(game)
    assert (game.state.infection, game.state.countdown) == ("bitten", 2)
    with pytest.raises(GameError, match="already bitten"):
        debug.infect(game)
    game.choose(1)  # run into the hall: one scene change
    assert game.state.countdown == 1


def test_cure(game: Game) -> None:
    with pytest.raises(GameError, match="not infected"):
        debug.cure(game)
    debug.infect(game)
    debug.cure(game)
    assert (game.state.infection, game.state.countdown) == ("human", None)
    game.undo()
    assert game.state.infection == "bitten"


def test_turn_hybrid_ends_the_countdown(game: Game) -> None:
    debug.infect(game)
    debug.turn_hybrid(game)
    assert (game.state.infection, game.state.countdown) == ("hybrid", None)
    assert "Hunger" in [s.name for s in game.status]  # the hybrid-only stat shows now
    with pytest.raises(GameError, match="already a hybrid"):
        debug.turn_hybrid(game)


def test_rerender_shows_the_current_scene_from_a_new_story(game: Game, tmp_path: Path) -> None:
    game.choose(0)  # barricade: the log has two scenes now
    folder = tmp_path / "story"
    shutil.copytree(STARTER, folder)
    school = folder / "school.toml"
    school.write_text(
        school.read_text()
        .replace('title = "Behind the desks"', 'title = "Behind the chairs"')
        .replace("The desks hold.", "The chairs hold.")
    )
    reloaded = Game(load_story(folder), game.state)
    debug.rerender(reloaded)
    newest = reloaded.state.log[-1]
    assert newest.title == "Behind the chairs"
    assert newest.text.startswith("The chairs hold.")
    assert "You grip the [b]mop handle[/b]" in newest.text  # variants apply as before
    assert reloaded.state.log[0].text.startswith("Fifth period")  # older scenes as read


def test_state_json_is_the_whole_state(game: Game) -> None:
    debug.give(game, "mop")
    doc = json.loads(debug.state_json(game))
    assert doc["scene"] == "classroom"
    assert doc["inventory"] == {"mop": 1}
    assert doc["player"] == "Tester"
    assert doc["undo"] == "1 steps"
    assert doc["log"][0]["scene"] == "classroom"
