"""Pages: what one step shows, and the state format 2 adds (call stack, choice counts)."""

from __future__ import annotations

from pathlib import Path

from game.engine import Game
from game.saves import SaveFolder
from game.story import load_story
from game.story.story import Story

MANIFEST = """
[story]
id = "pages"
title = "Pages"
version = "1"
start = "gate"

[stats.health]
name = "Health"
start = 5
min = 0
max = 5

[stats.hunger]
name = "Hunger"
start = 0
min = 0
max = 10

[flags]
lit = "the lamp is lit"
dark = "it is dark"

[infection]
countdown = 2
zombie_scene = "turned"
hunger_stat = "hunger"

[[infection.outcomes]]
hybrid_chance = 1.0
"""

SCENES = """
[gate]
title = "The gate"
text = "A gate."

[[gate.choices]]
text = "Light the lamp"
response = "{seq: It catches. | It is already lit.}"
effects = [{ set = { lit = true } }, { when = "lit", set = { dark = false } }]

[[gate.choices]]
text = "Get bitten"
response = "Teeth."
effects = { infect = true }

[[gate.choices]]
text = "Walk through"
goto = "path"

[[gate.choices]]
text = "Rest"
call = "rest"

[path]
text = "The path forks."
next = [
  { when = "lit", goto = "lamp_way" },
  { when = "health >= 5", goto = "strong_way" },
  { goto = "dark_way" },
]

[lamp_way]
title = "Lamp way"
text = "The lamp shows the way."
next = "gate"

[strong_way]
title = "Strong way"
text = "You push on."
next = "gate"

[dark_way]
title = "Dark way"
text = "Dark."
next = "gate"

[rest]
text = "You rest a while."
call = "dream"
next = "rest_end"

[dream]
text = "You dream."
return = true

[rest_end]
text = "You wake."
return = true

[turned]
title = "Turned"
text = "Gone."
ending = { id = "turned", title = "Turned" }
"""


def _story(tmp_path: Path) -> Story:
    (tmp_path / "story.toml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "scenes.toml").write_text(SCENES, encoding="utf-8")
    return load_story(tmp_path)


def test_next_takes_the_first_branch_that_holds_in_order(tmp_path: Path) -> None:
    story = _story(tmp_path)
    game = Game.new(story)
    game.choose(2)  # health 5 and not lit: the second branch
    assert game.title == "Strong way" and "You push on." in game.text
    game = Game.new(story)
    game.choose(0)  # light the lamp: now both `lit` and `health >= 5` hold; the first wins
    game.choose(2)
    assert game.title == "Lamp way"
    assert game.text.split("\n\n")[:2] == ["The path forks.", "The lamp shows the way."]
    assert game.text.endswith("A gate.") and game.state.scene == "gate"


def test_a_staying_choice_counts_and_cycles_but_moves_nothing(tmp_path: Path) -> None:
    game = Game.new(_story(tmp_path))
    game.choose(0)
    assert game.text == "It catches." and game.state.flags == {"lit": True, "dark": False}
    game.choose(0)
    assert game.text == "It is already lit."
    assert game.state.visits == {"gate": 1} and game.state.chosen == {"gate:0": 2}
    game.undo()
    assert game.state.chosen == {"gate:0": 1} and game.text == "It catches."


def test_the_infection_moves_once_a_page_not_once_a_scene(tmp_path: Path) -> None:
    game = Game.new(_story(tmp_path))
    game.choose(1)  # bitten; staying is no scene change
    assert (game.infection, game.state.countdown) == ("bitten", 2)
    game.choose(2)  # path -> strong_way -> gate: four scenes, one page, one tick
    assert game.state.countdown == 1
    game.choose(2)
    assert game.infection == "hybrid"
    game.choose(2)
    assert game.state.stats["hunger"] == 1  # hunger rose once for the whole page


def test_nested_calls_return_in_order_and_the_stack_is_saved(tmp_path: Path) -> None:
    story = _story(tmp_path)
    game = Game.new(story)
    game.choose(3)  # rest: rest -> dream (returns) -> rest_end (returns) -> the gate's choices
    assert game.text.split("\n\n") == ["You rest a while.", "You dream.", "You wake."]
    assert game.state.scene == "gate" and game.state.calls == []
    assert game.title == "The gate"
    # a stack in the middle of a page never shows, so save one made by hand
    game.state.calls = ["stay:gate", "go:path"]
    folder = SaveFolder(tmp_path / "saves")
    folder.save("mine", game, 3.0)
    loaded = folder.load("mine", story)
    assert loaded.state.calls == ["stay:gate", "go:path"]
    assert loaded.state.chosen == {"gate:3": 1}


def test_a_page_longer_than_a_save_holds_keeps_its_start_in_the_history(tmp_path: Path) -> None:
    (tmp_path / "story.toml").write_text(
        '[story]\nid = "long"\ntitle = "Long"\nversion = "1"\nstart = "a"\n', encoding="utf-8"
    )
    scenes = "".join(
        f'[{sid}]\ntext = "{sid * 60_000}"\nnext = "{after}"\n\n'
        for sid, after in (("a", "b"), ("b", "c"))
    )
    scenes += '[c]\ntext = "c"\nending = { id = "c", title = "C" }\n'
    (tmp_path / "scenes.toml").write_text(scenes, encoding="utf-8")
    story = load_story(tmp_path)
    game = Game.new(story)
    assert len(game.text) == 120_005  # the player reads the whole page (and two breaks)
    kept = game.state.log[-1].text
    assert len(kept) == 100_000 and kept.endswith("…") and kept.startswith("a" * 60_000)
    folder = SaveFolder(tmp_path / "saves")
    folder.save("mine", game, 1.0)  # and the game still saves
    assert folder.load("mine", story).state.log[-1].text == kept
