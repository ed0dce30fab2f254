"""The engine's shortcuts give exactly what the plain way gives: conditions compiled to flat
tests, whitespace tidied only where a pattern can match, per-story tables that never keep a
story alive, announcements made once and shared."""

from __future__ import annotations

import dataclasses
import itertools
import random
from dataclasses import dataclass, field

from game.engine import Game
from game.engine.tables import tables_for
from game.story import Story
from game.story.conditions import Names, _Compiler, compile_condition, parse_condition
from game.story.text import _BLANKS, _LINE_END, _SPACES, tidy

NAMES = Names(
    flags={"door": "the door is open", "met": "you met her"},
    stats={"health": "Health", "trust": "Trust", "human": "Humanity"},
    items={"mop": "Mop"},
    scenes={"hall": "Hall"},
)
"""`human` is a stat here: a stat's name wins over the infection word, as in `value`."""


@dataclass
class State:
    flags: dict[str, bool] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)
    inventory: dict[str, int] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    infection: str = "human"
    turn: int = 0


CONDITIONS = [
    "door",
    "not door",
    "hybrid",
    "not hybrid",
    "infected",
    "not infected",
    "bitten or door",
    "human",  # the stat, not the infection word
    "not human",
    "health",
    "health >= 3",
    "health > 3",
    "health <= 3",
    "health < 3",
    "health == 3",
    "health != 3",
    "3 <= health",
    "health + trust > 4",
    "has(mop) and not met",
    "has(mop, 2) or visited(hall)",
    "count(mop)",
    "visits(hall) - 1",
    "true",
    "false",
    "0",
    "not (door and met) or trust >= 2 and health < 5",
]


def states() -> list[State]:
    out = []
    for door, met, hybrid, health, trust, human, mops, hall in itertools.product(
        (False, True), (False, True), ("human", "bitten", "hybrid"), (0, 3, 5), (1, 2), (0, 1),
        (0, 1, 2), (0, 1, 3),
    ):  # fmt: skip
        flags: dict[str, bool] = {"door": door} if door else {}
        if met:
            flags["met"] = True
        out.append(
            State(
                flags=flags,
                stats={"health": health, "trust": trust, "human": human},
                inventory={"mop": mops} if mops else {},
                visits={"hall": hall} if hall else {},
                infection=hybrid,
            )
        )
    return out


def test_compiled_tests_give_the_bool_of_the_plain_value() -> None:
    every = states()
    for src in CONDITIONS:
        test = compile_condition(src, NAMES).test
        value = _Compiler(NAMES, src).value(parse_condition(src))
        for s in every:
            got = test(s)
            assert type(got) is bool, (src, s)
            assert got == bool(value(s)), (src, s)


def test_tidy_gives_what_the_three_patterns_give() -> None:
    rng = random.Random(15)
    pieces = ["a", "b.", " ", "  ", "\t", "\n", "\n\n", " \n", "\xa0", "\r"]
    for _ in range(4_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        plain = _BLANKS.sub("\n\n", _LINE_END.sub("\n", _SPACES.sub(" ", text))).strip()
        assert tidy(text) == plain, repr(text)


def test_a_story_no_game_plays_is_freed_with_its_tables(starter: Story) -> None:
    story = dataclasses.replace(starter)  # the same story as another object
    game = Game.new(story)
    key = id(story)
    assert tables_for.made[key] is tables_for(story) is game._tables
    assert Game.new(story)._tables is game._tables  # one per story, shared
    del game, story
    # no cycle holds a game or a story: they go as soon as the last reference does
    assert key not in tables_for.made


def test_announcements_are_made_once_and_read_the_same(starter: Story) -> None:
    first, second = Game.new(starter), Game.new(starter)
    for game in (first, second):
        game.choose(0)  # Barricade: gains the mop
    assert [e.text for e in first.events] == [e.text for e in second.events]
    assert "You gain Mop handle." in [e.text for e in first.events]
    assert all(a is b for a, b in zip(first.events, second.events, strict=True))
