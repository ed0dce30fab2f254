"""Comparisons a stat's bounds decide before anyone plays: `gold >= 50` when Gold stops at 10.

Such a condition is almost always a typo or a forgotten `max`, and it silently closes (or
opens) a choice for every player; the loader reports it as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from game.story.conditions import Binary, Literal, Name, Node, walk
from game.story.model import STAT_LIMIT, Stat

_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}


def _holds(value: int, op: str, n: int) -> bool:
    return {
        "<": value < n,
        "<=": value <= n,
        ">": value > n,
        ">=": value >= n,
        "==": value == n,
        "!=": value != n,
    }[op]


def _describe(stat: Stat) -> str:
    low = f"at least {stat.min}" if stat.min > -STAT_LIMIT else ""
    high = f"at most {stat.max}" if stat.max < STAT_LIMIT else ""
    return " and ".join(b for b in (low, high) if b) or "unbounded"


def bound_warnings(node: Node, stats: Mapping[str, Stat]) -> Iterator[tuple[int, str]]:
    """(column, message) for each `stat OP number` that the stat's bounds decide."""
    for sub in walk(node):
        if not isinstance(sub, Binary) or sub.op not in _FLIP:
            continue
        left, right, op = sub.left, sub.right, sub.op
        if isinstance(left, Literal) and isinstance(right, Name):
            left, right, op = right, left, _FLIP[op]
        if not (isinstance(left, Name) and isinstance(right, Literal)):
            continue
        stat = stats.get(left.name)
        if stat is None or isinstance(right.value, bool) or not isinstance(right.value, int):
            continue
        n = right.value
        # A comparison is monotone in the value, so the bounds (and n) decide it.
        probes = {v for v in (stat.min, stat.max, n - 1, n, n + 1) if stat.min <= v <= stat.max}
        results = {_holds(v, op, n) for v in probes}
        if results == {False}:
            yield (
                left.col,
                (
                    f"`{left.name} {op} {n}` can never be true: {stat.name} is {_describe(stat)}; "
                    "fix the number or the stat's bounds"
                ),
            )
        elif results == {True}:
            yield (
                left.col,
                (
                    f"`{left.name} {op} {n}` is always true: {stat.name} is {_describe(stat)}; "
                    "the condition does nothing"
                ),
            )
