"""The inventory's rules as pure functions: how many of an item the player can carry, and
what giving and taking leave.

One place for them, used by the rules (`Game`) and by the dev tools (`debug`), so a change of
limit cannot make the two disagree. An inventory is never changed in place: undo points
share it, so each function returns a new dict.
"""

from __future__ import annotations

from collections.abc import Mapping

ITEM_LIMIT = 999
"""The most of one item the player can carry."""


def given(inventory: Mapping[str, int], item_id: str, n: int) -> dict[str, int]:
    """`inventory` with `n` more of `item_id`, capped at `ITEM_LIMIT`."""
    return {**inventory, item_id: min(inventory.get(item_id, 0) + n, ITEM_LIMIT)}


def taken(inventory: Mapping[str, int], item_id: str, n: int | None = None) -> dict[str, int]:
    """`inventory` with `n` fewer of `item_id` (all of it when `n` is None); an item none
    of which is left is gone from it."""
    out = dict(inventory)
    left = 0 if n is None else out.get(item_id, 0) - n
    if left > 0:
        out[item_id] = left
    else:
        out.pop(item_id, None)
    return out
