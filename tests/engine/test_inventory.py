"""The inventory's rules: the carry limit, and what giving and taking leave."""

from __future__ import annotations

from game.engine.inventory import ITEM_LIMIT, given, taken


def test_giving_adds_up_to_the_limit_and_never_changes_the_old_inventory() -> None:
    old = {"mop": 2}
    assert given(old, "mop", 3) == {"mop": 5}
    assert given(old, "key", 1) == {"mop": 2, "key": 1}
    assert given(old, "mop", 5000) == {"mop": ITEM_LIMIT}
    assert old == {"mop": 2}


def test_taking_leaves_the_rest_or_removes_the_item() -> None:
    old = {"mop": 3, "key": 1}
    assert taken(old, "mop", 1) == {"mop": 2, "key": 1}
    assert taken(old, "mop", 3) == {"key": 1}
    assert taken(old, "mop", 10) == {"key": 1}
    assert taken(old, "mop") == {"key": 1}
    assert taken(old, "lamp", 1) == old
    assert old == {"mop": 3, "key": 1}
