"""Every example of "Writing briefly" in scenes/README.md, loaded and played as written."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game.engine import Game
from game.plain import run_plain
from game.story import check_story
from game.story.story import Story

GUIDE = Path(__file__).parent.parent.parent / "scenes" / "README.md"
_BLOCK = re.compile(r"<!-- (example(?:-manifest)?)(?:: (\w+))? -->\n```toml\n(.*?)```", re.S)


def _blocks() -> tuple[str, dict[str, str], dict[str, str]]:
    manifest, extra, scenes = "", {}, {}
    for kind, name, body in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        if kind == "example-manifest" and not name:
            manifest = body
        elif kind == "example-manifest":
            extra[name] = body
        else:
            scenes[name] = body
    return manifest, extra, scenes


def _story(name: str, tmp_path: Path) -> Story:
    manifest, extra, scenes = _blocks()
    (tmp_path / "story.toml").write_text(manifest + extra.get(name, ""), encoding="utf-8")
    (tmp_path / "scenes.toml").write_text(scenes[name], encoding="utf-8")
    story, diagnostics = check_story(tmp_path)
    # One manifest serves every example, so an example may leave a flag or item unused.
    unexpected = [
        str(d)
        for d in diagnostics
        if d.severity == "error" or not d.message.startswith(("flag ", "item "))
    ]
    assert unexpected == []
    assert story is not None
    return story


def test_the_guide_has_an_example_for_each_of_the_nine_capabilities() -> None:
    _, _, scenes = _blocks()
    assert sorted(scenes) == sorted(
        [
            "response",
            "next",
            "inline_if",
            "alternatives",
            "call",
            "effects",
            "values",
            "messages",
            "defaults",
        ]
    )


def test_response_shows_on_the_next_page_and_a_choice_without_goto_stays(
    tmp_path: Path,
) -> None:
    game = Game.new(_story("response", tmp_path))
    game.choose(0)
    assert game.text == '"North," she says, "as far as the ice lets us." She smiles.'
    assert game.state.scene == "deck" and game.title == "The deck"
    assert [c.text for c in game.choices] == ["Ask Mara where she is going", "Go below"]
    assert game.events == []  # trust does not announce itself
    game.choose(1)
    assert game.text == "You leave her to the wind.\n\nA bunk, a lamp, a porthole black with night."
    assert game.ended is not None
    history = [(e.title, e.choice) for e in game.state.log]
    assert history[1] == ("The deck", "Go below")


def test_next_joins_scenes_into_one_page_and_branches(tmp_path: Path) -> None:
    story = _story("next", tmp_path)
    game = Game.new(story)
    assert game.title == "The deck"
    assert game.text.split("\n\n") == [
        "The horn sounds twice.",
        "Men in oilskins pull the gangway in. The pier slides away.",
        "A steward bows you into a warm saloon.",
    ]
    assert game.ended is not None and game.ended.id == "first"
    assert game.state.visits == {"deck": 1, "gangway": 1, "first_class": 1}
    assert len(game.state.log) == 1


def test_inline_conditions_pick_their_words(tmp_path: Path) -> None:
    game = Game.new(_story("inline_if", tmp_path))
    assert game.text == "Mara keeps her hands in her pockets."
    game.state.stats = {**game.state.stats, "trust": 7}
    game.state.flags = {"drugged": True, "warned": True}
    assert game.render_scene(game.scene) == (
        "Mara takes your hand.\nYou remember her warning, too late."
    )
    game.choose(0)
    assert game.text == "Grey light. Mara is asleep on your shoulder."


def test_alternatives_follow_visits_and_the_seed(tmp_path: Path) -> None:
    story = _story("alternatives", tmp_path)
    game = Game.new(story, seed=4)
    first = game.text.splitlines()
    assert first[0].startswith("The ferry is an old thing")
    assert first[1:] == ["The gulls follow the wake.", "The lamp flickers."]
    game.choose(0)
    page = game.text.split("\n\n")
    assert page[0] in ("A sailor nods.", "Spray hits your face.", "A door bangs somewhere.")
    assert page[1].splitlines() == ["The gulls have gone.", "The lamp steadies."]
    game.choose(0)
    assert game.text.split("\n\n")[1].splitlines() == ["Only the wind now.", "The lamp flickers."]
    # the same seed reads the same shuffle; a game restored from its state too
    again = Game.new(story, seed=4)
    again.choose(0)
    assert again.text.split("\n\n")[0] == page[0]
    shuffles = set()
    for seed in range(40):
        g = Game.new(story, seed=seed)
        g.choose(0)
        shuffles.add(g.text.split("\n\n")[0])
    assert len(shuffles) == 3


def test_call_runs_a_subroutine_and_comes_back(tmp_path: Path) -> None:
    game = Game.new(_story("call", tmp_path))
    game.choose(1)  # duck into the lifeboat: call without goto, back to the deck
    # on_enter took a coin before the text was rendered: the text sees 2 coins
    assert game.text == "The purser looks you over. He frowns at your coat.\n\nHe moves on."
    assert game.state.scene == "deck" and game.state.calls == []
    assert game.state.stats["coins"] == 2 and game.title == "The deck"
    assert next(c.text for c in game.choices) == "Show him your ticket"
    game.choose(0)  # show the ticket: call, then on to the saloon
    assert game.text.split("\n\n") == [
        "The purser looks you over. He frowns at your coat.",
        "He moves on.",
        "Warm air and cigar smoke.",
    ]
    assert game.ended is not None and game.title == "The saloon"
    assert game.state.stats["coins"] == 1
    game.undo()
    assert game.state.scene == "deck" and game.state.stats["coins"] == 2


def test_effects_apply_in_order_each_when_tested_in_turn(tmp_path: Path) -> None:
    story = _story("effects", tmp_path)
    game = Game.new(story)
    game.choose(0)
    assert game.state.flags == {"drugged": True}
    assert game.state.stats["trust"] == 3
    assert game.text == "The deck tilts.\n\nYou wake on the floor."
    warned = Game.new(story)
    warned.state.flags = {"warned": True}
    warned.choose(0)
    assert warned.state.flags == {"warned": True} and warned.state.stats["trust"] == 5
    assert warned.text == "It is only tea.\n\nYou sleep well."


def test_an_unbounded_stat_grows_past_ten(tmp_path: Path) -> None:
    game = Game.new(_story("values", tmp_path))
    assert [c.open for c in game.choices] == [True, False]
    game.choose(0)
    assert game.text == "You win. You have 43 coins now."
    assert [e.text for e in game.events] == ["Coins +40 (now 43)."]
    game.choose(1)
    assert game.ended is not None


def test_a_story_without_infection_words_its_own_notices(tmp_path: Path) -> None:
    story = _story("messages", tmp_path)
    assert story.info.ask_name is False
    game = Game.new(story)
    assert game.stage_label is None
    game.choose(0)
    assert [e.text for e in game.events] == ["Coins: 4.", "The voyage ends: The end."]


def test_defaults_hide_closed_choices_unless_a_choice_says_show(tmp_path: Path) -> None:
    game = Game.new(_story("defaults", tmp_path))
    assert [(c.text, c.open, c.reason) for c in game.choices] == [
        ("Open the purser's strongbox", False, "You could never afford the bribe."),
        ("Go below", True, None),
    ]


@pytest.mark.parametrize("name", ["response", "alternatives", "call", "effects"])
def test_a_sip_from_the_teacup_is_a_page_of_its_own(name: str, tmp_path: Path) -> None:
    game = Game.new(_story(name, tmp_path))
    game.state.inventory = {"teacup": 1}
    before = len(game.state.log)
    game.use_item("teacup")
    assert game.text == "Bitter, and faintly of almonds."
    game.use_item("teacup")
    assert game.text == "Still bitter."
    assert len(game.state.log) == before + 2
    assert game.state.log[before].choice == "Sip the tea (Teacup)"
    assert game.choices  # the scene's choices again


def test_the_name_prompt_is_the_story_s_question(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    manifest, _, scenes = _blocks()
    manifest = manifest.replace("ask_name = false", 'name_prompt = "Who boards tonight?"')
    (story / "story.toml").write_text(manifest, encoding="utf-8")
    (story / "scenes.toml").write_text(scenes["response"], encoding="utf-8")
    out = io.StringIO()
    run_plain(story, tmp_path / "saves", io.StringIO("Mara\nquit\n"), out, 1)
    assert "Who boards tonight? (Enter for Player)" in out.getvalue()
