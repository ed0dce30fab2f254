"""The rules, played through the `Game` API on the starter story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import Game, GameError
from game.story import Story, load_story


def pick(game: Game, text: str) -> None:
    """Choose the choice whose text starts with `text`."""
    for i, c in enumerate(game.choices):
        if c.text.startswith(text):
            game.choose(i)
            return
    raise AssertionError(f"no choice {text!r} in {[c.text for c in game.choices]}")


def test_new_game_starts_at_start_with_player_name(starter: Story) -> None:
    game = Game.new(starter, "Dana")
    assert game.title == "Class 2-5"
    assert '"Dana, the door!"' in game.text
    assert game.state.visits == {"classroom": 1}
    assert [c.text for c in game.choices] == ["Barricade the door with desks", "Run into the hall"]


def test_default_player_name(starter: Story) -> None:
    assert Game.new(starter, "  ").state.player == "Ji-ho"


def test_play_to_rescue_as_a_human(starter: Story) -> None:
    game = Game.new(starter)
    pick(game, "Barricade")
    assert "You gain Mop handle." in [e.text for e in game.events]
    assert "mop handle" in game.text  # the variant for has(mop)
    pick(game, "Wait for rescue")
    assert game.ended is not None
    assert (game.ended.id, game.ended.title) == ("rescued", "Rescued as a human")
    assert game.choices == []
    with pytest.raises(GameError):
        game.choose(0)


def test_bite_turns_a_weak_player_into_a_zombie(starter: Story) -> None:
    game = Game.new(starter)
    game.state.stats["health"] = 3  # the outcome rule: hybrid only with health >= 4
    pick(game, "Run into the hall")
    pick(game, "Push past it")
    assert game.infection == "bitten"
    assert [e.kind for e in game.events] == ["gain", "stat", "bitten"]
    assert game.state.countdown == 1
    pick(game, "Swipe the keycard")
    assert game.infection == "zombie"
    assert game.ended is not None and game.ended.id == "turned"
    assert game.title == "Turned"


def test_bite_can_make_a_hybrid_who_plays_on(starter: Story) -> None:
    game = Game.new(starter)
    pick(game, "Run into the hall")
    pick(game, "Push past it")
    pick(game, "Swipe the keycard")
    assert game.infection == "hybrid"
    assert any(e.kind == "hybrid" for e in game.events)
    assert "salt and iron" in game.text  # hybrid-only variant
    assert [s.id for s in game.status] == ["health", "hunger", "trust_minji"]
    closed = [c for c in game.choices if not c.open]
    assert [(c.text, c.reason) for c in closed] == [
        ("Wave down the helicopter", "only a human could")
    ]
    pick(game, "Slip away")
    assert game.ended is not None and game.ended.id == "hybrid_free"


def test_hybrid_hunger_rises_each_scene_and_forces_the_frenzy_scene(starter: Story) -> None:
    game = Game.new(starter)
    pick(game, "Run into the hall")
    pick(game, "Push past it")
    pick(game, "Swipe the keycard")  # turning: hunger does not rise on this step
    assert (game.infection, game.state.stats["hunger"]) == ("hybrid", 0)
    game.undo()
    pick(game, "Go back down")  # bitten -> hybrid on the way down
    assert game.infection == "hybrid"
    hunger = [game.state.stats["hunger"]]
    while game.title != "Hunger":
        pick(game, "Back away" if game.title == "The east hall" else "Run into the hall")
        hunger.append(game.state.stats["hunger"])
    assert hunger == [0, 1, 2, 3, 4, 0]  # rises by one a scene; at max 5 the frenzy resets it
    assert any(e.kind == "hunger" for e in game.events)


def test_hidden_closed_choice_and_once_choice(starter: Story) -> None:
    game = Game.new(starter)
    pick(game, "Run into the hall")
    texts = [c.text for c in game.choices]
    assert "Search the teacher's desk" in texts
    pick(game, "Search the teacher's desk")
    assert game.title == "The east hall"
    assert "Search the teacher's desk" not in [c.text for c in game.choices]  # hidden once held
    pick(game, "Push past it")
    pick(game, "Go back down")
    assert "Push past it" not in [c.text for c in game.choices]  # once


def test_use_item_consumes_and_applies_effects(starter: Story) -> None:
    game = Game.new(starter)
    game.state.stats["health"] = 2
    pick(game, "Run into the hall")
    pick(game, "Search the teacher's desk")
    [item] = game.inventory
    assert (item.id, item.count, item.actions[0].text) == ("chocolate", 1, "Eat it")
    game.use_item("chocolate")
    assert game.state.stats["health"] == 3
    assert game.inventory == []
    assert [e.text for e in game.events] == ["You lose Chocolate bar.", "Health +1 (now 3)."]
    with pytest.raises(GameError, match="not carrying"):
        game.use_item("chocolate")
    assert game.undo()
    assert game.state.inventory == {"chocolate": 1}


def test_closed_choice_is_refused_with_its_reason(starter: Story) -> None:
    game = Game.new(starter)
    pick(game, "Run into the hall")
    with pytest.raises(GameError, match="that way is closed: needs Mop handle"):
        game.choose(0)


def test_undo_restores_everything_and_the_log(starter: Story) -> None:
    game = Game.new(starter)
    before = game.state.model_dump()
    pick(game, "Barricade")
    assert game.can_undo and len(game.state.log) == 2
    assert game.undo()
    assert game.state.model_dump() == before
    assert not game.undo()


def test_stat_at_min_goes_to_its_scene(starter: Story) -> None:
    game = Game.new(starter)
    game.state.stats["health"] = 1
    pick(game, "Run into the hall")
    pick(game, "Push past it")  # health -1 -> 0 -> end_dead
    assert game.ended is not None and game.ended.id == "dead"


def test_branch_draws_from_the_seeded_generator(starter: Story) -> None:
    def coin(seed: int) -> str:
        game = Game.new(starter, seed=seed)
        pick(game, "Run into the hall")
        pick(game, "Push past it")
        pick(game, "Swipe the keycard")  # hybrid (health 4)
        pick(game, "Trust your new legs")
        assert game.ended is not None
        return game.ended.id

    outcomes = [coin(seed) for seed in range(40)]
    assert outcomes == [coin(seed) for seed in range(40)]  # deterministic
    assert set(outcomes) == {"hybrid_free", "dead"}  # and both happen


def test_engine_and_story_do_not_import_textual() -> None:
    code = (
        "import sys, game.engine, game.story, game.check\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_branch_whose_condition_holds_wins_over_the_fallback(tmp_path: Path) -> None:
    (tmp_path / "story.toml").write_text(
        '[story]\nid = "b"\ntitle = "B"\nversion = "1"\nstart = "a"\n'
        '[flags]\nlit = "the torch is lit"\n'
    )
    (tmp_path / "s.toml").write_text(
        '[a]\ntitle = "A"\ntext = "Dark."\n'
        '[[a.choices]]\ntext = "Light the torch"\ngoto = "a"\neffects = { set = { lit = true } }\n'
        '[[a.choices]]\ntext = "Go on"\n'
        '[[a.choices.branch]]\ngoto = "seen"\nwhen = "lit"\n'
        '[[a.choices.branch]]\ngoto = "lost"\n'
        '[seen]\ntitle = "Seen"\ntext = "x"\nending = { id = "seen", title = "Seen" }\n'
        '[lost]\ntitle = "Lost"\ntext = "x"\nending = { id = "lost", title = "Lost" }\n'
    )
    story = load_story(tmp_path)
    for seed in range(20):
        dark = Game.new(story, seed=seed)
        pick(dark, "Go on")
        lit = Game.new(story, seed=seed)
        pick(lit, "Light the torch")
        pick(lit, "Go on")
        assert (dark.title, lit.title) == ("Lost", "Seen")


def test_item_uses_stay_in_the_log_and_undo_restores_the_entry(starter: Story) -> None:
    game = Game.new(starter)
    game.state.stats["health"] = 2
    pick(game, "Run into the hall")
    pick(game, "Search the teacher's desk")  # back in the hall, with the chocolate
    arrival = list(game.state.log[-1].events)
    assert arrival == ["You gain Chocolate bar."]
    game.use_item("chocolate")
    entry = game.state.log[-1]
    assert entry.choice is None
    assert entry.events == [
        *arrival,
        "Eat it (Chocolate bar)",
        "You lose Chocolate bar.",
        "Health +1 (now 3).",
    ]
    pick(game, "Back away")
    assert game.state.log[-2].choice == "Back away into the classroom"
    assert "Eat it (Chocolate bar)" in game.state.log[-2].events
    game.undo()
    game.undo()
    assert game.state.log[-1].events == arrival and game.state.log[-1].choice is None
