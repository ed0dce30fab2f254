"""The ink port (issue 11): a short ink piece written twice, once in ink (story.ink, kept
for reference) and once in Hyosan's scene format 2, must be about as short in TOML and play
the same: choice bodies, gathers, inline conditions, a sequence, a tunnel, conditional
effects and chance, walked through the engine to every ending."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from game.engine import Game
from game.engine.state import GameState
from game.plain import run_plain
from game.story import Story, load_story
from game.story.story import BranchPlan

FOLDER = Path(__file__).parent.parent / "stories" / "inkport"
GUIDE = Path(__file__).parent.parent.parent / "scenes" / "README.md"
MAX_RATIO = 1.4


def non_blank_lines(*paths: Path) -> int:
    return sum(1 for p in paths for line in p.read_text().splitlines() if line.strip())


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(FOLDER)


def pick(game: Game, text: str) -> str:
    """Choose the open choice whose label starts with `text`; return the new page's text."""
    labels = [c.text for c in game.choices]
    for i, label in enumerate(labels):
        if label.startswith(text):
            game.choose(i)
            return game.text
    raise AssertionError(f"no choice {text!r} in {labels}")


def labels(game: Game) -> list[str]:
    return [c.text for c in game.choices]


def board(game: Game, *, tomas: str = "Let him on") -> str:
    """The quay: three once-only passengers, each with its own sub-choice, then cast off."""
    assert "Rain on the quay" in game.text and "Three passengers tonight." in game.text
    assert "Mrs Adair" in pick(game, "Mrs Adair")  # the choice's body shows before its menu
    page = pick(game, "Punch her ticket")
    assert '"That would make a change."' in page  # the response, then the gathered quay
    assert "Two to go." in page and "Rain on the quay" not in page  # seq advances, once is gone
    assert labels(game) == ["The man in the grey coat", "The boy with no ticket"]
    pick(game, "The man in the grey coat")
    assert "One more." in pick(game, "Say nothing")
    pick(game, "The boy")
    page = pick(game, tomas)
    # The fallback: with every passenger done the boat casts off without a click.
    assert "Captain Moss rang the bell once." in page
    assert "the lamps swung on their chains" in page
    return page


def test_it_loads_clean_and_is_not_about_zombies(story: Story) -> None:
    assert list(story.warnings) == []
    assert story.info.ask_name is False
    game = Game.new(story)
    assert game.stage_label is None  # no [infection]: no "Human" anywhere
    assert [s.name for s in game.status] == ["Coins"]  # trust and suspicion stay hidden


def test_the_toml_is_at_most_1_4_times_the_ink() -> None:
    ink = non_blank_lines(FOLDER / "story.ink")
    toml = non_blank_lines(*sorted(FOLDER.glob("*.toml")))
    assert ink >= 150  # a real story, not a sketch
    assert toml / ink <= MAX_RATIO, f"{toml} TOML lines for {ink} ink lines"


def test_it_has_at_least_40_choices_and_no_continue_scenes(story: Story) -> None:
    scenes = list(story.scenes.values())
    assert sum(len(s.choices) for s in scenes) >= 40
    # A scene with one choice only would be a "Continue" click: flow uses `next` instead.
    assert [s.id for s in scenes if len(s.choices) == 1] == []


def test_a_choice_that_stays_cycles_its_response(story: Story) -> None:
    game = Game.new(story)
    board(game)
    menu = labels(game)
    seen = [pick(game, "Look out of the window") for _ in range(4)]
    assert seen == [
        "Black water.",
        "Black water, and the rain on it.",
        "Only my own face, looking back.",
        "Black water.",
    ]
    assert labels(game) == menu and game.title == "The saloon"
    assert game.state.visits["saloon"] == 1  # staying is not coming back: no nearer the squall


def test_drugged_tea_the_tunnel_and_the_light(story: Story) -> None:
    game = Game.new(story)
    board(game)
    page = pick(game, "Go up to the wheelhouse")
    assert '"Weather\'s turning," she said.' in page
    page = pick(game, "Ask about the Skerry light")
    assert "waiting on a new mantle" in page  # the response
    assert "The swell was growing." in page  # the saloon's sequence, second visit
    assert "the Skerry light should have been burning" in page  # inline condition now true
    page = pick(game, "Go up to the wheelhouse")
    assert '"Told you," she said' in page  # the wheelhouse sequence on a revisit
    assert "Ask about the Skerry light" not in labels(game)  # a spent once-choice
    pick(game, "Go back down")
    assert "Bandages, iodine" in pick(game, "Open the medicine chest")
    assert "cold against my hip" in pick(game, "Pocket the bottle")
    page = pick(game, "Make tea in the galley")  # the tunnel
    assert "I found the cook's rum" in page
    page = pick(game, "Stir two drops")
    assert "brown bottle heavy" not in page  # {if has_draught and not drops_in_tea: ...}
    page = pick(game, "Give the man in the grey coat a mug")
    assert "He drank it without looking at me." in page
    assert game.state.flags.get("grey_drugged") is True  # the conditional effect applied
    assert game.state.flags.get("drops_in_tea") is False
    page = pick(game, "Sit with Mrs Adair")
    page = pick(game, "Ask what is really in the cage")
    assert "A lamp mantle packed in straw" in page  # trust 1 > 0
    assert "The squall hit us broadside." in page  # sixth time into the saloon: the squall
    assert "His eyes would not stay open." in page
    assert "Take the cage from his slack hands" in labels(game)
    pick(game, "Take the cage")
    assert "asleep across two benches" in game.text
    pick(game, "Go with her to the lighthouse")
    page = pick(game, "Hold the lamp steady")
    assert "one long white arm" in page and "far out and safe" in page
    assert "coins in my pocket" not in page
    assert game.ended is not None and game.ended.id == "light"


