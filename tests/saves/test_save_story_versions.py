"""A save made with an older version of the story: repaired, with a note for each repair."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from game.engine import Game
from game.saves import SaveFolder
from game.story import Story, load_story

Play = Callable[..., Game]


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


def bump_version(story_dir: Path) -> None:
    rewrite(story_dir / "story.toml", 'version = "1.0.0"', 'version = "1.1.0"')


def test_a_removed_scene_moves_the_player_to_the_nearest_earlier_one(
    starter: Story, starter_copy: Path, folder: SaveFolder, play: Play
) -> None:
    folder.save("x", play(starter, [1, 2, 1]), 1)  # classroom, barricade, hall, stairs
    bump_version(starter_copy)
    rewrite(starter_copy / "school.toml", "[stairs]", "[stairwell]")
    text = (starter_copy / "school.toml").read_text()
    (starter_copy / "school.toml").write_text(re.sub(r'"stairs"', '"stairwell"', text))
    rewrite(starter_copy / "school.toml", "[[stairs.choices]]", "[[stairwell.choices]]", 2)
    newer = load_story(starter_copy)
    loaded = folder.load("x", newer)
    assert loaded.notes == [
        "This save was made with version 1.0.0 of the story; this is version 1.1.0.",
        "The scene 'stairs' is no longer in the story; you are back at 'The east hall', "
        "the nearest earlier place that still exists. The undo history was cleared.",
    ]
    game = Game(newer, loaded.state)
    assert game.state.scene == "hall" and not game.can_undo
    assert [e.scene for e in game.state.log] == ["classroom", "barricade", "hall"]
    assert "stairs" not in game.state.visits
    game.choose(1)  # the game goes on
    assert game.state.scene == "stairwell"


def test_a_removed_item_is_dropped_and_a_changed_stat_clamped(
    starter: Story, starter_copy: Path, folder: SaveFolder, play: Play
) -> None:
    game = play(starter, [2, 4])  # the hall, with the chocolate
    assert game.state.inventory == {"chocolate": 1}
    folder.save("x", game, 1)
    bump_version(starter_copy)
    manifest = starter_copy / "story.toml"
    rewrite(manifest, "[items.chocolate]", "[items.apple]")
    rewrite(manifest, "[[items.chocolate.actions]]", "[[items.apple.actions]]")
    rewrite(manifest, "start = 5\nmin = 0\nmax = 5", "start = 3\nmin = 0\nmax = 3")
    rewrite(manifest, "start = 2\nmin = 0\nmax = 5", "start = 3\nmin = 3\nmax = 5")
    rewrite(manifest, "[flags]\n", '[stats.courage]\nname = "Courage"\nstart = 1\n\n[flags]\n')
    (starter_copy / "school.toml").write_text(
        (starter_copy / "school.toml").read_text().replace("chocolate", "apple")
    )
    newer = load_story(starter_copy)
    loaded = folder.load("x", newer)
    assert loaded.notes == [
        "This save was made with version 1.0.0 of the story; this is version 1.1.0.",
        "The item 'chocolate' is no longer in the story and was taken from your inventory.",
        "Health was 5, outside the story's new maximum; it is now 3.",
        "Min-ji's trust was 2, outside the story's new minimum; it is now 3.",
        "Courage is new in this version of the story; it starts at 1.",
    ]
    assert loaded.state.inventory == {}
    assert loaded.state.stats == {"health": 3, "hunger": 0, "trust_minji": 3, "courage": 1}
    assert loaded.state.undo and all(s.inventory == {} for s in loaded.state.undo)
    Game(newer, loaded.state).choose(1)


def test_the_same_story_version_loads_without_notes(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    folder.save("x", play(starter, [2, 2]), 1)
    assert folder.load("x", load_story(starter.root)).notes == []
