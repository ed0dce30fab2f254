from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from game.story.conditions import ConditionError, Names, compile_condition

NAMES = Names(
    flags={"door_open": "the door is open", "met_minji": "you have met Min-ji"},
    stats={"health": "Health", "hunger": "Hunger"},
    items={"mop": "Mop handle", "keycard": "Staff keycard"},
    scenes={"hall": "The east hall", "roof": "The roof"},
)


@dataclass
class State:
    flags: dict[str, bool] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=lambda: {"health": 5, "hunger": 0})
    inventory: dict[str, int] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    infection: str = "human"
    turn: int = 3


@pytest.mark.parametrize(
    ("src", "state", "expected"),
    [
        ("has(mop)", State(inventory={"mop": 1}), True),
        ("has('mop')", State(), False),
        ("has(mop, 2)", State(inventory={"mop": 1}), False),
        ("count(mop) + 1 == 3", State(inventory={"mop": 2}), True),
        ("health >= 5 and not hybrid", State(), True),
        ("health * 2 - 1 > 8", State(), True),
        ("-health < 0", State(), True),
        ("door_open or visited(hall)", State(visits={"hall": 1}), True),
        ("visits(roof) == 0", State(), True),
        ("infected", State(infection="bitten"), True),
        ("infected and not bitten", State(infection="hybrid"), True),
        ("human", State(infection="zombie"), False),
        ("turn > 2 and (true or false)", State(), True),
        ("not (door_open and met_minji)", State(flags={"door_open": True}), True),
    ],
)
def test_evaluates(src: str, state: State, expected: bool) -> None:
    assert compile_condition(src, NAMES).test(state) is expected


@pytest.mark.parametrize(
    ("src", "message", "column"),
    [
        ("has(mop) and", "expected a value, found the end of the condition", 13),
        ("health = 3", "unexpected character '=' (use '==' to compare)", 8),
        ("1 < health < 3", "comparisons cannot be chained; join them with 'and'", 12),
        ("dor_open", "unknown name 'dor_open'; did you mean 'door_open'?", 1),
        ("has(mob)", "unknown item 'mob' in has(); did you mean 'mop'?", 5),
        ("visited(hal)", "unknown scene 'hal' in visited(); did you mean 'hall'?", 9),
        ("health && hybrid", "write 'and' instead of '&&'", 8),
        ("(health > 1", "expected ')', found the end of the condition", 12),
        ("hall", "unknown name 'hall'; 'hall' is a scene: write visited(hall)", 1),
        ("has(mop, x)", "the count in has(item, n) must be a number", 10),
        ("1234567890 > 1", "number too large (at most 9 digits)", 1),
        ("'mop'", "a quoted name is only allowed inside has(), count(), visited(): 'mop'", 1),
        ("health $ 1", "unexpected character '$'", 8),
    ],
)
def test_errors_have_message_and_column(src: str, message: str, column: int) -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition(src, NAMES)
    assert (info.value.message, info.value.column) == (message, column)


@pytest.mark.parametrize(
    ("src", "state", "reason"),
    [
        ("has(mop)", State(), "needs Mop handle"),
        ("not has(mop)", State(inventory={"mop": 1}), "not while carrying Mop handle"),
        ("health >= 7", State(), "Health must be at least 7"),
        ("not (health >= 3)", State(), "Health must be less than 3"),
        ("hybrid", State(), "only a hybrid could do this"),
        ("door_open", State(), "requires: the door is open"),
        ("has(mop) and door_open", State(inventory={"mop": 1}), "requires: the door is open"),
        ("has(mop) or hybrid", State(), "needs Mop handle, or only a hybrid could do this"),
        ("visited(roof)", State(), "only after: The roof"),
        ("turn > 10", State(), "requires: turn > 10"),
    ],
)
def test_closed_reason_names_what_is_missing(src: str, state: State, reason: str) -> None:
    cond = compile_condition(src, NAMES)
    assert not cond.test(state)
    assert cond.why_not(state) == reason