def test_plain_tea_changes_nothing_and_the_cage_is_lost(story: Story) -> None:
    game = Game.new(story)
    board(game, tomas="Send him home")
    assert "Look for Tomas on deck" not in labels(game)  # a hidden closed choice
    page = pick(game, "Make tea in the galley")
    assert "I found the cook's rum" in page
    pick(game, "Add a splash of rum")
    page = pick(game, "Give Mrs Adair a mug")
    assert "She sniffed it and smiled." in page
    assert game.state.stats["trust"] == 2
    page = pick(game, "Make tea in the galley")
    assert "I found the cook's rum" not in page  # {once: ...}
    assert labels(game) == ["Keep it plain"]  # the rum is spent, no bottle carried
    pick(game, "Keep it plain")
    page = pick(game, "Give the man in the grey coat a mug")
    assert "He drank it without looking at me." in page
    assert not game.state.flags.get("grey_drugged")  # the conditional effect did not apply
    for _ in range(3):
        pick(game, "Go up to the wheelhouse")
        pick(game, "Go back down")
    assert "The squall hit us broadside." in game.text
    assert labels(game) == ["Grab for the cage", "Stay where you are"]
    page = pick(game, "Stay where you are")
    assert "the Skerry light stayed dark" in page
    assert game.ended is not None and game.ended.id == "dark"


def test_the_bribe(story: Story) -> None:
    game = Game.new(story)
    board(game, tomas="Make him pay")
    assert game.state.stats["coins"] == 2
    assert game.events == []  # announce = false: no "Coins +2" line
    pick(game, "Sit by the man in the grey coat")
    pick(game, '"Something wrong with the cage?"')
    assert "you will be somewhere else" in pick(game, "Tell him")
    pick(game, "Take the coins")
    for _ in range(4):
        pick(game, "Go up to the wheelhouse")
        pick(game, "Go back down")
    assert "I was meant to be somewhere else." in game.text
    assert "Shout for Tomas" not in labels(game)  # he paid: not with me
    page = pick(game, "Look away")
    assert "I had 7 coins in my pocket" in page
    assert game.ended is not None and game.ended.id == "paid"


def test_the_iron_bar_wins_the_struggle(story: Story) -> None:
    game = Game.new(story)
    board(game)
    pick(game, "Sit by the man in the grey coat")
    assert "iron bar sewn into the lining" in pick(game, "Offer to hang his coat")
    for _ in range(4):
        pick(game, "Go up to the wheelhouse")
        pick(game, "Go back down")
    page = pick(game, "Grab for the cage")
    assert "went for his arm, not the cage" in page
    assert "Skerry harbour came up out of the rain" in page
    page = pick(game, "Stay aboard")
    assert game.ended is not None and game.ended.id == "light"


class Toward:
    """Chance decided through the engine's public seam: always the branch going to `goto`."""

    def __init__(self, goto: str) -> None:
        self.goto = goto
        self.draws: list[list[str]] = []

    def branch(self, state: GameState, options: Sequence[BranchPlan]) -> BranchPlan:
        if len(options) == 1:  # every `next` asks, even with one way on
            return options[0]
        self.draws.append([b.goto for b in options])
        return next(b for b in options if b.goto == self.goto)

    def turns_hybrid(self, state: GameState, chance: float) -> bool:
        raise AssertionError("nobody is bitten in this story")


def test_without_the_bar_the_struggle_is_chance(story: Story) -> None:
    chance = Toward("overboard")
    game = Game.new(story, outcomes=chance)
    board(game)
    for _ in range(5):
        pick(game, "Go up to the wheelhouse")
        pick(game, "Go back down")
    page = pick(game, "Grab for the cage")
    assert chance.draws == [["landing", "overboard"]]  # the `when = "saw_bar"` branch is out
    assert "We went down together among the benches." in page
    assert "went for his arm" not in page
    assert "The water was so cold" in page
    page = pick(game, "Swim for the cage")
    assert "A lifebuoy smacked the water" in page  # Tomas is aboard
    assert game.ended is not None and game.ended.id == "swim"


