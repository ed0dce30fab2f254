"""What the player's screens show, as plain data: the stats sheet, the story map, the endings
gallery, the settings file, the endings-found record and the save details. No app runs here."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

from game.endings_found import FOUND_FILE, EndingsFound
from game.engine import Game
from game.saves import SaveFolder
from game.story import Story
from game.tui import manifest
from game.tui.gallery import gallery
from game.tui.settings import SETTINGS_FILE, Settings, SettingsFile
from game.tui.sheet import sheet
from game.tui.slot_details import read_details
from game.tui.storymap import story_map
from tests.tui.described import described  # noqa: F401  (fixture)

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def play(story: Story, *texts: str) -> Game:
    """A new game, then the choices whose words start with each of `texts`."""
    game = Game.new(story, "Ji-ho", seed=0)
    for text in texts:
        index = next(i for i, c in enumerate(game.choices) if c.text.startswith(text))
        game.choose(index)
    return game


# ---------------------------------------------------------------- the manifest


def test_act_comes_from_the_scene_file(starter: Story) -> None:
    assert manifest.file_label(Path("scenes/act2_school.toml")) == "Act 2"
    assert manifest.file_label(Path("scenes/Act-10.toml")) == "Act 10"
    assert manifest.act_label(starter, "hall") == "School"
    assert manifest.act_label(starter, "no_such_scene") == ""


def test_status_line_watches_the_stats_that_can_end_the_story(starter: Story) -> None:
    assert manifest.alert_stats(starter) == {"health", "hunger"}
    quiet = dataclasses.replace(
        starter, stats={"trust_minji": starter.stats["trust_minji"]}, infection=None
    )
    assert manifest.alert_stats(quiet) == {"trust_minji"}


def test_unbounded_stats_show_no_maximum() -> None:
    assert manifest.stat_value(4, 10) == "4/10"
    assert manifest.stat_value(4, 1_000_000_000) == "4"


def test_stage_names_are_the_storys(described: Story, starter: Story) -> None:  # noqa: F811
    assert manifest.stage_label(described, "zombie") == "Gone"
    assert manifest.stage_label(starter, "zombie") == "Turned"
    assert manifest.stage_label(dataclasses.replace(starter, infection=None), "human") is None


# ---------------------------------------------------------------- stats sheet


def test_sheet_has_each_visible_stat_with_its_description(described: Story) -> None:  # noqa: F811
    s = sheet(play(described))
    assert [(x.id, x.value) for x in s.stats] == [("health", 5), ("trust_minji", 2)]
    assert s.stats[0].description == "How much more you can take. At 0 the story ends."
    assert s.flags == ()  # the visible flag is not set yet
    assert s.stage is not None and (s.stage.label, s.stage.countdown) == ("Human", None)
    assert s.stage.description.startswith("A bite gives you two scenes.")


def test_sheet_lists_visible_flags_once_set(described: Story) -> None:  # noqa: F811
    s = sheet(play(described, "Barricade"))
    assert s.flags == ("You barricaded the classroom door with desks.",)


def test_sheet_counts_down_while_bitten_and_shows_hunger_as_hybrid(
    described: Story,  # noqa: F811
) -> None:
    bitten = sheet(play(described, "Run into the hall", "Push past"))
    assert bitten.stage is not None and (bitten.stage.id, bitten.stage.countdown) == ("bitten", 1)
    hybrid = sheet(play(described, "Run into the hall", "Push past", "Swipe"))
    assert hybrid.stage is not None and hybrid.stage.id == "hybrid"
    assert "hunger" in [x.id for x in hybrid.stats]


def test_sheet_without_infection_has_no_stage(starter: Story) -> None:
    assert sheet(play(dataclasses.replace(starter, infection=None))).stage is None


# ---------------------------------------------------------------- story map


def test_story_map_follows_the_path_and_its_forks(starter: Story) -> None:
    m = story_map(play(starter, "Barricade", "Climb out", "Push past"), set())
    [act] = m.acts
    assert act.label == "School"
    assert [s.scene for s in act.steps] == ["classroom", "barricade", "hall", "stairs"]
    first = act.steps[0]
    assert first.taken == "Barricade the door with desks"
    assert first.others == ("Run into the hall",)
    hall = act.steps[2]
    # "Search the teacher's desk" hides when closed: it may never have been on screen.
    assert hall.others == ("Fight it off with the mop", "Back away into the classroom")
    assert act.steps[-1].taken is None and act.steps[-1].others == ()  # the scene in play
    assert m.forks == 3
    assert (m.endings_found, m.endings_total) == (0, 4)


def test_story_map_marks_the_ways_taken_in_earlier_games(starter: Story) -> None:
    def before(scene: str) -> frozenset[str]:
        return frozenset({"Run into the hall", "Not a choice here"} if scene == "classroom" else ())

    m = story_map(play(starter, "Barricade", "Climb out"), set(), before)
    first, second = m.acts[0].steps[:2]
    assert first.known == {"Run into the hall"}
    assert second.known == frozenset()


def test_story_map_ends_with_the_ending(starter: Story) -> None:
    m = story_map(play(starter, "Barricade", "Wait for rescue"), {"rescued", "gone"})
    last = m.acts[-1].steps[-1]
    assert last.ending == "Rescued as a human"
    assert m.endings_found == 1  # ids the story does not have are not counted


# ---------------------------------------------------------------- endings gallery


def test_gallery_shows_found_endings_with_date_and_player_and_hints_for_the_rest(
    described: Story,  # noqa: F811
    tmp_path: Path,
) -> None:
    found = EndingsFound(tmp_path)
    found.record(described.id, "rescued", "Ji-ho", WHEN)
    found.record(described.id, "rescued", "Later", datetime.now(UTC))  # the first find stays
    entries = {e.id: e for e in gallery(described, {"rescued", "turned"}, found.found("starter"))}
    assert list(entries) == ["rescued", "hybrid_free", "turned", "dead"]
    rescued = entries["rescued"]
    assert (rescued.found, rescued.player, rescued.when) == (True, "Ji-ho", WHEN)
    turned = entries["turned"]  # in endings.json but found before dates were kept
    assert (turned.found, turned.when, turned.player) == (True, None, None)
    assert not entries["dead"].found
    assert entries["dead"].hint == "Some gaps are wider than they look."
    assert entries["hybrid_free"].hint == ""


def test_a_broken_endings_found_file_reads_as_nothing_found(tmp_path: Path) -> None:
    (tmp_path / FOUND_FILE).write_text('{"format": 1, "found": {"starter": 3}}')
    assert EndingsFound(tmp_path).found("starter") == {}
    (tmp_path / FOUND_FILE).write_text("not json")
    assert EndingsFound(tmp_path).found("starter") == {}
    EndingsFound(tmp_path).record("starter", "dead", "Ji-ho", WHEN)  # replaces the bad file
    assert EndingsFound(tmp_path).found("starter")["dead"].player == "Ji-ho"


def test_the_endings_found_file_is_not_listed_as_a_save(tmp_path: Path) -> None:
    EndingsFound(tmp_path).record("starter", "dead", "Ji-ho", WHEN)
    assert SaveFolder(tmp_path).slots() == []


# ---------------------------------------------------------------- settings


def test_settings_are_kept_between_runs(tmp_path: Path) -> None:
    chosen = Settings(theme="nord", notices=False, story_width="wide", confirm_quit=True)
    assert SettingsFile(tmp_path / "cfg").save(chosen) is None
    assert SettingsFile(tmp_path / "cfg").load() == (chosen, None)


def test_missing_settings_are_the_defaults(tmp_path: Path) -> None:
    assert SettingsFile(tmp_path).load() == (Settings(), None)


def test_broken_settings_say_so_and_use_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text(json.dumps({"theme": "nord", "story_width": "huge"}))
    settings, problem = SettingsFile(tmp_path).load()
    assert settings == Settings()
    assert problem is not None
    assert problem.startswith(f"Could not read the settings in {path} (story_width: ")
    assert problem.endswith("); using the defaults.")
    path.write_text('{"sound": true}')
    assert "sound: extra inputs are not permitted" in (SettingsFile(tmp_path).load()[1] or "")


def test_settings_that_cannot_be_written_say_why(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    problem = SettingsFile(tmp_path / "file" / "cfg").save(Settings())
    assert problem is not None and problem.startswith("Could not save the settings to ")


# ---------------------------------------------------------------- save details


def test_save_details_are_read_from_the_state(starter: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path)
    game = play(starter, "Run into the hall", "Push past")
    info = folder.save("one", game, 10.0)
    details = read_details(info.path)
    assert details is not None
    assert (details.player, details.scene, details.infection, details.countdown) == (
        "Ji-ho",
        "stairs",
        "bitten",
        1,
    )


def test_save_details_of_a_broken_file_are_none(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for text in ("{", "[]", '{"state": {"player": 3, "scene": "x"}}', "[" * 100_000):
        bad.write_text(text)
        assert read_details(bad) is None
    assert read_details(tmp_path / "missing.json") is None


# ---------------------------------------------------------------- labels


def test_labels_keep_the_space_between_their_parts(starter: Story, tmp_path: Path) -> None:
    from game.engine import ChoiceView
    from game.tui.screens.title import menu_options
    from game.tui.widgets.choice_list import TAKEN_MARK, choice_prompt
    from game.tui.widgets.slot_list import slot_label

    closed = ChoiceView("Fight it off", False, "needs Mop handle")
    assert str(choice_prompt(1, closed, taken=True)) == (
        f"1. Fight it off {TAKEN_MARK}  (needs Mop handle)"
    )
    info = SaveFolder(tmp_path).save("one", play(starter, "Run into the hall"), 62.0)
    assert str(menu_options(info)[1].prompt) == "Continue  The east hall, turn 1"
    label = str(slot_label(info, "starter", "Ji-ho · School · Human"))
    assert label.startswith("one  The east hall\n  Ji-ho · School · Human · played 1:02 · ")