def test_the_seeded_toss_goes_both_ways(story: Story) -> None:
    ends = set()
    for seed in range(12):
        game = Game.new(story, seed=seed)
        board(game, tomas="Send him home")
        for _ in range(5):
            pick(game, "Go up to the wheelhouse")
            pick(game, "Go back down")
        pick(game, "Grab for the cage")
        ends.add(game.scene.id)
    assert ends == {"landing", "overboard"}


def test_the_comparison_table_counts_its_own_snippets() -> None:
    """The guide's "Coming from ink or ChoiceScript": each row's line counts are those of the ink,
    ChoiceScript and TOML snippets in its section; rows sharing a section take them in turn."""
    doc = GUIDE.read_text().partition("## Coming from ink or ChoiceScript")[2]
    sections: dict[str, list[dict[str, int]]] = {}
    for part in doc.split("\n### ")[1:]:
        anchor = re.sub(r"[^a-z0-9 -]", "", part.splitlines()[0].lower()).replace(" ", "-")
        sets: list[dict[str, int]] = []
        for lang, body in re.findall(r"```(\w+)\n(.*?)```", part, re.S):
            if not sets or lang in sets[-1]:
                sets.append({})
            sets[-1][lang] = sum(1 for line in body.splitlines() if line.strip())
        sections[anchor] = sets
    rows = re.findall(r"^\| \[[^]]+\]\(#([^)]+)\) \|(.*)\|$", doc, re.M)
    assert len(rows) >= 16
    for anchor, rest in rows:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", rest)]
        counts = dict(zip(("ink", "choicescript", "toml"), cells[1::2], strict=True))
        snippets = sections[anchor].pop(0)
        for lang, cell in counts.items():
            expected = 0 if cell in ("-", "0") else int(cell.split()[0])
            assert snippets.get(lang, 0) == expected, (anchor, lang)


COMPARISON_STORY = FOLDER.parent / "comparison"


def test_every_hyosan_snippet_of_the_comparison_is_in_a_story_that_loads() -> None:
    story = load_story(COMPARISON_STORY)
    assert list(story.warnings) == []
    written = {
        line.strip()
        for path in COMPARISON_STORY.glob("*.toml")
        for line in path.read_text().splitlines()
    }
    doc = GUIDE.read_text().partition("## Coming from ink or ChoiceScript")[2]
    snippets = re.findall(r"```toml\n(.*?)```", doc, re.S)
    assert len(snippets) >= 15
    for body in snippets:
        for line in body.splitlines():
            assert not line.strip() or line.strip() in written, line


def test_the_comparison_story_plays_what_the_guide_says() -> None:
    game = Game.new(load_story(COMPARISON_STORY))
    assert game.title == "The harbour"
    assert game.text == "The quay was empty.\n\nThe office was locked."  # `next`: one page
    pick(game, "Read the notice")
    assert "bounces off.\n\nThe hall runs" in pick(game, "Throw the stool")
    assert "It is open now.\n\nSomeone is waiting." in pick(game, "Try the office door")
    page = pick(game, "Smile")
    assert page.startswith("She smiled back.\n\nThe train pulled in.")  # the gather
    assert labels(game) == ["Continue"]  # the page break, kept on purpose
    assert "I read it twice." in pick(game, "Continue")
    assert "I poured 2 cups." in pick(game, "Pour for two")  # a call with a "parameter"
    assert "The swell was gentle." in pick(game, "Ask the captain")
    page = pick(game, "Ask about the light")
    assert "The light is out." in page and "The boat began to roll." in page
    assert labels(game) == ["Look out of the window", "Ask about the bar"]
    page = pick(game, "Ask about the bar")
    assert "Nothing more to ask." in page  # the fallback, through `asked`
    assert game.ended is not None and game.ended.id == "deck"


def test_the_comparison_story_reaches_its_squall() -> None:
    game = Game.new(load_story(COMPARISON_STORY), outcomes=Toward("overboard"))
    pick(game, "Walk on")
    pick(game, "Help with the chairs")
    pick(game, "Go out to the platform")
    pick(game, "Frown")
    assert "She trusts you 1 much." in pick(game, "Continue")
    for _ in range(4):
        assert "The kettle took its time." in pick(game, "Make tea")
    assert "The squall hit us broadside." in pick(game, "Make tea")
    pick(game, "Grab for the cage")
    assert game.ended is not None and game.ended.id == "dark"


def test_plain_mode_shows_an_unbounded_stat_as_a_number_and_asks_no_name(
    tmp_path: Path,
) -> None:
    out = io.StringIO()
    run_plain(FOLDER, tmp_path / "saves", io.StringIO("quit\n"), out, 1)
    text = out.getvalue()
    assert "Coins 0\n" in text and "/1000000000" not in text
    assert "name" not in text.split("== The quay ==")[0].lower()  # ask_name = false
